package main

import "testing"

// TestServeNationalStoreFlags: --kho-du-lieu (or $MOTCUA_KHODL) connects
// the citizens' national data store; its token comes from the environment
// only.
func TestServeNationalStoreFlags(t *testing.T) {
	t.Setenv("MOTCUA_KHODL", "https://kho.example.gov.vn/env")
	t.Setenv("MOTCUA_KHODL_TOKEN", "bi-mat")
	c, err := serveConfig(nil)
	if err != nil || c.NationalStore.URL != "https://kho.example.gov.vn/env" || c.NationalStore.Token != "bi-mat" {
		t.Fatalf("from the environment: %+v, %v", c.NationalStore, err)
	}
	c, err = serveConfig([]string{"--kho-du-lieu", "https://kho.example.gov.vn/api"})
	if err != nil || c.NationalStore.URL != "https://kho.example.gov.vn/api" || c.NationalStore.Token != "bi-mat" {
		t.Fatalf("from the flag: %+v, %v", c.NationalStore, err)
	}
	if _, err := serveConfig([]string{"--kho-du-lieu-token", "x"}); err == nil {
		t.Error("a token flag was taken: the token belongs in the environment")
	}
}

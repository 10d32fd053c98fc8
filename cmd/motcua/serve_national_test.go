package main

import (
	"strings"
	"testing"
)

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

// TestServeNationalCatalogFlag: --csdl-tthc (or $MOTCUA_CSDL_TTHC) names
// the national procedure database's service; a plain-http address off
// loopback is refused.
func TestServeNationalCatalogFlag(t *testing.T) {
	t.Setenv("MOTCUA_CSDL_TTHC", "https://csdl.example.gov.vn/env")
	c, err := serveConfig(nil)
	if err != nil || c.NationalCatalog != "https://csdl.example.gov.vn/env" {
		t.Fatalf("from the environment: %q, %v", c.NationalCatalog, err)
	}
	c, err = serveConfig([]string{"--csdl-tthc", "https://csdl.example.gov.vn/api"})
	if err != nil || c.NationalCatalog != "https://csdl.example.gov.vn/api" {
		t.Fatalf("from the flag: %q, %v", c.NationalCatalog, err)
	}
	c.NationalCatalog = "http://csdl.example.gov.vn/api"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "--csdl-tthc") {
		t.Errorf("plain http off loopback: %v", err)
	}
}

package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua/api"
)

var update = flag.Bool("update", false, "rewrite testdata/openapi.json from the code")

// TestOpenAPIIsGolden: the description served at /openapi.json equals
// testdata/openapi.json, so a change of the API shows in review (rewrite
// it with go test ./api -run OpenAPI -update), and it describes every
// /api/v1 route the server answers.
func TestOpenAPIIsGolden(t *testing.T) {
	spec, err := api.Spec()
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/openapi.json"
	if *update {
		if err := os.WriteFile(golden, append(spec, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./api -run OpenAPI -update)", err)
	}
	if !bytes.Equal(append(spec, '\n'), want) {
		t.Fatal("the API changed and testdata/openapi.json did not: check the change, then go test ./api -run OpenAPI -update")
	}
	e := newEnv(t)
	res := e.do(t, "", "GET", "/openapi.json", nil)
	if res.status != http.StatusOK || !bytes.Equal(res.body, spec) {
		t.Fatalf("/openapi.json: %d", res.status)
	}
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(spec, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("not OpenAPI 3.1: %v", err)
	}
	// Every described operation answers (not the catch-all's "no such API").
	for path, ops := range doc.Paths {
		for method := range ops {
			concrete := strings.NewReplacer("{code}", "000.22.33.H17-240305-9999", "{id}", "1").Replace(path)
			res := e.do(t, "", strings.ToUpper(method), concrete, nil)
			if strings.Contains(string(res.body), "Không có API") {
				t.Errorf("%s %s is described but not served", strings.ToUpper(method), path)
			}
		}
	}
}

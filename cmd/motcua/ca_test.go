package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestCADemoCertifiesEachUnit: `ca demo` writes a PKCS#12 per unit in
// force, named by its code, whose certificate names the unit and the demo
// label; `ca revoke` puts it on crl.pem.
func TestCADemoCertifiesEachUnit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := t.Context()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := sample.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	dir := filepath.Join(t.TempDir(), "ca")
	out, err := capture(t, "ca", "demo", "--db", path, "--out", dir, "--password", "mk")
	if err != nil || !strings.Contains(out, pdfsign.DemoLabel) {
		t.Fatalf("ca demo = %q, %v", out, err)
	}
	p12, err := os.ReadFile(filepath.Join(dir, w.UnitA.Code+".p12"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := pdfsign.LoadPKCS12(p12, "mk")
	if err != nil {
		t.Fatal(err)
	}
	if cn := key.Chain[0].Subject.CommonName; cn != w.UnitA.Name+" ("+pdfsign.DemoLabel+")" {
		t.Errorf("certificate of %s names %q", w.UnitA.Code, cn)
	}
	if _, err := capture(t, "ca", "revoke", "--dir", dir, w.UnitA.Code); err != nil {
		t.Fatal(err)
	}
	crl, err := pdfsign.DemoRevocationList(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, revoked := crl.Revoked(key.Chain[0]); !revoked {
		t.Error("the revoked certificate is not on crl.pem")
	}
}

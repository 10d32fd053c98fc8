package pdfsign

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestDemoDirectory: `motcua ca demo`'s files sign a PDF that pdfsig
// trusts through the CA written there; after `motcua ca revoke` the same
// PKCS#12 signs nothing.
func TestDemoDirectory(t *testing.T) {
	dir := t.TempDir()
	units := []DemoUnit{{"000.00.61.H36", "Ủy ban nhân dân xã Thuận An"}, {"000.00.62.H36", "Ủy ban nhân dân xã Đức Lập"}}
	if err := WriteDemoCA(dir, units, "demo-dak-mil", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := WriteDemoCA(dir, units, "demo-dak-mil", time.Now()); motcua.ErrorCode(err) != motcua.ECONFLICT {
		t.Errorf("a second CA over the first: %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "ca.key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("ca.key: %v %v", info, err)
	}
	key, err := LoadPKCS12(readFile(t, filepath.Join(dir, "000.00.62.H36.p12")), "demo-dak-mil")
	if err != nil {
		t.Fatal(err)
	}
	crl, err := DemoRevocationList(dir)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := Sign(gopdfFile(t), key, Options{Revoked: crl})
	if err != nil {
		t.Fatal(err)
	}
	ca, err := LoadDemoCA(dir)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.WantLines(t, pdftest.Tool(t, "pdfsig", "-nssdir", "sql:"+pdftest.TrustingNSSDir(t, ca.Cert), pdftest.WriteTemp(t, "s.pdf", signed)),
		"Common Name: Ủy ban nhân dân xã Đức Lập (DEMO – không có giá trị pháp lý)",
		"Signature is Valid.", "Certificate is Trusted.")

	if err := RevokeDemo(dir, "000.00.62.H36", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := RevokeDemo(dir, "000.00.99.H36", time.Now()); motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Errorf("revoking an unknown unit: %v", err)
	}
	crl, err = DemoRevocationList(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Sign(gopdfFile(t), key, Options{Revoked: crl}); !strings.Contains(motcua.ErrorMessage(err), "đã bị thu hồi") {
		t.Errorf("signing after revocation: %v", err)
	}
	other, _ := LoadPKCS12(readFile(t, filepath.Join(dir, "000.00.61.H36.p12")), "demo-dak-mil")
	if _, err := Sign(gopdfFile(t), other, Options{Revoked: crl}); err != nil {
		t.Errorf("another unit after the revocation: %v", err)
	}
}

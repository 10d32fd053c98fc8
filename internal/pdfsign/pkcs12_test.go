package pdfsign

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestPKCS12RoundTrip: what EncodePKCS12 writes, x/crypto/pkcs12 (through
// LoadPKCS12) and OpenSSL read back, chain in order; a wrong password is
// a Vietnamese error.
func TestPKCS12RoundTrip(t *testing.T) {
	ca, key := demoKey(t)
	for name, k := range map[string]Key{"rsa": key, "ecdsa": ecdsaKey(t, ca, "Xã Đắk Sắk")} {
		t.Run(name, func(t *testing.T) {
			p12, err := EncodePKCS12(k, "mật khẩu demo", "Xã Thuận An")
			if err != nil {
				t.Fatal(err)
			}
			got, err := LoadPKCS12(p12, "mật khẩu demo")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Chain) != 2 || !got.Chain[0].Equal(k.Chain[0]) || !got.Chain[1].Equal(ca.Cert) ||
				!publicKeysEqual(got.Signer.Public(), k.Signer.Public()) {
				t.Errorf("loaded chain %v", got.Chain)
			}
			if _, err := Sign(gopdfFile(t), got, Options{}); err != nil {
				t.Errorf("signing with the loaded key: %v", err)
			}
			_, err = LoadPKCS12(p12, "sai")
			if motcua.ErrorMessage(err) != "Mật khẩu của tệp PKCS#12 không đúng." {
				t.Errorf("wrong password: %v", err)
			}
			if _, err := exec.LookPath("openssl"); err == nil {
				path := pdftest.WriteTemp(t, "unit.p12", p12)
				out, err := exec.Command("openssl", "pkcs12", "-in", path, "-passin", "pass:mật khẩu demo", "-nodes", "-info").CombinedOutput()
				if err != nil || strings.Count(string(out), "BEGIN CERTIFICATE") != 2 || !strings.Contains(string(out), "PRIVATE KEY") {
					t.Errorf("openssl pkcs12: %v\n%s", err, out)
				}
			}
		})
	}
}

// TestAESPKCS12IsExplained: a PKCS#12 in the OpenSSL 3 default (PBES2,
// AES) is refused with the way to convert it.
func TestAESPKCS12IsExplained(t *testing.T) {
	_, key := demoKey(t)
	p12, err := EncodePKCS12(key, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Fatal("openssl is needed to write an AES PKCS#12")
	}
	in := pdftest.WriteTemp(t, "legacy.p12", p12)
	out := strings.TrimSuffix(in, "legacy.p12") + "aes.p12"
	pemOut, err := exec.Command("openssl", "pkcs12", "-in", in, "-passin", "pass:x", "-nodes").Output()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("openssl", "pkcs12", "-export", "-in", pdftest.WriteTemp(t, "key.pem", pemOut), "-out", out, "-passout", "pass:x")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openssl export: %v %s", err, b)
	}
	_, err = LoadPKCS12(readFile(t, out), "x")
	if !strings.Contains(motcua.ErrorMessage(err), "openssl pkcs12 -export -legacy") {
		t.Errorf("AES PKCS#12: %v", err)
	}
}

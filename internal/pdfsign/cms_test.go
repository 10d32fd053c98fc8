package pdfsign

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"
	"time"
)

// TestSubstitutedCertificateIsRefused: a second certificate for the same
// key (from another CA) put in place of the one the signing-certificate-v2
// attribute names fails the check, though the signature itself verifies.
func TestSubstitutedCertificateIsRefused(t *testing.T) {
	_, key := demoKey(t)
	other, err := NewDemoCA(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: randomSerial(), Subject: pkix.Name{CommonName: "Kẻ mạo danh"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, other.Cert, key.Signer.Public(), other.Key)
	if err != nil {
		t.Fatal(err)
	}
	impostor, _ := x509.ParseCertificate(der)

	content := []byte("the signed bytes")
	digest := sha256.Sum256(content)
	attrs := signedAttributes(digest[:], key.Chain[0])
	attrsDigest := sha256.Sum256(attrs)
	signature, err := key.Signer.Sign(rand.Reader, attrsDigest[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	honest, _ := assembleCMS(attrs, signature, key.Chain)
	if _, err := checkCMS(honest, content); err != nil {
		t.Fatalf("the honest CMS: %v", err)
	}
	swapped, _ := assembleCMS(attrs, signature, []*x509.Certificate{impostor, other.Cert})
	if _, err := checkCMS(swapped, content); err == nil || err.Error() != "Chứng thư số kèm chữ ký không phải chứng thư mà người ký đã chỉ định." {
		t.Errorf("the substituted certificate: %v", err)
	}
}

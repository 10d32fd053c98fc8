package pdfsign

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"time"
)

// DemoLabel marks every demo certificate: a signature made with one must
// never pass for a legal one.
const DemoLabel = "DEMO – không có giá trị pháp lý"

// DemoCA is a root certification authority for the demo and the tests.
type DemoCA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// NewDemoCA creates a self-signed root valid ten years from now.
func NewDemoCA(now time.Time) (*DemoCA, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          randomSerial(),
		Subject:               pkix.Name{CommonName: "motcua Root CA (" + DemoLabel + ")", Organization: []string{DemoLabel}, Country: []string{"VN"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &DemoCA{Cert: cert, Key: key}, err
}

// Issue makes a unit's signing key and certificate, valid two years. The
// subject's common name is the unit's name with the demo label, so that
// "signed by" reads as a demo wherever it is shown.
func (ca *DemoCA) Issue(unitName, unitCode string, now time.Time) (Key, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return Key{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject: pkix.Name{CommonName: unitName + " (" + DemoLabel + ")", Organization: []string{DemoLabel},
			OrganizationalUnit: []string{unitCode}, Country: []string{"VN"}},
		NotBefore: now.Add(-time.Hour),
		NotAfter:  now.AddDate(2, 0, 0),
		// No extended key usage: NSS (poppler's pdfsig) then accepts the
		// certificate for document signing.
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return Key{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return Key{}, err
	}
	return Key{Signer: key, Chain: []*x509.Certificate{cert, ca.Cert}}, nil
}

// RevocationList is a DER CRL of the CA listing entries, valid 30 days.
func (ca *DemoCA) RevocationList(entries []x509.RevocationListEntry, number int64, now time.Time) ([]byte, error) {
	return x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(number), ThisUpdate: now, NextUpdate: now.AddDate(0, 0, 30),
		RevokedCertificateEntries: entries,
	}, ca.Cert, ca.Key)
}

func randomSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		panic(err) // crypto/rand does not fail
	}
	return n.Add(n, big.NewInt(1))
}

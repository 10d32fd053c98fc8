package pdfsign

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/motcua/motcua"
)

// DemoUnit is a unit the demo CA certifies.
type DemoUnit struct{ Code, Name string }

// The demo CA's directory (`motcua ca demo --out DIR`): ca.crt, ca.key,
// crl.pem, and per unit CODE.crt and CODE.p12 (the password given).
const (
	demoCAFile  = "ca.crt"
	demoKeyFile = "ca.key"
	demoCRLFile = "crl.pem"
)

// WriteDemoCA creates a demo root CA in dir, an empty revocation list, and
// a certificate and PKCS#12 file per unit. It refuses a directory that
// already holds a CA: its units' files would no longer match.
func WriteDemoCA(dir string, units []DemoUnit, password string, now time.Time) (err error) {
	defer motcua.Wrap(&err, "pdfsign.WriteDemoCA(%q)", dir)
	if _, err := os.Stat(filepath.Join(dir, demoKeyFile)); err == nil {
		return motcua.Errorf(motcua.ECONFLICT, "Thư mục %s đã có CA demo; chọn thư mục khác.", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	ca, err := NewDemoCA(now)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(ca.Key)
	if err != nil {
		return err
	}
	if err := writePEM(dir, demoKeyFile, "PRIVATE KEY", keyDER, 0o600); err != nil {
		return err
	}
	if err := writePEM(dir, demoCAFile, "CERTIFICATE", ca.Cert.Raw, 0o644); err != nil {
		return err
	}
	if err := writeCRL(dir, ca, nil, now); err != nil {
		return err
	}
	for _, u := range units {
		if err := writeUnit(dir, ca, u, password, now); err != nil {
			return err
		}
	}
	return nil
}

func writeUnit(dir string, ca *DemoCA, u DemoUnit, password string, now time.Time) error {
	if u.Code == "" || filepath.Base(u.Code) != u.Code {
		return fmt.Errorf("unit code %q cannot name a file", u.Code)
	}
	key, err := ca.Issue(u.Name, u.Code, now)
	if err != nil {
		return err
	}
	p12, err := EncodePKCS12(key, password, u.Name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, u.Code+".p12"), p12, 0o600); err != nil {
		return err
	}
	return writePEM(dir, u.Code+".crt", "CERTIFICATE", key.Chain[0].Raw, 0o644)
}

// RevokeDemo puts the unit's certificate on the demo CA's revocation list.
func RevokeDemo(dir, code string, now time.Time) (err error) {
	defer motcua.Wrap(&err, "pdfsign.RevokeDemo(%q, %q)", dir, code)
	ca, err := LoadDemoCA(dir)
	if err != nil {
		return err
	}
	cert, err := readCert(filepath.Join(dir, code+".crt"))
	if err != nil {
		return motcua.Errorf(motcua.ENOTFOUND, "Không có chứng thư của đơn vị %s trong %s.", code, dir)
	}
	old, err := x509.ParseRevocationList(pemBody(readOr(filepath.Join(dir, demoCRLFile))))
	if err != nil {
		return err
	}
	entries := append(old.RevokedCertificateEntries, x509.RevocationListEntry{SerialNumber: cert.SerialNumber, RevocationTime: now})
	return writeCRL(dir, ca, entries, now)
}

// LoadDemoCA reads the CA of a demo directory.
func LoadDemoCA(dir string) (*DemoCA, error) {
	cert, err := readCert(filepath.Join(dir, demoCAFile))
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(dir, demoKeyFile))
	if err != nil {
		return nil, err
	}
	key, err := x509.ParsePKCS8PrivateKey(pemBody(raw))
	if err != nil {
		return nil, err
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("the CA key cannot sign")
	}
	return &DemoCA{Cert: cert, Key: signer}, nil
}

// DemoRevocationList is the demo directory's CRL, checked against its CA.
func DemoRevocationList(dir string) (*RevocationList, error) {
	ca, err := LoadDemoCA(dir)
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(dir, demoCRLFile))
	if err != nil {
		return nil, err
	}
	return ParseRevocationList(raw, ca.Cert)
}

func writeCRL(dir string, ca *DemoCA, entries []x509.RevocationListEntry, now time.Time) error {
	der, err := ca.RevocationList(entries, now.Unix(), now)
	if err != nil {
		return err
	}
	return writePEM(dir, demoCRLFile, "X509 CRL", der, 0o644)
}

func writePEM(dir, file, kind string, der []byte, mode os.FileMode) error {
	return os.WriteFile(filepath.Join(dir, file), pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), mode)
}

func readCert(path string) (*x509.Certificate, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(pemBody(raw))
}

// pemBody is the first PEM block's bytes, or the input when it is DER.
func pemBody(raw []byte) []byte {
	if block, _ := pem.Decode(raw); block != nil {
		return block.Bytes
	}
	return raw
}

func readOr(path string) []byte {
	b, _ := os.ReadFile(path)
	return b
}

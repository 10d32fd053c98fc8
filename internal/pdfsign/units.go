package pdfsign

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/motcua/motcua"
)

// UnitSigner signs each unit's issued results (motcua.ResultSigner) with
// the key of a signing directory laid out as `motcua ca demo` writes it:
// CODE.p12 per unit (the unit's QCVN 102 code), and the issuing CA's
// ca.crt with its revocation list crl.pem, which is always checked — a
// revoked certificate is refused, never used. The directory is read at
// each signature, so a renewed key or a new CRL needs no restart.
type UnitSigner struct {
	Dir      string
	Password string           // of the PKCS#12 files
	Now      func() time.Time // the signing time; time.Now when nil
}

// Sign signs pdf for unit.
func (s UnitSigner) Sign(_ context.Context, unit *motcua.Unit, pdf []byte) (_ []byte, err error) {
	defer motcua.Wrap(&err, "pdfsign.UnitSigner.Sign(%s)", unit.Code)
	raw, err := os.ReadFile(filepath.Join(s.Dir, unit.Code+".p12"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "%s chưa có chứng thư số để ký kết quả điện tử; liên hệ quản trị hệ thống.", unit.Name)
	}
	if err != nil {
		return nil, err
	}
	key, err := LoadPKCS12(raw, s.Password)
	if err != nil {
		return nil, err
	}
	revoked, err := s.revocationList()
	if err != nil {
		return nil, err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return Sign(pdf, key, Options{Time: now(), Reason: "Ban hành kết quả giải quyết thủ tục hành chính", Location: unit.Name,
		Revoked: revoked})
}

// revocationList reads the directory's CRL, checked against its CA.
func (s UnitSigner) revocationList() (*RevocationList, error) {
	ca, err := readCert(filepath.Join(s.Dir, demoCAFile))
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(s.Dir, demoCRLFile))
	if err != nil {
		return nil, err
	}
	return ParseRevocationList(raw, ca)
}

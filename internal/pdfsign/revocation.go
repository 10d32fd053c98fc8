package pdfsign

import (
	"crypto/x509"
	"encoding/pem"
	"time"

	"github.com/motcua/motcua"
)

// RevocationList is an issuer's certificate revocation list (an X.509
// CRL, PEM or DER), checked against its issuer before use: a province
// downloads its CA's CRL to a file, the demo CA writes one.
type RevocationList struct {
	issuer  *x509.Certificate
	revoked map[string]time.Time // serial (hex) → revocation time
}

// ParseRevocationList reads a CRL and checks that issuer signed it.
func ParseRevocationList(data []byte, issuer *x509.Certificate) (_ *RevocationList, err error) {
	defer motcua.Wrap(&err, "pdfsign.ParseRevocationList")
	if block, _ := pem.Decode(data); block != nil {
		data = block.Bytes
	}
	crl, err := x509.ParseRevocationList(data)
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Danh sách chứng thư bị thu hồi (CRL) không đọc được: %v.", err)
	}
	if err := crl.CheckSignatureFrom(issuer); err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Danh sách chứng thư bị thu hồi không do %s ký: %v.", subjectName(issuer), err)
	}
	list := &RevocationList{issuer: issuer, revoked: map[string]time.Time{}}
	for _, e := range crl.RevokedCertificateEntries {
		list.revoked[e.SerialNumber.Text(16)] = e.RevocationTime
	}
	return list, nil
}

// Revoked reports whether the list revokes cert, and since when. A
// certificate of another issuer is not on this list.
func (l *RevocationList) Revoked(cert *x509.Certificate) (time.Time, bool) {
	if string(cert.RawIssuer) != string(l.issuer.RawSubject) {
		return time.Time{}, false
	}
	at, ok := l.revoked[cert.SerialNumber.Text(16)]
	return at, ok
}

package motcua

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
)

// An electronic result (issue 18): the document the deciding unit issues
// when it records the result, under a result code (mã kết quả) printed on
// it with a QR code to the public verification page. The file is immutable
// once issued; a correction is a new result that supersedes the old one,
// and a leader may revoke a result with a reason.

// VerifyPath is the public verification page the result's QR code opens.
const VerifyPath = "/xac-minh"

// VerifyURL is the link printed as a result's QR code.
func VerifyURL(base, code string) string {
	return strings.TrimRight(base, "/") + VerifyPath + "?ma=" + code
}

// ResultStatus is whether an issued result holds.
type ResultStatus string

const (
	ResultValid      ResultStatus = "valid"
	ResultSuperseded ResultStatus = "superseded"
	ResultRevoked    ResultStatus = "revoked"
)

// Label is the status as the verification page says it.
func (s ResultStatus) Label() string {
	switch s {
	case ResultValid:
		return "Còn hiệu lực"
	case ResultSuperseded:
		return "Đã được thay thế"
	case ResultRevoked:
		return "Đã bị thu hồi"
	}
	return string(s)
}

// IssuedResult is an electronic result with its code. The public part
// (what /xac-minh shows to anyone with the code) has no personal data.
type IssuedResult struct {
	ID           int64
	Code         string
	DossierID    int64
	DossierCode  string
	File         SubmittedFile // the document as issued (its SHA-256 is in the ledger)
	UnitID       int64         // the issuer
	UnitName     string
	Kind         string // the procedure's kind of result
	Procedure    string
	IssuedAt     time.Time
	ValidUntil   time.Time // the end of the document's validity; zero: none
	IssuedBy     string    // the officer's name (staff views only)
	Supersedes   string    // the code this one corrects, with Reason
	Reason       string
	SupersededBy string // the code that corrects this one
	SupersededAt time.Time
	RevokedAt    time.Time
	RevokedBy    string
	RevokeReason string
	Status       ResultStatus
}

// ResultSigner signs an issued PDF for its unit (PAdES; package store does
// not know how). nil means results are issued unsigned.
type ResultSigner interface {
	Sign(ctx context.Context, unit *Unit, pdf []byte) ([]byte, error)
}

// resultAlphabet is Crockford's base 32: no I, L, O, U to misread.
const resultAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewResultCode draws a result code, "KQ-" and 12 random characters in
// three groups (60 bits: printable publicly, not guessable).
func NewResultCode() string {
	var raw [12]byte
	rand.Read(raw[:])
	var b strings.Builder
	b.WriteString("KQ")
	for i, c := range raw {
		if i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(resultAlphabet[int(c)%len(resultAlphabet)])
	}
	return b.String()
}

// NormalizeResultCode reads a result code as typed: any case, spaces or
// dashes anywhere, O for 0 and I or L for 1.
func NormalizeResultCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(NFC(s)) {
		switch {
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		case dashOrSpace(r):
			continue
		}
		b.WriteRune(r)
	}
	raw := b.String()
	if !strings.HasPrefix(raw, "KQ") || len(raw) != 14 {
		return raw
	}
	return "KQ-" + raw[2:6] + "-" + raw[6:10] + "-" + raw[10:14]
}

package pdfsign

import (
	"crypto/x509"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// Signature is what Verify found of one signature in a PDF: who signed,
// when they say they did, and whether it holds.
type Signature struct {
	Field       string            // the signature field's name
	Signer      string            // the signer's name: the certificate subject's CN, else its organisation
	Certificate *x509.Certificate // the signer's certificate, nil when none was found
	SigningTime time.Time         // claimed by the signer (/M, else the CMS signing-time); zero when absent
	Intact      bool              // the digest of the signed bytes matches and the signature verifies with the certificate
	WholeFile   bool              // the signed bytes reach the end of the file: nothing was appended after it
	Trusted     bool              // the certificate chains to one of the roots given to Verify, valid at SigningTime
	Problem     string            // why it is not intact or not trusted, in Vietnamese; "" when both hold
}

// Valid is the answer to show: intact and, when roots were given, trusted.
func (s Signature) Valid() bool { return s.Intact && s.Problem == "" }

// Verify finds the signatures of pdf's form fields and checks each: the
// byte range against the file, the CMS digest and signature with the
// signer's certificate, and, when roots is not nil, the chain to them.
// A PDF without signatures gives none and no error; an unreadable one an
// EINVALID error.
func Verify(pdf []byte, roots *x509.CertPool) (_ []Signature, err error) {
	defer motcua.Wrap(&err, "pdfsign.Verify")
	if len(pdf) > MaxInput {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp PDF quá lớn để kiểm tra chữ ký (tối đa %d MB).", MaxInput>>20)
	}
	d, err := parse(pdf)
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Không đọc được cấu trúc tệp PDF (%v).", err)
	}
	catalog := d.dictOf(d.trailer["Root"])
	form := d.dictOf(catalog["AcroForm"])
	fields, _ := d.resolve(form["Fields"]).(array)
	var out []Signature
	for _, f := range signatureFields(d, fields) {
		out = append(out, verifyOne(d, f, roots))
	}
	return out, nil
}

func verifyOne(d *document, f sigField, roots *x509.CertPool) Signature {
	s := Signature{Field: f.name, SigningTime: parsePDFDate(decodeText(f.sig["M"]))}
	signed, contents, wholeFile, problem := signedBytes(d, f.sig)
	if problem != "" {
		s.Problem = problem
		return s
	}
	s.WholeFile = wholeFile
	res, err := checkCMS(contents, signed)
	s.Certificate = res.signer
	if res.signer != nil {
		s.Signer = subjectName(res.signer)
	}
	if s.SigningTime.IsZero() {
		s.SigningTime = res.signingTime
	}
	if err != nil {
		s.Problem = err.Error()
		return s
	}
	s.Intact = true
	if roots != nil {
		at := s.SigningTime
		if at.IsZero() {
			at = time.Now()
		}
		_, err := res.signer.Verify(x509.VerifyOptions{Roots: roots, Intermediates: res.pool, CurrentTime: at,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
		s.Trusted = err == nil
		if err != nil {
			s.Problem = fmt.Sprintf("Chứng thư số của người ký không được tin cậy (%v).", err)
		}
	}
	return s
}

// signedBytes checks /ByteRange [a b c d]: two ranges in order, inside
// the file, the first from its start, the gap between them exactly the
// /Contents hex string. It returns the signed bytes and the CMS.
func signedBytes(d *document, sig dict) (signed, contents []byte, wholeFile bool, problem string) {
	br, _ := d.resolve(sig["ByteRange"]).(array)
	contents, _ = d.resolve(sig["Contents"]).([]byte)
	if len(br) != 4 || len(contents) == 0 {
		return nil, nil, false, "Chữ ký thiếu /ByteRange hoặc /Contents."
	}
	var n [4]int64
	for i, v := range br {
		x, ok := v.(int64)
		if !ok || x < 0 || x > int64(len(d.buf)) {
			return nil, nil, false, "Vùng dữ liệu được ký (/ByteRange) không hợp lệ."
		}
		n[i] = x
	}
	gapStart, gapEnd := n[0]+n[1], n[2]
	if n[0] != 0 || gapEnd < gapStart+2 || n[2]+n[3] > int64(len(d.buf)) ||
		d.buf[gapStart] != '<' || d.buf[gapEnd-1] != '>' {
		return nil, nil, false, "Vùng dữ liệu được ký (/ByteRange) không hợp lệ."
	}
	if _, err := (&lexer{buf: d.buf[gapStart:gapEnd]}).hexString(); err != nil {
		return nil, nil, false, "Vùng dữ liệu được ký (/ByteRange) không bao đúng chữ ký."
	}
	signed = append(append([]byte(nil), d.buf[:gapStart]...), d.buf[n[2]:n[2]+n[3]]...)
	return signed, contents, n[2]+n[3] == int64(len(d.buf)), ""
}

// parsePDFDate reads D:YYYYMMDDHHmmSS with an optional Z or ±HH'mm';
// a date it cannot read is the zero time.
func parsePDFDate(s string) time.Time {
	if len(s) < 16 || s[:2] != "D:" {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", s[2:16])
	if err != nil {
		return time.Time{}
	}
	rest := s[16:]
	if len(rest) >= 3 && (rest[0] == '+' || rest[0] == '-') {
		var h, m int
		fmt.Sscanf(rest[1:], "%2d'%2d", &h, &m)
		offset := h*3600 + m*60
		if rest[0] == '-' {
			offset = -offset
		}
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.FixedZone("", offset))
	}
	return t
}

// subjectName is the name a person reads: CN, else the organisation.
func subjectName(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	if len(c.Subject.Organization) > 0 {
		return c.Subject.Organization[0]
	}
	return c.Subject.String()
}

package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Key is what signs: a crypto.Signer and its certificate chain, the
// signer's own certificate first. LoadPKCS12 makes one from a file; a
// PKCS#11 token plugs in later as another crypto.Signer over the token's
// key (the private key never leaves the token), with the chain read from it.
type Key struct {
	Signer crypto.Signer
	Chain  []*x509.Certificate
}

// Options of one signature. Every field may be left empty.
type Options struct {
	Time     time.Time // the claimed signing time (/M); now when zero
	Reason   string    // e.g. "Ban hành kết quả giải quyết TTHC"
	Location string
	// Revoked is the issuer's revocation list: a certificate on it is
	// refused. Nil skips the check (the caller says why it may).
	Revoked *RevocationList
}

// MaxInput bounds the PDF read into memory for signing or verifying.
const MaxInput = 64 << 20

// Sign returns pdf with a PAdES baseline B-B signature appended as an
// incremental update: the original bytes are kept as they are, so any
// earlier signature stays valid.
func Sign(pdf []byte, key Key, opt Options) (_ []byte, err error) {
	defer motcua.Wrap(&err, "pdfsign.Sign")
	if opt.Time.IsZero() {
		opt.Time = time.Now()
	}
	if err := checkKey(key, opt); err != nil {
		return nil, err
	}
	if len(pdf) > MaxInput {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp PDF quá lớn để ký (tối đa %d MB).", MaxInput>>20)
	}
	d, err := parse(pdf)
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Không đọc được cấu trúc tệp PDF để ký (%v).", err)
	}
	if _, encrypted := d.trailer["Encrypt"]; encrypted {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp PDF được mã hóa: không thể ký.")
	}
	out, placeholder, err := appendSignatureField(d, key, opt)
	if err != nil {
		return nil, err
	}
	return fillSignature(out, placeholder, key)
}

// checkKey refuses a key that cannot make a valid signature now: a chain
// that does not match the key, a certificate out of its validity, or one
// its issuer revoked.
func checkKey(key Key, opt Options) error {
	if key.Signer == nil || len(key.Chain) == 0 {
		return errors.New("no key or no certificate")
	}
	cert := key.Chain[0]
	if !publicKeysEqual(key.Signer.Public(), cert.PublicKey) {
		return errors.New("the key does not match the first certificate of the chain")
	}
	if opt.Time.Before(cert.NotBefore) || opt.Time.After(cert.NotAfter) {
		return motcua.Errorf(motcua.ENOTALLOWED, "Chứng thư số của %s chỉ có hiệu lực từ %s đến %s: không thể ký lúc này.",
			subjectName(cert), cert.NotBefore.Format("02/01/2006"), cert.NotAfter.Format("02/01/2006"))
	}
	if opt.Revoked != nil {
		if at, revoked := opt.Revoked.Revoked(cert); revoked {
			return motcua.Errorf(motcua.ENOTALLOWED, "Chứng thư số của %s (số hiệu %X) đã bị thu hồi ngày %s: không thể ký bằng chứng thư này.",
				subjectName(cert), cert.SerialNumber, at.Format("02/01/2006"))
		}
	}
	return nil
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}

// sigPlaceholder is where the byte range and the CMS go once the update
// is written and its length known.
type sigPlaceholder struct {
	object   int // the signature dictionary's object number
	contents int // /Contents capacity in bytes
}

// byteRangeWidth holds "0 a b c" for any file under MaxInput, padded.
const byteRangeWidth = 40

// appendSignatureField writes the incremental update: the signature
// dictionary, an invisible widget that is also the signature field, the
// first page with the widget in its /Annots, and the form listing the
// field with /SigFlags 3 (signatures exist; append only).
func appendSignatureField(d *document, key Key, opt Options) ([]byte, sigPlaceholder, error) {
	rootRef, _ := d.trailer["Root"].(ref)
	catalog := d.dictOf(rootRef)
	if catalog == nil {
		return nil, sigPlaceholder{}, motcua.Errorf(motcua.EINVALID, "Tệp PDF không có danh mục gốc (/Root): không thể ký.")
	}
	pageRef, page, err := firstPage(d, catalog)
	if err != nil {
		return nil, sigPlaceholder{}, err
	}
	u, err := newUpdate(d)
	if err != nil {
		return nil, sigPlaceholder{}, motcua.Errorf(motcua.EINVALID, "Không đọc được cấu trúc tệp PDF để ký (%v).", err)
	}
	sigRef, widgetRef := u.newRef(), u.newRef()
	capacity := 4096
	for _, c := range key.Chain {
		capacity += len(c.Raw)
	}
	u.put(sigRef, signatureDict(opt, capacity))
	form, formRef := acroForm(d, catalog)
	fields, _ := d.resolve(form["Fields"]).(array)
	u.put(widgetRef, dict{
		"Type": name("Annot"), "Subtype": name("Widget"), "FT": name("Sig"),
		"T": textString(fmt.Sprintf("Signature%d", countSignatures(d, fields)+1)),
		"V": sigRef, "F": int64(132), // print and locked
		"Rect": array{int64(0), int64(0), int64(0), int64(0)}, "P": pageRef,
	})
	putWithAnnot(u, d, pageRef, page, widgetRef)
	form["Fields"] = append(append(array{}, fields...), widgetRef)
	form["SigFlags"] = int64(3)
	if formRef != (ref{}) {
		u.put(formRef, form)
	} else {
		u.put(rootRef, withEntry(catalog, "AcroForm", form))
	}
	return u.finish(), sigPlaceholder{object: sigRef.num, contents: capacity}, nil
}

func signatureDict(opt Options, capacity int) rawObject {
	var b bytes.Buffer
	b.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ")
	writeObject(&b, []byte(pdfDate(opt.Time)))
	for _, e := range []struct {
		key   name
		value string
	}{{"Reason", opt.Reason}, {"Location", opt.Location}} {
		if e.value != "" {
			b.WriteByte(' ')
			writeName(&b, e.key)
			b.WriteByte(' ')
			writeObject(&b, textString(e.value))
		}
	}
	b.WriteString("\n/ByteRange [" + strings.Repeat(" ", byteRangeWidth) + "]")
	b.WriteString("\n/Contents <" + strings.Repeat("0", 2*capacity) + ">>>")
	return rawObject(b.Bytes())
}

// pdfDate is a PDF date with its offset: D:YYYYMMDDHHmmSS+07'00'.
func pdfDate(t time.Time) string {
	_, offset := t.Zone()
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, offset/3600, offset%3600/60)
}

// fillSignature writes the byte range into its placeholder, hashes the
// file without the /Contents hex string, and puts the CMS there.
func fillSignature(out []byte, p sigPlaceholder, key Key) ([]byte, error) {
	objStart := bytes.Index(out, fmt.Appendf(nil, "\n%d 0 obj\n", p.object))
	if objStart < 0 {
		return nil, errors.New("signature object not found in the update")
	}
	rangeAt := objStart + bytes.Index(out[objStart:], []byte("/ByteRange ["))
	contentsAt := objStart + bytes.Index(out[objStart:], []byte("/Contents <")) + len("/Contents ")
	contentsEnd := contentsAt + 2*p.contents + 2 // "<" hex ">"
	byteRange := fmt.Sprintf("0 %d %d %d", contentsAt, contentsEnd, len(out)-contentsEnd)
	copy(out[rangeAt+len("/ByteRange ["):], byteRange)
	h := sha256.New()
	h.Write(out[:contentsAt])
	h.Write(out[contentsEnd:])
	cms, err := buildCMS(h.Sum(nil), key.Signer, key.Chain)
	if err != nil {
		return nil, err
	}
	if len(cms) > p.contents {
		return nil, fmt.Errorf("signature of %d bytes exceeds the %d reserved", len(cms), p.contents)
	}
	hex.Encode(out[contentsAt+1:], cms)
	return out, nil
}

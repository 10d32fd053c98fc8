package pdfsign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

var vietnam = time.FixedZone("ICT", 7*3600)

// TestSignedPDFVerifiesWithPdfsig: a gopdf PDF (classic cross-reference)
// and a compressed one (object and cross-reference streams), signed with
// a unit's demo certificate, verify in poppler's pdfsig — the signature
// valid, the signer the unit, the chain trusted when the demo CA is in
// pdfsig's NSS database and reported untrusted otherwise — and in Verify.
func TestSignedPDFVerifiesWithPdfsig(t *testing.T) {
	ca, key := demoKey(t)
	nss := pdftest.TrustingNSSDir(t, ca.Cert)
	at := time.Now().In(vietnam).Truncate(time.Second)
	for name, in := range map[string][]byte{"gopdf": gopdfFile(t), "xref stream": xrefStreamFile(t)} {
		t.Run(name, func(t *testing.T) {
			signed, err := Sign(in, key, Options{Time: at, Reason: "Ban hành kết quả giải quyết TTHC"})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(signed, in) {
				t.Fatal("the original bytes were not kept: not an incremental update")
			}
			path := pdftest.WriteTemp(t, "signed.pdf", signed)
			if name == "xref stream" && !strings.Contains(pdftest.Tool(t, "pdftotext", path, "-"), "Ket qua giai quyet") {
				t.Error("pdftotext no longer reads the signed file's text")
			}
			untrusted := pdftest.Tool(t, "pdfsig", path)
			pdftest.WantLines(t, untrusted, "Signer Certificate Common Name: Ủy ban nhân dân xã Thuận An (DEMO – không có giá trị pháp lý)",
				"Signature Type: ETSI.CAdES.detached", "Signing Hash Algorithm: SHA-256", "Total document signed",
				"Signature Validation: Signature is Valid.", "Certificate Validation: Certificate issuer isn't Trusted.",
				"Signing Time: "+at.UTC().Format("Jan 02 2006 15:04:05"))
			pdftest.WantLines(t, pdftest.Tool(t, "pdfsig", "-nssdir", "sql:"+nss, path),
				"Signature Validation: Signature is Valid.", "Certificate Validation: Certificate is Trusted.")

			roots := x509.NewCertPool()
			roots.AddCert(ca.Cert)
			sigs, err := Verify(signed, roots)
			if err != nil || len(sigs) != 1 {
				t.Fatalf("Verify: %v, %+v", err, sigs)
			}
			s := sigs[0]
			if !s.Valid() || !s.Intact || !s.Trusted || !s.WholeFile || !s.SigningTime.Equal(at) ||
				s.Signer != "Ủy ban nhân dân xã Thuận An (DEMO – không có giá trị pháp lý)" {
				t.Errorf("Verify = %+v", s)
			}
			if sigs, _ := Verify(signed, x509.NewCertPool()); sigs[0].Trusted || sigs[0].Valid() || sigs[0].Problem == "" {
				t.Errorf("a chain to no given root passed as trusted: %+v", sigs[0])
			}
		})
	}
}

// TestChangedByteFailsBothVerifiers: one byte changed inside the signed
// range fails pdfsig and Verify alike.
func TestChangedByteFailsBothVerifiers(t *testing.T) {
	_, key := demoKey(t)
	in := gopdfFile(t)
	signed, err := Sign(in, key, Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(signed, []byte("/MediaBox")) // inside the original page, so still a readable PDF
	if i < 0 {
		t.Fatal("no /MediaBox")
	}
	signed[i+1] = 'm'
	out := pdftest.Tool(t, "pdfsig", pdftest.WriteTemp(t, "changed.pdf", signed))
	if strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Signature Validation: Digest Mismatch.") {
		t.Errorf("pdfsig on a changed file:\n%s", out)
	}
	sigs, err := Verify(signed, nil)
	if err != nil || len(sigs) != 1 || sigs[0].Intact || sigs[0].Valid() ||
		sigs[0].Problem != "Nội dung tệp đã bị thay đổi sau khi ký." {
		t.Errorf("Verify on a changed file: %v %+v", err, sigs)
	}
}

// TestSecondSignatureKeepsTheFirst: signing a signed file (the update's
// own cross-reference stream read back) keeps the first signature valid,
// which then no longer covers the whole file.
func TestSecondSignatureKeepsTheFirst(t *testing.T) {
	ca, key := demoKey(t)
	ecKey := ecdsaKey(t, ca, "Sở Tư pháp tỉnh Lâm Đồng")
	once, err := Sign(xrefStreamFile(t), key, Options{})
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Sign(once, ecKey, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := pdftest.Tool(t, "pdfsig", pdftest.WriteTemp(t, "twice.pdf", twice))
	if strings.Count(out, "Signature is Valid.") != 2 || !strings.Contains(out, "Signature Field Name: Signature2") ||
		!strings.Contains(out, "Common Name: Sở Tư pháp tỉnh Lâm Đồng") {
		t.Errorf("pdfsig on two signatures:\n%s", out)
	}
	sigs, err := Verify(twice, nil)
	if err != nil || len(sigs) != 2 || !sigs[0].Intact || sigs[0].WholeFile || !sigs[1].Intact || !sigs[1].WholeFile {
		t.Errorf("Verify on two signatures: %v %+v", err, sigs)
	}
}

// ecdsaKey is a P-256 key certified by the demo CA.
func ecdsaKey(t *testing.T, ca *DemoCA, cn string) Key {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: randomSerial(), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, priv.Public(), ca.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return Key{Signer: priv, Chain: []*x509.Certificate{cert, ca.Cert}}
}

// TestRevokedCertificateIsRefused: a certificate on its CA's CRL signs
// nothing, with the reason in Vietnamese; another one still signs.
func TestRevokedCertificateIsRefused(t *testing.T) {
	ca, key := demoKey(t)
	now := time.Now()
	crl, err := ca.RevocationList([]x509.RevocationListEntry{{SerialNumber: key.Chain[0].SerialNumber, RevocationTime: now}}, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	list, err := ParseRevocationList(crl, ca.Cert)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Sign(gopdfFile(t), key, Options{Revoked: list})
	if out != nil || motcua.ErrorCode(err) != motcua.ENOTALLOWED ||
		!strings.Contains(motcua.ErrorMessage(err), "đã bị thu hồi ngày "+now.Format("02/01/2006")) {
		t.Errorf("Sign with a revoked certificate = %d bytes, %v", len(out), err)
	}
	if _, err := Sign(gopdfFile(t), ecdsaKey(t, ca, "Xã Đức Lập"), Options{Revoked: list}); err != nil {
		t.Errorf("a certificate not on the list: %v", err)
	}
	other, _ := NewDemoCA(now)
	if _, err := ParseRevocationList(crl, other.Cert); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("a CRL checked against another issuer: %v", err)
	}
}

// TestExpiredCertificateIsRefused: outside its validity a certificate
// signs nothing.
func TestExpiredCertificateIsRefused(t *testing.T) {
	_, key := demoKey(t)
	_, err := Sign(gopdfFile(t), key, Options{Time: key.Chain[0].NotAfter.Add(time.Hour)})
	if motcua.ErrorCode(err) != motcua.ENOTALLOWED || !strings.Contains(motcua.ErrorMessage(err), "chỉ có hiệu lực từ") {
		t.Errorf("Sign after the certificate's end: %v", err)
	}
}

// TestUnsignedAndBrokenPDFs: no signatures is no error; bytes that are no
// PDF are a Vietnamese EINVALID error.
func TestUnsignedAndBrokenPDFs(t *testing.T) {
	if sigs, err := Verify(gopdfFile(t), nil); err != nil || len(sigs) != 0 {
		t.Errorf("unsigned: %v %v", sigs, err)
	}
	_, err := Verify([]byte("%PDF-1.4\nnot really"), nil)
	if motcua.ErrorCode(err) != motcua.EINVALID || !strings.HasPrefix(motcua.ErrorMessage(err), "Không đọc được cấu trúc tệp PDF") {
		t.Errorf("broken: %v", err)
	}
}

package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"time"
)

// The reading side of the CMS: enough of RFC 5652 to check a detached
// SignedData with one signer, whoever wrote it (Adobe, a Vietnamese CA's
// signing tool, this package).

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,tag:0"`
}

type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContent     asn1.RawValue
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      []signerInfo  `asn1:"set"`
}

type signerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type cmsAttribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

// cmsResult is what the CMS told, even when it did not verify.
type cmsResult struct {
	signer      *x509.Certificate
	pool        *x509.CertPool // the embedded certificates, as intermediates
	signingTime time.Time
}

var errCMS = errors.New("Chữ ký không đúng định dạng CMS.")

// checkCMS checks that der signs content. Its errors are Vietnamese
// sentences for the "signed by" line of an upload.
func checkCMS(der, content []byte) (res cmsResult, err error) {
	var ci contentInfo
	var sd signedData
	if _, err := asn1.Unmarshal(der, &ci); err != nil || !ci.ContentType.Equal(oidSignedData) {
		return res, errCMS
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || len(sd.SignerInfos) != 1 {
		return res, errCMS
	}
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	if err != nil {
		return res, errors.New("Chứng thư số trong chữ ký không đọc được.")
	}
	res.pool = x509.NewCertPool()
	for _, c := range certs {
		res.pool.AddCert(c)
	}
	si := sd.SignerInfos[0]
	if res.signer = findSigner(si.SID, certs); res.signer == nil {
		return res, errors.New("Chữ ký không kèm chứng thư số của người ký.")
	}
	hash, ok := digestHash(si.DigestAlgorithm.Algorithm)
	if !ok {
		return res, errors.New("Chữ ký dùng thuật toán băm chưa được hỗ trợ.")
	}
	h := hash.New()
	h.Write(content)
	digest := h.Sum(nil)
	signedMessage := content
	if len(si.SignedAttrs.FullBytes) > 0 {
		if signedMessage, err = checkSignedAttrs(si.SignedAttrs, digest, &res); err != nil {
			return res, err
		}
	}
	alg, ok := signatureAlg(hash, res.signer.PublicKey)
	if !ok {
		return res, errors.New("Chữ ký dùng thuật toán chưa được hỗ trợ.")
	}
	if err := res.signer.CheckSignature(alg, signedMessage, si.Signature); err != nil {
		return res, errors.New("Chữ ký không khớp với chứng thư số của người ký.")
	}
	return res, nil
}

// checkSignedAttrs checks the message digest and content type and returns
// what the signature covers: the attributes as a DER SET (RFC 5652 §5.4).
func checkSignedAttrs(raw asn1.RawValue, digest []byte, res *cmsResult) ([]byte, error) {
	var sawDigest, sawType bool
	for rest := raw.Bytes; len(rest) > 0; {
		var a cmsAttribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, errCMS
		}
		switch {
		case a.Type.Equal(oidAttrMessageDigest):
			var got []byte
			if _, err := asn1.Unmarshal(a.Values.Bytes, &got); err != nil || !bytes.Equal(got, digest) {
				return nil, errors.New("Nội dung tệp đã bị thay đổi sau khi ký.")
			}
			sawDigest = true
		case a.Type.Equal(oidAttrContentType):
			var ct asn1.ObjectIdentifier
			if _, err := asn1.Unmarshal(a.Values.Bytes, &ct); err != nil || !ct.Equal(oidData) {
				return nil, errCMS
			}
			sawType = true
		case a.Type.Equal(oidAttrSigningCertV2):
			if !signingCertMatches(a.Values.Bytes, res.signer) {
				return nil, errors.New("Chứng thư số kèm chữ ký không phải chứng thư mà người ký đã chỉ định.")
			}
		case a.Type.Equal(oidAttrSigningTime):
			var t time.Time
			if _, err := asn1.Unmarshal(a.Values.Bytes, &t); err == nil {
				res.signingTime = t
			}
		}
	}
	if !sawDigest || !sawType {
		return nil, errCMS
	}
	return append([]byte{tagSet}, raw.FullBytes[1:]...), nil
}

// findSigner is the certificate the signer identifier names: issuer and
// serial number, or [0] subject key identifier.
func findSigner(sid asn1.RawValue, certs []*x509.Certificate) *x509.Certificate {
	var ias issuerAndSerial
	isIAS := sid.Tag == asn1.TagSequence && sid.Class == asn1.ClassUniversal
	if isIAS {
		if _, err := asn1.Unmarshal(sid.FullBytes, &ias); err != nil || ias.Serial == nil {
			return nil
		}
	}
	for _, c := range certs {
		switch {
		case isIAS && bytes.Equal(c.RawIssuer, ias.Issuer.FullBytes) && c.SerialNumber.Cmp(ias.Serial) == 0:
			return c
		case !isIAS && sid.Tag == 0 && len(c.SubjectKeyId) > 0 && bytes.Equal(c.SubjectKeyId, sid.Bytes):
			return c
		}
	}
	return nil
}

func digestHash(o asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case o.Equal(oidSHA256):
		return crypto.SHA256, true
	case o.Equal(oidSHA384):
		return crypto.SHA384, true
	case o.Equal(oidSHA512):
		return crypto.SHA512, true
	}
	return 0, false
}

// signatureAlg is the x509 algorithm for the hash and the key's kind;
// the signer info's own algorithm field varies between writers
// (rsaEncryption or sha256WithRSAEncryption) and adds nothing.
func signatureAlg(h crypto.Hash, pub crypto.PublicKey) (x509.SignatureAlgorithm, bool) {
	rsaAlgs := map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: x509.SHA256WithRSA, crypto.SHA384: x509.SHA384WithRSA, crypto.SHA512: x509.SHA512WithRSA}
	ecAlgs := map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: x509.ECDSAWithSHA256, crypto.SHA384: x509.ECDSAWithSHA384, crypto.SHA512: x509.ECDSAWithSHA512}
	switch pub.(type) {
	case *rsa.PublicKey:
		alg, ok := rsaAlgs[h]
		return alg, ok
	case *ecdsa.PublicKey:
		alg, ok := ecAlgs[h]
		return alg, ok
	}
	return 0, false
}

// signingCertMatches checks the ESS signing-certificate-v2 attribute
// (RFC 5035): the first ESSCertIDv2's hash is the signer certificate's,
// so that another certificate with the same key cannot be substituted.
func signingCertMatches(value []byte, signer *x509.Certificate) bool {
	var signingCert struct {
		Certs    []asn1.RawValue
		Policies asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(value, &signingCert); err != nil || len(signingCert.Certs) == 0 {
		return false
	}
	// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }
	rest := signingCert.Certs[0].Bytes
	hash := crypto.SHA256
	var first asn1.RawValue
	rest, err := asn1.Unmarshal(rest, &first)
	if err != nil {
		return false
	}
	certHash := first.Bytes
	if first.Tag == asn1.TagSequence {
		var alg pkix.AlgorithmIdentifier
		var ok bool
		if _, err := asn1.Unmarshal(first.FullBytes, &alg); err != nil {
			return false
		}
		if hash, ok = digestHash(alg.Algorithm); !ok {
			return false
		}
		if _, err := asn1.Unmarshal(rest, &first); err != nil {
			return false
		}
		certHash = first.Bytes
	}
	if first.Tag != asn1.TagOctetString {
		return false
	}
	h := hash.New()
	h.Write(signer.Raw)
	return bytes.Equal(h.Sum(nil), certHash)
}

package pdfsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"math/big"
	"sort"
)

// The CMS SignedData of a PAdES signature (RFC 5652, ETSI EN 319 122-1),
// written with encoding/asn1 and a few DER helpers. Detached: the signed
// content is the PDF's byte range, not carried in the structure.

var (
	oidData              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidAttrContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidAttrMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidAttrSigningTime   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidAttrSigningCertV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidSHA256WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA256   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	asn1Null             = []byte{0x05, 0x00}
)

// DER tags used here; [0] is context-specific and constructed.
const (
	tagSequence    = 0x30
	tagSet         = 0x31
	tagOctetString = 0x04
	tagContext0    = 0xA0
)

// tlv is one DER element: tag, definite length, content.
func tlv(tag byte, content ...[]byte) []byte {
	body := bytes.Join(content, nil)
	n := len(body)
	out := []byte{tag}
	switch {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	default:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	return append(out, body...)
}

// derSet is a DER SET OF: its elements sorted by their encodings (X.690 11.6).
func derSet(tag byte, elems ...[]byte) []byte {
	sorted := append([][]byte(nil), elems...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i], sorted[j]) < 0 })
	return tlv(tag, sorted...)
}

func mustMarshal(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(err) // only constants and parsed certificates are marshalled
	}
	return b
}

func oid(o asn1.ObjectIdentifier) []byte { return mustMarshal(o) }

func integer(n *big.Int) []byte { return mustMarshal(n) }

func algorithm(o asn1.ObjectIdentifier, params ...[]byte) []byte {
	return tlv(tagSequence, append([][]byte{oid(o)}, params...)...)
}

func attribute(o asn1.ObjectIdentifier, value []byte) []byte {
	return tlv(tagSequence, oid(o), derSet(tagSet, value))
}

// signedAttributes are what the signature covers (ETSI EN 319 142-1 §6.3,
// PAdES baseline B-B): content-type, message-digest and the ESS
// signing-certificate-v2 that binds the signer's certificate. The claimed
// signing time is the /M of the signature dictionary: PAdES forbids the
// CMS signing-time attribute, so that a signature has one time, not two.
func signedAttributes(digest []byte, signer *x509.Certificate) []byte {
	certHash := sha256.Sum256(signer.Raw)
	// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted),
	//   certHash, issuerSerial { issuer GeneralNames [4] Name, serial } }
	issuerSerial := tlv(tagSequence,
		tlv(tagSequence, tlv(0xA4, signer.RawIssuer)),
		integer(signer.SerialNumber))
	essCertID := tlv(tagSequence, tlv(tagOctetString, certHash[:]), issuerSerial)
	signingCertV2 := tlv(tagSequence, tlv(tagSequence, essCertID))
	return derSet(tagSet,
		attribute(oidAttrContentType, oid(oidData)),
		attribute(oidAttrMessageDigest, tlv(tagOctetString, digest)),
		attribute(oidAttrSigningCertV2, signingCertV2),
	)
}

// signatureAlgorithm names how the key signs a SHA-256 digest.
func signatureAlgorithm(pub crypto.PublicKey) ([]byte, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return algorithm(oidSHA256WithRSA, asn1Null), nil
	case *ecdsa.PublicKey:
		return algorithm(oidECDSAWithSHA256), nil
	}
	return nil, fmt.Errorf("pdfsign: key type %T is not supported (RSA or ECDSA)", pub)
}

// buildCMS signs the digest of the byte range and returns the DER
// ContentInfo for /Contents. chain[0] is the signer's certificate; the
// rest of the chain is embedded so that a verifier can build the path.
func buildCMS(digest []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	attrs := signedAttributes(digest, chain[0])
	attrsDigest := sha256.Sum256(attrs) // signed as a SET (tag 0x31), stored as [0]
	signature, err := key.Sign(rand.Reader, attrsDigest[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("pdfsign: signing: %w", err)
	}
	return assembleCMS(attrs, signature, chain)
}

// assembleCMS wraps the signed attributes and their signature in the
// SignedData and its ContentInfo.
func assembleCMS(attrs, signature []byte, chain []*x509.Certificate) ([]byte, error) {
	signer := chain[0]
	sigAlg, err := signatureAlgorithm(signer.PublicKey)
	if err != nil {
		return nil, err
	}
	sha256Alg := algorithm(oidSHA256)
	signerInfo := tlv(tagSequence,
		integer(big.NewInt(1)),
		tlv(tagSequence, signer.RawIssuer, integer(signer.SerialNumber)), // IssuerAndSerialNumber
		sha256Alg,
		append([]byte{tagContext0}, attrs[1:]...), // [0] IMPLICIT SET OF Attribute
		sigAlg,
		tlv(tagOctetString, signature),
	)
	var certs [][]byte
	for _, c := range chain {
		certs = append(certs, c.Raw)
	}
	signedData := tlv(tagSequence,
		integer(big.NewInt(1)),
		derSet(tagSet, sha256Alg),
		tlv(tagSequence, oid(oidData)), // detached: no eContent
		tlv(tagContext0, certs...),     // [0] IMPLICIT CertificateSet, signer first
		derSet(tagSet, signerInfo),
	)
	return tlv(tagSequence, oid(oidSignedData), tlv(tagContext0, signedData)), nil
}

package pdfsign

import (
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"math/big"
	"unicode/utf16"
)

// EncodePKCS12 writes key and chain as a PKCS#12 file (RFC 7292) in the
// classic form that golang.org/x/crypto/pkcs12 reads (it only decodes):
// certificates in an encrypted safe, the PKCS#8 key in a shrouded key bag,
// both with PBE-SHA1-3DES, and an HMAC-SHA1 integrity MAC. OpenSSL, NSS
// and Windows read this form too. SHA-1 here only derives keys and MACs a
// password-protected file; it signs nothing.
func EncodePKCS12(key Key, password, friendlyName string) ([]byte, error) {
	pass, err := bmpPassword(password)
	if err != nil {
		return nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key.Signer)
	if err != nil {
		return nil, err
	}
	localKeyID := sha1.Sum(key.Chain[0].Raw) // pairs the key with its certificate
	attrs := func(withName bool) []byte {
		list := [][]byte{attribute(oidLocalKeyID, tlv(tagOctetString, localKeyID[:]))}
		if withName && friendlyName != "" {
			list = append(list, attribute(oidFriendlyName, tlv(0x1E, bmpBytes(friendlyName))))
		}
		return derSet(tagSet, list...)
	}
	var certBags [][]byte
	for i, c := range key.Chain {
		value := tlv(tagSequence, oid(oidCertTypeX509), tlv(tagContext0, tlv(tagOctetString, c.Raw)))
		bag := [][]byte{oid(oidCertBag), tlv(tagContext0, value)}
		if i == 0 {
			bag = append(bag, attrs(true))
		}
		certBags = append(certBags, tlv(tagSequence, bag...))
	}
	shroudedKey, err := pbeEncrypt(pkcs8, pass)
	if err != nil {
		return nil, err
	}
	keyBag := tlv(tagSequence, oid(oidShroudedKeyBag), tlv(tagContext0, shroudedKey), attrs(true))
	encryptedCerts, err := encryptedDataInfo(tlv(tagSequence, certBags...), pass)
	if err != nil {
		return nil, err
	}
	authSafe := tlv(tagSequence, encryptedCerts, dataInfo(tlv(tagSequence, keyBag)))
	mac, err := macData(authSafe, pass)
	if err != nil {
		return nil, err
	}
	return tlv(tagSequence, integer(big.NewInt(3)), dataInfo(authSafe), mac), nil
}

var (
	oidEncryptedData  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidPBE3DES        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}
	oidShroudedKeyBag = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidCertBag        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 3}
	oidCertTypeX509   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 22, 1}
	oidFriendlyName   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 20}
	oidLocalKeyID     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 21}
	oidSHA1           = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
)

// pkcs12Iterations is OpenSSL's long-standing default for this form.
const pkcs12Iterations = 2048

// dataInfo is a ContentInfo of type data: [0] EXPLICIT OCTET STRING.
func dataInfo(content []byte) []byte {
	return tlv(tagSequence, oid(oidData), tlv(tagContext0, tlv(tagOctetString, content)))
}

// encryptedDataInfo is a ContentInfo of type encryptedData (version 0,
// the ciphertext as [0] IMPLICIT OCTET STRING).
func encryptedDataInfo(content []byte, pass []byte) ([]byte, error) {
	alg, ciphertext, err := pbe3DES(content, pass)
	if err != nil {
		return nil, err
	}
	encrypted := tlv(tagSequence, integer(big.NewInt(0)),
		tlv(tagSequence, oid(oidData), alg, tlv(0x80, ciphertext)))
	return tlv(tagSequence, oid(oidEncryptedData), tlv(tagContext0, encrypted)), nil
}

// pbeEncrypt is an EncryptedPrivateKeyInfo.
func pbeEncrypt(plain, pass []byte) ([]byte, error) {
	alg, ciphertext, err := pbe3DES(plain, pass)
	if err != nil {
		return nil, err
	}
	return tlv(tagSequence, alg, tlv(tagOctetString, ciphertext)), nil
}

// pbe3DES encrypts with pbeWithSHAAnd3-KeyTripleDES-CBC under a fresh salt
// and returns the algorithm identifier with its parameters.
func pbe3DES(plain, pass []byte) (alg, ciphertext []byte, err error) {
	salt := make([]byte, 8)
	if _, err := rand.Read(salt); err != nil {
		return nil, nil, err
	}
	block, err := des.NewTripleDESCipher(pkcs12KDF(salt, pass, 1, 24))
	if err != nil {
		return nil, nil, err
	}
	pad := block.BlockSize() - len(plain)%block.BlockSize()
	ciphertext = append(append([]byte(nil), plain...), make([]byte, pad)...)
	for i := len(plain); i < len(ciphertext); i++ {
		ciphertext[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, pkcs12KDF(salt, pass, 2, 8)).CryptBlocks(ciphertext, ciphertext)
	params := tlv(tagSequence, tlv(tagOctetString, salt), integer(big.NewInt(pkcs12Iterations)))
	return algorithm(oidPBE3DES, params), ciphertext, nil
}

// macData is the HMAC-SHA1 of the authenticated safe under a key derived
// from the password (ID 3).
func macData(authSafe, pass []byte) ([]byte, error) {
	salt := make([]byte, 8)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	mac := hmac.New(sha1.New, pkcs12KDF(salt, pass, 3, 20))
	mac.Write(authSafe)
	digestInfo := tlv(tagSequence, algorithm(oidSHA1, asn1Null), tlv(tagOctetString, mac.Sum(nil)))
	return tlv(tagSequence, digestInfo, tlv(tagOctetString, salt), integer(big.NewInt(pkcs12Iterations))), nil
}

// pkcs12KDF derives n bytes for purpose id (1 key, 2 IV, 3 MAC) from the
// password and salt with SHA-1 (RFC 7292 appendix B.2; u = 20, v = 64).
func pkcs12KDF(salt, pass []byte, id byte, n int) []byte {
	const u, v = 20, 64
	D := make([]byte, v)
	for i := range D {
		D[i] = id
	}
	I := append(fill(salt, v), fill(pass, v)...)
	var out []byte
	for len(out) < n {
		a := sha1.Sum(append(append([]byte(nil), D...), I...))
		for range pkcs12Iterations - 1 {
			a = sha1.Sum(a[:])
		}
		out = append(out, a[:]...)
		// I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block, B = A repeated.
		B := fill(a[:], v)
		for j := 0; j < len(I); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				sum := int(I[j+k]) + int(B[k]) + carry
				I[j+k], carry = byte(sum), sum>>8
			}
		}
	}
	return out[:n]
}

// fill repeats b to the next multiple of v bytes (empty stays empty).
func fill(b []byte, v int) []byte {
	out := make([]byte, 0, (len(b)+v-1)/v*v)
	for len(b) > 0 && len(out) < cap(out) {
		out = append(out, b[:min(len(b), cap(out)-len(out))]...)
	}
	return out
}

// bmpPassword is the password as PKCS#12 hashes it: UTF-16BE with a
// terminating zero (RFC 7292 B.1), as x/crypto/pkcs12 encodes it.
func bmpPassword(s string) ([]byte, error) {
	for _, r := range s {
		if r > 0xFFFF {
			return nil, errors.New("pdfsign: the PKCS#12 password must be in the Basic Multilingual Plane")
		}
	}
	return append(bmpBytes(s), 0, 0), nil
}

func bmpBytes(s string) []byte {
	var out []byte
	for _, c := range utf16.Encode([]rune(s)) {
		out = append(out, byte(c>>8), byte(c))
	}
	return out
}

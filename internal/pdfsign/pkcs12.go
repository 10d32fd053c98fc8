package pdfsign

import (
	"crypto"
	"crypto/x509"
	"errors"

	"golang.org/x/crypto/pkcs12"

	"github.com/motcua/motcua"
)

// LoadPKCS12 reads a key and its chain from a PKCS#12 (.p12, .pfx) file.
// golang.org/x/crypto/pkcs12 reads the classic encryption (PBE with SHA-1
// and 3DES or RC2, SHA-1 MAC): what EncodePKCS12 writes and what
// `openssl pkcs12 -export -legacy` writes. A file with AES (PBES2, the
// OpenSSL 3 default) is refused with how to convert it (docs/signatures.md).
func LoadPKCS12(data []byte, password string) (_ Key, err error) {
	defer motcua.Wrap(&err, "pdfsign.LoadPKCS12")
	blocks, err := pkcs12.ToPEM(data, password)
	var notImplemented pkcs12.NotImplementedError
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return Key{}, motcua.Errorf(motcua.EINVALID, "Mật khẩu của tệp PKCS#12 không đúng.")
	case errors.As(err, &notImplemented):
		return Key{}, motcua.Errorf(motcua.EINVALID, "Tệp PKCS#12 dùng cách mã hóa chưa được hỗ trợ (%v); hãy xuất lại bằng "+
			"\"openssl pkcs12 -export -legacy\" (xem docs/signatures.md).", notImplemented)
	case err != nil:
		return Key{}, motcua.Errorf(motcua.EINVALID, "Tệp PKCS#12 không đọc được: %v.", err)
	}
	var signer crypto.Signer
	var certs []*x509.Certificate
	for _, b := range blocks {
		switch b.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return Key{}, err
			}
			certs = append(certs, c)
		case "PRIVATE KEY": // PKCS#1 for RSA, SEC 1 for ECDSA (pkcs12.ToPEM's doc)
			if signer, err = parsePrivateKey(b.Bytes); err != nil {
				return Key{}, err
			}
		}
	}
	if signer == nil || len(certs) == 0 {
		return Key{}, motcua.Errorf(motcua.EINVALID, "Tệp PKCS#12 phải chứa một khóa riêng và chứng thư số của nó.")
	}
	chain, err := orderChain(signer, certs)
	if err != nil {
		return Key{}, err
	}
	return Key{Signer: signer, Chain: chain}, nil
}

func parsePrivateKey(der []byte) (crypto.Signer, error) {
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, motcua.Errorf(motcua.EINVALID, "Khóa riêng trong tệp PKCS#12 không phải RSA hay ECDSA.")
}

// orderChain puts the key's certificate first, then each issuer in turn;
// certificates that are not on the path are left out.
func orderChain(signer crypto.Signer, certs []*x509.Certificate) ([]*x509.Certificate, error) {
	var chain []*x509.Certificate
	for _, c := range certs {
		if publicKeysEqual(signer.Public(), c.PublicKey) {
			chain = append(chain, c)
			break
		}
	}
	if chain == nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp PKCS#12 không có chứng thư số của khóa riêng.")
	}
	for len(chain) <= len(certs) {
		last := chain[len(chain)-1]
		if string(last.RawIssuer) == string(last.RawSubject) {
			break // self-signed: the root
		}
		next := issuerOf(last, certs)
		if next == nil {
			break
		}
		chain = append(chain, next)
	}
	return chain, nil
}

func issuerOf(c *x509.Certificate, certs []*x509.Certificate) *x509.Certificate {
	for _, p := range certs {
		if string(p.RawSubject) == string(c.RawIssuer) && c.CheckSignatureFrom(p) == nil {
			return p
		}
	}
	return nil
}

// Package pdfsign signs PDFs with PAdES baseline B-B signatures and checks
// the signatures of PDFs it is given.
//
// Sign appends an incremental update (the original bytes untouched) with
// an invisible signature field and a /Sig dictionary whose /Contents is a
// detached CMS SignedData written here with encoding/asn1: SHA-256, RSA or
// ECDSA, the certificate chain embedded. Verify lists a PDF's signatures
// with their signer, claimed time and whether they hold. The PDF reader is
// the part of PDF that both need — trailer, cross-reference tables and
// streams, object streams, the catalog, the first page, the form — and
// bounds everything it reads, since uploads are outside input.
//
// Keys are a crypto.Signer and a chain (Key): from a PKCS#12 file today
// (LoadPKCS12), from a PKCS#11 token later through the same interface.
// The demo CA (NewDemoCA, WriteDemoCA; `motcua ca demo`) labels every
// certificate "DEMO – không có giá trị pháp lý". docs/signatures.md says
// what is signed, what is checked and how it is tested (with poppler's
// pdfsig, an independent verifier).
package pdfsign

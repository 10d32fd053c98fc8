package pdfsign

import (
	"testing"
)

// FuzzVerify: any upload is read without a panic, a hang or a blow-up —
// the parser, the cross-reference and object streams, the form walk and
// the CMS reader all see outside input.
func FuzzVerify(f *testing.F) {
	_, key := demoKey(f)
	f.Add(gopdfFile(f))
	xs := xrefStreamFile(f)
	f.Add(xs)
	if signed, err := Sign(xs, key, Options{}); err == nil {
		f.Add(signed)
	}
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/Catalog/AcroForm<</Fields[2 0 R]>>>>endobj\n2 0 obj<</FT/Sig/V<</ByteRange[0 1 2 3]/Contents<3082>>>/Kids[2 0 R]>>endobj\ntrailer<</Root 1 0 R/Size 3>>\nstartxref\n0\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Verify(data, nil)
		if d, err := parse(data); err == nil {
			d.dictOf(d.trailer["Root"])
		}
	})
}

package pdfsign

import (
	"unicode/utf16"

	"github.com/motcua/motcua"
)

// firstPage walks the page tree down its first kids to the first page.
func firstPage(d *document, catalog dict) (ref, dict, error) {
	node, _ := catalog["Pages"].(ref)
	for range maxDepth {
		page := d.dictOf(node)
		if page == nil {
			break
		}
		if page["Type"] == name("Page") {
			return node, page, nil
		}
		kids, _ := d.resolve(page["Kids"]).(array)
		if len(kids) == 0 {
			break
		}
		node, _ = kids[0].(ref)
	}
	return ref{}, nil, motcua.Errorf(motcua.EINVALID, "Tệp PDF không có trang nào đọc được: không thể ký.")
}

// acroForm is a copy of the document's interactive form (a new one when
// there is none) and its object number when it is an indirect object;
// ref{} means the form lives in the catalog.
func acroForm(d *document, catalog dict) (dict, ref) {
	formRef, _ := catalog["AcroForm"].(ref)
	form := d.dictOf(catalog["AcroForm"])
	if form == nil {
		return dict{}, ref{}
	}
	if _, isStream := d.resolve(formRef).(*stream); isStream {
		formRef = ref{} // nonsense, but never overwrite a stream with a dictionary
	}
	return withEntry(form, "", nil), formRef
}

// withEntry is a shallow copy of d with key set to v ("" sets nothing).
func withEntry(d dict, key name, v object) dict {
	out := make(dict, len(d)+1)
	for k, e := range d {
		out[k] = e
	}
	if key != "" {
		out[key] = v
	}
	return out
}

// putWithAnnot writes the page again with the widget added to its
// annotations; when /Annots is an indirect array, that array is written
// again instead.
func putWithAnnot(u *update, d *document, pageRef ref, page dict, widget ref) {
	annotsRef, isRef := page["Annots"].(ref)
	annots, _ := d.resolve(page["Annots"]).(array)
	annots = append(append(array{}, annots...), widget)
	if isRef && d.resolve(annotsRef) != nil {
		u.put(annotsRef, annots)
		return
	}
	u.put(pageRef, withEntry(page, "Annots", annots))
}

// sigField is a signature field with its value: the field's name and the
// signature dictionary.
type sigField struct {
	name string
	sig  dict
}

// signatureFields lists the signed signature fields of the form, walking
// /Kids (bounded, each object once).
func signatureFields(d *document, fields array) []sigField {
	var out []sigField
	seen := map[ref]bool{}
	var walk func(fields array, inheritedFT object, prefix string, depth int)
	walk = func(fields array, inheritedFT object, prefix string, depth int) {
		for _, f := range fields {
			if r, ok := f.(ref); ok {
				if seen[r] {
					continue
				}
				seen[r] = true
			}
			field := d.dictOf(f)
			if field == nil || depth > maxDepth || len(out) > 1000 {
				continue
			}
			ft, ok := field["FT"]
			if !ok {
				ft = inheritedFT
			}
			fullName := prefix + decodeText(field["T"])
			if sig := d.dictOf(field["V"]); ft == name("Sig") && sig != nil {
				out = append(out, sigField{name: fullName, sig: sig})
			}
			if kids, ok := d.resolve(field["Kids"]).(array); ok {
				walk(kids, ft, fullName+".", depth+1)
			}
		}
	}
	walk(fields, nil, "", 0)
	return out
}

func countSignatures(d *document, fields array) int {
	return len(signatureFields(d, fields))
}

// decodeText reads a PDF text string: UTF-16BE with a byte order mark, or
// PDFDocEncoding, taken as Latin-1 (which it is for the letters that matter).
func decodeText(o object) string {
	b, _ := o.([]byte)
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		units := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(units))
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

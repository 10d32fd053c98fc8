package cchc

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strings"
)

// DOCX writes the draft as a Word document (Office Open XML) that word
// processors open and edit: Times New Roman 14, A4 with the margins of
// Decree 30/2020, the header as a borderless two-column table.
func (d Draft) DOCX(w io.Writer) error {
	z := zip.NewWriter(w)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/document.xml", d.documentXML()},
	}
	for _, f := range files {
		fw, err := z.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, f.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

// run is one run of text with its style.
func run(text string, bold, italic bool) string {
	var b strings.Builder
	b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`)
	if bold {
		b.WriteString(`<w:b/>`)
	}
	if italic {
		b.WriteString(`<w:i/>`)
	}
	b.WriteString(`<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">`)
	xml.EscapeText(&b, []byte(text))
	b.WriteString(`</w:t></w:r>`)
	return b.String()
}

func para(text string, bold, italic, center bool) string {
	jc := "both"
	if center {
		jc = "center"
	}
	return `<w:p><w:pPr><w:spacing w:after="120"/><w:jc w:val="` + jc + `"/></w:pPr>` + run(text, bold, italic) + `</w:p>`
}

func cell(paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="4600" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func (d Draft) documentXML() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="9200" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>` +
		`<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr><w:tr>`)
	b.WriteString(cell(para(d.Superior, false, false, true), para(d.Issuer, true, false, true), para(d.Number, false, false, true)))
	b.WriteString(cell(para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, true), para("Độc lập - Tự do - Hạnh phúc", true, false, true),
		para(d.PlaceDate, false, true, true)))
	b.WriteString(`</w:tr></w:tbl>`)
	b.WriteString(para(d.Title, true, false, true))
	b.WriteString(para(d.Subtitle, true, false, true))
	b.WriteString(para(d.Addressee, false, false, true))
	for _, p := range d.Body {
		b.WriteString(para(p.Text, p.Heading, false, p.Center))
	}
	b.WriteString(para("Nơi nhận:", true, true, false))
	for _, r := range d.Recipients {
		b.WriteString(para("- "+r, false, false, false))
	}
	for _, s := range d.Signature {
		b.WriteString(para(s, true, false, true))
	}
	// A4; margins top 20, bottom 20, left 30, right 15 mm (1 mm = 56.7 twips).
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" ` +
		`w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

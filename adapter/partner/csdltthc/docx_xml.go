package csdltthc

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/motcua/motcua"
)

// Walking the export's word/document.xml: paragraphs and tables, in order.

// sectionsOf walks the document's body: a paragraph that starts with a
// heading and ":" opens its section; other paragraphs and tables belong
// to the section open.
func sectionsOf(body []byte) (map[string]*section, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	out := map[string]*section{}
	var open *section
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "p":
			text, err := paragraph(dec)
			if err != nil {
				return nil, err
			}
			if h, rest, ok := heading(text); ok {
				open = &section{}
				out[h] = open
				text = rest
			}
			if open != nil && strings.TrimSpace(text) != "" {
				open.text = append(open.text, strings.TrimSpace(text))
			}
		case "tbl":
			t, err := table(dec)
			if err != nil {
				return nil, err
			}
			if open != nil && len(t) > 0 {
				open.tables = append(open.tables, t)
			}
		}
	}
}

func heading(text string) (string, string, bool) {
	t := motcua.NFC(strings.TrimSpace(text))
	for _, h := range headings {
		if rest, ok := strings.CutPrefix(t, h); ok {
			if rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " "), ":"); ok {
				return h, rest, true
			}
		}
	}
	return "", "", false
}

// paragraph reads a w:p's text to its end: runs' text, tabs as spaces,
// breaks as new lines.
func paragraph(dec *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 1
	inText := false
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte(' ')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

// table reads a w:tbl to its end: rows of cells, each cell its
// paragraphs joined by new lines. The export has no nested tables; one
// would add its cells to the row around it.
func table(dec *xml.Decoder) ([][]string, error) {
	var rows [][]string
	var cellText []string
	depth := 1
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tr":
				if depth == 1 {
					rows = append(rows, nil)
				}
			case "tc":
				cellText = nil
			case "p":
				text, err := paragraph(dec)
				if err != nil {
					return nil, err
				}
				if s := strings.TrimSpace(text); s != "" {
					cellText = append(cellText, s)
				}
				continue
			}
			depth++
		case xml.EndElement:
			depth--
			if t.Name.Local == "tc" && len(rows) > 0 {
				rows[len(rows)-1] = append(rows[len(rows)-1], motcua.NFC(strings.Join(cellText, "\n")))
			}
		}
	}
	return rows, nil
}

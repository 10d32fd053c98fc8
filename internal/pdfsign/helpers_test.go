package pdfsign

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/signintech/gopdf"
)

// gopdfFile is a one-page PDF as the forms package writes them (classic
// cross-reference table).
func gopdfFile(t testing.TB) []byte {
	t.Helper()
	var p gopdf.GoPdf
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	p.AddPage()
	p.SetLineWidth(2)
	p.Line(72, 72, 300, 300)
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xrefStreamFile is a PDF 1.5 file as poppler, qpdf or Acrobat write them
// compressed: catalog, pages, page and font in a Flate object stream, the
// cross-reference in a Flate stream with a PNG Up predictor. pdftotext
// reading its text back proves the fixture is a real PDF.
func xrefStreamFile(t testing.TB) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	content := "BT /F1 24 Tf 72 720 Td (Ket qua giai quyet) Tj ET"
	offsets[5] = b.Len()
	fmt.Fprintf(&b, "5 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	objs := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
	}
	var header, body strings.Builder
	for i, o := range objs {
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
	}
	packed := deflate(t, []byte(header.String()+body.String()))
	offsets[6] = b.Len()
	fmt.Fprintf(&b, "6 0 obj\n<</Type/ObjStm/N 4/First %d/Filter/FlateDecode/Length %d>>\nstream\n", header.Len(), len(packed))
	b.Write(packed)
	b.WriteString("\nendstream\nendobj\n")
	offsets[7] = b.Len()
	rows := [][]byte{{0, 0, 0, 0, 0}}
	for i := range objs {
		rows = append(rows, []byte{2, 0, 0, 6, byte(i)})
	}
	for n := 5; n <= 7; n++ {
		off := offsets[n]
		rows = append(rows, []byte{1, byte(off >> 16), byte(off >> 8), byte(off), 0})
	}
	var predicted []byte
	prev := make([]byte, 5)
	for _, r := range rows { // PNG "Up": each byte minus the one above
		predicted = append(predicted, 2)
		for i := range r {
			predicted = append(predicted, r[i]-prev[i])
		}
		prev = r
	}
	xref := deflate(t, predicted)
	fmt.Fprintf(&b, "7 0 obj\n<</Type/XRef/Size 8/W[1 3 1]/Root 1 0 R/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 5>>/Length %d>>\nstream\n", len(xref))
	b.Write(xref)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offsets[7])
	if text := pdftest.Tool(t, "pdftotext", pdftest.WriteTemp(t, "fixture.pdf", b.Bytes()), "-"); !strings.Contains(text, "Ket qua giai quyet") {
		t.Fatalf("pdftotext does not read the fixture: %q", text)
	}
	return b.Bytes()
}

func deflate(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// demoKey is a demo CA and a key it issued to a unit, made once per test binary.
var demo struct {
	ca  *DemoCA
	key Key
}

func demoKey(t testing.TB) (*DemoCA, Key) {
	t.Helper()
	if demo.ca == nil {
		ca, err := NewDemoCA(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		key, err := ca.Issue("Ủy ban nhân dân xã Thuận An", "000.00.61.H36", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		demo.ca, demo.key = ca, key
	}
	return demo.ca, demo.key
}

func readFile(t testing.TB, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Package bombtest builds workbooks for tests of the XLSX bounds: a real
// workbook (written by excelize) whose first sheet is replaced by rows
// repeated many times, deflated — a small file that unpacks to much.
package bombtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Workbook returns an XLSX whose sheet named sheet holds header, then row
// repeated n times (row is one <row>'s cells, e.g.
// `<c t="inlineStr"><is><t>x</t></is></c>`).
func Workbook(tb testing.TB, sheet string, header []string, row string, n int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	src, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	for _, part := range src.File {
		dst, err := w.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate})
		if err != nil {
			tb.Fatal(err)
		}
		if part.Name == "xl/worksheets/sheet1.xml" {
			writeSheet(dst, header, row, n)
			continue
		}
		rc, err := part.Open()
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(dst, rc)
		rc.Close()
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

func writeSheet(w io.Writer, header []string, row string, n int) {
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>`)
	for _, h := range header {
		fmt.Fprintf(w, `<c t="inlineStr"><is><t>%s</t></is></c>`, h)
	}
	io.WriteString(w, `</row>`)
	chunk := strings.Repeat("<row>"+row+"</row>", 1024)
	for ; n >= 1024; n -= 1024 {
		io.WriteString(w, chunk)
	}
	io.WriteString(w, strings.Repeat("<row>"+row+"</row>", n))
	io.WriteString(w, `</sheetData></worksheet>`)
}

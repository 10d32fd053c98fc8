package pdfsign

import (
	"path/filepath"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestPopplerWrittenPDFsSign: PDFs written by poppler's own writer
// (pdfunite, two pages) and by cairo (pdftocairo) sign and verify in
// pdfsig, as do uploads that passed through such tools.
func TestPopplerWrittenPDFsSign(t *testing.T) {
	_, key := demoKey(t)
	src := pdftest.WriteTemp(t, "in.pdf", gopdfFile(t))
	dir := t.TempDir()
	united, cairo := filepath.Join(dir, "united.pdf"), filepath.Join(dir, "cairo.pdf")
	pdftest.Tool(t, "pdfunite", src, src, united)
	pdftest.Tool(t, "pdftocairo", "-pdf", src, cairo)
	// pdfunite of a signed file writes objects above its trailer's /Size:
	// the update must not reuse their numbers.
	signed, err := Sign(readFile(t, src), key, Options{})
	if err != nil {
		t.Fatal(err)
	}
	unitedSigned := filepath.Join(dir, "united-signed.pdf")
	pdftest.Tool(t, "pdfunite", pdftest.WriteTemp(t, "signed.pdf", signed), src, unitedSigned)
	for _, path := range []string{united, cairo, unitedSigned} {
		signed, err = Sign(readFile(t, path), key, Options{})
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		out := pdftest.Tool(t, "pdfsig", pdftest.WriteTemp(t, "signed.pdf", signed))
		pdftest.WantLines(t, out, "Signature is Valid.", "Total document signed")
		sigs, err := Verify(signed, nil)
		if err != nil || len(sigs) == 0 || !sigs[len(sigs)-1].Intact || !sigs[len(sigs)-1].WholeFile {
			t.Errorf("%s: Verify = %+v, %v", filepath.Base(path), sigs, err)
		}
		// The signature pdfunite copied no longer matches its bytes.
		if path == unitedSigned && (len(sigs) != 2 || sigs[0].Intact || sigs[0].Problem == "") {
			t.Errorf("the copied signature: %+v", sigs)
		}
	}
}

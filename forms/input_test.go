package forms

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestBadInput checks that forms without a writer, a code or a date fail
// before writing anything, with errors that read like a call path.
func TestBadInput(t *testing.T) {
	noCode := func(code string) ReceiptData { r := sampleReceipt(); r.Code = code; return r }
	register := sampleRegister(3)
	register.Rows[1].Code = ""
	emptyPeriod := sampleRegister(1)
	emptyPeriod.To = emptyPeriod.From
	for _, tc := range []struct {
		name   string
		form   func(io.Writer) error
		nilW   bool
		is     error
		prefix string
	}{
		{"receipt to nil", func(w io.Writer) error { return Receipt(w, sampleReceipt()) }, true, errNilWriter,
			`forms.Receipt("000.21.33.H17-261127-0001"): nil writer`},
		{"receipt without code", func(w io.Writer) error { return Receipt(w, noCode("")) }, false, errNoCode,
			`forms.Receipt(""): empty dossier code`},
		{"receipt with blank code", func(w io.Writer) error { return Receipt(w, noCode(" \t")) }, false, errNoCode,
			`forms.Receipt(" \t"): `},
		{"receipt without date", func(w io.Writer) error {
			r := sampleReceipt()
			r.ReceivedAt = time.Time{}
			return Receipt(w, r)
		}, false, nil, `forms.Receipt("000.21.33.H17-261127-0001"): zero ReceivedAt`},
		{"supplement without code", func(w io.Writer) error {
			s := sampleSupplement()
			s.Code = ""
			return Supplement(w, s)
		}, false, errNoCode, `forms.Supplement(""): `},
		{"supplement with nothing missing", func(w io.Writer) error {
			s := sampleSupplement()
			s.Missing = []string{"", "  "}
			return Supplement(w, s)
		}, false, nil, `forms.Supplement("000.21.33.H17-261127-0001"): nothing missing`},
		{"refusal to nil", func(w io.Writer) error { return Refusal(w, sampleRefusal()) }, true, errNilWriter,
			`forms.Refusal("Đăng ký khai sinh"): nil writer`},
		{"apology without code", func(w io.Writer) error {
			a := sampleApology()
			a.Code = ""
			return Apology(w, a)
		}, false, errNoCode, `forms.Apology(""): `},
		{"stop without code", func(w io.Writer) error {
			s := sampleStop()
			s.Code = ""
			return Stop(w, s)
		}, false, errNoCode, `forms.Stop(""): `},
		{"control slip without code", func(w io.Writer) error {
			c := sampleControlSlip()
			c.Code = ""
			return ControlSlip(w, c)
		}, false, errNoCode, `forms.ControlSlip(""): `},
		{"register row without code", func(w io.Writer) error { return Register(w, register) }, false, errNoCode,
			`forms.Register(01/11/2026, 01/12/2026): row 2: empty dossier code`},
		{"register of an empty period", func(w io.Writer) error { return Register(w, emptyPeriod) }, false, nil,
			`forms.Register(01/11/2026, 01/11/2026): period ends`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			var w io.Writer = &buf
			if tc.nilW {
				w = nil
			}
			err := tc.form(w)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if !strings.HasPrefix(err.Error(), tc.prefix) {
				t.Errorf("error %q, want it to begin %q", err, tc.prefix)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// TestDecomposedInputPrintsComposed gives every kind of text in NFD, as some
// keyboards and macOS produce it: the PDF must carry the NFC letters, or the
// marks print beside their letters.
func TestDecomposedInputPrintsComposed(t *testing.T) {
	nfd := norm.NFD.String
	if nfd(applicant) == applicant {
		t.Fatal("the fixture has no letters that decompose")
	}
	r := sampleReceipt()
	r.Header = Header{Authority: nfd(header.Authority), Unit: nfd(header.Unit), Place: nfd(header.Place)}
	r.ApplicantName, r.ProcedureName, r.Officer = nfd(applicant), nfd(procedure), nfd("Trần Văn Bình")
	r.Documents[0].Name = nfd(r.Documents[0].Name)
	reg := sampleRegister(1)
	reg.Header = r.Header
	reg.Rows[0].ApplicantName, reg.Rows[0].LeadUnit = nfd(applicant), nfd("Phòng Tư pháp")
	for _, tc := range []struct {
		name  string
		form  func(io.Writer) error
		wants []string
	}{
		{"receipt", func(w io.Writer) error { return Receipt(w, r) },
			[]string{"Đắk Mil, ngày", "BỘ PHẬN TIẾP NHẬN", applicant, procedure, "Tờ khai đăng ký khai sinh theo mẫu", "Trần Văn Bình"}},
		{"register", func(w io.Writer) error { return Register(w, reg) },
			[]string{"UBND HUYỆN ĐẮK MIL", applicant, "Phòng Tư pháp"}},
	} {
		text := pdftest.Text(t, render(t, tc.form))
		for _, want := range tc.wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: NFC %q not in the text", tc.name, want)
			}
		}
		for _, c := range text {
			if unicode.Is(unicode.Mn, c) {
				t.Errorf("%s: combining mark %U printed:\n%s", tc.name, c, text)
				break
			}
		}
	}
}

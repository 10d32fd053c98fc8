package forms

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// run is the text one operator draws: ledongthuc/pdf reports its glyphs one
// by one at the operator's position, since gopdf's Type0 fonts carry no
// /Widths it could advance by.
type run struct {
	font     string
	size, x  float64
	baseline float64
	text     string
}

func textRuns(t *testing.T, data []byte, page int) []run {
	t.Helper()
	var runs []run
	for _, g := range pdftest.Open(t, data).Page(page).Content().Text {
		if g.S == "\uFFFD" { // the reader's own separator, decoded as a glyph
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].x == g.X && runs[n-1].baseline == g.Y &&
			runs[n-1].font == g.Font && runs[n-1].size == g.FontSize {
			runs[n-1].text += g.S
			continue
		}
		runs = append(runs, run{font: g.Font, size: g.FontSize, x: g.X, baseline: g.Y, text: g.S})
	}
	return runs
}

// TestTextStaysInsideTheMargins fills every form with texts too long for it:
// each run of text, measured in its font, must lie inside the writing area of
// its page, so nothing runs off the paper or under the bottom margin.
func TestTextStaysInsideTheMargins(t *testing.T) {
	long := strings.Repeat("Giấy xác nhận thông tin về cư trú của người yêu cầu đăng ký. ", 30)
	word := strings.Repeat("Đ", 150) // wider than any column
	for _, tc := range longCases(long, word) {
		t.Run(tc.name, func(t *testing.T) {
			data := render(t, tc.form)
			pageW, pageH := pdftest.MediaBox(t, data, 1)
			m := a5Margins
			if pageW > 800 {
				m = a4Margins
			}
			measure := measurer(t)
			pages := pdftest.Open(t, data).NumPage()
			if pages < 2 {
				t.Errorf("%d page(s); the long texts should need more", pages)
			}
			for p := 1; p <= pages; p++ {
				for _, r := range textRuns(t, data, p) {
					w := measure(r)
					footer := strings.HasPrefix(r.text, "Trang ")
					switch {
					case r.x < m.left-0.01 || r.x+w > pageW-m.right+0.01:
						t.Errorf("page %d: %q spans x %.2f–%.2f, outside %.2f–%.2f", p, r.text, r.x, r.x+w, m.left, pageW-m.right)
					case !footer && r.baseline-0.3*r.size < m.bottom-0.5:
						t.Errorf("page %d: %q below the bottom margin (baseline %.2f)", p, r.text, r.baseline)
					case r.baseline+r.size > pageH-m.top+0.5:
						t.Errorf("page %d: %q above the top margin (baseline %.2f)", p, r.text, r.baseline)
					case footer && r.baseline < 10:
						t.Errorf("page %d: page number off the paper (baseline %.2f)", p, r.baseline)
					}
				}
			}
		})
	}
}

func longCases(long, word string) []formCase {
	receipt := sampleReceipt()
	receipt.Address, receipt.ProcedureName = long, word
	for i := range 30 {
		receipt.Documents = append(receipt.Documents, Document{Name: fmt.Sprint(i, " ", long[:200]), Count: i})
	}
	supplement := sampleSupplement()
	for range 40 {
		supplement.Missing = append(supplement.Missing, long[:300])
	}
	refusal := sampleRefusal()
	refusal.Reasons = strings.Repeat(long, 3)
	apology := sampleApology()
	apology.Reason = strings.Repeat(long, 3)
	stop := sampleStop()
	stop.Reason, stop.ApplicantName = strings.Repeat(long, 3), word
	slip := sampleControlSlip()
	for range 5 {
		slip.Rows = append(slip.Rows, slip.Rows...)
	}
	slip.Rows[0].Note = strings.Repeat(long, 4) // taller than a page: the row splits
	slip.Rows[1].Step = word
	register := sampleRegister(60)
	register.Rows[5].Note = strings.Repeat(long, 8)
	register.Rows[6].Code = word
	return []formCase{
		{name: "receipt", form: func(w io.Writer) error { return Receipt(w, receipt) }},
		{name: "supplement", form: func(w io.Writer) error { return Supplement(w, supplement) }},
		{name: "refusal", form: func(w io.Writer) error { return Refusal(w, refusal) }},
		{name: "apology", form: func(w io.Writer) error { return Apology(w, apology) }},
		{name: "stop", form: func(w io.Writer) error { return Stop(w, stop) }},
		{name: "control slip", form: func(w io.Writer) error { return ControlSlip(w, slip) }},
		{name: "register", form: func(w io.Writer) error { return Register(w, register) }},
	}
}

// measurer measures runs with the fonts the forms embed.
func measurer(t *testing.T) func(run) float64 {
	d, err := newDoc(a5, a5Margins, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	return func(r run) float64 {
		s := regular
		switch {
		case strings.HasSuffix(r.font, "-Bold"):
			s = bold
		case strings.HasSuffix(r.font, "-Italic"):
			s = italic
		}
		d.font(s, r.size)
		w := d.measure(r.text)
		if d.err != nil {
			t.Fatal(d.err)
		}
		return w
	}
}

// TestWrapKeepsEveryWord wraps text to several widths: no line is too wide
// and no character is lost or added, except the spaces lines break at.
func TestWrapKeepsEveryWord(t *testing.T) {
	d, err := newDoc(a5, a5Margins, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	text := "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất"
	word := strings.Repeat("Nghiêng", 20)
	for _, width := range []float64{30, 80, 200, 1000} {
		lines := d.wrap(text, width)
		if got := strings.Join(lines, " "); got != text {
			t.Errorf("width %v: words changed: %q", width, got)
		}
		for _, l := range append(lines, d.wrap(word, width)...) {
			if w := d.measure(l); w > width && len([]rune(l)) > 1 {
				t.Errorf("width %v: line %q is %.2f wide", width, l, w)
			}
		}
		if got := strings.Join(d.wrap(word, width), ""); got != word {
			t.Errorf("width %v: split word changed: %q", width, got)
		}
	}
	if got := d.wrap("một\nhai  ba", 1000); strings.Join(got, "|") != "một|hai ba" {
		t.Errorf("newlines: %q", got)
	}
}

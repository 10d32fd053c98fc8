package pdftest_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReadsBackAReceipt reads a receipt of several pages: its size, text, image
// and QR code come back as forms wrote them.
func TestReadsBackAReceipt(t *testing.T) {
	const url = "https://motcua.example.vn/tra-cuu?ma=000.22.33.H17-240305-0001&khoa=ABCD2345"
	r := forms.ReceiptData{Code: "000.22.33.H17-240305-0001", ApplicantName: "Nguyễn Thị Hồng Nhung",
		ProcedureName: "Đăng ký khai sinh", ReceivedAt: time.Date(2024, 3, 5, 9, 0, 0, 0, motcua.VN),
		DueAt: time.Date(2024, 3, 6, 9, 0, 0, 0, motcua.VN), TrackingURL: url}
	for i := range 40 { // enough to run onto a second page
		r.Documents = append(r.Documents, forms.Document{Name: fmt.Sprintf("Giấy tờ số %d", i+1), Count: 1})
	}
	var buf bytes.Buffer
	if err := forms.Receipt(&buf, r); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	pages := pdftest.Pages(t, data)
	if len(pages) < 2 {
		t.Fatalf("%d page(s), want the documents to run onto a second", len(pages))
	}
	pdftest.WantSize(t, data, len(pages), pdftest.A5)
	wrong := &recorder{TB: t}
	if pdftest.WantSize(wrong, data, 1, pdftest.A5.Landscape()); len(wrong.errors) != 1 {
		t.Errorf("WantSize passes an A5 portrait page as landscape")
	}
	if w, h := pdftest.MediaBox(t, data, 1); w != pdftest.A5.W || h != pdftest.A5.H {
		t.Errorf("page 1 is %v × %v pt, want A5", w, h)
	}
	if lines := pdftest.Lines(t, data); !slices.Equal(lines, slices.Concat(pages...)) {
		t.Errorf("Lines differs from the pages' lines in order")
	}
	text := pdftest.Text(t, data)
	if want := strings.Join(slices.Concat(pages...), " "); text != want {
		t.Errorf("Text = %q, want the lines joined by spaces", text)
	}
	pdftest.InOrder(t, text, "GIẤY TIẾP NHẬN HỒ SƠ", "Mã hồ sơ: "+r.Code, r.ApplicantName, "Giấy tờ số 40 ")
	if n := pdftest.ImageXObjects(t, data); n != 1 {
		t.Errorf("%d images, want the QR code alone", n)
	}
	if got := pdftest.QR(t, data); got != url {
		t.Errorf("QR = %q, want %q", got, url)
	}
}

// recorder is a testing.TB that keeps the errors reported to it.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestInOrderReportsWhatIsWrong: parts out of order and missing parts are
// told apart; parts in order pass, even when one repeats.
func TestInOrderReportsWhatIsWrong(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  string // the error's beginning; empty for none
	}{
		{[]string{"một", "hai", "ba"}, ""},
		{[]string{"hai", "hai"}, ""},
		{[]string{"ba", "một"}, `"một" appears, but not after`},
		{[]string{"hai", "hai", "hai"}, `"hai" appears, but not after`},
		{[]string{"một", "bốn"}, `"bốn" does not appear`},
	} {
		r := &recorder{TB: t}
		pdftest.InOrder(r, "một hai ba hai", tc.parts...)
		switch {
		case tc.want == "" && len(r.errors) > 0:
			t.Errorf("InOrder(%q) reported %q", tc.parts, r.errors)
		case tc.want != "" && (len(r.errors) != 1 || !strings.HasPrefix(r.errors[0], tc.want)):
			t.Errorf("InOrder(%q) reported %q, want one error beginning %s", tc.parts, r.errors, tc.want)
		}
	}
}

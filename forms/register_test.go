package forms

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestRegisterThousandsOfRows renders a busy month: the register runs over
// many A4 landscape pages, each opens with the header row and ends with its
// number, and every dossier code is printed whole.
func TestRegisterThousandsOfRows(t *testing.T) {
	reg := sampleRegister(3000)
	data := render(t, func(w io.Writer) error { return Register(w, reg) })
	pages := pdftest.Pages(t, data)
	if len(pages) < 50 {
		t.Fatalf("%d pages for 3,000 rows", len(pages))
	}
	for _, n := range []int{1, len(pages)} {
		pdftest.WantSize(t, data, n, pdftest.A4.Landscape())
	}
	printed := make(map[string]bool)
	for i, lines := range pages {
		header := slices.Index(lines, "STT")
		if header < 0 || header+1 == len(lines) || lines[header+1] != "Mã hồ sơ" {
			t.Errorf("page %d does not open with the header row", i+1)
		}
		if want := fmt.Sprintf("Trang %d/%d", i+1, len(pages)); lines[len(lines)-1] != want {
			t.Errorf("page %d ends with %q, want %q", i+1, lines[len(lines)-1], want)
		}
		for _, l := range lines {
			printed[l] = true
		}
	}
	for _, r := range reg.Rows {
		if !printed[r.Code] {
			t.Errorf("code %s missing", r.Code)
		}
	}
}

// TestRegisterPeriod prints the exclusive end as the last day inside.
func TestRegisterPeriod(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, time.November, d, h, 0, 0, 0, motcua.VN) }
	for _, tc := range []struct {
		from, to time.Time
		want     string
	}{
		{at(1, 0), at(1, 0).AddDate(0, 1, 0), "Từ ngày 01/11/2026 đến ngày 30/11/2026"},
		{at(2, 0), at(3, 0), "Từ ngày 02/11/2026 đến ngày 02/11/2026"},
		{at(2, 8), at(3, 17), "Từ ngày 02/11/2026 đến ngày 03/11/2026"},
		{at(1, 0).UTC(), at(8, 0).UTC(), "Từ ngày 01/11/2026 đến ngày 07/11/2026"},
	} {
		if got := period(tc.from, tc.to); got != tc.want {
			t.Errorf("period(%v, %v) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestZeroTimesPrintEmpty leaves the register's cells blank for steps not
// yet taken, instead of printing year 1.
func TestZeroTimesPrintEmpty(t *testing.T) {
	reg := sampleRegister(2) // row 2 has no result and no return
	text := pdftest.Text(t, render(t, func(w io.Writer) error { return Register(w, reg) }))
	if strings.Contains(text, "/0001") {
		t.Errorf("a zero time printed as a date:\n%s", text)
	}
	pdftest.InOrder(t, text, "2 000.21.33.H17-261101-0002", "01:13 01/11/2026 Trang 1/1")
}

// TestControlSlipContinues fills the slip beyond one page: the table runs on
// under a repeated header row and keeps every hand-over in order.
func TestControlSlipContinues(t *testing.T) {
	c := sampleControlSlip()
	c.Rows = nil
	for i := range 40 {
		c.Rows = append(c.Rows, ControlRow{Step: fmt.Sprintf("Bước %d", i+1), Unit: "Phòng Tư pháp",
			GivenAt: receivedAt.Add(time.Duration(i) * time.Hour), Giver: "Trần Văn Bình", Grade: "Đúng hạn"})
	}
	data := render(t, func(w io.Writer) error { return ControlSlip(w, c) })
	pages := pdftest.Pages(t, data)
	if len(pages) < 2 {
		t.Fatalf("%d page(s) for 40 hand-overs", len(pages))
	}
	for i, lines := range pages {
		if !strings.Contains(strings.Join(lines, " "), "TT Bước xử lý Cơ quan, đơn vị Thời gian giao") {
			t.Errorf("page %d lacks the header row", i+1)
		}
	}
	var steps []string
	for i := range c.Rows {
		steps = append(steps, fmt.Sprintf(" %d Bước %d ", i+1, i+1))
	}
	pdftest.InOrder(t, pdftest.Text(t, data), steps...)
}

func BenchmarkRegister5000(b *testing.B) {
	reg := sampleRegister(5000)
	for b.Loop() {
		if err := Register(io.Discard, reg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReceipt(b *testing.B) {
	r := sampleReceipt()
	for b.Loop() {
		if err := Receipt(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

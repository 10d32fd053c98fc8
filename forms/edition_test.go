package forms

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

var (
	plus7       = time.FixedZone("+07", 7*3600)
	lastOf2018  = time.Date(2025, time.September, 14, 23, 59, 0, 0, plus7)
	firstOf2025 = time.Date(2025, time.September, 15, 0, 0, 0, 0, plus7)
)

// TestEdition checks that Circular 03/2025 takes over at midnight Vietnam
// time on 15/09/2025, whatever zone the instant is given in.
func TestEdition(t *testing.T) {
	numbers2018 := map[Form]string{FormReceipt: "01", FormSupplement: "02", FormRefusal: "03",
		FormApology: "04", FormControlSlip: "05", FormRegister: "06"}
	numbers2025 := map[Form]string{FormReceipt: "01", FormSupplement: "02", FormRefusal: "03",
		FormApology: "04", FormStop: "05", FormControlSlip: "06", FormRegister: "07"}
	for _, tc := range []struct {
		name     string
		at       time.Time
		circular string
		numbers  map[Form]string
		apology  string
	}{
		{"last minute of 01/2018", lastOf2018, "01/2018/TT-VPCP", numbers2018,
			"Phiếu xin lỗi và hẹn lại ngày trả kết quả"},
		{"first instant of 03/2025", firstOf2025, "03/2025/TT-VPCP", numbers2025,
			"Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"},
		{"midnight in Vietnam given in UTC", time.Date(2025, time.September, 14, 17, 0, 0, 0, time.UTC),
			"03/2025/TT-VPCP", numbers2025, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"},
		{"a second before, given in UTC", time.Date(2025, time.September, 14, 16, 59, 59, 0, time.UTC),
			"01/2018/TT-VPCP", numbers2018, "Phiếu xin lỗi và hẹn lại ngày trả kết quả"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Edition(tc.at)
			if c.Name != tc.circular {
				t.Fatalf("Edition(%v) = %s, want %s", tc.at, c.Name, tc.circular)
			}
			for f := FormReceipt; f < formCount; f++ {
				tmpl, ok := c.Template(f)
				if want, has := tc.numbers[f]; ok != has || tmpl.Number != want {
					t.Errorf("form %d: number %q (%v), want %q (%v)", f, tmpl.Number, ok, want, has)
				}
			}
			if tmpl, _ := c.Template(FormApology); tmpl.Title != tc.apology {
				t.Errorf("apology titled %q, want %q", tmpl.Title, tc.apology)
			}
		})
	}
}

// TestFormsFollowTheirOwnInstant renders forms on both sides of 15/09/2025:
// each prints the number and title of the edition in force at its own
// instant (At for letters, ReceivedAt for the receipt and the control slip,
// From for the register).
func TestFormsFollowTheirOwnInstant(t *testing.T) {
	apology := func(at time.Time) func(io.Writer) error {
		a := sampleApology()
		a.ReceivedAt, a.DueAt, a.NewDueAt, a.At = lastOf2018.AddDate(0, 0, -30), lastOf2018, firstOf2025.AddDate(0, 0, 7), at
		return func(w io.Writer) error { return Apology(w, a) }
	}
	slip := func(at time.Time) func(io.Writer) error {
		c := sampleControlSlip()
		c.ReceivedAt = at
		return func(w io.Writer) error { return ControlSlip(w, c) }
	}
	register := func(from time.Time) func(io.Writer) error {
		r := sampleRegister(2)
		r.From, r.To = from, from.AddDate(0, 0, 1)
		return func(w io.Writer) error { return Register(w, r) }
	}
	stop := func(at time.Time) func(io.Writer) error {
		s := sampleStop()
		s.ReceivedAt, s.At = at.AddDate(0, 0, -3), at
		return func(w io.Writer) error { return Stop(w, s) }
	}
	receipt := func(at time.Time) func(io.Writer) error {
		r := sampleReceipt()
		r.ReceivedAt, r.DueAt = at, at.AddDate(0, 0, 21)
		return func(w io.Writer) error { return Receipt(w, r) }
	}
	for _, tc := range []struct {
		name  string
		form  func(io.Writer) error
		label string
		title string
	}{
		{"apology 2018", apology(lastOf2018), "Mẫu số 04 (Thông tư 01/2018/TT-VPCP)", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
		{"apology 2025 for a dossier of 2018", apology(firstOf2025), "Mẫu số 04 (Thông tư 03/2025/TT-VPCP)",
			"VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"},
		{"control slip 2018", slip(lastOf2018), "Mẫu số 05 (Thông tư 01/2018/TT-VPCP)", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
		{"control slip 2025", slip(firstOf2025), "Mẫu số 06 (Thông tư 03/2025/TT-VPCP)", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
		{"register 2018", register(firstOf2025.AddDate(0, 0, -1)), "Mẫu số 06 (Thông tư 01/2018/TT-VPCP)", "SỔ THEO DÕI HỒ SƠ"},
		{"register 2025", register(firstOf2025), "Mẫu số 07 (Thông tư 03/2025/TT-VPCP)", "SỔ THEO DÕI HỒ SƠ"},
		{"receipt 2018", receipt(lastOf2018), "Mẫu số 01 (Thông tư 01/2018/TT-VPCP)", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
		{"stop before 2025 borrows the 2025 form", stop(lastOf2018), "Mẫu số 05 (Thông tư 03/2025/TT-VPCP)",
			"THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := pdftest.Lines(t, render(t, tc.form))
			if lines[0] != tc.label {
				t.Errorf("first line %q, want %q", lines[0], tc.label)
			}
			if top := strings.Join(lines[:10], " "); !strings.Contains(top, tc.title) {
				t.Errorf("title %q not at the top:\n%s", tc.title, top)
			}
		})
	}
}

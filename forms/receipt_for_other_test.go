package forms

import (
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReceiptForAnotherUnitNamesAllThree: a dossier received regardless of
// boundary prints where it was received, the unit deciding it, the listing
// it was received under, and where the result is returned, on one A5
// page; a dossier received for its own unit prints none of the first
// three (the golden receipt holds them out).
func TestReceiptForAnotherUnitNamesAllThree(t *testing.T) {
	r := sampleReceipt()
	r.ReceivingUnit = "Trung tâm Phục vụ hành chính công xã Thuận An"
	r.DecidingUnit = "Ủy ban nhân dân xã Đức Lập"
	r.Listing = "Quyết định 2463/QĐ-UBND ngày 21/07/2025"
	r.ReturnPlace = "Trung tâm Phục vụ hành chính công xã Thuận An"
	data := render(t, func(w io.Writer) error { return Receipt(w, r) })
	if pages := pdftest.Pages(t, data); len(pages) != 1 {
		t.Errorf("the receipt takes %d pages, want one", len(pages))
	}
	pdftest.InOrder(t, pdftest.Text(t, data), "Nội dung yêu cầu giải quyết:", procedure,
		"Nơi tiếp nhận:", r.ReceivingUnit, "Cơ quan giải quyết:", r.DecidingUnit,
		"Tiếp nhận không phụ thuộc địa giới hành chính theo:", r.Listing, "Đăng ký nhận kết quả tại:", r.ReturnPlace)

	own := pdftest.Text(t, render(t, func(w io.Writer) error { return Receipt(w, sampleReceipt()) }))
	for _, label := range []string{"Nơi tiếp nhận:", "Cơ quan giải quyết:", "không phụ thuộc địa giới"} {
		if strings.Contains(own, label) {
			t.Errorf("a receipt for the receiving unit's own authority prints %q", label)
		}
	}
}

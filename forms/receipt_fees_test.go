package forms

import (
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReceiptPrintsTheFeeLines: field 7 of form 01 prints the version's
// fee lines when it states them, "Miễn phí, lệ phí" when it states none,
// and the catalogue's note otherwise; read back from the PDF.
func TestReceiptPrintsTheFeeLines(t *testing.T) {
	copies := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy,
		PayAt: motcua.FeePayAtIntake, LegalBasis: "Thông tư 281/2016/TT-BTC"}
	for _, c := range []struct {
		name string
		p    motcua.Procedure
		want string
	}{
		{"lines", motcua.Procedure{Fees: "Miễn lệ phí", FeesStated: true, FeeLines: []motcua.FeeLine{copies}},
			"7. Phí, lệ phí: Phí cấp bản sao trích lục: 8.000 đồng/bản"},
		{"free", motcua.Procedure{FeesStated: true}, "7. Phí, lệ phí: Miễn phí, lệ phí"},
		{"note only", motcua.Procedure{Fees: "Lệ phí do HĐND tỉnh quy định"}, "7. Phí, lệ phí: Lệ phí do HĐND tỉnh quy định"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := sampleReceipt()
			r.Fees = ReceiptFees(&c.p)
			data := render(t, func(w io.Writer) error { return Receipt(w, r) })
			pdftest.WantSize(t, data, 1, pdftest.A5)
			pdftest.InOrder(t, pdftest.Text(t, data), "6. Đăng ký nhận kết quả tại:", c.want, "Vào Sổ theo dõi hồ sơ")
		})
	}
}

func TestReceiptFeesStaysShort(t *testing.T) {
	var lines []motcua.FeeLine
	for range 12 {
		lines = append(lines, motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí cấp giấy chứng nhận quyền sử dụng đất", Amount: 100000,
			Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtResult})
	}
	got := ReceiptFees(&motcua.Procedure{FeesStated: true, FeeLines: lines})
	if n := len([]rune(got)); n > receiptFeesRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("field 7 is %d characters: %q", n, got)
	}
}

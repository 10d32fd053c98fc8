package forms

import (
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReceiptPrintsTheAmountDue: field 7 of form 01 prints what the
// dossier owes, split by when it is paid, and each exempted line with its
// reason; without a bill, the catalogue's words. Read back from the PDF,
// still one A5 page with the longest reasons.
func TestReceiptPrintsTheAmountDue(t *testing.T) {
	p := &motcua.Procedure{FeesStated: true, FeeLines: []motcua.FeeLine{
		{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy, PayAt: motcua.FeePayAtResult},
		{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 5000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake},
	}}
	long := strings.Repeat("giấy xác nhận khuyết tật số 12 do UBND xã cấp ", 40)
	for _, c := range []struct {
		name string
		bill *motcua.FeeBill
		want []string
	}{
		{"owed", &motcua.FeeBill{Total: 29000, DueAtIntake: 5000, DueAtResult: 24000, Lines: []motcua.FeeBillLine{
			{Line: 0, Quantity: 3, Gross: 24000, Amount: 24000, PayAt: motcua.FeePayAtResult},
			{Line: 1, Quantity: 1, Gross: 5000, Amount: 5000, PayAt: motcua.FeePayAtIntake}}},
			[]string{"7. Phí, lệ phí: 29.000 đồng, trong đó nộp khi tiếp nhận: 5.000 đồng; nộp khi nhận kết quả: 24.000 đồng"}},
		{"exempt", &motcua.FeeBill{Total: 24000, DueAtResult: 24000, Lines: []motcua.FeeBillLine{
			{Line: 0, Quantity: 3, Gross: 24000, Amount: 24000, PayAt: motcua.FeePayAtResult},
			{Line: 1, Quantity: 1, Gross: 5000, PayAt: motcua.FeePayAtIntake, Exempt: true, Reason: "Người khuyết tật, " + long}}},
			[]string{"24.000 đồng, trong đó nộp khi tiếp nhận: 0 đồng; nộp khi nhận kết quả: 24.000 đồng",
				"Được miễn: Lệ phí đăng ký 5.000 đồng (Người khuyết tật, giấy xác nhận", "…)"}},
		{"nothing owed", &motcua.FeeBill{Lines: []motcua.FeeBillLine{{Line: 0, PayAt: motcua.FeePayAtResult}}},
			[]string{"7. Phí, lệ phí: Không phải nộp (0 đồng)"}},
		{"no bill", nil, []string{"7. Phí, lệ phí: Phí cấp bản sao trích lục: 8.000 đồng/bản"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := sampleReceipt()
			r.Fees = ReceiptBill(p, c.bill)
			data := render(t, func(w io.Writer) error { return Receipt(w, r) })
			pdftest.WantSize(t, data, 1, pdftest.A5)
			pdftest.InOrder(t, pdftest.Text(t, data), append(append([]string{"6. Đăng ký nhận kết quả tại:"}, c.want...), "Vào Sổ theo dõi hồ sơ")...)
		})
	}
}

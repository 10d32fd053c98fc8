package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReceiptFormPrintsTheAmountDue: form 01 of a dossier of a procedure
// that states its fee lines prints at field 7 what the dossier owes for
// the copies asked at intake, and when, read back from the PDF.
func TestReceiptFormPrintsTheAmountDue(t *testing.T) {
	e := newEnv(t)
	p := &motcua.Procedure{Code: "1.000894", Name: "Thủ tục đăng ký kết hôn", Field: fx.Birth.Field, Level: fx.Birth.Level,
		Time: fx.Birth.Time, OnlineLevel: motcua.OnlinePartial, Steps: fx.Birth.Steps, Documents: fx.Birth.Documents,
		Fees: "Miễn lệ phí", FeesStated: true, FeeLines: []motcua.FeeLine{{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục",
			Amount: 8000, Basis: motcua.FeePerCopy, LegalBasis: "TT 281/2016/TT-BTC", PayAt: motcua.FeePayAtIntake}}}
	if err := e.db.CreateProcedure(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	c := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, "Lý Văn Tám")
	form.Set("procedure", strconv.FormatInt(p.ID, 10))
	form.Set("copies", "2")
	page := c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(page.header.Get("Location"))
	if page.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d; body:\n%s", page.status, excerpt(page.body))
	}
	married, _ := strconv.ParseInt(m[1], 10, 64)
	data := c.pdf(t, formPath(married, "01"))
	pdftest.InOrder(t, pdftest.Text(t, data), "Nội dung yêu cầu giải quyết: Thủ tục đăng ký kết hôn",
		"7. Phí, lệ phí: 16.000 đồng, trong đó nộp khi tiếp nhận: 16.000 đồng; nộp khi nhận kết quả: 0 đồng")
}

package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/motcua/motcua"
)

// feeProcedure is a procedure whose version states two lines: a copy
// charge paid with the result, and a fixed levy paid at intake that some
// applicants are exempt from.
func feeProcedure(t *testing.T, e *env, code string) *motcua.Procedure {
	t.Helper()
	p := &motcua.Procedure{Code: code, Name: "Cấp bản sao trích lục hộ tịch", Field: fx.Birth.Field, Level: fx.Birth.Level,
		Time: fx.Birth.Time, OnlineLevel: motcua.OnlineFull, Steps: fx.Birth.Steps, Documents: fx.Birth.Documents, FeesStated: true,
		FeeLines: []motcua.FeeLine{
			{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy, PayAt: motcua.FeePayAtResult},
			{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 5000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake,
				Exemptions: []motcua.FeeExemption{{Who: "Người khuyết tật", Basis: "Nghị quyết 12/2024/NQ-HĐND"}}},
		}}
	if err := e.db.CreateProcedure(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// feesFragment asks for the bill as the intake page's script does.
func (b *browser) feesFragment(t *testing.T, q url.Values) page {
	t.Helper()
	req, err := http.NewRequest("GET", b.e.srv.URL+"/intake/fees?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("HX-Request", "true")
	return b.do(t, req)
}

// TestCounterComputesTheBillBeforeAcceptance: the intake form of a
// procedure with fee lines asks for the copies and offers the exemption
// with who is exempt; the bill is computed as the quantities change (htmx)
// and without JavaScript (the page again, form kept); an exemption without
// a reason refuses the intake with the message on the fees and writes
// nothing; accepted, the dossier page and the receipt show the bill.
func TestCounterComputesTheBillBeforeAcceptance(t *testing.T) {
	e := newEnv(t)
	p := feeProcedure(t, e, "2.000635")
	c := e.login(t, fx.CounterA)
	proc := strconv.FormatInt(p.ID, 10)

	page := c.get(t, "/intake?procedure="+proc)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, `id="fees"`, `name="copies"`, `name="exempt" value="1"`, "Người khuyết tật (Nghị quyết 12/2024/NQ-HĐND)",
		`hx-get="/intake/fees"`, "Tổng số tiền phải nộp: <strong>5.000 đồng</strong>")
	wantLacks(t, page, `name="pages"`, `name="exempt" value="0"`)

	frag := c.feesFragment(t, url.Values{"procedure": {proc}, "copies": {"3"}, "sets": {"1"}})
	wantStatus(t, frag, http.StatusOK)
	wantContains(t, frag, "Phí cấp bản sao trích lục", "24.000 đồng", "Tổng số tiền phải nộp: <strong>29.000 đồng</strong>",
		`id="fee-due-intake">5.000 đồng`, `id="fee-due-result">24.000 đồng`)
	wantLacks(t, frag, "<html")
	frag = c.feesFragment(t, url.Values{"procedure": {proc}, "copies": {"3"}, "exempt": {"1"}})
	wantContains(t, frag, `id="fee-error"`, "phải ghi lý do")
	frag = c.feesFragment(t, url.Values{"procedure": {proc}, "copies": {"ba"}})
	wantContains(t, frag, "Số bản phải là một số nguyên.")

	noJS := c.get(t, "/intake/fees?"+url.Values{"procedure": {proc}, "name": {"Hồ Thị Mười"}, "copies": {"2"}, "sets": {"1"}}.Encode())
	wantStatus(t, noJS, http.StatusOK)
	wantContains(t, noJS, `<html lang="vi">`, `value="Hồ Thị Mười"`, "Tổng số tiền phải nộp: <strong>21.000 đồng</strong>")

	before := e.counts(t)
	form := intakeForm(fx.UnitA.ID, "Hồ Thị Mười")
	form.Set("procedure", proc)
	form.Set("copies", "2")
	form.Set("exempt", "1")
	refused := c.post(t, "/intake", form)
	wantStatus(t, refused, http.StatusUnprocessableEntity)
	wantContains(t, refused, `id="fees-error"`, "phải ghi lý do", `value="Hồ Thị Mười"`)
	e.wantCounts(t, before)

	form.Set("exempt_reason_1", "Người khuyết tật, giấy xác nhận số 12")
	accepted := c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(accepted.header.Get("Location"))
	if accepted.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d; body:\n%s", accepted.status, excerpt(accepted.body))
	}
	dossier := c.get(t, "/dossiers/"+m[1])
	wantContains(t, dossier, `id="dossier-fees"`, "Tổng số tiền phải nộp: <strong>16.000 đồng</strong>",
		"miễn: Người khuyết tật, giấy xác nhận số 12", `id="fee-due-intake">0 đồng`)
	receipt := c.get(t, "/dossiers/"+m[1]+"/receipt")
	wantContains(t, receipt, `id="receipt-fees"`, `id="fee-due-result">16.000 đồng`, "<del>5.000 đồng</del>")

	// The public tracking page says the amount and when, not the exemption's reason.
	id, _ := strconv.ParseInt(m[1], 10, 64)
	d, err := e.db.Dossier(t.Context(), mustActor(t, e, fx.CounterA), id)
	if err != nil {
		t.Fatal(err)
	}
	tracked := e.anonymous().track(t, d.Code, d.TrackingSecret)
	wantContains(t, tracked, `<strong id="track-fees">16.000 đồng</strong>`, "Nộp khi nhận kết quả: 16.000 đồng")
	wantLacks(t, tracked, "giấy xác nhận số 12", "Nộp khi tiếp nhận")
	wantContains(t, e.anonymous().trackJSON(t, d.Code, d.TrackingSecret), `"fee_total":16000`, `"fee_due_result":16000`)
}

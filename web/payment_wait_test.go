package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestCounterAcceptsWithIntakeFeesThenTakesCash: a dossier accepted with a
// levy due at intake waits for payment — the page says so with what is
// owed and the cash button, offers no hand-over, tracking shows the state
// and why the date waits; the counter takes the cash and the dossier is
// processing again, the resumption in its history.
func TestCounterAcceptsWithIntakeFeesThenTakesCash(t *testing.T) {
	e := newEnv(t)
	p := feeProcedure(t, e, "2.000636")
	c := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, "Hồ Thị Mười")
	form.Set("procedure", strconv.FormatInt(p.ID, 10))
	form.Set("copies", "1")
	accepted := c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(accepted.header.Get("Location"))
	if accepted.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d; body:\n%s", accepted.status, excerpt(accepted.body))
	}
	path := "/dossiers/" + m[1]

	page := c.get(t, path)
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, `id="dossier-state">Chờ nộp phí, lệ phí</strong>`, `id="awaiting-payment"`,
		"Chờ nộp phí, lệ phí: còn phải nộp 5.000 đồng", `id="awaiting-payment-cash"`, `data-action="withdrawn"`)
	wantLacks(t, page, `data-action="handed_over"`, `data-action="supplement_requested"`, `data-action="result_ready"`)

	id, _ := strconv.ParseInt(m[1], 10, 64)
	d, err := e.db.Dossier(t.Context(), mustActor(t, e, fx.CounterA), id)
	if err != nil {
		t.Fatal(err)
	}
	tracked := e.anonymous().track(t, d.Code, d.TrackingSecret)
	wantContains(t, tracked, `id="track-state">Chờ nộp phí, lệ phí</strong>`, `id="track-paused"`, "thời hạn giải quyết bắt đầu tính từ khi nộp đủ")
	wantContains(t, e.anonymous().trackJSON(t, d.Code, d.TrackingSecret), `"state":"payment"`)

	paid := c.post(t, path+"/payments/cash", url.Values{"giai-doan": {"intake"}})
	wantRedirect(t, paid, path)
	page = c.get(t, path)
	wantContains(t, page, `id="dossier-state">Đang xử lý</strong>`, "Đã nộp phí, lệ phí — tiếp tục giải quyết", `data-action="handed_over"`)
	wantLacks(t, page, `id="awaiting-payment"`)
	tracked = e.anonymous().track(t, d.Code, d.TrackingSecret)
	wantContains(t, tracked, `id="track-state">Đang xử lý</strong>`, "Đã nộp phí, lệ phí — tiếp tục giải quyết")
	wantLacks(t, tracked, `id="track-paused"`)
}

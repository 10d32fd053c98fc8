package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/reform"
)

// follow opens the page a redirect leads to, carrying the cookies the
// redirect set (the flash), as a browser does.
func (b *browser) follow(t *testing.T, p page) page {
	t.Helper()
	req, err := http.NewRequest("GET", b.e.srv.URL+p.header.Get("Location"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		if c.MaxAge >= 0 {
			req.AddCookie(c)
		}
	}
	return b.do(t, req)
}

// postExceptions are the officer POST routes whose success answers a page,
// with why a redirect would be wrong.
var postExceptions = map[string]string{
	"POST /login/cai-dat":    "shows the recovery codes once; they must not travel in a cookie or a URL, and a refresh is refused (the enrolment is done)",
	"POST /audit/verify":     "a read-only check of the chain (POST because it is long); re-posting only checks again",
	"POST /intake/held":      "a read of the documents held for an identity number (POST so that the number stays out of URLs); re-posting only reads again",
	"POST /intake/dan-cu":    "a lookup in the population database that fills the form (POST so that the number stays out of URLs); re-posting only looks up again",
	"POST /catalog/national": "shows the comparison with the national database once, beside the draft decision it opened: what stayed text is for the reviewer to read there; a second post is refused, the decision's number being taken",
}

// postsCheckedApart are checked at the end of the walk: a second factor
// and three file uploads, and an electronic result issued then revoked.
var postsCheckedApart = []string{"POST /login/ma", "POST /catalog/import", "POST /documents", "POST /dossiers/{id}/scans",
	"POST /dossiers/{id}/issued", "POST /dossiers/{id}/issued/revoke"}

// TestEveryOfficerPostRedirects walks every POST route of the officer UI
// (the route table minus the API and the citizen portal) and checks that a
// successful POST answers 303 See Other, so that a refresh of the page the
// browser lands on never posts again; the confirmation travels with it.
func TestEveryOfficerPostRedirects(t *testing.T) {
	e, mux := newRecordedEnv(t)
	withVNPAY(t, e) // the reconciliation's re-run asks a gateway
	o := policyObjects(t, e)
	counter, leader, admin, specialist := e.login(t, fx.CounterA), e.login(t, fx.LeaderA), e.login(t, fx.Admin), e.login(t, fx.SpecialistA)
	unitA := strconv.FormatInt(fx.UnitA.ID, 10)
	dossier, _ := strconv.ParseInt(o["dossier"], 10, 64)
	_, _, version := e.dossier(t, dossier)
	// The decision to publish needs a change to publish.
	decision, _ := strconv.ParseInt(o["decision"], 10, 64)
	adminActor, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	amended := fx.Birth
	amended.Steps = slices.Clone(fx.Birth.Steps)
	amended.Name = "Đăng ký khai sinh (sửa đổi)"
	if err := e.db.DraftChange(t.Context(), adminActor, decision, motcua.ChangeAmend, &amended); err != nil {
		t.Fatal(err)
	}
	province := e.login(t, e.provinceAdmin(t))
	listing := &motcua.BoundaryFreeListing{ProcedureCode: fx.Marriage.Code, Decision: "1/QĐ-UBND", From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.AddBoundaryFreeListing(t.Context(), listing); err != nil {
		t.Fatal(err)
	}
	plan := "# Cải cách thủ tục hành chính\n- Rà soát quy trình | " + fx.UnitA.Code + " | 31/12/2024"
	type call struct {
		b     *browser
		path  string
		form  url.Values
		flash string // the confirmation the page it leads to must show
	}
	successes := map[string]call{
		"POST /login":                              {e.anonymous(), "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}, "next": {"/worklist"}}, ""},
		"POST /staff":                              {admin, "/staff", url.Values{"username": {"motcua.a9"}, "full_name": {"Trần Văn Chín"}, "role": {"counter"}, "unit": {unitA}, "password": {"mat-khau-du-dai-roi"}}, ""},
		"POST /staff/{username}/{action}":          {admin, "/staff/motcua.a9/revoke", nil, ""},
		"POST /reform":                             {leader, "/reform", url.Values{"don_vi": {unitA}, "nam": {"2025"}, "so": {"3/KH-UBND"}, "ngay": {"02/01/2025"}, "ten": {"Kế hoạch CCHC 2025"}, "noi_dung": {plan}}, ""},
		"POST /reform/tasks/{id}":                  {specialist, "/reform/tasks/" + o["task"] + "?don_vi=" + unitA + "&nam=2024", url.Values{"trang_thai": {"done"}, "ghi_chu": {"Xong"}, "ngay": {"04/03/2024"}}, ""},
		"POST /par/criteria":                       {admin, "/par/criteria", url.Values{"nam": {"2024"}, "tieu_chi": {"1 | Chỉ đạo\n1.1 | Kế hoạch | 2"}}, ""},
		"POST /par/scores":                         {leader, "/par/scores", url.Values{"don_vi": {unitA}, "nam": {"2024"}, "ma": {"1.1"}, "diem": {"1,5"}}, ""},
		"POST /surveys":                            {leader, "/surveys", url.Values{"ten": {"Khảo sát quý II"}, "don_vi": {unitA}, "tu": {"01/04/2024"}, "den": {"30/06/2024"}, "so_phieu": {"10"}}, ""},
		"POST /surveys/{id}/answers":               {leader, "/surveys/" + o["survey"] + "/answers", url.Values{"don_vi": {unitA}, "score_0": {"4"}, "score_1": {"4"}, "score_2": {"4"}, "score_3": {"4"}, "score_4": {"4"}}, "Đã nhập phiếu."},
		"POST /reviews/{id}/answer":                {leader, "/reviews/" + o["review"] + "/answer", url.Values{"response": {"Đơn vị đã chấn chỉnh."}}, ""},
		"POST /submissions/{id}/{decision}":        {counter, "/submissions/" + o["submission"] + "/ask", url.Values{"missing": {"Giấy chứng sinh"}, "note": {"Bản chụp rõ"}}, "Đã gửi yêu cầu bổ sung"},
		"POST /catalog/decisions":                  {admin, "/catalog/decisions", url.Values{"number": {"9/QĐ-UBND"}, "issuer": {"Chủ tịch UBND tỉnh"}, "signed_on": {"02/01/2024"}, "effective_from": {"02/01/2024"}, "summary": {"Công bố"}}, ""},
		"POST /catalog/decisions/{id}/publish":     {admin, "/catalog/decisions/" + o["decision"] + "/publish", nil, ""},
		"POST /catalog/procedures/{id}/adopt":      {leader, "/catalog/procedures/" + o["procedure"] + "/adopt", url.Values{"unit": {unitA}, "from": {"01/01/2024"}}, ""},
		"POST /catalog/procedures/{id}/officers":   {leader, "/catalog/procedures/" + o["procedure"] + "/officers", url.Values{"unit": {unitA}, "step": {fx.Birth.Steps[1].Name}, "users": {strconv.FormatInt(fx.SpecialistA.ID, 10)}}, ""},
		"POST /intake":                             {counter, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Tám"), "Đã tiếp nhận hồ sơ"},
		"POST /intake/refuse":                      {counter, "/intake/refuse", withReason(intakeForm(fx.UnitA.ID, "Hoàng Thị Từ"), "Không thuộc thẩm quyền"), "từ chối"},
		"POST /dossiers/{id}/payments/cash":        {counter, "/dossiers/" + o["dossier"] + "/payments/cash", url.Values{"giai-doan": {"result"}}, "Đã thu"},
		"POST /dossiers/{id}/payments/{pid}/{act}": {counter, "/dossiers/" + o["dossier"] + "/payments/" + o["payment"] + "/hoan-tra", url.Values{"reason": {"Nộp nhầm"}}, "Đã lập"},
		"POST /dossiers/{id}/actions":              {counter, "/dossiers/" + o["dossier"] + "/actions", url.Values{"type": {string(motcua.EventHandedOver)}, "version": {strconv.Itoa(version)}}, "Đã ghi nhận"},
		"POST /calendar":                           {admin, "/calendar", url.Values{"date": {"14/03/2024"}, "kind": {"off"}, "name": {"Nghỉ thử"}, "confirm": {"1"}}, "Đã lưu"},
		"POST /calendar/delete":                    {admin, "/calendar/delete", url.Values{"date": {"2024-03-14"}, "confirm": {"1"}}, "Đã xóa"},
		"POST /listings":                           {province, "/listings", url.Values{"code": {fx.Birth.Code}, "decision": {"2463/QĐ-UBND"}, "decided_on": {"20/02/2024"}, "from": {"01/03/2024"}}, "Đã thêm thủ tục"},
		"POST /listings/{id}/end":                  {province, "/listings/" + strconv.FormatInt(listing.ID, 10) + "/end", url.Values{"to": {"2024-03-04"}}, "Đã ghi ngày hết hiệu lực"},
		"POST /payments/reconciliation":            {leader, "/payments/reconciliation", url.Values{"ngay": {"05/03/2024"}, "cong": {"vnpay"}}, "Đã đối soát lại VNPAY ngày 05/03/2024."},
		"POST /calendar/hours":                     {admin, "/calendar/hours", url.Values{"unit": {unitA}, "hours": {"Mon-Fri 07:30-11:30,13:30-17:00"}}, ""},
		"POST /units/dissolve":                     {admin, "/units/dissolve", url.Values{"unit": {strconv.FormatInt(fx.UnitB.ID, 10)}, "successor": {unitA}, "at": {"01/07/2025"}}, ""},
		"POST /account/sessions/revoke":            {specialist, "/account/sessions/revoke", nil, ""},
		"POST /logout":                             {counter, "/logout", nil, ""},
	}
	order := []string{"POST /login"}
	for route := range successes {
		if !slices.Contains([]string{"POST /login", "POST /units/dissolve", "POST /account/sessions/revoke", "POST /logout"}, route) {
			order = append(order, route)
		}
	}
	slices.Sort(order[1:])
	order = append(order, "POST /units/dissolve", "POST /account/sessions/revoke", "POST /logout")

	for _, route := range mux.routes {
		if !strings.HasPrefix(route, "POST ") || strings.HasPrefix(route, "POST /api/") || routePolicy[route] == public && route != "POST /login" && route != "POST /logout" ||
			routePolicy[route] == citizens {
			continue
		}
		if _, ok := successes[route]; !ok && postExceptions[route] == "" && !slices.Contains(postsCheckedApart, route) {
			t.Errorf("%s: no successful call in this test and no stated exception", route)
		}
	}
	for _, route := range order {
		c := successes[route]
		p := c.b.post(t, c.path, c.form)
		if p.status != http.StatusSeeOther || strings.HasPrefix(p.header.Get("Location"), "/login?next") {
			t.Errorf("%s: a successful POST answered %d (Location %q), want 303 to the page:\n%s", route, p.status, p.header.Get("Location"), excerpt(p.body))
			continue
		}
		if c.flash != "" {
			check(t, c.b.follow(t, p), flashSays(c.flash))
		}
	}

	// The leader's second factor and the two file uploads.
	b := e.anonymous()
	p := b.post(t, "/login", url.Values{"username": {fx.LeaderA.Username}, "password": {sample.Password}, "next": {"/worklist"}})
	b.cookie = sessionCookie(t, p)
	wantRedirect(t, b.post(t, "/login/ma", url.Values{"code": {sample.TOTPCode(t, e.db, fx.LeaderA)}, "next": {"/worklist"}}), "/worklist")
	exported := admin.get(t, "/catalog/export/json")
	p = admin.postMultipart(t, "/catalog/import", nil, formFile{"file", "danh-muc.json", []byte(exported.body)})
	if p.status != http.StatusSeeOther {
		t.Errorf("POST /catalog/import: %d, want 303:\n%s", p.status, excerpt(p.body))
	} else {
		check(t, admin.follow(t, p), htmlcheck.In(".flash", htmlcheck.HasAttr("class", "flash")))
	}
	p = leader.postMultipart(t, "/documents", url.Values{"don_vi": {unitA}, "ngay": {"02/01/2024"}, "so": {"5/CV-UBND"},
		"co_quan": {"UBND xã"}, "trich_yeu": {"Về việc thử"}, "loai_moi": {string(reform.DocLetter)}})
	wantStatus(t, p, http.StatusSeeOther)
	counter = e.login(t, fx.CounterA) // logged out above
	p = counter.postMultipart(t, "/dossiers/"+o["dossier"]+"/scans", nil, formFile{"scan_0", "to-khai.pdf", pdf})
	if p.status != http.StatusSeeOther || strings.HasPrefix(p.header.Get("Location"), "/login") {
		t.Errorf("POST /dossiers/{id}/scans: %d to %q, want 303 to the dossier:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	} else {
		check(t, counter.follow(t, p), flashSays("Đã lưu bản số hóa"))
	}

	// A correction of the electronic result, then its revocation.
	resulted := "/dossiers/" + o["resulted"]
	p = leader.post(t, resulted+"/issued", url.Values{"supersedes": {o["resultCode"]}, "reason": {"Đính chính"}, "result_text": {"Kết quả đính chính."}})
	wantRedirect(t, p, resulted+"#issued-results")
	check(t, leader.follow(t, p), flashSays("Đã phát hành kết quả điện tử mã"))
	p = leader.post(t, resulted+"/issued/revoke", url.Values{"code": {validCode(t, leader.get(t, resulted))}, "revoke_reason": {"Cấp nhầm"}})
	wantRedirect(t, p, resulted+"#issued-results")
	check(t, leader.follow(t, p), flashSays("Đã thu hồi kết quả"))
}

func withReason(form url.Values, reason string) url.Values {
	form.Set("reason", reason)
	return form
}

// TestFlashIsShownOnce: the confirmation carried by a redirect shows on
// the page it leads to, and not again on a refresh.
func TestFlashIsShownOnce(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Phạm Thị Mười")
	_, _, version := e.dossier(t, id)
	p := c.act(t, id, string(motcua.EventHandedOver), version)
	wantStatus(t, p, http.StatusSeeOther)
	shown := c.follow(t, p)
	check(t, shown, flashSays("Đã ghi nhận: "+motcua.EventHandedOver.Label()))
	cleared := false
	for _, ck := range (&http.Response{Header: shown.header}).Cookies() {
		cleared = cleared || ck.Name == "motcua_flash" && ck.MaxAge < 0
	}
	if !cleared {
		t.Error("the page did not clear the flash it showed")
	}
	wantLacks(t, c.get(t, fmt.Sprintf("/dossiers/%d", id)), "Đã ghi nhận:")
}

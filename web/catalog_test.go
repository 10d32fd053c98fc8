package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestPublicCatalog: anonymous search folds diacritics and filters; a
// procedure page shows its documents and QR codes in PNG and SVG.
func TestPublicCatalog(t *testing.T) {
	e := newEnv(t)
	anon := e.anonymous()
	p := anon.get(t, "/thu-tuc?q=dang+ky+ket+hon")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`a[href="/thu-tuc/xa/1.000894"]`), htmlcheck.NotIn(`[href="/thu-tuc/xa/1.001193"]`))
	if got := textOf(t, p, "#catalog-count"); got != "1 thủ tục" {
		t.Errorf("count %q", got)
	}
	check(t, anon.get(t, "/thu-tuc?cap=xa&truc_tuyen=mot-phan&linh_vuc=H%E1%BB%99+t%E1%BB%8Bch"), htmlcheck.In(`a[href="/thu-tuc/xa/1.000894"]`), htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`))
	check(t, anon.get(t, "/thu-tuc?truc_tuyen=toan-trinh"), htmlcheck.NotIn(`[href^="/thu-tuc/xa/"]`))
	check(t, anon.get(t, "/thu-tuc?cap=huyen"), htmlcheck.NotIn(`[href^="/thu-tuc/xa/"]`))
	check(t, anon.get(t, "/thu-tuc?don_vi="+fx.UnitA.Code), htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`))

	page := anon.get(t, "/thu-tuc/xa/1.001193")
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, "Đăng ký khai sinh", "Tờ khai (theo mẫu)", "1 ngày làm việc")
	check(t, page, htmlcheck.In(`img[src="/thu-tuc/xa/1.001193/qr.png"]`))
	png := anon.get(t, "/thu-tuc/xa/1.001193/qr.png")
	if png.status != http.StatusOK || png.header.Get("Content-Type") != "image/png" || !strings.HasPrefix(png.body, "\x89PNG") {
		t.Errorf("qr.png: %d %s", png.status, png.header.Get("Content-Type"))
	}
	svg := anon.get(t, "/thu-tuc/xa/1.001193/qr.svg")
	if svg.status != http.StatusOK || !strings.HasPrefix(svg.body, "<svg") || !strings.Contains(svg.body, "M") {
		t.Errorf("qr.svg: %d %.80s", svg.status, svg.body)
	}
	wantStatus(t, anon.get(t, "/thu-tuc/xa/1.001193/qr.gif"), http.StatusNotFound)
	wantStatus(t, anon.get(t, "/thu-tuc/xa/9.999999"), http.StatusNotFound)
	wantStatus(t, anon.get(t, "/thu-tuc/huyen/1.001193"), http.StatusNotFound)
}

// TestTrialPage: staff run a workflow's trial from the UI; anonymous
// visitors are sent to log in.
func TestTrialPage(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.anonymous().get(t, "/catalog/trial?code=1.001193"), http.StatusSeeOther)
	leader := e.login(t, fx.LeaderA)
	p := leader.get(t, "/catalog/trial?code=1.001193&cap=xa&at=2024-03-05T16:00")
	wantStatus(t, p, http.StatusOK)
	// 1 working day from Tue 16:00: 1 h that day, 6 h 30 Wednesday.
	if got := textOf(t, p, "#trial-due"); got != "16:00 06/03/2024" {
		t.Errorf("promised %q", got)
	}
	check(t, p, htmlcheck.In("tr", htmlcheck.CellsMatch(`.*16:00 05/03/2024`, `16:30 05/03/2024.*`)), htmlcheck.In("#trial-ok"))
	wantStatus(t, leader.get(t, "/catalog/trial?code=9.999999"), http.StatusNotFound)
	wantStatus(t, leader.get(t, "/catalog/trial?code=1.001193&at=mai"), http.StatusUnprocessableEntity)
}

// TestDecisionPages: the administrator drafts a decision, sees its change
// with a diff and a trial, and publishes it; a leader may read but not publish.
func TestDecisionPages(t *testing.T) {
	e := newEnv(t)
	admin, leader := e.login(t, fx.Admin), e.login(t, fx.LeaderA)
	p := admin.post(t, "/catalog/decisions", url.Values{"number": {"3677/QĐ-UBND"}, "issuer": {"Chủ tịch UBND tỉnh Đắk Nông"},
		"signed_on": {"2024-03-01"}, "effective_from": {"15/03/2024"}})
	wantStatus(t, p, http.StatusSeeOther)
	path := p.header.Get("Location")
	id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/catalog/decisions/"), 10, 64)
	actor, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	amended := fx.Birth
	amended.Name, amended.Time.Amount = "Đăng ký khai sinh (sửa đổi)", 2
	amended.Steps = append([]motcua.WorkflowStep(nil), fx.Birth.Steps...)
	amended.Steps[1].Minutes += 450
	if err := e.db.DraftChange(t.Context(), actor, id, motcua.ChangeAmend, &amended); err != nil {
		t.Fatal(err)
	}
	page := leader.get(t, path)
	wantContains(t, page, "Đăng ký khai sinh (sửa đổi)", "Sửa đổi, bổ sung", "So sánh", "&draft=1")
	check(t, page, htmlcheck.NotIn(`[action="`+path+`/publish"]`))
	wantStatus(t, leader.post(t, path+"/publish", nil), http.StatusForbidden)

	diff := admin.get(t, fmt.Sprintf("/catalog/procedures/%d", fx.Birth.ID))
	wantContains(t, diff, "Đăng ký khai sinh (sửa đổi)")
	check(t, diff, htmlcheck.In("tr", htmlcheck.CellsMatch(`.*Thời hạn giải quyết`, `1 ngày làm việc`, `2 ngày làm việc.*`)))
	trial := admin.get(t, "/catalog/trial?code=1.001193&cap=xa&draft=1&at=2024-03-15T09:00")
	wantContains(t, trial, "bản dự thảo")
	check(t, trial, htmlcheck.In("#trial-ok"))

	wantStatus(t, admin.post(t, path+"/publish", nil), http.StatusSeeOther)
	published := admin.get(t, path+"?published=1")
	check(t, published, flashSays("Đã công bố quyết định 3677/QĐ-UBND"))
	check(t, published, htmlcheck.In("#decision-status", htmlcheck.MatchesText(`^Đã công bố`)))
	wantStatus(t, admin.post(t, "/catalog/decisions", url.Values{"number": {"1"}, "issuer": {"x"}, "signed_on": {"mai"}}), http.StatusUnprocessableEntity)
}

// TestAdoptionPage: commune A's leader adopts the procedure and assigns a
// step; the counter of another commune then cannot find it at intake.
func TestAdoptionPage(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.LeaderA)
	path := fmt.Sprintf("/catalog/procedures/%d", fx.Birth.ID)
	page := leader.get(t, path)
	check(t, page, htmlcheck.In("#adoption", htmlcheck.HasText("Chưa đơn vị nào đăng ký áp dụng riêng")))
	p := leader.post(t, path+"/adopt", url.Values{"unit": {fmt.Sprint(fx.UnitA.ID)}, "from": {"01/03/2024"}})
	wantStatus(t, p, http.StatusSeeOther)
	wantContains(t, leader.get(t, path), "Ủy ban nhân dân xã Đắk Lao — từ ngày 01/03/2024")
	p = leader.post(t, path+"/officers", url.Values{"unit": {fmt.Sprint(fx.UnitA.ID)}, "step": {fx.Birth.Steps[1].Name},
		"users": {fmt.Sprint(fx.SpecialistA.ID)}})
	wantStatus(t, p, http.StatusSeeOther)
	check(t, leader.get(t, path), htmlcheck.In(fmt.Sprintf(`input[value="%d"][checked]`, fx.SpecialistA.ID)))
	wantStatus(t, leader.post(t, path+"/adopt", url.Values{"unit": {fmt.Sprint(fx.UnitB.ID)}, "from": {"01/03/2024"}}), http.StatusForbidden)

	b := e.login(t, fx.CounterB)
	wantLacks(t, b.get(t, "/intake?q=khai+sinh"), fmt.Sprintf(`/intake?procedure=%d"`, fx.Birth.ID))
	check(t, e.login(t, fx.CounterA).get(t, "/intake?q=khai+sinh"), htmlcheck.In(fmt.Sprintf(`a[href="/intake?procedure=%d"]`, fx.Birth.ID)))
}

// upload posts a file as the catalogue import form does.
func upload(t *testing.T, b *browser, path, name string, data []byte) page {
	t.Helper()
	return b.postMultipart(t, path, nil, formFile{"file", name, data})
}

// TestCatalogFilesThroughTheUI: the export downloaded as XLSX imports back
// with zero changes; a broken file is refused with its row; a leader cannot import.
func TestCatalogFilesThroughTheUI(t *testing.T) {
	e := newEnv(t)
	admin, leader := e.login(t, fx.Admin), e.login(t, fx.LeaderA)
	xlsx := admin.get(t, "/catalog/export/xlsx")
	if xlsx.status != http.StatusOK || !strings.HasPrefix(xlsx.body, "PK") {
		t.Fatalf("export: %d", xlsx.status)
	}
	p := upload(t, admin, "/catalog/import", "danh-muc.xlsx", []byte(xlsx.body))
	wantRedirect(t, p, "/catalog")
	check(t, admin.follow(t, p), flashSays("Đã nhập danh-muc.xlsx: 0 thay đổi"))
	js := admin.get(t, "/catalog/export/json")
	bad := strings.Replace(js.body, `"unit": "deciding"`, `"unit": "ubnd"`, 1)
	p = upload(t, admin, "/catalog/import", "sai.json", []byte(bad))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "ubnd")
	wantStatus(t, upload(t, leader, "/catalog/import", "danh-muc.xlsx", []byte(xlsx.body)), http.StatusForbidden)
	wantStatus(t, upload(t, admin, "/catalog/import", "danh-muc.txt", []byte("x")), http.StatusUnprocessableEntity)
}

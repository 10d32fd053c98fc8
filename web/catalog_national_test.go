package web_test

import (
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/adapter/partner/csdltthc/csdltthctest"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store"
)

const nationalSample = "../adapter/partner/csdltthc/testdata/xuat-csdl-tthc.json"

func nationalForm(number, codes string) url.Values {
	return url.Values{"codes": {codes}, "number": {number}, "issuer": {"Chủ tịch UBND tỉnh Đắk Nông"},
		"signed_on": {"01/03/2024"}, "effective_from": {"01/04/2024"}, "summary": {"Cập nhật theo CSDL quốc gia"}}
}

// inForce is what the catalogue has published: decisions and versions.
func inForce(t *testing.T, db *store.DB) (published []motcua.CatalogVersion, decisions int) {
	t.Helper()
	s, err := db.Snapshot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range s.Versions {
		if v.Status == motcua.VersionPublished {
			published = append(published, v)
		}
	}
	return published, len(s.Decisions)
}

var draftLink = regexp.MustCompile(`href="/catalog/decisions/(\d+)"`)

// TestNationalCatalogueOpensADraft: the administrator uploads the national
// export and names two codes; the page lists the amendment of the birth
// registration (with what stayed text) and the addition of the death
// registration, the draft decision holds exactly those two, and nothing
// in force changed. Through the configured service, the same.
func TestNationalCatalogueOpensADraft(t *testing.T) {
	file, err := os.ReadFile(nationalSample)
	if err != nil {
		t.Fatal(err)
	}
	onEachEngine(t, func(t *testing.T, e *env) {
		admin := e.login(t, fx.Admin)
		check(t, admin.get(t, "/catalog"), htmlcheck.In(`#national-link a[href="/catalog/national"]`))
		check(t, admin.get(t, "/catalog/national"), htmlcheck.In(`#national-form input[name="file"]`))
		wantStatus(t, e.login(t, fx.LeaderA).get(t, "/catalog/national"), http.StatusForbidden)
		before, decisions := inForce(t, e.db)

		p := admin.postMultipart(t, "/catalog/national", nationalForm("15/QĐ-UBND", "1.001193, 1.000656"), formFile{"file", "xuat.json", file})
		wantStatus(t, p, http.StatusOK)
		check(t, p, htmlcheck.In(`#national-amended tr[data-code="1.001193"]`, htmlcheck.HasText("Thời hạn giải quyết: «Ngay trong ngày tiếp nhận hồ sơ")))
		check(t, p, htmlcheck.In(`#national-amended tr[data-code="1.001193"]`, htmlcheck.HasText("Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh")))
		check(t, p, htmlcheck.In(`#national-added tr[data-code="1.000656"]`, htmlcheck.HasText("Đăng ký khai tử")))
		wantContains(t, p, "1 thủ tục công bố mới, 1 thủ tục sửa đổi, bổ sung")
		m := draftLink.FindStringSubmatch(p.body)
		if m == nil {
			t.Fatalf("no link to the draft:\n%s", excerpt(p.body))
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		d, err := e.db.Decision(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]motcua.ChangeKind{}
		for _, c := range d.Changes {
			kinds[c.Procedure.Code] = c.Kind
		}
		if d.Status != motcua.DecisionDraft || !reflect.DeepEqual(kinds, map[string]motcua.ChangeKind{"1.001193": motcua.ChangeAmend, "1.000656": motcua.ChangeAdd}) {
			t.Errorf("decision %s (%s): %v", d.Number, d.Status, kinds)
		}
		after, n := inForce(t, e.db)
		if !reflect.DeepEqual(after, before) || n != decisions+1 {
			t.Errorf("in force changed, or %d decisions from %d", n, decisions)
		}
		check(t, admin.get(t, "/catalog/decisions/"+m[1]), htmlcheck.In("#decision-status", htmlcheck.MatchesText(`^Dự thảo`)))

		// A second post is refused: the number is taken.
		p = admin.postMultipart(t, "/catalog/national", nationalForm("15/QĐ-UBND", "1.001193"), formFile{"file", "xuat.json", file})
		wantStatus(t, p, http.StatusUnprocessableEntity)
		wantContains(t, p, "Quyết định 15/QĐ-UBND của Chủ tịch UBND tỉnh Đắk Nông đã có trong hệ thống.")

		// Through the service: the marriage registration and a procedure new to the province.
		sim := csdltthctest.Start(t, nationalSample)
		e.site.NationalCatalog = &csdltthc.Client{Base: sim.URL}
		form := nationalForm("16/QĐ-UBND", "1.001022")
		form.Set("source", "service")
		p = admin.postMultipart(t, "/catalog/national", form)
		wantStatus(t, p, http.StatusOK)
		check(t, p, htmlcheck.In(`#national-added tr[data-code="1.001022"]`, htmlcheck.HasText("Lệ phí đăng ký nhận cha, mẹ, con")))
		if !reflect.DeepEqual(sim.Asked(), []string{"1.001022"}) {
			t.Errorf("the service was asked %v", sim.Asked())
		}

		// The per-procedure Word export, with the list: the code asked for is taken from the list.
		docx, err := os.ReadFile("../adapter/partner/csdltthc/testdata/ChiTietTTHC_1.001193.docx")
		if err != nil {
			t.Fatal(err)
		}
		p = admin.postMultipart(t, "/catalog/national", nationalForm("17/QĐ-UBND", ""), formFile{"file", "ChiTietTTHC_1.001193.docx", docx})
		wantStatus(t, p, http.StatusOK)
		check(t, p, htmlcheck.In(`#national-amended tr[data-code="1.001193"]`, htmlcheck.HasText("Tờ khai đăng ký khai sinh theo mẫu")))
		p = admin.postMultipart(t, "/catalog/national", nationalForm("18/QĐ-UBND", "1.001193"), formFile{"file", "ChiTietTTHC_1.001193.docx", docx}, formFile{"file", "xuat.json", file})
		wantStatus(t, p, http.StatusUnprocessableEntity)
		wantContains(t, p, "Mã 1.001193 có ở hai mục, thứ 1 và thứ 2")
		if after, _ := inForce(t, e.db); !reflect.DeepEqual(after, before) {
			t.Error("in force changed")
		}
	})
}

// TestNationalCatalogueBadInput: unknown codes, a malformed file, a
// procedure whose time cannot be read, no service configured — each
// refused with its reason, and no decision opened.
func TestNationalCatalogueBadInput(t *testing.T) {
	file, err := os.ReadFile(nationalSample)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	_, decisions := inForce(t, e.db)
	service := nationalForm("17/QĐ-UBND", "1.001193")
	service.Set("source", "service")
	for _, c := range []struct {
		name   string
		form   url.Values
		file   []byte
		status int
		want   string
	}{
		{"unknown code", nationalForm("17/QĐ-UBND", "1.001193, 9.999999"), file, http.StatusNotFound, "Không có thủ tục mang mã 9.999999"},
		{"bad code", nationalForm("17/QĐ-UBND", "1.001193, khai sinh"), file, http.StatusUnprocessableEntity, "Mã thủ tục &#34;khai&#34; không hợp lệ"},
		{"malformed", nationalForm("17/QĐ-UBND", ""), []byte("{\"DanhSachTTHC\": [\n{\"MaTTHC\": \"1.001193\",}]}"), http.StatusUnprocessableEntity, "lỗi cú pháp ở dòng 2"},
		{"time unread", nationalForm("17/QĐ-UBND", "2.000908"), file, http.StatusUnprocessableEntity, "Mục thứ 1 (2.000908): thủ tục 2.000908 (Cấp huyện) chưa có ở tỉnh"},
		{"no file", nationalForm("17/QĐ-UBND", "1.001193"), nil, http.StatusUnprocessableEntity, "Hãy chọn tệp xuất từ CSDL quốc gia"},
		{"no service", service, nil, http.StatusUnprocessableEntity, "chưa được kết nối với dịch vụ"},
		{"bad date", nationalForm("17/QĐ-UBND", "1.001193"), file, http.StatusUnprocessableEntity, "không hợp lệ; nhập theo dạng dd/mm/yyyy"},
	} {
		if c.name == "bad date" {
			c.form.Set("signed_on", "mùng một")
		}
		var files []formFile
		if c.file != nil {
			files = append(files, formFile{"file", "xuat.json", c.file})
		}
		p := admin.postMultipart(t, "/catalog/national", c.form, files...)
		if p.status != c.status {
			t.Errorf("%s: %d, want %d:\n%s", c.name, p.status, c.status, excerpt(p.body))
		}
		check(t, p, htmlcheck.In("#error", htmlcheck.HasText("")))
		wantContains(t, p, c.want)
	}
	if _, n := inForce(t, e.db); n != decisions {
		t.Errorf("%d decisions, want %d", n, decisions)
	}
	wantStatus(t, e.login(t, fx.LeaderA).postMultipart(t, "/catalog/national", nationalForm("18/QĐ-UBND", "1.001193"), formFile{"file", "xuat.json", file}), http.StatusForbidden)
}

package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestProcedurePageShowsTheCatalogueTexts: where the catalogue holds the
// portal's texts, the public page shows who may file, the published
// sequence and the ways of filing line by line, and the competent office in
// its words, instead of what it builds from the workflow and the level.
func TestProcedurePageShowsTheCatalogueTexts(t *testing.T) {
	e := newEnv(t)
	p, _ := deathProcedure(t, e)
	texts := &motcua.Procedure{Code: "1.000657", Name: "Đăng ký khai tử lưu động", Field: p.Field, Level: p.Level, Time: p.Time,
		OnlineLevel: motcua.OnlinePartial, Steps: p.Steps, Documents: p.Documents,
		Applicants: "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài",
		Sequence:   "- Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.\n\n- Công chức tư pháp - hộ tịch <thẩm tra> hồ sơ.\r\n",
		Channels:   "Trực tiếp: 1 ngày làm việc, miễn phí\nDịch vụ bưu chính: 1 ngày làm việc, miễn phí",
		Agency:     "Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết"}
	if err := e.db.CreateProcedure(t.Context(), texts); err != nil {
		t.Fatal(err)
	}
	page := e.anonymous().get(t, "/thu-tuc/xa/1.000657")
	wantStatus(t, page, http.StatusOK)
	check(t, page, htmlcheck.In("p#applicants", htmlcheck.HasExactText("Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài")),
		htmlcheck.In("div#published-sequence", htmlcheck.Count("*", 2), htmlcheck.Count("p", 2),
			htmlcheck.HasExactText("- Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa. - Công chức tư pháp - hộ tịch <thẩm tra> hồ sơ."),
			htmlcheck.In("p", htmlcheck.HasExactText("- Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.")),
			htmlcheck.In("p", htmlcheck.HasExactText("- Công chức tư pháp - hộ tịch <thẩm tra> hồ sơ."))),
		htmlcheck.In("ul#channels", htmlcheck.Count("*", 2), htmlcheck.Count("li", 2),
			htmlcheck.HasExactText("Trực tiếp: 1 ngày làm việc, miễn phí Dịch vụ bưu chính: 1 ngày làm việc, miễn phí"),
			htmlcheck.In("li", htmlcheck.HasExactText("Trực tiếp: 1 ngày làm việc, miễn phí")),
			htmlcheck.In("li", htmlcheck.HasExactText("Dịch vụ bưu chính: 1 ngày làm việc, miễn phí"))),
		htmlcheck.In("p#competent-office", htmlcheck.HasExactText("Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết")))
	wantLacks(t, page, "Danh mục chưa ghi đối tượng thực hiện", "Thẩm tra hồ sơ <span", "Nộp hồ sơ trực tuyến một phần",
		"Ủy ban nhân dân cấp xã nơi nộp hồ sơ")
}

// TestVersionsDiffListsTheCatalogueTexts: a draft amendment that changes
// who may file and the ways of filing shows both changes on the
// procedure's versions page, under the portal's headings.
func TestVersionsDiffListsTheCatalogueTexts(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	actor, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := &motcua.Decision{Number: "3677/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Đắk Nông", SignedOn: sample.Now.AddDate(0, 0, -3),
		EffectiveFrom: sample.Now.AddDate(0, 0, 10)}
	if err := e.db.CreateDecision(t.Context(), actor, d); err != nil {
		t.Fatal(err)
	}
	amended := fx.Birth
	amended.Applicants = "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài"
	amended.Channels = "Trực tiếp: 1 ngày làm việc; miễn phí\nTrực tuyến: 1 ngày làm việc; miễn phí"
	if err := e.db.DraftChange(t.Context(), actor, d.ID, motcua.ChangeAmend, &amended); err != nil {
		t.Fatal(err)
	}
	diff := admin.get(t, fmt.Sprintf("/catalog/procedures/%d", fx.Birth.ID))
	wantStatus(t, diff, http.StatusOK)
	check(t, diff, htmlcheck.In("tr", htmlcheck.HasCells("Đối tượng thực hiện", "", "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài")),
		htmlcheck.In("tr", htmlcheck.HasCells("Cách thức thực hiện", "", "Trực tiếp: 1 ngày làm việc; miễn phí Trực tuyến: 1 ngày làm việc; miễn phí")),
		htmlcheck.NotIn("td", htmlcheck.HasExactText("Trình tự thực hiện")), htmlcheck.NotIn("td", htmlcheck.HasExactText("Cơ quan thực hiện")))
	// The cell keeps the line break between the two ways (the page shows it with white-space: pre-line).
	wantContains(t, diff, "<td>Trực tiếp: 1 ngày làm việc; miễn phí\nTrực tuyến: 1 ngày làm việc; miễn phí</td>")
}

package web_test

import (
	"net/http"
	"testing"

	"github.com/motcua/motcua"
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
	wantContains(t, page, `<p id="applicants">Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài</p>`,
		`<div id="published-sequence"><p>- Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.</p><p>- Công chức tư pháp - hộ tịch &lt;thẩm tra&gt; hồ sơ.</p></div>`,
		`<ul id="channels"><li>Trực tiếp: 1 ngày làm việc, miễn phí</li><li>Dịch vụ bưu chính: 1 ngày làm việc, miễn phí</li></ul>`,
		`id="competent-office">Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết</p>`)
	wantLacks(t, page, "Danh mục chưa ghi đối tượng thực hiện", "Thẩm tra hồ sơ <span", "Nộp hồ sơ trực tuyến một phần",
		"Ủy ban nhân dân cấp xã nơi nộp hồ sơ")
}

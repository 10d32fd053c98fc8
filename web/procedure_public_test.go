package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestProcedurePageGuidesTheCitizen: a procedure offered online links its
// filing form; the page lists the forms to fill in (a download where the
// catalogue holds the file, else where to get it), the order of the steps
// with their times, the competent office and where to file.
func TestProcedurePageGuidesTheCitizen(t *testing.T) {
	e := newEnv(t)
	p, gone := deathProcedure(t, e)
	p.Documents[0].Template = "https://dichvucong.example.vn/mau/to-khai-khai-tu.docx"
	if err := e.db.CreateProcedure(t.Context(), &motcua.Procedure{Code: "1.000657", Name: "Đăng ký khai tử lưu động", Field: p.Field,
		Level: p.Level, Time: p.Time, OnlineLevel: motcua.OnlineNone, Steps: p.Steps, Documents: p.Documents}); err != nil {
		t.Fatal(err)
	}
	anon := e.anonymous()
	page := anon.get(t, "/thu-tuc/xa/1.000656")
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page, "Trình tự thực hiện", "Đối tượng thực hiện",
		"Mẫu đơn, tờ khai", "Tờ khai đăng ký khai tử (theo mẫu)", "có trên Cổng Dịch vụ công quốc gia")
	check(t, page, htmlcheck.In("a#file-online", htmlcheck.HasAttr("href", fmt.Sprintf("/nop-truc-tuyen/%d", p.ID)), htmlcheck.HasExactText("Nộp trực tuyến")),
		htmlcheck.In("li", htmlcheck.MatchesText(`^Tiếp nhận hồ sơ \(Bộ phận Một cửa; 30 phút làm việc\)`),
			htmlcheck.In("span.muted", htmlcheck.MatchesText(`^\(Bộ phận Một cửa; 30 phút làm việc\)`))),
		htmlcheck.In("li", htmlcheck.HasText("Thẩm tra hồ sơ (Chuyên viên xử lý của cơ quan giải quyết; 5 giờ làm việc)"),
			htmlcheck.In("span.muted", htmlcheck.MatchesText(`^\(Chuyên viên xử lý của cơ quan giải quyết; 5 giờ làm việc\)`))),
		htmlcheck.In("#competent-office", htmlcheck.MatchesText(`^Ủy ban nhân dân cấp xã nơi nộp hồ sơ`)),
		strongIn("p", "Nơi nộp hồ sơ: "+fx.UnitA.Name, "Nơi nộp hồ sơ:"))
	wantLacks(t, page, gone.Name)

	linked := anon.get(t, "/thu-tuc/xa/1.000657")
	wantStatus(t, linked, http.StatusOK)
	check(t, linked, htmlcheck.In(`a[href="https://dichvucong.example.vn/mau/to-khai-khai-tu.docx"][download]`, htmlcheck.HasExactText("to-khai-khai-tu.docx")),
		htmlcheck.NotIn("#file-online"))
	wantLacks(t, linked, "có trên Cổng Dịch vụ công quốc gia")
}

package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
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
	wantContains(t, page, fmt.Sprintf(`id="file-online" href="/nop-truc-tuyen/%d">Nộp trực tuyến</a>`, p.ID),
		"Trình tự thực hiện", "<li>Tiếp nhận hồ sơ <span class=\"muted\">(Bộ phận Một cửa; 30 phút làm việc)",
		"Thẩm tra hồ sơ <span class=\"muted\">(Chuyên viên xử lý của cơ quan giải quyết; 5 giờ làm việc)",
		`id="competent-office">Ủy ban nhân dân cấp xã nơi nộp hồ sơ`, "Đối tượng thực hiện",
		"Mẫu đơn, tờ khai", "Tờ khai đăng ký khai tử (theo mẫu)", "có trên Cổng Dịch vụ công quốc gia",
		"<strong>Nơi nộp hồ sơ:</strong> "+fx.unitA.Name)
	wantLacks(t, page, gone.Name)

	linked := anon.get(t, "/thu-tuc/xa/1.000657")
	wantStatus(t, linked, http.StatusOK)
	wantContains(t, linked, `<a href="https://dichvucong.example.vn/mau/to-khai-khai-tu.docx" download>to-khai-khai-tu.docx</a>`)
	wantLacks(t, linked, `id="file-online"`, "có trên Cổng Dịch vụ công quốc gia")
}

package web_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestReceiptAtABranchIsHeadedByTheProvince: a branch of the provincial
// service centre sits under the centre, which serves the province; the
// receipt of a province procedure received at the branch is headed by the
// province's People's Committee, not by the centre.
func TestReceiptAtABranchIsHeadedByTheProvince(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	province := &motcua.Unit{Code: "000.00.00.H17", Name: "Ủy ban nhân dân tỉnh Lâm Đồng", Kind: motcua.UnitProvince}
	if err := e.db.CreateUnit(ctx, province); err != nil {
		t.Fatal(err)
	}
	centre := &motcua.Unit{Code: "000.00.31.H17", Name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", Kind: motcua.UnitCentre, ParentID: province.ID}
	if err := e.db.CreateUnit(ctx, centre); err != nil {
		t.Fatal(err)
	}
	branch := &motcua.Unit{Code: "000.01.31.H17", Name: "Chi nhánh số 1 Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", Kind: motcua.UnitBranch, ParentID: centre.ID}
	desk := sample.CounterDesk(t, e.db, branch, "motcua.chinhanh1")
	record := &motcua.Procedure{Code: "1.000002", Name: "Cấp phiếu lý lịch tư pháp", Field: "Lý lịch tư pháp", Level: motcua.LevelProvince,
		Time: motcua.TimeLimit{Amount: 10, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Documents:     []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}},
		Steps:         []motcua.WorkflowStep{{Name: "Tiếp nhận, giải quyết, trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 4500}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.CreateProcedure(ctx, record); err != nil {
		t.Fatal(err)
	}

	c := e.login(t, desk.User)
	form := intakeForm(branch.ID, "Bùi Thị Lan")
	form.Set("procedure", strconv.FormatInt(record.ID, 10))
	p := c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake at the branch: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	data := c.pdf(t, formPath(id, "01"))
	pdftest.InOrder(t, pdftest.Text(t, data), "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
		"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
}

package web_test

import (
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestProcedurePageShowsTheFeeLines: a version stating fee lines shows them
// as a table (kind, name, rate in đồng, per what, when paid, exemptions,
// basis) with its note; a free version says "Miễn phí, lệ phí"; one that
// does not state them shows its note. The catalogue list says each briefly.
func TestProcedurePageShowsTheFeeLines(t *testing.T) {
	e := newEnv(t)
	p, _ := deathProcedure(t, e)
	create := func(code, name string, fees string, stated bool, lines []motcua.FeeLine) {
		t.Helper()
		if err := e.db.CreateProcedure(t.Context(), &motcua.Procedure{Code: code, Name: name, Field: p.Field, Level: p.Level,
			Time: p.Time, OnlineLevel: motcua.OnlineNone, Steps: p.Steps, Documents: p.Documents,
			Fees: fees, FeesStated: stated, FeeLines: lines}); err != nil {
			t.Fatal(err)
		}
	}
	certify := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí chứng thực bản sao từ bản chính", Basis: motcua.FeeTable,
		Over: motcua.FeePerPage, Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 3, Amount: 1000}}, Max: 200000,
		LegalBasis: "Thông tư 226/2016/TT-BTC", PayAt: motcua.FeePayAtIntake}
	levy := motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 50000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtResult,
		Exemptions: []motcua.FeeExemption{{Who: "Hộ nghèo", Basis: "Luật Hộ tịch 60/2014/QH13, Điều 11"}}}
	create("2.000815", "Chứng thực bản sao từ bản chính", "Thu khi nhận hồ sơ", true, []motcua.FeeLine{certify, levy})
	create("1.001193", "Đăng ký khai sinh", "", true, []motcua.FeeLine{})
	create("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "Lệ phí do HĐND tỉnh quy định", false, nil)

	anon := e.anonymous()
	lines := anon.get(t, "/thu-tuc/xa/2.000815")
	wantStatus(t, lines, http.StatusOK)
	check(t, lines,
		htmlcheck.In("#fees-brief", htmlcheck.HasExactText("2 khoản phí, lệ phí")),
		htmlcheck.Count("#fee-lines tbody tr", 2),
		htmlcheck.In("#fee-lines tbody tr", htmlcheck.HasCells("Phí", "Phí chứng thực bản sao từ bản chính",
			"trang 1–2: 2.000 đồng/trang; từ trang 3: 1.000 đồng/trang; tối đa 200.000 đồng", "theo biểu mức", "khi nộp hồ sơ",
			"Không", "Thông tư 226/2016/TT-BTC")),
		htmlcheck.In("#fee-lines tbody tr", htmlcheck.HasCells("Lệ phí", "Lệ phí đăng ký", "50.000 đồng/hồ sơ", "mỗi hồ sơ",
			"khi nhận kết quả", "Hộ nghèo (Luật Hộ tịch 60/2014/QH13, Điều 11)", "")),
		htmlcheck.In("#fees-note", htmlcheck.HasExactText("Ghi chú: Thu khi nhận hồ sơ")),
		htmlcheck.NotIn("#fees-free"))

	free := anon.get(t, "/thu-tuc/xa/1.001193")
	check(t, free, htmlcheck.In("#fees-free", htmlcheck.HasExactText("Miễn phí, lệ phí")),
		htmlcheck.In("#fees-brief", htmlcheck.HasExactText("Miễn phí, lệ phí")),
		htmlcheck.NotIn("#fee-lines"), htmlcheck.NotIn("#fees-note"))

	legacy := anon.get(t, "/thu-tuc/xa/1.000689")
	check(t, legacy, htmlcheck.In("#fees-note", htmlcheck.HasExactText("Lệ phí do HĐND tỉnh quy định")),
		htmlcheck.NotIn("#fee-lines"), htmlcheck.NotIn("#fees-free"))

	list := anon.get(t, "/thu-tuc")
	check(t, list,
		htmlcheck.In("#catalog tbody tr", htmlcheck.CellsMatch("2\\.000815", ".*", ".*", ".*", ".*", ".*", "2 khoản phí, lệ phí")),
		htmlcheck.In("#catalog tbody tr", htmlcheck.CellsMatch("1\\.001193", ".*", ".*", ".*", ".*", ".*", "Miễn phí, lệ phí")),
		htmlcheck.In("#catalog tbody tr", htmlcheck.CellsMatch("1\\.000689", ".*", ".*", ".*", ".*", ".*", "Lệ phí do HĐND tỉnh quy định")))
}

package motcua

import (
	"reflect"
	"testing"
)

// TestDiffVersionsShowsFeeLines: stating fees, making a procedure free,
// adding, changing and removing a line each show in the diff, in words.
func TestDiffVersionsShowsFeeLines(t *testing.T) {
	levy := FeeLine{Kind: FeeLevy, Name: "Lệ phí đăng ký", Amount: 50000, Basis: FeeFixed, PayAt: FeePayAtIntake,
		Exemptions: []FeeExemption{{Who: "Hộ nghèo", Basis: "Luật Hộ tịch, Điều 11"}}}
	copies := FeeLine{Kind: FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: FeePerCopy, PayAt: FeePayAtResult,
		LegalBasis: "TT 281/2016/TT-BTC"}
	legacy := &Procedure{Name: "Đăng ký khai tử", Fees: "Lệ phí do HĐND tỉnh quy định"}
	stated := &Procedure{Name: "Đăng ký khai tử", Fees: "Lệ phí do HĐND tỉnh quy định", FeesStated: true, FeeLines: []FeeLine{levy}}
	want := []FieldChange{
		{"Phí, lệ phí", "Chưa ghi theo khoản (chỉ có ghi chú)", "1 khoản"},
		{"Khoản phí, lệ phí 1", "", "Lệ phí — Lệ phí đăng ký: 50.000 đồng/hồ sơ, nộp khi nộp hồ sơ; miễn: Hộ nghèo (Luật Hộ tịch, Điều 11)"},
	}
	if got := DiffVersions(legacy, stated); !reflect.DeepEqual(got, want) {
		t.Errorf("stating the fees:\n%q\nwant\n%q", got, want)
	}

	raised := *stated
	raised.FeeLines = []FeeLine{levy, copies}
	raised.FeeLines[0].Amount = 60000
	want = []FieldChange{
		{"Phí, lệ phí", "1 khoản", "2 khoản"},
		{"Khoản phí, lệ phí 1", "Lệ phí — Lệ phí đăng ký: 50.000 đồng/hồ sơ, nộp khi nộp hồ sơ; miễn: Hộ nghèo (Luật Hộ tịch, Điều 11)",
			"Lệ phí — Lệ phí đăng ký: 60.000 đồng/hồ sơ, nộp khi nộp hồ sơ; miễn: Hộ nghèo (Luật Hộ tịch, Điều 11)"},
		{"Khoản phí, lệ phí 2", "", "Phí — Phí cấp bản sao trích lục: 8.000 đồng/bản, nộp khi nhận kết quả; căn cứ: TT 281/2016/TT-BTC"},
	}
	if got := DiffVersions(stated, &raised); !reflect.DeepEqual(got, want) {
		t.Errorf("raising and adding:\n%q\nwant\n%q", got, want)
	}

	free := &Procedure{Name: "Đăng ký khai tử", FeesStated: true, FeeLines: []FeeLine{}}
	want = []FieldChange{
		{"Phí, lệ phí (ghi chú)", "Lệ phí do HĐND tỉnh quy định", ""},
		{"Phí, lệ phí", "1 khoản", "Miễn phí, lệ phí"},
		{"Khoản phí, lệ phí 1", "Lệ phí — Lệ phí đăng ký: 50.000 đồng/hồ sơ, nộp khi nộp hồ sơ; miễn: Hộ nghèo (Luật Hộ tịch, Điều 11)", ""},
	}
	if got := DiffVersions(stated, free); !reflect.DeepEqual(got, want) {
		t.Errorf("making it free:\n%q\nwant\n%q", got, want)
	}
}

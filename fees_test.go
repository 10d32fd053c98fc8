package motcua_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func TestValidateFeeLines(t *testing.T) {
	good := motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí", Amount: 50000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake}
	table := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí chứng thực", Basis: motcua.FeeTable, Over: motcua.FeePerPage,
		Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 3, Amount: 1000}}, Max: 200000, PayAt: motcua.FeePayAtIntake}
	if err := motcua.ValidateFeeLines([]motcua.FeeLine{good, table}); err != nil {
		t.Fatal(err)
	}
	edit := func(l motcua.FeeLine, f func(*motcua.FeeLine)) motcua.FeeLine {
		l.Bands = append([]motcua.FeeBand(nil), l.Bands...)
		f(&l)
		return l
	}
	for _, c := range []struct {
		name string
		line motcua.FeeLine
		says string
	}{
		{"zero amount", edit(good, func(l *motcua.FeeLine) { l.Amount = 0 }), "số tiền phải là số nguyên dương"},
		{"negative amount", edit(good, func(l *motcua.FeeLine) { l.Amount = -5 }), "số tiền phải là số nguyên dương"},
		{"unknown kind", edit(good, func(l *motcua.FeeLine) { l.Kind = "tax" }), "loại “tax” không hợp lệ"},
		{"unknown basis", edit(good, func(l *motcua.FeeLine) { l.Basis = "per_kg" }), "cách tính “per_kg” không hợp lệ"},
		{"no name", edit(good, func(l *motcua.FeeLine) { l.Name = " " }), "thiếu tên"},
		{"unknown pay-at", edit(good, func(l *motcua.FeeLine) { l.PayAt = "later" }), "thời điểm nộp"},
		{"exemption without basis", edit(good, func(l *motcua.FeeLine) { l.Exemptions = []motcua.FeeExemption{{Who: "Hộ nghèo"}} }),
			"trường hợp miễn thứ 1 thiếu căn cứ pháp lý"},
		{"bands on a fixed line", edit(good, func(l *motcua.FeeLine) { l.Bands = table.Bands }), "chỉ cách tính theo biểu mức"},
		{"gap between bands", edit(table, func(l *motcua.FeeLine) { l.Bands[1].From = 4 }), "bậc 2 phải bắt đầu từ 3"},
		{"overlapping bands", edit(table, func(l *motcua.FeeLine) { l.Bands[1].From = 2 }), "bậc 2 phải bắt đầu từ 3"},
		{"not from 1", edit(table, func(l *motcua.FeeLine) { l.Bands[0].From = 0 }), "bậc 1 phải bắt đầu từ 1"},
		{"open band not last", edit(table, func(l *motcua.FeeLine) { l.Bands[0].To = 0 }), "chỉ bậc cuối"},
		{"band upside down", edit(table, func(l *motcua.FeeLine) { l.Bands = []motcua.FeeBand{{From: 1, To: 0, Amount: 1}, {From: 1, Amount: 1}} }), "chỉ bậc cuối"},
		{"table without bands", edit(table, func(l *motcua.FeeLine) { l.Bands = nil }), "chưa có bậc"},
		{"table over nothing", edit(table, func(l *motcua.FeeLine) { l.Over = "" }), "theo số bản, số trang hoặc số bộ"},
		{"table with an amount", edit(table, func(l *motcua.FeeLine) { l.Amount = 5 }), "không ghi số tiền chung"},
		{"band without amount", edit(table, func(l *motcua.FeeLine) { l.Bands[1].Amount = 0 }), "bậc 2: số tiền"},
		{"negative max", edit(table, func(l *motcua.FeeLine) { l.Max = -1 }), "mức thu tối đa"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := motcua.ValidateFeeLines([]motcua.FeeLine{good, c.line})
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "fee_lines" {
				t.Fatalf("err = %v", err)
			}
			if msg := motcua.ErrorMessage(err); !strings.Contains(msg, "Khoản phí, lệ phí thứ 2") || !strings.Contains(msg, c.says) {
				t.Errorf("message %q does not say %q", msg, c.says)
			}
		})
	}
}

func TestFeesText(t *testing.T) {
	table := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí chứng thực", Basis: motcua.FeeTable, Over: motcua.FeePerPage,
		Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 3, Amount: 1000}}, Max: 200000, PayAt: motcua.FeePayAtIntake}
	copies := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy, PayAt: motcua.FeePayAtResult}
	for _, c := range []struct {
		p    motcua.Procedure
		want string
	}{
		{motcua.Procedure{Fees: "Lệ phí do HĐND tỉnh quy định"}, "Lệ phí do HĐND tỉnh quy định"},
		{motcua.Procedure{Fees: "ghi chú", FeesStated: true}, "Miễn phí, lệ phí"},
		{motcua.Procedure{FeesStated: true, FeeLines: []motcua.FeeLine{copies}}, "Phí cấp bản sao trích lục: 8.000 đồng/bản"},
		{motcua.Procedure{FeesStated: true, FeeLines: []motcua.FeeLine{table}},
			"Phí chứng thực: trang 1–2: 2.000 đồng/trang; từ trang 3: 1.000 đồng/trang; tối đa 200.000 đồng"},
	} {
		if got := c.p.FeesText(); got != c.want {
			t.Errorf("FeesText = %q, want %q", got, c.want)
		}
	}
}

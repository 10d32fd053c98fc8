package report_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// TestChargesFeesNeedsANonZeroLine: free, unstated and zero lines are not
// "with fees"; a fixed amount or a table band is.
func TestChargesFeesNeedsANonZeroLine(t *testing.T) {
	zero := motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí", Basis: motcua.FeeFixed}
	fixed := zero
	fixed.Amount = 5000
	table := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí", Basis: motcua.FeeTable, Over: motcua.FeePerPage,
		Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 0}, {From: 3, Amount: 1000}}}
	for _, c := range []struct {
		name  string
		lines []motcua.FeeLine
		want  bool
	}{
		{"none", nil, false}, {"zero line", []motcua.FeeLine{zero}, false},
		{"fixed", []motcua.FeeLine{zero, fixed}, true}, {"table band", []motcua.FeeLine{table}, true},
	} {
		if got := report.ChargesFees(c.lines); got != c.want {
			t.Errorf("%s: ChargesFees = %t, want %t", c.name, got, c.want)
		}
	}
}

// TestPaymentIndicatorReads: rate, shortfall and names of both codes; an
// unknown code is refused with EINVALID.
func TestPaymentIndicatorReads(t *testing.T) {
	i := report.NewPaymentIndicator(report.CodeOnlinePayment, 1, 3)
	if i.Rate() != "33,33 %" || i.Shortfall() != 2 || i.Of() != "hồ sơ" || i.NotMet() != "chưa thanh toán trực tuyến" {
		t.Errorf("3.6: %+v %s %d %s %s", i, i.Rate(), i.Shortfall(), i.Of(), i.NotMet())
	}
	if f := report.NewPaymentIndicator(report.CodeFeeData, 0, 0); f.Rate() != "—" || f.Of() != "thủ tục" {
		t.Errorf("3.5 empty: %s %s", f.Rate(), f.Of())
	}
	if err := report.CheckPaymentCode("4.1"); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("CheckPaymentCode(4.1) = %v", err)
	}
}

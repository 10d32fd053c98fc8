package web

import (
	"github.com/motcua/motcua"
)

// billView is what a dossier owes as the pages show it (issue 19): each
// line named from the version's fee lines, amounts already written as
// "50.000 đồng". The intake form, the receipt, the dossier page and the
// portal share it (template "fee_bill").
type billView struct {
	Lines                           []billLineView
	Total, DueAtIntake, DueAtResult string
	Owed                            bool // anything to pay at all
	Error                           string
}

type billLineView struct {
	Name, Kind, Rate  string
	Quantity          int
	Gross, Amount     string
	PayAt             string
	Exempt            bool
	Reason, ExemptWhy string // the officer's reason; who the catalogue exempts
}

// newBillView names a bill's lines from the version that computed it; nil
// for no bill (fees not stated as lines: nothing known is owed).
func newBillView(p *motcua.Procedure, b *motcua.FeeBill) *billView {
	if b == nil {
		return nil
	}
	v := &billView{Total: motcua.FormatDong(b.Total), DueAtIntake: motcua.FormatDong(b.DueAtIntake),
		DueAtResult: motcua.FormatDong(b.DueAtResult), Owed: b.Total > 0}
	for _, l := range b.Lines {
		lv := billLineView{Quantity: l.Quantity, Gross: motcua.FormatDong(l.Gross), Amount: motcua.FormatDong(l.Amount),
			PayAt: l.PayAt.Label(), Exempt: l.Exempt, Reason: l.Reason}
		if p != nil && l.Line < len(p.FeeLines) {
			fl := &p.FeeLines[l.Line]
			lv.Name, lv.Kind, lv.Rate = fl.Name, fl.Kind.Label(), fl.Rate()
		}
		v.Lines = append(v.Lines, lv)
	}
	return v
}

// Bill is what the dossier owes, for its page and its receipt; nil when
// its version does not state fees as lines.
func (d *dossierData) Bill() *billView { return newBillView(d.P, d.D.Fees) }

package ledger

import (
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// IntakeBill is what a dossier of version p owes for the intake's
// quantities and exemptions (issue 19), computed once at acceptance and
// kept in the accepted event: nil when the version does not state its
// fees as lines (nothing known is owed), an empty bill when it states
// them free. Sets left 0 count the intake's sets; a bad quantity or
// exemption refuses the intake.
func IntakeBill(p *motcua.Procedure, in motcua.Intake) (*motcua.FeeBill, error) {
	if !p.FeesStated {
		return nil, nil
	}
	q := in.Fees
	if q.Sets == 0 {
		q.Sets = in.Sets
	}
	if len(q.Exempt) > max(len(p.FeeLines), 1) {
		return nil, motcua.FieldError("exempt", "Có nhiều yêu cầu miễn hơn số khoản phí, lệ phí của thủ tục.")
	}
	for _, c := range q.Exempt {
		if utf8.RuneCountInString(c.Reason) > MaxReasonLen {
			return nil, motcua.FieldError("exempt", "Lý do miễn khoản phí, lệ phí thứ %d quá dài (tối đa 2000 ký tự).", c.Line+1)
		}
	}
	bill, err := ComputeFees(p.FeeLines, q)
	if err != nil {
		return nil, err
	}
	return &bill, nil
}

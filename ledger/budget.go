package ledger

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// DueAt is the promised instant for a dossier of procedure p accepted at t.
func DueAt(p *motcua.Procedure, t time.Time, cal *calendar.Calendar) time.Time {
	if p.Time.Unit == motcua.SameDay {
		return cal.SameDayDue(t, SameDayCutoff)
	}
	return cal.Add(t, p.Time.Duration(cal.StandardDay()))
}

// catalogueDayMinutes is the working day the catalogue's step budgets are
// written in (7 h 30 min).
const catalogueDayMinutes = 450

// CatalogueMinutes scales a budget written in catalogue minutes to the
// unit's own standard day.
func CatalogueMinutes(minutes int, cal *calendar.Calendar) time.Duration {
	return time.Duration(int64(minutes) * int64(cal.StandardDay()) / catalogueDayMinutes)
}

// StepBudget is the working time of step i, scaled from the catalogue's
// 450-minute day to the unit's own standard day.
func StepBudget(p *motcua.Procedure, i int, cal *calendar.Calendar) time.Duration {
	if i < 0 || i >= len(p.Steps) {
		return 0
	}
	return CatalogueMinutes(p.Steps[i].Minutes, cal)
}

// StepUnitID is the unit that performs step i of the dossier's workflow.
func StepUnitID(d *motcua.Dossier, p *motcua.Procedure, i int) int64 {
	if i < 0 || i >= len(p.Steps) || p.Steps[i].Unit != motcua.AtIntake {
		return d.DecidingUnitID
	}
	if d.ReturnUnitID != 0 && afterDeciding(p, i) {
		return d.ReturnUnitID
	}
	return d.ReceivingUnitID
}

// afterDeciding reports whether a deciding step comes before step i: an
// intake step there returns the result, at the unit the applicant chose.
func afterDeciding(p *motcua.Procedure, i int) bool {
	for _, st := range p.Steps[:i] {
		if st.Unit == motcua.AtDeciding {
			return true
		}
	}
	return false
}

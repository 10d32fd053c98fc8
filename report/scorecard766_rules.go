package report

import (
	"slices"
	"time"

	"github.com/motcua/motcua"
)

// Score766 computes the scorecard from the national records and the
// catalogue facts, by the national formulas.
func Score766(in ScorecardInput) *Scorecard {
	c := scoring{in: in}
	for _, r := range in.Records {
		if in.Units == nil || in.Units[r.DecidingUnitCode] {
			c.records = append(c.records, r)
		}
	}
	const noCatalogue = "Không có dữ liệu công bố, công khai thủ tục hành chính (thuộc Cơ sở dữ liệu quốc gia về thủ tục hành chính)."
	const noFeedback = "Chưa có dữ liệu phản ánh, kiến nghị và đánh giá của người dân."
	sc := &Scorecard{From: in.From, To: in.To}
	sc.Indicators = []Indicator766{
		noData("1.1", noCatalogue), noData("1.2", noCatalogue), noData("1.3", noCatalogue),
		c.syncRate(), c.onTime(), c.averageTime(&sc.Averages),
		c.offeredOnline(), c.servicesUsed(), c.filedOnline(),
		c.feeData(), c.paidOnline(),
		c.electronicResults(), c.digitised(), c.reused(), c.shared(),
		c.populationProcedures(), c.populationDossiers(),
		noData("5.1", noFeedback), noData("5.2", noFeedback), noData("5.3", noFeedback), noData("5.4", noFeedback),
	}
	for _, i := range sc.Indicators {
		if i.MaxKnown && !i.NA && !i.NoData {
			sc.Points += i.Points
			sc.MaxPoints += i.MaxPoints
		}
	}
	sc.Points = round2(sc.Points)
	return sc
}

// scoring holds the records in scope.
type scoring struct {
	in      ScorecardInput
	records []motcua.NationalRecord
}

// inPeriod: the period is chosen by the acceptance, else the filing.
func (c *scoring) inPeriod(r *motcua.NationalRecord) bool {
	at := r.AcceptedAt
	if at.IsZero() {
		at = r.SubmittedAt
	}
	return !at.Before(c.in.From) && at.Before(c.in.To)
}

// accepted: the record of a dossier accepted in the period — what every
// dossier indicator but 2.1 divides by ("không tính hồ sơ không có ngày
// tiếp nhận").
func (c *scoring) accepted(r *motcua.NationalRecord) bool {
	return !r.AcceptedAt.IsZero() && c.inPeriod(r)
}

// tally counts the records for which in holds, and of them those for which
// met holds.
func (c *scoring) tally(code string, in, met func(*motcua.NationalRecord) bool) Indicator766 {
	i := newIndicator(code)
	for k := range c.records {
		r := &c.records[k]
		if !in(r) {
			continue
		}
		i.Denominator++
		i.Considered = append(i.Considered, r.Code)
		if met(r) {
			i.Numerator++
			i.Counted = append(i.Counted, r.Code)
		}
	}
	i.finish(1)
	return i
}

// syncRate is 1.4, as given by the national sync.
func (c *scoring) syncRate() Indicator766 {
	s := c.in.Sync
	if s == nil {
		return noData("1.4", "Chưa có số liệu đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia.")
	}
	i := newIndicator("1.4")
	i.Numerator, i.Denominator = s.Synced, s.Received
	i.finish(1)
	return i
}

// onTime is 2.1: the dossiers accepted and received or processed in the
// period (accepted before its end, not ended before its start) that
// ended, or stand at the period's end, on time.
func (c *scoring) onTime() Indicator766 {
	in := func(r *motcua.NationalRecord) bool {
		return !r.AcceptedAt.IsZero() && r.AcceptedAt.Before(c.in.To) && (r.EndedAt.IsZero() || !r.EndedAt.Before(c.in.From))
	}
	return c.tally("2.1", in, func(r *motcua.NationalRecord) bool { return OnTime766(r, c.in.To, c.in.WorkingDays) })
}

// OnTime766 is the national rule of 2.1 for one record as it stands at
// periodEnd: more than one supplement request is late; a request never
// answered ends processing at the request; otherwise the applicant's
// supplement time is subtracted from the end, which must not pass the due
// instant — or, without one, the time from acceptance must stay within
// the procedure's maximum time.
func OnTime766(r *motcua.NationalRecord, periodEnd time.Time, workingDays func(from, to time.Time) float64) bool {
	if len(r.Supplements) > 1 {
		return false
	}
	end := r.EndedAt
	if end.IsZero() || !end.Before(periodEnd) {
		end = periodEnd // still running at the period's end
	}
	var supplement time.Duration
	for _, s := range r.Supplements {
		switch {
		case !s.RequestedAt.Before(end):
		case s.ReceivedAt.IsZero() || !s.ReceivedAt.Before(end):
			end = s.RequestedAt // never answered (by then): ends at the request
		default:
			supplement += s.ReceivedAt.Sub(s.RequestedAt)
		}
	}
	end = end.Add(-supplement)
	if !r.DueAt.IsZero() {
		return !end.After(r.DueAt)
	}
	return elapsedDays(r.AcceptedAt, end, workingDays) <= r.MaxWorkingDays
}

// elapsedDays is the working time from→to in working days (calendar days
// when no measure is given).
func elapsedDays(from, to time.Time, workingDays func(from, to time.Time) float64) float64 {
	if !to.After(from) {
		return 0
	}
	if workingDays != nil {
		return workingDays(from, to)
	}
	return to.Sub(from).Hours() / 24
}

// averageTime is 2.2, per procedure: the dossiers finished (result ready
// or returned) whose processing started in the period. It is not scored;
// the indicator row counts the dossiers, Averages holds the figures.
func (c *scoring) averageTime(out *[]ProcedureAverage) Indicator766 {
	i := newIndicator("2.2")
	at := map[string]int{}
	sums := map[string]float64{}
	for k := range c.records {
		r := &c.records[k]
		if !c.accepted(r) || (r.State != motcua.StateResultReady && r.State != motcua.StateReturned) || r.EndedAt.IsZero() {
			continue
		}
		if _, ok := at[r.ProcedureCode]; !ok {
			at[r.ProcedureCode] = len(*out)
			*out = append(*out, ProcedureAverage{Code: r.ProcedureCode, Name: r.ProcedureName, Unit: r.TimeLimit.Unit})
		}
		p := &(*out)[at[r.ProcedureCode]]
		p.Dossiers++
		sums[r.ProcedureCode] += processingTime(r, c.in.WorkingDays)
		i.Numerator++
		i.Considered = append(i.Considered, r.Code)
	}
	for k := range *out {
		p := &(*out)[k]
		p.Average = round2(sums[p.Code] / float64(p.Dossiers))
	}
	slices.SortFunc(*out, func(a, b ProcedureAverage) int { return cmpString(a.Code, b.Code) })
	i.Denominator = i.Numerator
	i.Counted = i.Considered
	i.finish(1)
	i.Note = "Không chấm điểm; thời gian trung bình theo từng thủ tục, tính theo đơn vị thời hạn của thủ tục."
	return i
}

// processingTime is a finished record's processing time less the
// applicant's supplement time, in its procedure's unit: working hours for
// a limit in hours, working days otherwise.
func processingTime(r *motcua.NationalRecord, workingDays func(from, to time.Time) float64) float64 {
	days := elapsedDays(r.AcceptedAt, r.EndedAt, workingDays)
	for _, s := range r.Supplements {
		if !s.ReceivedAt.IsZero() && !s.ReceivedAt.After(r.EndedAt) {
			days -= elapsedDays(s.RequestedAt, s.ReceivedAt, workingDays)
		}
	}
	if r.TimeLimit.Unit == motcua.WorkingHours {
		return days * 8
	}
	return days
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

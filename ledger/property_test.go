package ledger_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Property (design.md §7) over random valid action sequences that use every
// action (hand-overs, supplement pauses, extensions, linked parts, stops,
// withdrawals, results) with random gaps, late entries that wait for a
// leader's approval or rejection, and due recomputations as the store
// appends them. The generator keeps its own model of the dossier and says
// which actions are valid; Decide must accept each of them. After every
// event the projection must agree with the model:
//
//   - the due instants are never before acceptance;
//   - a dossier is graded at most once, and its grade never changes;
//   - paused working time is never counted: from the clock's start to DueAt
//     lies the legal time plus the working time of the pauses that began
//     with time left; likewise for the promised date (from the last
//     extension) and the current step's due instant (from its start);
//   - parts are due CatalogueMinutes after they were sent and graded when
//     they come back; step records are one per step taken and graded when
//     they end;
//   - LastAt ignores bookkeeping and rejected entries.
//
// And for each log: two replays give the same projection, Replay does not
// modify its input, and a log stamped the way the store stamps it (replay up
// to each event, then Stamp it) replays to the same projection at every
// prefix.
func TestLifecyclePropertiesOnRandomActionSequences(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 11))
	procs := []*motcua.Procedure{threeDays, procedure(1, motcua.SameDay), procedure(4, motcua.WorkingHours),
		procedure(15, motcua.WorkingDays), procedure(10, motcua.WorkingDays)}
	generous := ledger.Rules{ExtensionLeadDays: 0.5, MaxExtensions: 2, ApprovalLimit: 2 * time.Hour, MaxExtension: 60 * 24 * time.Hour}
	from := at(t, "2024-01-01 00:00")
	const sequences = 3000
	st := &genStats{applied: map[motcua.EventType]int{}, approvedType: map[motcua.EventType]int{}, grades: map[string]int{}}
	for i := range sequences {
		rules := ledger.DefaultRules()
		if rng.IntN(4) == 0 {
			rules = generous
		}
		accAt := from.Add(time.Duration(rng.IntN(2*365*24*60)) * time.Minute)
		g := newGen(t, rng, st, i, procs[rng.IntN(len(procs))], rules, accAt)
		g.run(1 + rng.IntN(24))
		g.checkLog()
	}
	st.sequences = sequences
	t.Logf("%d logs, %d events; applied: %v", st.sequences, st.events, st.applied)
	t.Logf("late entries: %d within the limit, %d pending (%d approved %v, %d rejected); %d pending with a recomputation before the decision; %d due recomputations",
		st.lateShort, st.pending, st.approved, st.approvedType, st.rejected, st.recomputeWhilePending, st.recomputes)
	t.Logf("pauses: %d with legal time left, %d without; %d after an extension with the promise left, %d of them with no legal time left; %d stops while waiting",
		st.pausesLeft, st.pausesLate, st.promisePauses, st.promiseOnlyPauses, st.stopsWaiting)
	t.Logf("extensions: %d first, %d second; parts: %d sent, %d returned; probes refused: %d while pending, %d result with a part open, %d after the end",
		st.firstExtensions, st.secondExtensions, st.partsSent, st.partsReturned, st.probesPending, st.probesPartOpen, st.probesClosed)
	t.Logf("grades: %v", st.grades)
	reach := []struct {
		what string
		n    int
		min  int
	}{
		{"pauses with time left", st.pausesLeft, 300}, {"pauses with no time left", st.pausesLate, 50},
		{"first extensions", st.firstExtensions, 300}, {"second extensions", st.secondExtensions, 30},
		{"pauses after an extension", st.promisePauses, 100}, {"promise-only pauses", st.promiseOnlyPauses, 10},
		{"parts sent", st.partsSent, 500}, {"parts returned", st.partsReturned, 300}, {"part hand-overs", st.partHandOvers, 100},
		{"stops", st.applied[motcua.EventStopped], 100}, {"stops while waiting", st.stopsWaiting, 30},
		{"withdrawals", st.applied[motcua.EventWithdrawn], 100}, {"results", st.applied[motcua.EventResultReady], 500},
		{"late entries within the limit", st.lateShort, 200}, {"pending entries", st.pending, 500},
		{"approvals", st.approved, 300}, {"rejections", st.rejected, 100},
		{"approved results", st.approvedType[motcua.EventResultReady], 30}, {"approved pauses", st.approvedType[motcua.EventSupplementRequested], 30},
		{"approved extensions", st.approvedType[motcua.EventExtended], 10}, {"approved parts", st.approvedType[motcua.EventPartSent], 30},
		{"recomputations before a decision", st.recomputeWhilePending, 20},
		{"results early", st.grades["dossier early"], 50}, {"results on time", st.grades["dossier on_time"], 30}, {"results late", st.grades["dossier late"], 50},
		{"parts early", st.grades["part early"], 30}, {"parts on time", st.grades["part on_time"], 30}, {"parts late", st.grades["part late"], 30},
		{"steps late", st.grades["step late"], 100}, {"steps on time", st.grades["step on_time"], 100},
		{"probes while pending", st.probesPending, 300}, {"probes with a part open", st.probesPartOpen, 50},
	}
	for _, r := range reach {
		if r.n < r.min {
			t.Errorf("the generator rarely reaches %s: %d times, want at least %d", r.what, r.n, r.min)
		}
	}
}

type genStats struct {
	sequences, events                                        int
	applied, approvedType                                    map[motcua.EventType]int
	grades                                                   map[string]int
	lateShort, pending, approved, rejected                   int
	recomputes, recomputeWhilePending                        int
	pausesLeft, pausesLate, promisePauses, promiseOnlyPauses int
	stopsWaiting, firstExtensions, secondExtensions          int
	partsSent, partsReturned, partHandOvers                  int
	probesPending, probesPartOpen, probesClosed              int
}

type genPart struct {
	seq      int
	unit     int64
	sentAt   time.Time
	minutes  int
	returned time.Time
	plan     []int       // minutes of each step of the part's own workflow
	starts   []time.Time // when each step taken began
	ends     []time.Time // when each step taken ended
}

// gen generates one dossier's log and keeps a model of what it should be.
type gen struct {
	t     *testing.T
	rng   *rand.Rand
	st    *genStats
	i     int
	p     *motcua.Procedure
	rules ledger.Rules

	events      []motcua.Event
	pristine    []motcua.Event   // deep copies of events, taken before any replay saw them
	projections []motcua.Dossier // after each prefix
	clocks      []ledger.Clock
	d           motcua.Dossier
	c           ledger.Clock
	now         time.Time

	// the model
	state               motcua.State
	step, handovers     int
	extensions          int
	supplements         int // supplement requests that took effect
	parts               []genPart
	pending             *motcua.Event
	counted             map[int]time.Time // seq → at of the entries that bound later ones
	results             int
	resultAt            time.Time
	grade               motcua.Grade
	start               time.Time
	legal               time.Duration
	pausedFor           time.Duration // legal clock
	promiseBase         time.Time     // the last extension's new date
	promisePaused       time.Duration // since the last extension
	stepPaused          time.Duration // in the current step
	pauseAt             time.Time
	legalLeft           bool
	promiseLeft         bool
	stepLeft            bool
	recomputedInPending bool
}

var genBase = motcua.Dossier{ID: 7, Code: "000.21.99.T01-240304-0001"}

func newGen(t *testing.T, rng *rand.Rand, st *genStats, i int, p *motcua.Procedure, rules ledger.Rules, accAt time.Time) *gen {
	e := accepted(accAt)
	e.ActorID, e.UnitID = acceptor, receiving
	g := &gen{t: t, rng: rng, st: st, i: i, p: p, rules: rules, now: accAt, state: motcua.StateProcessing,
		counted: map[int]time.Time{1: accAt}}
	g.start = seedCal.NextOpening(accAt)
	g.legal = seedCal.Between(g.start, ledger.DueAt(p, accAt, seedCal))
	g.append(e)
	g.check(e)
	return g
}

func (g *gen) fail(format string, args ...any) {
	g.t.Helper()
	g.t.Fatalf("sequence %d (%s, rules %+v): %s\nlog:\n%s", g.i, g.p.Time, g.rules, fmt.Sprintf(format, args...), logOf(g.events))
}

// logOf describes a log in more detail than describe: what late entries,
// approvals, extensions and parts carry.
func logOf(events []motcua.Event) string {
	var b strings.Builder
	for _, e := range events {
		fmt.Fprintf(&b, "  %2d %-20s at %s recorded %s", e.Seq, e.Type, show(e.At), show(e.RecordedAt))
		x := e.Data
		if x.Pending {
			b.WriteString(" PENDING")
		}
		if x.RefSeq != 0 {
			fmt.Fprintf(&b, " ref %d", x.RefSeq)
		}
		if !x.NewDueAt.IsZero() {
			fmt.Fprintf(&b, " new due %s", show(x.NewDueAt))
		}
		if x.PartUnitID != 0 || x.PartSeq != 0 {
			fmt.Fprintf(&b, " part unit %d minutes %d seq %d", x.PartUnitID, x.PartMinutes, x.PartSeq)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (g *gen) gap() time.Duration {
	var d time.Duration
	switch g.rng.IntN(5) {
	case 0:
		d = time.Duration(g.rng.IntN(60)) * time.Minute
	case 1, 2:
		d = time.Duration(g.rng.IntN(8*60)) * time.Minute
	case 3:
		d = time.Duration(g.rng.IntN(3*24*60)) * time.Minute
	default:
		d = time.Duration(g.rng.IntN(10*24*60)) * time.Minute
	}
	if g.rng.IntN(10) == 0 {
		d += time.Duration(g.rng.IntN(60000)) * time.Millisecond
	}
	return d
}

func (g *gen) lastAt() time.Time {
	var last time.Time
	for _, at := range g.counted {
		if at.After(last) {
			last = at
		}
	}
	return last
}

func (g *gen) unit(step int) int64 {
	if g.p.Steps[step].Unit == motcua.AtIntake {
		return receiving
	}
	return deciding
}

func (g *gen) openParts() []genPart {
	var open []genPart
	for _, p := range g.parts {
		if p.returned.IsZero() {
			open = append(open, p)
		}
	}
	return open
}

func (g *gen) append(e motcua.Event) {
	g.events = append(g.events, e)
	g.pristine = append(g.pristine, cloneEvents([]motcua.Event{e})...)
	d, c, err := ledger.Replay(genBase, g.events, g.p, seedCal)
	if err != nil {
		g.fail("Replay: %v", err)
	}
	if !reflect.DeepEqual(g.events, g.pristine) {
		g.fail("Replay modified the events it was given")
	}
	g.d, g.c = d, c
	g.projections = append(g.projections, d)
	g.clocks = append(g.clocks, c)
	g.st.events++
}

func (g *gen) decide(a motcua.Action) (motcua.Event, error) {
	if got, want := ledger.LastAt(g.events), g.lastAt(); !got.Equal(want) {
		g.fail("LastAt = %s, want %s (bookkeeping and rejected entries do not count)", show(got), show(want))
	}
	a.Version = g.d.Version
	d := g.d
	e, err := ledger.Decide(&d, a, ledger.Situation{Procedure: g.p, Calendar: seedCal, Rules: g.rules, LastAt: ledger.LastAt(g.events), Now: g.now})
	if err == nil {
		e.ActorID, e.UnitID = int64(100+e.Seq), motcua.ActingUnit(a, &d)
	}
	return e, err
}

func (g *gen) run(actions int) {
	for range actions {
		if g.pending == nil && !g.state.Open() && g.state != motcua.StateResultReady {
			g.probe(&g.st.probesClosed)
			return
		}
		g.now = g.now.Add(g.gap())
		// A change of the working calendar makes the store recompute open
		// dossiers (even one with an entry awaiting approval). The calendar
		// is the same here, so nothing may move; but the clock now runs from
		// the recomputation, and an approved entry dated before it must give
		// the time back.
		odds := 20
		if g.pending != nil {
			odds = 4
		}
		if g.d.State == motcua.StateProcessing && g.rng.IntN(odds) == 0 {
			g.recompute()
			continue
		}
		if g.pending != nil {
			g.probe(&g.st.probesPending)
			g.decidePending()
			continue
		}
		g.act()
	}
}

func (g *gen) recompute() {
	before := g.d
	e := motcua.Event{DossierID: 7, Seq: g.d.Version + 1, Type: motcua.EventDueRecomputed, At: g.now, RecordedAt: g.now,
		UnitID: g.d.CurrentUnitID, Reason: "Thay đổi lịch làm việc: thử"}
	g.append(e)
	g.st.recomputes++
	if g.pending != nil {
		g.recomputedInPending = true
	}
	if !g.d.DueAt.Equal(before.DueAt) || !g.d.StepDueAt.Equal(before.StepDueAt) {
		g.fail("a recomputation on the same calendar moved DueAt %s → %s, StepDueAt %s → %s",
			show(before.DueAt), show(g.d.DueAt), show(before.StepDueAt), show(g.d.StepDueAt))
	}
	g.check(e)
}

// probe tries an action that must be refused now: anything while an entry
// awaits approval or after the dossier closed, a result while a part is open.
func (g *gen) probe(counter *int) {
	types := []motcua.EventType{motcua.EventHandedOver, motcua.EventSupplementRequested, motcua.EventSupplementReceived,
		motcua.EventResultReady, motcua.EventResultReturned, motcua.EventWithdrawn, motcua.EventExtended, motcua.EventStopped,
		motcua.EventPartSent, motcua.EventPartReturned}
	a := motcua.Action{Type: types[g.rng.IntN(len(types))], Reason: "thử", Missing: []string{"Giấy tờ"},
		NewDueAt: g.d.Due().Add(30 * 24 * time.Hour), PartUnitID: 50, PartTitle: "Thử", PartMinutes: 450}
	if open := g.openParts(); len(open) > 0 {
		a.PartSeq = open[0].seq
	}
	if g.pending == nil && g.state.Open() {
		a.Type = motcua.EventResultReady
	}
	if _, err := g.decide(a); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
		g.fail("%s in state %s (pending %v, open parts %d): err = %v, want not_allowed", a.Type, g.state, g.pending != nil, len(g.openParts()), err)
	}
	*counter++
}

func (g *gen) decidePending() {
	a := approve()
	if g.rng.IntN(4) == 0 {
		a = reject()
	}
	if g.rng.IntN(5) == 0 { // keyed late itself: an approval never waits
		lo := g.pending.At
		if floor := g.now.Add(-30 * 24 * time.Hour); floor.After(lo) {
			lo = floor
		}
		a.At = lo.Add(time.Duration(g.rng.Int64N(int64(g.now.Sub(lo)/time.Minute)+1)) * time.Minute)
		a.Reason = "Duyệt bù"
	}
	e, err := g.decide(a)
	if err != nil {
		g.fail("Decide refused %s of entry %d: %v", a.Type, g.pending.Seq, err)
	}
	if e.Data.RefSeq != g.pending.Seq || e.Data.Pending {
		g.fail("%s refers to %d (pending %v), want %d", e.Type, e.Data.RefSeq, e.Data.Pending, g.pending.Seq)
	}
	if g.recomputedInPending {
		g.st.recomputeWhilePending++
	}
	p := *g.pending
	if e.Type == motcua.EventLateApproved {
		g.st.approved++
		g.st.approvedType[p.Type]++
		g.model(p) // it counts from its own at
	} else {
		g.st.rejected++
		delete(g.counted, p.Seq)
	}
	g.pending, g.recomputedInPending = nil, false
	g.append(e)
	g.check(p)
}

type option struct {
	t motcua.EventType
	w int
}

func (g *gen) act() {
	at := g.now
	if g.rng.IntN(4) == 0 { // a late entry
		lo := g.lastAt()
		if floor := g.now.Add(-30 * 24 * time.Hour); floor.After(lo) {
			lo = floor
		}
		at = lo.Add(time.Duration(g.rng.Int64N(int64(g.now.Sub(lo)/time.Minute)+1)) * time.Minute)
	}
	due := g.d.Due()
	lead := time.Duration(g.rules.ExtensionLeadDays * float64(seedCal.StandardDay()))
	open := g.openParts()
	var units []int64
	for _, u := range []int64{receiving, deciding, 30, 40, 50} {
		if u != g.unit(g.step) && !slices.ContainsFunc(open, func(p genPart) bool { return p.unit == u }) {
			units = append(units, u)
		}
	}
	var movable []genPart // open parts with a next step
	for _, p := range open {
		if len(p.ends)+1 < len(p.plan) {
			movable = append(movable, p)
		}
	}
	var opts []option
	switch g.state {
	case motcua.StateProcessing:
		if g.step+1 < len(g.p.Steps) {
			opts = append(opts, option{motcua.EventHandedOver, 4})
		}
		opts = append(opts, option{motcua.EventSupplementRequested, 3}, option{motcua.EventWithdrawn, 1}, option{motcua.EventStopped, 1})
		if len(open) == 0 {
			opts = append(opts, option{motcua.EventResultReady, 3})
		} else {
			g.probe(&g.st.probesPartOpen)
			opts = append(opts, option{motcua.EventPartReturned, 4})
		}
		if g.extensions < g.rules.MaxExtensions && at.Before(due) && seedCal.Between(at, due) >= lead {
			opts = append(opts, option{motcua.EventExtended, 6})
		}
		if len(units) > 0 && len(open) < 3 {
			opts = append(opts, option{motcua.EventPartSent, 3})
		}
		if len(movable) > 0 {
			opts = append(opts, option{motcua.EventPartHandedOver, 3})
		}
	case motcua.StateSupplement:
		opts = append(opts, option{motcua.EventSupplementReceived, 6}, option{motcua.EventStopped, 1}, option{motcua.EventWithdrawn, 1})
		if len(open) > 0 {
			opts = append(opts, option{motcua.EventPartReturned, 3})
		}
		if len(movable) > 0 {
			opts = append(opts, option{motcua.EventPartHandedOver, 2})
		}
	case motcua.StateResultReady:
		opts = append(opts, option{motcua.EventResultReturned, 1})
	}
	total := 0
	for _, o := range opts {
		total += o.w
	}
	pick := g.rng.IntN(total)
	var typ motcua.EventType
	for _, o := range opts {
		if pick -= o.w; pick < 0 {
			typ = o.t
			break
		}
	}
	a := motcua.Action{Type: typ, At: at}
	if g.now.Sub(at) > motcua.LateEntryTolerance || g.rng.IntN(5) == 0 {
		a.Reason = "Nhập bù do mất điện"
	}
	switch typ {
	case motcua.EventWithdrawn, motcua.EventStopped:
		a.Reason = "Theo đơn của người nộp"
	case motcua.EventHandedOver:
		a.ToUserID = int64(g.rng.IntN(3)) * 41
	case motcua.EventSupplementRequested:
		a.Missing = []string{"Bản sao giấy khai sinh", "Tờ khai"}[:1+g.rng.IntN(2)]
		if g.supplements > 0 { // a repeated request states why (checkRepeatSupplement)
			a.Reason = "Giấy tờ bổ sung lần trước không hợp lệ"
		}
	case motcua.EventExtended:
		a.Reason = "Cần xác minh thêm"
		if g.rng.IntN(2) == 0 {
			a.NewDueAt = seedCal.Add(due, time.Duration(1+g.rng.IntN(20*450))*time.Minute)
		} else { // any instant, even outside office hours
			a.NewDueAt = due.Add(time.Duration(1+g.rng.IntN(30*24*60)) * time.Minute)
		}
	case motcua.EventPartSent:
		a.PartUnitID = units[g.rng.IntN(len(units))]
		a.PartTitle = "Xác nhận tình trạng cư trú"
		a.PartMinutes = []int{1, 30, 225, 450, 900, 2250, 1 + g.rng.IntN(6000), ledger.MaxPartMinutes}[g.rng.IntN(8)]
		if g.rng.IntN(3) == 0 { // the part's own workflow
			for range 2 + g.rng.IntN(2) {
				a.PartSteps = append(a.PartSteps, motcua.PartStep{Name: "Bước phối hợp", Minutes: []int{1, 60, 225, 450, 900}[g.rng.IntN(5)]})
			}
		}
	case motcua.EventPartReturned:
		a.PartSeq = open[g.rng.IntN(len(open))].seq
	case motcua.EventPartHandedOver:
		a.PartSeq = movable[g.rng.IntN(len(movable))].seq
	}
	e, err := g.decide(a)
	if err != nil {
		g.fail("Decide refused a valid %s at %s (now %s) in state %s: %v", a.Type, show(at), show(g.now), g.state, err)
	}
	if !e.At.Equal(ledger.Instant(at)) || e.Type != typ || e.Seq != len(g.events)+1 {
		g.fail("event %+v for action at %s", e, show(at))
	}
	// Keyed late, or a supplement request after one that took effect.
	pending := seedCal.Between(e.At, g.now) > g.rules.ApprovalLimit || typ == motcua.EventSupplementRequested && g.supplements > 0
	if e.Data.Pending != pending {
		g.fail("%s at %s keyed %s: pending %v, want %v", typ, show(e.At), show(g.now), e.Data.Pending, pending)
	}
	g.counted[e.Seq] = e.At
	if pending {
		g.st.pending++
		g.pending = &e
		g.append(e)
		g.check(e)
		return
	}
	if g.now.Sub(e.At) > motcua.LateEntryTolerance {
		g.st.lateShort++
	}
	g.model(e)
	g.append(e)
	g.check(e)
}

// model applies what an event does to the model; it reads the projection
// from before the event.
func (g *gen) model(e motcua.Event) {
	g.st.applied[e.Type]++
	switch e.Type {
	case motcua.EventHandedOver:
		g.step++
		g.handovers++
		g.stepPaused = 0
	case motcua.EventSupplementRequested:
		g.supplements++
		g.state, g.pauseAt = motcua.StateSupplement, e.At
		g.legalLeft = seedCal.Between(e.At, g.d.DueAt) > 0
		g.promiseLeft = !g.d.PromisedAt.IsZero() && seedCal.Between(e.At, g.d.PromisedAt) > 0
		g.stepLeft = seedCal.Between(e.At, g.d.StepDueAt) > 0
		if g.legalLeft {
			g.st.pausesLeft++
		} else {
			g.st.pausesLate++
		}
		if g.promiseLeft {
			g.st.promisePauses++
			if !g.legalLeft {
				g.st.promiseOnlyPauses++
			}
		}
	case motcua.EventSupplementReceived:
		g.state = motcua.StateProcessing
		paused := seedCal.Between(g.pauseAt, e.At)
		if g.legalLeft {
			g.pausedFor += paused
		}
		if g.promiseLeft {
			g.promisePaused += paused
		}
		if g.stepLeft {
			g.stepPaused += paused
		}
	case motcua.EventResultReady:
		g.state, g.results, g.resultAt = motcua.StateResultReady, g.results+1, e.At
	case motcua.EventResultReturned:
		g.state = motcua.StateReturned
	case motcua.EventWithdrawn:
		g.state = motcua.StateWithdrawn
	case motcua.EventStopped:
		if g.state == motcua.StateSupplement {
			g.st.stopsWaiting++
		}
		g.state = motcua.StateStopped
	case motcua.EventExtended:
		g.extensions++
		if g.extensions == 1 {
			g.st.firstExtensions++
		} else {
			g.st.secondExtensions++
		}
		g.promiseBase, g.promisePaused = e.Data.NewDueAt, 0
	case motcua.EventPartSent:
		g.st.partsSent++
		p := genPart{seq: e.Seq, unit: e.Data.PartUnitID, sentAt: e.At, starts: []time.Time{e.At}}
		for _, st := range e.Data.PartSteps {
			p.plan = append(p.plan, st.Minutes)
		}
		if len(p.plan) == 0 {
			p.plan = []int{e.Data.PartMinutes}
		}
		for _, m := range p.plan {
			p.minutes += m
		}
		g.parts = append(g.parts, p)
	case motcua.EventPartHandedOver:
		g.st.partHandOvers++
		for k := range g.parts {
			if p := &g.parts[k]; p.seq == e.Data.PartSeq {
				p.ends, p.starts = append(p.ends, e.At), append(p.starts, e.At)
			}
		}
	case motcua.EventPartReturned:
		g.st.partsReturned++
		for k := range g.parts {
			if p := &g.parts[k]; p.seq == e.Data.PartSeq {
				p.returned, p.ends = e.At, append(p.ends, e.At)
			}
		}
	}
}

// check compares the projection after e with the model.
func (g *gen) check(e motcua.Event) {
	d, c := &g.d, &g.c
	if d.Version != len(g.events) {
		g.fail("after %s: version %d, %d events", e.Type, d.Version, len(g.events))
	}
	if d.State != g.state || d.Step != g.step || d.CurrentUnitID != g.unit(g.step) || c.Running != (g.state == motcua.StateProcessing) {
		g.fail("after %s: state %s step %d unit %d running %v; want %s %d %d", e.Type, d.State, d.Step, d.CurrentUnitID, c.Running, g.state, g.step, g.unit(g.step))
	}
	if (d.Pending != nil) != (g.pending != nil) || (d.Pending != nil && (d.Pending.Seq != g.pending.Seq || !d.Pending.At.Equal(g.pending.At))) {
		g.fail("after %s: Pending %+v, want %+v", e.Type, d.Pending, g.pending)
	}
	// The due instants are never before acceptance.
	for _, due := range []time.Time{d.DueAt, d.Due(), d.StepDueAt} {
		if due.Before(d.AcceptedAt) {
			g.fail("after %s: due %s before acceptance %s", e.Type, show(due), show(d.AcceptedAt))
		}
	}
	// Paused time is never counted.
	if got := seedCal.Between(g.start, d.DueAt); got != g.legal+g.pausedFor {
		g.fail("after %s: working time to DueAt %s is %v, want legal %v + paused %v", e.Type, show(d.DueAt), got, g.legal, g.pausedFor)
	}
	if d.Extensions != g.extensions || d.PromisedAt.IsZero() != (g.extensions == 0) {
		g.fail("after %s: extensions %d PromisedAt %s, want %d", e.Type, d.Extensions, show(d.PromisedAt), g.extensions)
	}
	if g.extensions > 0 {
		want := seedCal.Between(g.start, g.promiseBase) + g.promisePaused
		if got := seedCal.Between(g.start, d.PromisedAt); got != want {
			g.fail("after %s: working time to PromisedAt %s is %v, want %v (to the new date %s) + paused %v",
				e.Type, show(d.PromisedAt), got, want-g.promisePaused, show(g.promiseBase), g.promisePaused)
		}
		if d.PromisedAt.Before(d.DueAt) {
			g.fail("after %s: PromisedAt %s before DueAt %s", e.Type, show(d.PromisedAt), show(d.DueAt))
		}
	}
	// Graded at most once, and the grade never changes.
	switch {
	case g.results > 1:
		g.fail("result ready applied %d times", g.results)
	case g.results == 1:
		grade := d.Grade()
		if !d.ResultAt.Equal(g.resultAt) || grade == "" || grade != motcua.GradeAt(g.resultAt, d.DueAt) {
			g.fail("after %s: ResultAt %s grade %q, want %s graded against %s", e.Type, show(d.ResultAt), grade, show(g.resultAt), show(d.DueAt))
		}
		if g.grade == "" {
			g.grade = grade
			g.st.grades["dossier "+string(grade)]++
		} else if grade != g.grade {
			g.fail("after %s: grade changed %s → %s", e.Type, g.grade, grade)
		}
	default:
		if !d.ResultAt.IsZero() || d.Grade() != "" {
			g.fail("after %s: graded %q at %s without a result", e.Type, d.Grade(), show(d.ResultAt))
		}
	}
	g.checkSteps(e)
	g.checkParts(e)
}

func (g *gen) checkSteps(e motcua.Event) {
	d := &g.d
	if len(d.Steps) != 1+g.handovers {
		g.fail("after %s: %d step records, %d hand-overs", e.Type, len(d.Steps), g.handovers)
	}
	// A stop or a withdrawal closes the current step without a grade.
	abandoned := g.state == motcua.StateStopped || g.state == motcua.StateWithdrawn
	for k, s := range d.Steps {
		last := k == len(d.Steps)-1
		ended := !last || g.results == 1 || abandoned
		graded := !last || g.results == 1
		if s.EndedAt.IsZero() == ended {
			g.fail("after %s: step record %d: %s", e.Type, k, stepLine(s))
		}
		if graded && s.Grade != motcua.GradeAt(s.EndedAt, s.DueAt) {
			g.fail("after %s: step record %d graded %s: %s", e.Type, k, s.Grade, stepLine(s))
		}
		if !graded && s.Grade != "" {
			g.fail("after %s: open step graded: %s", e.Type, stepLine(s))
		}
	}
	s := d.Steps[len(d.Steps)-1]
	if s.Step != g.step || s.UnitID != g.unit(g.step) {
		g.fail("after %s: current step record %s, want step %d", e.Type, stepLine(s), g.step)
	}
	if s.EndedAt.IsZero() {
		if !s.DueAt.Equal(d.StepDueAt) {
			g.fail("after %s: current step due %s, StepDueAt %s", e.Type, show(s.DueAt), show(d.StepDueAt))
		}
		budget := ledger.StepBudget(g.p, g.step, seedCal)
		if got := seedCal.Between(s.StartedAt, s.DueAt); got != budget+g.stepPaused {
			g.fail("after %s: working time from the step's start to its due %v, want budget %v + paused %v: %s",
				e.Type, got, budget, g.stepPaused, stepLine(s))
		}
	}
}

func (g *gen) checkParts(e motcua.Event) {
	d := &g.d
	if len(d.Parts) != len(g.parts) {
		g.fail("after %s: parts %+v, want %+v", e.Type, d.Parts, g.parts)
	}
	for k, m := range g.parts {
		p := d.Parts[k]
		due := seedCal.Add(m.sentAt, ledger.CatalogueMinutes(m.minutes, seedCal))
		grade := motcua.Grade("")
		if !m.returned.IsZero() {
			grade = motcua.GradeAt(m.returned, due)
		}
		if p.Seq != m.seq || p.UnitID != m.unit || !p.SentAt.Equal(m.sentAt) || !p.DueAt.Equal(due) ||
			!p.ReturnedAt.Equal(m.returned) || p.Grade != grade || p.Minutes() != m.minutes {
			g.fail("after %s: part %+v, want %+v due %s grade %q", e.Type, p, m, show(due), grade)
		}
		if len(p.Records) != len(m.starts) || p.Step != len(m.starts)-1 {
			g.fail("after %s: part %d at step %d with records %+v, want %d steps taken", e.Type, p.Seq, p.Step, p.Records, len(m.starts))
		}
		for j, r := range p.Records {
			stepDue := seedCal.Add(m.starts[j], ledger.CatalogueMinutes(m.plan[j], seedCal))
			var end time.Time
			var stepGrade motcua.Grade
			if j < len(m.ends) {
				end, stepGrade = m.ends[j], motcua.GradeAt(m.ends[j], stepDue)
			}
			if !r.StartedAt.Equal(m.starts[j]) || !r.DueAt.Equal(stepDue) || !r.EndedAt.Equal(end) || r.Grade != stepGrade {
				g.fail("after %s: part %d step record %d %s, want due %s ended %s graded %q", e.Type, p.Seq, j, stepLine(r), show(stepDue), show(end), stepGrade)
			}
		}
	}
	if g.results == 1 && len(g.openParts()) > 0 {
		g.fail("result ready with a part open")
	}
}

// checkLog replays the whole log again: twice, without modifying it, and
// stamped as the store stamps it.
func (g *gen) checkLog() {
	for _, p := range g.parts {
		if !p.returned.IsZero() {
			due := seedCal.Add(p.sentAt, ledger.CatalogueMinutes(p.minutes, seedCal))
			g.st.grades["part "+string(motcua.GradeAt(p.returned, due))]++
		}
	}
	for _, s := range g.d.Steps {
		if s.Grade != "" {
			g.st.grades["step "+string(s.Grade)]++
		}
	}
	snapshot := cloneEvents(g.events)
	d1, c1, err1 := ledger.Replay(genBase, g.events, g.p, seedCal)
	d2, c2, err2 := ledger.Replay(genBase, g.events, g.p, seedCal)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(c1, c2) {
		g.fail("two replays differ (%v, %v):\n%+v %+v\n%+v %+v", err1, err2, d1, c1, d2, c2)
	}
	if !reflect.DeepEqual(d1, g.d) || !reflect.DeepEqual(c1, g.c) {
		g.fail("the full replay differs from the last incremental one")
	}
	if !reflect.DeepEqual(g.events, snapshot) {
		g.fail("Replay modified the events it was given")
	}
	stamped := cloneEvents(g.events)
	for k := range stamped {
		if stamped[k].Data.Clock != nil {
			g.fail("Decide returned a stamped event %d", stamped[k].Seq)
		}
		before := cloneEvents(stamped[:k+1])
		d, c, err := ledger.Replay(genBase, stamped[:k+1], g.p, seedCal)
		if err != nil {
			g.fail("stamped replay to %d: %v", k+1, err)
		}
		if !reflect.DeepEqual(stamped[:k+1], before) {
			g.fail("Replay modified the stamped events it was given")
		}
		if !reflect.DeepEqual(d, g.projections[k]) || !reflect.DeepEqual(c, g.clocks[k]) {
			g.fail("replaying stamped events to %d differs from replaying them unstamped:\n%+v\n%+v\nwant\n%+v\n%+v",
				k+1, d, c, g.projections[k], g.clocks[k])
		}
		ledger.Stamp(&stamped[k], &d, c)
	}
	d3, c3, err := ledger.Replay(genBase, stamped, g.p, seedCal)
	if err != nil || !reflect.DeepEqual(d3, d1) || !reflect.DeepEqual(c3, c1) {
		g.fail("the stamped log replays differently (%v):\n%+v %+v\nwant\n%+v %+v", err, d3, c3, d1, c1)
	}
}

// cloneEvents copies events deeply enough that a change through any of
// their pointers or slices shows.
func cloneEvents(events []motcua.Event) []motcua.Event {
	out := slices.Clone(events)
	for k := range out {
		x := &out[k].Data
		if x.Applicant != nil {
			a := *x.Applicant
			x.Applicant = &a
		}
		if x.Clock != nil {
			c := *x.Clock
			x.Clock = &c
		}
		x.Documents = slices.Clone(x.Documents)
		x.Missing = slices.Clone(x.Missing)
	}
	return out
}

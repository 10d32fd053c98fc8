package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

// generator plays officers through the workflow with a simulated clock, so
// the demo's events are on-time entries spread over the past weeks.
type generator struct {
	db      *store.DB
	org     *org
	rng     *rand.Rand
	now     time.Time
	cal     *calendar.Calendar
	actors  map[string]*motcua.Actor // by username
	linked  *motcua.Unit             // the office linked parts go to
	digital *digital                 // scans and electronic results; nil: none
}

func (g *generator) actor(ctx context.Context, username string) (*motcua.Actor, error) {
	if a := g.actors[username]; a != nil {
		return a, nil
	}
	id, ok := g.org.ids[username]
	if !ok {
		return nil, fmt.Errorf("demo user %s missing", username)
	}
	a, err := g.db.Actor(ctx, id)
	g.actors[username] = a
	return a, err
}

// holder returns the demo user who performs step i at unit u.
func (g *generator) holder(u *motcua.Unit, role motcua.Role) string {
	for _, acc := range g.org.accounts {
		if acc.Role == role && acc.UnitID == u.ID {
			return acc.Username
		}
	}
	return ""
}

// dossier accepts one dossier at a random past instant and plays it
// forward until the simulated clock would pass the real now.
func (g *generator) dossier(ctx context.Context, p *motcua.Procedure, unit *motcua.Unit) error {
	daysAgo := g.rng.IntN(45)
	t := g.cal.NextOpening(g.now.AddDate(0, 0, -daysAgo).Add(-time.Duration(g.rng.IntN(8*60)) * time.Minute))
	if !t.Before(g.now) || !unit.InForce(t) { // none before a unit existed (a clock just after 01/07/2025)
		return nil
	}
	g.db.Now = func() time.Time { return t }
	counter, err := g.actor(ctx, g.holder(unit, motcua.RoleCounter))
	if err != nil {
		return err
	}
	in := motcua.Intake{ProcedureID: p.ID, UnitID: unit.ID, Channel: g.channel(), Applicant: g.applicant(), Documents: received(p), Sets: 1}
	d, err := g.accept(ctx, counter, p, in, t)
	if err != nil {
		return fmt.Errorf("accept %s: %w", p.Code, err)
	}
	if paid, err := g.payCash(ctx, counter, d, motcua.FeePayAtIntake); err != nil {
		return err
	} else if paid { // paid at once: processing resumed (payment_received)
		if d, err = g.db.Dossier(ctx, counter, d.ID); err != nil {
			return err
		}
	}
	return g.play(ctx, p, d, &t)
}

// accept receives a dossier at the counter: filed online from a VNeID
// session and accepted, or brought to the counter (its applicant's data
// looked up in the population database first, for some) and accepted
// with its scans.
func (g *generator) accept(ctx context.Context, counter *motcua.Actor, p *motcua.Procedure, in motcua.Intake, t time.Time) (*motcua.Dossier, error) {
	if d, err := g.viaVNeID(ctx, counter, p, in, t); d != nil || err != nil {
		return d, err
	}
	if err := g.lookUp(ctx, counter, &in); err != nil {
		return nil, err
	}
	scans, err := g.digital.scans(in, t)
	if err != nil {
		return nil, err
	}
	return g.db.AcceptDigitised(ctx, counter, in, scans)
}

func (g *generator) play(ctx context.Context, p *motcua.Procedure, d *motcua.Dossier, t *time.Time) error {
	for d.State.Open() || d.State == motcua.StateResultReady {
		if d.State == motcua.StatePayment {
			next, err := g.awaitPayment(ctx, d, t)
			if err != nil || next == nil {
				return err
			}
			d = next
			continue
		}
		act, username := g.next(ctx, p, d)
		budget := time.Duration(p.Steps[min(d.Step, len(p.Steps)-1)].Minutes) * time.Minute
		switch act.Type {
		case motcua.EventLateApproved, motcua.EventExtended, motcua.EventStopped:
			*t = t.Add(10 * time.Minute) // the leader acts at once
		case motcua.EventSupplementReceived, motcua.EventResultReturned: // the applicant takes days to come back
			*t = g.cal.Add(*t, time.Duration(1+g.rng.IntN(4))*g.cal.StandardDay())
		default:
			*t = g.cal.Add(*t, time.Duration(float64(budget)*(0.2+g.rng.Float64()*1.2)))
		}
		if act.Type == motcua.EventHandedOver && g.rng.IntN(100) < 2 && g.hasLeader(ctx, d.CurrentUnitID) {
			// Keyed at the end of the day: a late entry a leader must approve.
			act.At, act.Reason = *t, "Mất kết nối mạng, nhập bổ sung cuối ngày"
			*t = g.cal.Add(*t, 5*time.Hour)
		}
		if t.After(g.now) {
			return nil
		}
		a, err := g.actor(ctx, username)
		if err != nil {
			return err
		}
		act.DossierID, act.Version = d.ID, d.Version
		next, err := g.act(ctx, a, p, d, act, *t)
		if motcua.ErrorCode(err) == motcua.ENOTALLOWED && act.Type == motcua.EventExtended {
			continue // too close to the due date: the apology comes too late to be allowed
		} else if err != nil {
			return fmt.Errorf("%s %s: %w", act.Type, p.Code, err)
		}
		d = next
	}
	return nil
}

// next chooses the dossier's next action and who performs it: mostly the
// workflow's next step, sometimes a supplement, a linked part, an apology,
// a stop or a withdrawal.
func (g *generator) next(ctx context.Context, p *motcua.Procedure, d *motcua.Dossier) (motcua.Action, string) {
	unitOf := func(id int64) *motcua.Unit {
		u, _ := g.db.Unit(ctx, id)
		return u
	}
	receiving, current := unitOf(d.ReceivingUnitID), unitOf(d.CurrentUnitID)
	step := p.Steps[d.Step]
	do := func(t motcua.EventType, username string) (motcua.Action, string) {
		return motcua.Action{Type: t}, username
	}
	if a, who := g.special(p, d, receiving, current); who != "" {
		return a, who
	}
	if d.Step+1 < len(p.Steps) {
		return do(motcua.EventHandedOver, g.holder(current, step.Role))
	}
	return do(motcua.EventResultReady, g.holder(current, step.Role))
}

// special picks an action off the workflow's straight path, if any, and who
// performs it; "" when the plain next step follows.
func (g *generator) special(p *motcua.Procedure, d *motcua.Dossier, receiving, current *motcua.Unit) (motcua.Action, string) {
	unitOf := func(id int64) *motcua.Unit {
		u, _ := g.db.Unit(context.Background(), id)
		return u
	}
	step := p.Steps[d.Step]
	do := func(t motcua.EventType, username string) (motcua.Action, string) {
		return motcua.Action{Type: t}, username
	}
	roll := g.rng.IntN(100)
	switch {
	case d.Pending != nil:
		return do(motcua.EventLateApproved, g.holder(unitOf(d.Pending.UnitID), motcua.RoleLeader))
	case d.State == motcua.StateResultReady:
		return do(motcua.EventResultReturned, g.holder(receiving, motcua.RoleCounter))
	case d.State == motcua.StateSupplement:
		return do(motcua.EventSupplementReceived, g.holder(receiving, motcua.RoleCounter))
	case len(d.OpenParts()) > 0:
		part := d.OpenParts()[0]
		return motcua.Action{Type: motcua.EventPartReturned, PartSeq: part.Seq}, g.holder(unitOf(part.UnitID), motcua.RoleSpecialist)
	case roll < 2:
		a, who := do(motcua.EventWithdrawn, g.holder(receiving, motcua.RoleCounter))
		a.Reason = "Người nộp có đơn đề nghị rút hồ sơ"
		return a, who
	case step.Role != motcua.RoleSpecialist:
	case roll < 3:
		a, who := do(motcua.EventStopped, g.holder(current, motcua.RoleLeader))
		a.Reason = "Hồ sơ có tranh chấp, chờ cơ quan có thẩm quyền giải quyết"
		return a, who
	case roll < 8 && d.Extensions == 0:
		a, who := do(motcua.EventExtended, g.holder(current, motcua.RoleLeader))
		a.Reason, a.NewDueAt = "Cần xác minh thêm thông tin với cơ quan liên quan", g.cal.Add(d.Due(), 3*g.cal.StandardDay())
		return a, who
	case roll < 14 && len(d.Parts) == 0 && g.linked != nil && g.linked.ID != current.ID:
		return motcua.Action{Type: motcua.EventPartSent, PartUnitID: g.linked.ID, PartMinutes: 900,
			PartTitle: "Xác định nghĩa vụ tài chính, cho ý kiến phối hợp"}, g.holder(current, step.Role)
	case d.PausedAt.IsZero() && roll < 22 && (d.Supplements == 0 || g.hasLeader(context.Background(), current.ID)):
		a, who := do(motcua.EventSupplementRequested, g.holder(current, step.Role))
		a.Missing = []string{"Bản sao giấy tờ chứng minh nơi cư trú", "Tờ khai ký đầy đủ họ tên"}
		if d.Supplements > 0 { // asked again: a reason, and the leader approves (ledger.checkRepeatSupplement)
			a.Reason = "Giấy tờ bổ sung lần trước chưa hợp lệ"
		}
		return a, who
	}
	return motcua.Action{}, ""
}

// hasLeader reports whether a demo leader can approve late entries at the unit.
func (g *generator) hasLeader(ctx context.Context, unitID int64) bool {
	u, err := g.db.Unit(ctx, unitID)
	return err == nil && g.holder(u, motcua.RoleLeader) != ""
}

func (g *generator) channel() motcua.Channel {
	switch n := g.rng.IntN(10); {
	case n < 2:
		return motcua.ChannelOnline
	case n < 3:
		return motcua.ChannelPost
	}
	return motcua.ChannelCounter
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Y", "H'"}
	middleNames = []string{"Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Hữu"}
	givenNames  = []string{"Anh", "Bình", "Cường", "Diệp", "Giang", "Hải", "Khoa", "Linh", "Nga", "Phong", "Quân", "Thảo", "Trung", "Yến"}
	villages    = []string{"Thôn 1", "Thôn 3", "Thôn Xuân Lộc", "Bon Jun Juh", "Tổ dân phố 5", "Thôn Đức Lệ"}
)

// applicant invents a person; ID and phone numbers are random digits.
func (g *generator) applicant() motcua.Applicant {
	pick := func(s []string) string { return s[g.rng.IntN(len(s))] }
	return motcua.Applicant{
		Name:     pick(familyNames) + " " + pick(middleNames) + " " + pick(givenNames),
		IDNumber: fmt.Sprintf("0670%08d", g.rng.IntN(1e8)),
		Address:  pick(villages) + g.place(),
		Phone:    fmt.Sprintf("09%08d", g.rng.IntN(1e8)),
	}
}

// place ends an address as it read at the generator's clock.
func (g *generator) place() string {
	if g.now.Before(changeDay) {
		return ", huyện Đắk Mil, tỉnh Đắk Nông"
	}
	c := newCommunes[g.rng.IntN(len(newCommunes))]
	return ", " + lowerFirst(c.name) + ", tỉnh Lâm Đồng"
}

// received is the checklist as brought: every required document.
func received(p *motcua.Procedure) []motcua.ReceivedDocument {
	var out []motcua.ReceivedDocument
	for _, d := range p.Documents {
		if !d.Conditional() { // "Văn bản ủy quyền (nếu …)": most applicants come in person
			out = append(out, motcua.ReceivedDocument{Name: d.Name, Kind: d.Kind, Count: d.Count})
		}
	}
	return out
}

// act records an action; a result-ready one issues an electronic result
// with it when the demo keeps files.
func (g *generator) act(ctx context.Context, a *motcua.Actor, p *motcua.Procedure, d *motcua.Dossier, act motcua.Action, t time.Time) (*motcua.Dossier, error) {
	if act.Type == motcua.EventResultReturned {
		if _, err := g.payCash(ctx, a, d, motcua.FeePayAtResult); err != nil {
			return nil, err
		}
	}
	if act.Type != motcua.EventResultReady {
		return g.db.Act(ctx, a, act)
	}
	ri, err := g.digital.result(ctx, g.db, p, d, t)
	if err != nil || ri == nil {
		if err != nil {
			return nil, err
		}
		return g.db.Act(ctx, a, act)
	}
	return g.db.ActIssuing(ctx, a, act, *ri)
}

// payCash has the applicant at the counter pay what the stage asks, in
// cash, with the receipt: at intake, or when collecting the result (the
// result is not returned while it owes). An online dossier's intake dues
// wait for an online payment (the demo runs no gateway) or a visit to the
// counter (awaitPayment). It reports whether anything was paid.
func (g *generator) payCash(ctx context.Context, counter *motcua.Actor, d *motcua.Dossier, stage motcua.FeePayAt) (bool, error) {
	if d.Fees == nil || (d.Channel == motcua.ChannelOnline && stage == motcua.FeePayAtIntake) {
		return false, nil
	}
	due := d.Fees.DueAtIntake
	if stage == motcua.FeePayAtResult {
		due = d.Fees.DueAtResult
	}
	if due == 0 {
		return false, nil
	}
	if _, _, err := g.db.RecordCash(ctx, counter, d.ID, stage); err != nil {
		return false, fmt.Errorf("cash for %s: %w", d.Code, err)
	}
	return true, nil
}

// awaitPayment plays an online applicant whose dossier waits for the fees
// due at intake: most pay online within hours (provinces report 70–80 %
// of fees paid online in 2025), some come to the counter and pay in cash
// within a few working days, some still wait today, as on a real
// worklist. It returns the dossier resumed, or nil while it waits.
func (g *generator) awaitPayment(ctx context.Context, d *motcua.Dossier, t *time.Time) (*motcua.Dossier, error) {
	switch n := g.rng.IntN(100); {
	case n < 15:
		return nil, nil
	case n < 75:
		return g.payOnline(ctx, d, t)
	}
	*t = g.cal.Add(*t, time.Duration(1+g.rng.IntN(3))*g.cal.StandardDay())
	if t.After(g.now) {
		return nil, nil
	}
	u, err := g.db.Unit(ctx, d.ReceivingUnitID)
	if err != nil {
		return nil, err
	}
	counter, err := g.actor(ctx, g.holder(u, motcua.RoleCounter))
	if err != nil {
		return nil, err
	}
	if _, _, err := g.db.RecordCash(ctx, counter, d.ID, motcua.FeePayAtIntake); err != nil {
		return nil, fmt.Errorf("cash for %s: %w", d.Code, err)
	}
	return g.db.Dossier(ctx, counter, d.ID)
}

// payOnline plays an online payment of the intake dues through VNPAY, a
// few hours after acceptance: the request, then the gateway's verified
// result three minutes later, applied as the notification would be (the
// demo runs no gateway; the result is what the adapter would have
// verified). It returns the dossier resumed, or nil if that lies ahead.
func (g *generator) payOnline(ctx context.Context, d *motcua.Dossier, t *time.Time) (*motcua.Dossier, error) {
	*t = t.Add(time.Duration(20+g.rng.IntN(240)) * time.Minute)
	if t.Add(3 * time.Minute).After(g.now) {
		return nil, nil
	}
	p, err := g.db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
	if err != nil {
		return nil, fmt.Errorf("online payment for %s: %w", d.Code, err)
	}
	*t = t.Add(3 * time.Minute)
	paid := payment.Result{OrderID: p.OrderID, Amount: p.Amount, TransactionNo: strconv.FormatInt(14_000_000+p.ID, 10),
		BankCode: "NCB", PaidAt: *t, Paid: true, ResponseCode: "00"}
	if ack, err := g.db.ApplyGatewayResult(ctx, "vnpay", paid); err != nil || ack != payment.AckAccepted {
		return nil, fmt.Errorf("online payment for %s: %v, %w", d.Code, ack, err)
	}
	u, err := g.db.Unit(ctx, d.ReceivingUnitID)
	if err != nil {
		return nil, err
	}
	counter, err := g.actor(ctx, g.holder(u, motcua.RoleCounter))
	if err != nil {
		return nil, err
	}
	return g.db.Dossier(ctx, counter, d.ID)
}

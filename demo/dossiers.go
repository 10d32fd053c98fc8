package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

// generator plays officers through the workflow with a simulated clock, so
// the demo's events are on-time entries spread over the past weeks.
type generator struct {
	db     *store.DB
	org    *org
	rng    *rand.Rand
	now    time.Time
	cal    *calendar.Calendar
	actors map[string]*motcua.Actor // by username
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
		if acc.Role == role && acc.Unit == u.Name {
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
	if !t.Before(g.now) {
		return nil
	}
	g.db.Now = func() time.Time { return t }
	counter, err := g.actor(ctx, g.holder(unit, motcua.RoleCounter))
	if err != nil {
		return err
	}
	d, err := g.db.Accept(ctx, counter, motcua.Intake{ProcedureID: p.ID, UnitID: unit.ID, Channel: g.channel(),
		Applicant: g.applicant(), Documents: received(p), Sets: 1})
	if err != nil {
		return fmt.Errorf("accept %s: %w", p.Code, err)
	}
	return g.play(ctx, p, d, &t)
}

func (g *generator) play(ctx context.Context, p *motcua.Procedure, d *motcua.Dossier, t *time.Time) error {
	for d.State != motcua.StateReturned && d.State != motcua.StateWithdrawn {
		typ, username := g.next(p, d)
		budget := time.Duration(p.Steps[min(d.Step, len(p.Steps)-1)].Minutes) * time.Minute
		*t = g.cal.Add(*t, time.Duration(float64(budget)*(0.2+g.rng.Float64()*1.2)))
		switch typ {
		case motcua.EventSupplementReceived, motcua.EventResultReturned: // the applicant takes days to come back
			*t = g.cal.Add(*t, time.Duration(1+g.rng.IntN(4))*g.cal.StandardDay())
		}
		if t.After(g.now) {
			return nil
		}
		a, err := g.actor(ctx, username)
		if err != nil {
			return err
		}
		act := motcua.Action{DossierID: d.ID, Version: d.Version, Type: typ}
		switch typ {
		case motcua.EventSupplementRequested:
			act.Missing = []string{"Bản sao giấy tờ chứng minh nơi cư trú", "Tờ khai ký đầy đủ họ tên"}
		case motcua.EventWithdrawn:
			act.Reason = "Người nộp có đơn đề nghị rút hồ sơ"
		}
		if d, err = g.db.Act(ctx, a, act); err != nil {
			return fmt.Errorf("%s %s: %w", typ, p.Code, err)
		}
	}
	return nil
}

// next chooses the dossier's next action and who performs it.
func (g *generator) next(p *motcua.Procedure, d *motcua.Dossier) (motcua.EventType, string) {
	unitOf := func(id int64) *motcua.Unit {
		u, _ := g.db.Unit(context.Background(), id)
		return u
	}
	receiving, current := unitOf(d.ReceivingUnitID), unitOf(d.CurrentUnitID)
	step := p.Steps[d.Step]
	switch {
	case d.State == motcua.StateResultReady:
		return motcua.EventResultReturned, g.holder(receiving, motcua.RoleCounter)
	case d.State == motcua.StateSupplement:
		return motcua.EventSupplementReceived, g.holder(receiving, motcua.RoleCounter)
	case g.rng.IntN(100) < 2:
		return motcua.EventWithdrawn, g.holder(receiving, motcua.RoleCounter)
	case step.Role == motcua.RoleSpecialist && d.PausedAt.IsZero() && g.rng.IntN(100) < 8:
		return motcua.EventSupplementRequested, g.holder(current, step.Role)
	case d.Step+1 < len(p.Steps):
		return motcua.EventHandedOver, g.holder(current, step.Role)
	}
	return motcua.EventResultReady, g.holder(current, step.Role)
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
		Address:  pick(villages) + ", huyện Đắk Mil, tỉnh Đắk Nông",
		Phone:    fmt.Sprintf("09%08d", g.rng.IntN(1e8)),
	}
}

// received is the checklist as brought: every required document.
func received(p *motcua.Procedure) []motcua.ReceivedDocument {
	out := make([]motcua.ReceivedDocument, len(p.Documents))
	for i, d := range p.Documents {
		out[i] = motcua.ReceivedDocument{Name: d.Name, Kind: d.Kind, Count: d.Count}
	}
	return out
}

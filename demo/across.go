package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// crossCase is a dossier received at one centre for another authority
// (Decree 118/2025/NĐ-CP): the procedure, the receiving centre (a commune's
// by index, -1 for the provincial centre's branch), the commune the
// competence rule looks at (residence, land, choice) and how far it went.
type crossCase struct {
	code      string
	level     motcua.Level
	at, local int
	stage     crossStage
}

// crossStage is how far a dossier received for another unit went.
type crossStage int

const (
	crossReceived  crossStage = iota // accepted at the centre, not yet sent
	crossForwarded                   // sent to the deciding unit, not yet confirmed
	crossArrived                     // the deciding unit confirmed it and works on it
	crossDecided                     // result ready at the deciding unit
	crossSentBack                    // the result on its way back to the centre
	crossBack                        // the result at the centre, the applicant not yet come
	crossReturned                    // handed to the applicant
)

// crossCases cover every rule and every stage: communes deciding for
// residents and land of theirs received elsewhere, the Sở NN&MT deciding a
// land mortgage received at a commune's centre, the branch receiving for a
// commune. Indices are those of newCommunes (0 Thuận An, 1 Đức Lập, 2 Đắk
// Mil, 3 Đắk Sắk).
var crossCases = []crossCase{
	{"1.001193", motcua.LevelCommune, 1, 2, crossReturned},
	{"1.000894", motcua.LevelCommune, 0, 3, crossBack},
	{"1.004873", motcua.LevelCommune, 3, 0, crossArrived},
	{"2.000908", motcua.LevelCommune, 2, 1, crossForwarded},
	{"1.004583", motcua.LevelProvince, 0, 2, crossSentBack},
	{"2.001044", motcua.LevelCommune, -1, 0, crossDecided},
	{"1.000656", motcua.LevelCommune, 2, 1, crossReceived},
	{"2.000720", motcua.LevelCommune, 1, 0, crossReturned},
	{"1.001193", motcua.LevelCommune, -1, 3, crossArrived},
}

// acrossCommunes plays crossCases, the i-th accepted at the first opening
// 2(len−i)+3 days before the clock, when the listing was in force then.
func (g *generator) acrossCommunes(ctx context.Context, procs []*motcua.Procedure) error {
	t := g.org.today
	for i, c := range crossCases {
		p := findProcedure(procs, c.code, c.level)
		if p == nil {
			return fmt.Errorf("cross-commune case %s (%s) not in the catalogue", c.code, c.level)
		}
		at := g.cal.Add(g.cal.NextOpening(g.now.AddDate(0, 0, -(2*(len(crossCases)-i)+3))), time.Duration(30+g.rng.IntN(120))*time.Minute)
		if at.Before(listingFrom) {
			continue
		}
		receiving := t.branch
		if c.at >= 0 {
			receiving = t.centres[c.at]
		}
		if err := g.cross(ctx, p, receiving, t.communes[c.local], c.stage, at); err != nil {
			return fmt.Errorf("cross-commune %s at %s: %w", c.code, receiving.Name, err)
		}
	}
	return nil
}

// cross accepts p at receiving for an applicant whose residence, land or
// choice is local, and plays it up to stage or the clock.
func (g *generator) cross(ctx context.Context, p *motcua.Procedure, receiving, local *motcua.Unit, stage crossStage, t time.Time) error {
	g.db.Now = func() time.Time { return t }
	in := motcua.Intake{ProcedureID: p.ID, UnitID: receiving.ID, Channel: motcua.ChannelCounter, Applicant: g.applicant(),
		Documents: received(p), Sets: 1, Competence: motcua.FactsFor(p.Competence, local.ID)}
	in.Applicant.Address = "Thôn 2, " + strings.TrimPrefix(local.Name, "Ủy ban nhân dân ") + ", tỉnh Lâm Đồng"
	counter, err := g.actor(ctx, g.holder(receiving, motcua.RoleCounter))
	if err != nil {
		return err
	}
	d, err := g.db.Accept(ctx, counter, in)
	if err != nil {
		return err
	}
	deciding, err := g.db.Unit(ctx, d.DecidingUnitID)
	if err != nil {
		return err
	}
	s := &script{g: g, d: d, t: &t}
	means := []motcua.Means{motcua.MeansElectronic, motcua.MeansCourier, motcua.MeansPost}[g.rng.IntN(3)]
	if stage >= crossForwarded {
		s.do(ctx, receiving, motcua.RoleCounter, motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartForward, PartMeans: means}, 20)
		for s.ok() && p.Steps[s.d.Step].Unit == motcua.AtIntake {
			s.do(ctx, receiving, motcua.RoleCounter, motcua.Action{Type: motcua.EventHandedOver}, 10)
		}
	}
	if stage >= crossArrived {
		s.do(ctx, deciding, motcua.RoleSpecialist, motcua.Action{Type: motcua.EventPartReturned, PartSeq: s.openPart(motcua.PartForward)}, 90)
	}
	if stage >= crossDecided {
		for s.ok() && s.d.State == motcua.StateProcessing {
			act := motcua.Action{Type: motcua.EventHandedOver}
			if s.lastDeciding(p) {
				act.Type = motcua.EventResultReady
			}
			s.do(ctx, deciding, p.Steps[s.d.Step].Role, act, 120)
		}
	}
	if stage >= crossSentBack {
		s.do(ctx, deciding, motcua.RoleSpecialist, motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartResult, PartMeans: means}, 30)
	}
	if stage >= crossBack {
		s.do(ctx, receiving, motcua.RoleCounter, motcua.Action{Type: motcua.EventPartReturned, PartSeq: s.openPart(motcua.PartResult)}, 240)
	}
	if stage >= crossReturned {
		s.do(ctx, receiving, motcua.RoleCounter, motcua.Action{Type: motcua.EventResultReturned}, 600)
	}
	return s.err
}

// script plays a dossier's actions one after another on the simulated
// clock, each some working minutes after the last, and stops at the first
// error or when the clock would pass the generator's now.
type script struct {
	g    *generator
	d    *motcua.Dossier
	t    *time.Time
	err  error
	done bool // the clock reached now
}

func (s *script) ok() bool { return s.err == nil && !s.done }

// do performs act as the demo user of role at unit, minutes after the last.
func (s *script) do(ctx context.Context, unit *motcua.Unit, role motcua.Role, act motcua.Action, minutes int) {
	if !s.ok() {
		return
	}
	next := s.g.cal.Add(*s.t, time.Duration(minutes+s.g.rng.IntN(minutes+1))*time.Minute)
	if next.After(s.g.now) {
		s.done = true
		return
	}
	*s.t = next
	a, err := s.g.actor(ctx, s.g.holder(unit, role))
	if err != nil {
		s.err = err
		return
	}
	if s.err = s.settleFees(ctx, act); s.err != nil {
		return
	}
	act.DossierID, act.Version = s.d.ID, s.d.Version
	d, err := s.g.db.Act(ctx, a, act)
	if err != nil {
		s.err = fmt.Errorf("%s by %s: %w", act.Type, a.User.Username, err)
		return
	}
	s.d = d
}

// settleFees has the applicant pay in cash at the counter what the dossier
// waits for (fees due at intake) or what the result asks before act
// returns it; a dossier paid at intake is read again, processing.
func (s *script) settleFees(ctx context.Context, act motcua.Action) error {
	stage, unitID := motcua.FeePayAtIntake, s.d.ReceivingUnitID
	switch {
	case s.d.State == motcua.StatePayment:
	case act.Type == motcua.EventResultReturned:
		stage, unitID = motcua.FeePayAtResult, s.d.ReturnUnit()
	default:
		return nil
	}
	u, err := s.g.db.Unit(ctx, unitID)
	if err != nil {
		return err
	}
	counter, err := s.g.actor(ctx, s.g.holder(u, motcua.RoleCounter))
	if err != nil {
		return err
	}
	paid, err := s.g.payCash(ctx, counter, s.d, stage)
	if err != nil || !paid || stage == motcua.FeePayAtResult {
		return err
	}
	s.d, err = s.g.db.Dossier(ctx, counter, s.d.ID)
	return err
}

// openPart is the seq of the dossier's open hand-over of kind, 0 if none.
func (s *script) openPart(kind motcua.PartKind) int {
	for _, p := range s.d.OpenParts() {
		if p.Kind == kind {
			return p.Seq
		}
	}
	return 0
}

// lastDeciding reports whether no deciding step follows the current one.
func (s *script) lastDeciding(p *motcua.Procedure) bool {
	for _, st := range p.Steps[s.d.Step+1:] {
		if st.Unit == motcua.AtDeciding {
			return false
		}
	}
	return true
}

func findProcedure(procs []*motcua.Procedure, code string, level motcua.Level) *motcua.Procedure {
	for _, p := range procs {
		if p.Code == code && p.Level == level {
			return p
		}
	}
	return nil
}

// changeCase is a dossier accepted at a 2024 unit in the last days of June
// 2025 and still running on 01/07/2025: the successions hand it over.
type changeCase struct {
	code     string
	level    motcua.Level
	commune  string // the former commune's slug; "" for the district's one-stop
	day, min int    // accepted on day/06/2025 at 08:00 plus min minutes
}

var changeCases = []changeCase{
	{"1.012796", motcua.LevelCommune, "daklao", 25, 60},  // land, 8 days: Đắk Lao → xã Thuận An
	{"1.004873", motcua.LevelCommune, "dakmil", 27, 90},  // civil status, 3 days: thị trấn Đắk Mil → xã Đức Lập
	{"1.004873", motcua.LevelCommune, "longson", 30, 30}, // Long Sơn → xã Đắk Sắk
	{"1.004583", motcua.LevelDistrict, "", 30, 450},      // mortgage after 15:00: Phòng TNMT → Sở NN&MT
	{"2.001044", motcua.LevelDistrict, "", 30, 120},      // certification: Phòng Tư pháp → the locality's commune
}

// seedAcrossTheChange accepts changeCases at the 2024 units and hands each
// to the deciding unit's specialist before 01/07/2025, then hands them
// over to the successors.
func seedAcrossTheChange(ctx context.Context, db *store.DB, o *org, procs2024 []*motcua.Procedure) error {
	g, err := newGenerator(ctx, db, o, Options{Now: changeDay.Add(-time.Minute)}, o.district)
	if err != nil {
		return err
	}
	for _, c := range changeCases {
		p := findProcedure(procs2024, c.code, c.level)
		unit := o.oneStop
		if c.commune != "" {
			for i, x := range communes {
				if x.slug == c.commune {
					unit = o.communes[i]
				}
			}
		}
		t := time.Date(2025, 6, c.day, 8, 0, 0, 0, motcua.VN).Add(time.Duration(c.min) * time.Minute)
		db.Now = func() time.Time { return t }
		counter, err := g.actor(ctx, g.holder(unit, motcua.RoleCounter))
		if err != nil {
			return err
		}
		d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: p.ID, UnitID: unit.ID, Channel: motcua.ChannelCounter,
			Applicant: g.applicant(), Documents: received(p), Sets: 1})
		if err != nil {
			return fmt.Errorf("accept %s on %d/06/2025: %w", p.Code, c.day, err)
		}
		s := &script{g: g, d: d, t: &t}
		s.do(ctx, unit, motcua.RoleCounter, motcua.Action{Type: motcua.EventHandedOver}, 15)
		if s.err != nil {
			return s.err
		}
	}
	return handOverAcrossTheChange(ctx, db)
}

// handOverAcrossTheChange hands every dossier still running at a unit
// dissolved on 01/07/2025 to its successor (the Successions seeded), one
// transferred event each with its legal basis, as the store does for a
// real province on the day of the change. A dossier whose successor cannot
// be found (a district dossier with no commune recorded) stays for a
// leader to transfer by hand, as in a real province.
func handOverAcrossTheChange(ctx context.Context, db *store.DB) error {
	db.Now = func() time.Time { return changeDay.Add(8 * time.Hour) } // the morning of the change
	_, err := db.ApplySuccessions(ctx, changeDay)
	return err
}

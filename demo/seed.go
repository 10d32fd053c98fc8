package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/store"
)

// Options tune the demo.
type Options struct {
	Password string    // the password of every demo user
	Dossiers int       // how many dossiers to generate (0: none at all)
	Now      time.Time // the real present; dossiers are dated before it
	// History adds the district's 2024 history (about 20,000 dossiers, as
	// if imported from the previous system): II.06a for 01/01–01/06/2024
	// gives the seed report's figures; what was in progress on 01/06/2024
	// is closed in the second half of 2024.
	History bool
	// Files, when given, receives the scans and electronic results of
	// today's dossiers (digital.go); PublicURL is printed on the results.
	Files     *files.Store
	PublicURL string
}

// Seeded reports whether the database already holds an organisation.
func Seeded(ctx context.Context, db *store.DB) (bool, error) {
	units, err := db.Units(ctx)
	return len(units) > 0, err
}

// Seed fills an empty database with the demo organisation of both periods
// and returns the accounts created, today's first. The live dossiers are
// at the units in force at opt.Now: today's province after 01/07/2025
// (then also a few dossiers of late June 2025 still running at the former
// units), the 2024 district before. Dossiers are generated with a fixed random seed, so two
// runs on the same day give the same data.
func Seed(ctx context.Context, db *store.DB, opt Options) (_ []Account, err error) {
	defer motcua.Wrap(&err, "demo.Seed")
	if done, err := Seeded(ctx, db); err != nil || done {
		return nil, fmt.Errorf("database already has units; the demo seeds only an empty database (err=%v)", err)
	}
	// The generated applicants are nobody: tell them nothing.
	db.Quiet = true
	defer func() { db.Quiet = false }()
	o, err := seedOrg(ctx, db, opt.Password)
	if err != nil {
		return nil, err
	}
	procs, err := publishCatalog(ctx, db, o)
	if err != nil {
		return nil, err
	}
	admin, err := db.Actor(ctx, o.ids["quantri"])
	if err != nil {
		return nil, err
	}
	current, err := publishTwoLevelCatalog(ctx, db, admin, procs)
	if err != nil {
		return nil, err
	}
	if err := seedSuccessions(ctx, db, o, o.formerProvince.ID); err != nil {
		return nil, err
	}
	if opt.History {
		if err := seedHistory(ctx, db, o, procs); err != nil {
			return nil, err
		}
		if err := seedReform(ctx, db, o); err != nil {
			return nil, err
		}
	}
	realNow := db.Now
	defer func() { db.Now = realNow }()
	if opt.Now.Before(changeDay) { // a clock set before 01/07/2025: the 2024 district's dossiers
		return o.accounts, seedLive(ctx, db, o, opt, procs, o.district)
	}
	if err := seedLive(ctx, db, o, opt, current, o.today.province); err != nil || opt.Dossiers == 0 {
		return o.accounts, err
	}
	return o.accounts, seedAcrossTheChange(ctx, db, o, procs)
}

// seedLive generates opt.Dossiers dossiers in the weeks before opt.Now at
// the units in force then, under the authority whose calendar dates them:
// the commune procedures at the communes (their centres since 07/2025),
// the others at the district's one-stop or at the provincial centre and
// its branch. Since the boundary-free listing, some are received at one
// commune's centre for another commune or a department.
func seedLive(ctx context.Context, db *store.DB, o *org, opt Options, procs []*motcua.Procedure, top *motcua.Unit) error {
	g, err := newGenerator(ctx, db, o, opt, top)
	if err != nil {
		return err
	}
	for i := 0; i < opt.Dossiers; i++ {
		p := procs[g.rng.IntN(len(procs))]
		if err := g.dossier(ctx, p, g.receivingUnit(p)); err != nil {
			return err
		}
	}
	if top.ID == o.today.province.ID && opt.Dossiers > 0 {
		return g.acrossCommunes(ctx, procs)
	}
	return nil
}

func newGenerator(ctx context.Context, db *store.DB, o *org, opt Options, top *motcua.Unit) (*generator, error) {
	now := opt.Now
	cal, err := db.Calendar(ctx, top.ID)
	if err != nil {
		return nil, err
	}
	g := &generator{db: db, org: o, rng: rand.New(rand.NewPCG(2024, 6)), now: now, cal: cal, actors: map[string]*motcua.Actor{}, digital: newDigital(opt)}
	g.linked = o.offices["tckh"] // finance: the classic co-ordinating office (land fees)
	if !now.Before(changeDay) {
		g.linked = o.today.departments["tai_chinh"]
	}
	return g, nil
}

// receivingUnit picks where a dossier of p is received at the generator's
// clock: a random commune (or its centre) for commune procedures, the
// district's one-stop or the provincial centre or its branch otherwise.
func (g *generator) receivingUnit(p *motcua.Procedure) *motcua.Unit {
	o := g.org
	if g.now.Before(changeDay) {
		if p.Level == motcua.LevelCommune {
			return o.communes[g.rng.IntN(len(o.communes))]
		}
		return o.oneStop
	}
	if p.Level == motcua.LevelCommune {
		return o.today.centres[g.rng.IntN(len(o.today.centres))]
	}
	if g.rng.IntN(2) == 0 {
		return o.today.branch
	}
	return o.today.centre
}

// demoDecision announces the demo catalogue. Its number is marked as sample
// data: the province's real catalogue decisions are entered by its staff.
var demoDecision = motcua.Decision{Number: "MẪU-01/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Đắk Nông (dữ liệu mẫu)",
	SignedOn: validFrom.AddDate(0, 0, -15), EffectiveFrom: validFrom,
	Summary: "Công bố danh mục thủ tục hành chính cấp xã, cấp huyện dùng cho dữ liệu mẫu của motcua."}

// publishCatalog publishes the demo procedures through one decision, as a
// province publishes its catalogue.
func publishCatalog(ctx context.Context, db *store.DB, o *org) ([]*motcua.Procedure, error) {
	procs, err := Procedures()
	if err != nil {
		return nil, err
	}
	admin, err := db.Actor(ctx, o.ids["quantri"])
	if err != nil {
		return nil, err
	}
	d := demoDecision
	if err := db.CreateDecision(ctx, admin, &d); err != nil {
		return nil, err
	}
	for _, p := range procs {
		if err := db.DraftChange(ctx, admin, d.ID, motcua.ChangeAdd, p); err != nil {
			return nil, err
		}
	}
	if err := db.PublishDecision(ctx, admin, d.ID); err != nil {
		return nil, err
	}
	for _, p := range procs { // the generator needs the published ids
		if p.ID, err = db.ProcedureID(ctx, p.Code, p.Level); err != nil {
			return nil, err
		}
		version, err := db.VersionAt(ctx, p.ID, validFrom)
		if err != nil {
			return nil, err
		}
		*p = *version
	}
	return procs, nil
}

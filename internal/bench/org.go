package bench

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

// org is what the bench needs of the demo organisation: the receiving
// units with their counter officers, and the catalogue.
type org struct {
	units    []*motcua.Unit               // every unit
	byID     map[int64]*motcua.Unit       // by id
	communes []*motcua.Unit               // the communes' service centres in force, where commune procedures are received
	desk     *motcua.Unit                 // the provincial centre's branch, where province procedures are received
	counter  map[int64]motcua.User        // receiving unit id → its counter officer
	leader   int64                        // the province leader's user id
	commune  []*proc                      // commune-level procedures
	province []*proc                      // province-level procedures
	cals     map[int64]*calendar.Calendar // working calendar per receiving unit
	offices  map[int64][]*motcua.Unit     // offices by parent unit, in the tree's order
}

// proc is a procedure in force with what every dossier of it repeats.
type proc struct {
	p     *motcua.Procedure
	docs  []motcua.ReceivedDocument
	legal time.Duration // legal time in working time
}

func loadOrg(ctx context.Context, db *store.DB) (*org, error) {
	o := &org{byID: map[int64]*motcua.Unit{}, counter: map[int64]motcua.User{}, cals: map[int64]*calendar.Calendar{}}
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	o.units = units
	o.offices = map[int64][]*motcua.Unit{}
	for _, u := range units {
		if u.IsOffice() {
			o.offices[u.ParentID] = append(o.offices[u.ParentID], u)
		}
	}
	for _, u := range units {
		o.byID[u.ID] = u
	}
	now := db.Now()
	for _, u := range units {
		switch {
		case !u.InForce(now):
		case u.Kind == motcua.UnitCentre && o.byID[u.ParentID] != nil && o.byID[u.ParentID].Kind == motcua.UnitCommune:
			o.communes = append(o.communes, u)
		case u.Kind == motcua.UnitBranch && o.desk == nil:
			o.desk = u
		}
	}
	if o.desk == nil || len(o.communes) == 0 {
		return nil, fmt.Errorf("the database has no branch of a provincial centre or no commune centre in force: not the demo organisation")
	}
	for _, u := range append([]*motcua.Unit{o.desk}, o.communes...) {
		if o.counter[u.ID], err = firstUserAt(ctx, db, u, motcua.RoleCounter); err != nil {
			return nil, err
		}
		if o.cals[u.ID], err = db.Calendar(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	leader, err := firstUserAt(ctx, db, o.authorityOf(o.desk), motcua.RoleLeader)
	if err != nil {
		return nil, err
	}
	o.leader = leader.ID
	if err := o.loadCatalog(ctx, db); err != nil {
		return nil, err
	}
	return o, nil
}

// firstUserAt is the earliest created user holding role at the unit.
func firstUserAt(ctx context.Context, db *store.DB, u *motcua.Unit, role motcua.Role) (motcua.User, error) {
	users, err := db.UsersAt(ctx, u.ID, role)
	if err != nil {
		return motcua.User{}, err
	}
	if len(users) == 0 {
		return motcua.User{}, fmt.Errorf("unit %s has no %s", u.Code, role)
	}
	return slices.MinFunc(users, func(a, b motcua.User) int { return cmp.Compare(a.ID, b.ID) }), nil
}

// loadCatalog reads the procedures in force, in the order of their ids.
func (o *org) loadCatalog(ctx context.Context, db *store.DB) error {
	procs, err := db.Catalog(ctx, store.CatalogFilter{})
	if err != nil {
		return err
	}
	slices.SortFunc(procs, func(a, b *motcua.Procedure) int { return cmp.Compare(a.ID, b.ID) })
	for _, p := range procs {
		lp := &proc{p: p, docs: receivedDocuments(p), legal: p.Time.Duration(o.cals[o.desk.ID].StandardDay())}
		switch p.Level {
		case motcua.LevelCommune:
			o.commune = append(o.commune, lp)
		case motcua.LevelProvince:
			o.province = append(o.province, lp)
		}
	}
	if len(o.commune) == 0 || len(o.province) == 0 {
		return fmt.Errorf("the catalogue needs commune and province procedures (have %d and %d)", len(o.commune), len(o.province))
	}
	return nil
}

// authorityOf is the People's Committee a unit acts for: the nearest
// authority at or above it.
func (o *org) authorityOf(u *motcua.Unit) *motcua.Unit {
	for x := u; x != nil; x = o.byID[x.ParentID] {
		if x.IsAuthority() {
			return x
		}
	}
	return u
}

// decidingUnit is ledger.DecidingUnit for a unit of the loaded tree, so
// the generated dossiers follow the same competence rule as the counter.
func (o *org) decidingUnit(receiving *motcua.Unit, p *motcua.Procedure) (*motcua.Unit, error) {
	var a ledger.Ancestry
	for u := receiving; u != nil; u = o.byID[u.ParentID] {
		a.Units = append(a.Units, u)
	}
	a.Offices = o.offices
	return ledger.DecidingUnit(a, p)
}

func receivedDocuments(p *motcua.Procedure) []motcua.ReceivedDocument {
	out := make([]motcua.ReceivedDocument, len(p.Documents))
	for i, d := range p.Documents {
		out[i] = motcua.ReceivedDocument{Name: d.Name, Kind: d.Kind, Count: d.Count}
	}
	return out
}

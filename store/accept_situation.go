package store

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// acceptSituation loads, with the transaction's context, what
// ledger.Accept decides an intake on. The catalogue and the organisation
// come from the instance's caches, which its own writes clear (as the
// versions Act replays on do).
func (db *DB) acceptSituation(tx *Tx, a *motcua.Actor, in motcua.Intake) (s ledger.AcceptSituation, err error) {
	s = ledger.AcceptSituation{ActorID: a.User.ID, MayReceive: a.CanReceive(in.UnitID), Now: db.now()}
	info, err := db.procInfo(tx.ctx, in.ProcedureID)
	if err != nil {
		return s, err
	}
	if s.Versions, err = db.publishedVersions(tx.ctx, info); err != nil {
		return s, err
	}
	s.Adoption = info.adoption(in.UnitID)
	if s.Units, err = db.ancestry(tx.ctx, in.UnitID); err != nil {
		return s, err
	}
	if s.Units.Receiving() != nil {
		if s.Calendar, err = db.Calendar(tx.ctx, in.UnitID); err != nil {
			return s, err
		}
	}
	return s, db.competenceSituation(tx, in, &s)
}

// competenceSituation adds what the competence rule needs beyond the
// receiving unit: the ancestries of the units the applicant named, the
// procedure's boundary-free listings and the unit chosen for the result.
func (db *DB) competenceSituation(tx *Tx, in motcua.Intake, s *ledger.AcceptSituation) (err error) {
	f := in.Competence
	s.Localities = map[int64]ledger.Ancestry{}
	for _, id := range []int64{f.ResidenceUnitID, f.LocationUnitID, f.ChosenUnitID} {
		if id != 0 {
			if s.Localities[id], err = db.ancestry(tx.ctx, id); err != nil {
				return err
			}
		}
	}
	if len(s.Versions) > 0 {
		if s.Listings, err = boundaryFreeListings(tx, s.Versions[0].Code); err != nil {
			return err
		}
	}
	if in.ReturnUnitID != 0 {
		s.Return, err = db.ancestry(tx.ctx, in.ReturnUnitID)
	}
	return err
}

// publishedVersions are a procedure's published versions, oldest effective
// first, each read once and cached (ProcedureVersion).
func (db *DB) publishedVersions(ctx context.Context, info *procInfo) ([]*motcua.Procedure, error) {
	out := make([]*motcua.Procedure, 0, len(info.versions))
	for _, v := range info.versions {
		p, err := db.ProcedureVersion(ctx, v.id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// adoption is whether the procedure applies at a unit (ledger.Adoption).
func (p *procInfo) adoption(unitID int64) ledger.Adoption {
	from, here := p.adopted[unitID]
	return ledger.Adoption{Everywhere: len(p.adopted) == 0, Here: here, From: fromMS(from)}
}

// ancestry is the unit, the units above it and the offices under each
// (ledger.Ancestry); empty for a unit that does not exist.
func (db *DB) ancestry(ctx context.Context, unitID int64) (ledger.Ancestry, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return ledger.Ancestry{}, err
	}
	a := ledger.Ancestry{Offices: map[int64][]*motcua.Unit{}}
	for u := t.byID[unitID]; u != nil; u = t.byID[u.ParentID] {
		a.Units = append(a.Units, u)
		for _, id := range t.children[u.ID] {
			if c := t.byID[id]; c.IsOffice() {
				a.Offices[u.ID] = append(a.Offices[u.ID], c)
			}
		}
	}
	return a, nil
}

// ReceivingLevel is the catalogue level of the procedures the unit
// receives as its own (ledger.ReceivingLevel).
func (db *DB) ReceivingLevel(ctx context.Context, unitID int64) (motcua.Level, error) {
	a, err := db.ancestry(ctx, unitID)
	if err != nil {
		return "", err
	}
	return ledger.ReceivingLevel(a), nil
}

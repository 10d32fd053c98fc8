package store

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// filingCompetence adds to f what the competence rule and the choice of
// the result's counter are checked on.
func (db *DB) filingCompetence(ctx context.Context, s *motcua.Submission, f *ledger.Filing) (err error) {
	if f.Unit == nil {
		return nil
	}
	if f.Receiving, err = db.ancestry(ctx, f.Unit.ID); err != nil {
		return err
	}
	facts := s.Competence
	f.Localities = map[int64]ledger.Ancestry{}
	for _, id := range []int64{facts.ResidenceUnitID, facts.LocationUnitID, facts.ChosenUnitID} {
		if id != 0 {
			if f.Localities[id], err = db.ancestry(ctx, id); err != nil {
				return err
			}
		}
	}
	if f.Listings, err = db.BoundaryFreeListings(ctx, f.Procedure.Code); err != nil {
		return err
	}
	if s.ReturnUnitID != 0 {
		f.Return, err = db.ancestry(ctx, s.ReturnUnitID)
	}
	return err
}

// competentCounter is where a filing of p goes when the applicant names
// the locality but no counter: the locality's own service centre if it
// has one where p is filed online, else the locality itself if p is filed
// there; 0 when neither (the applicant must then choose).
func (db *DB) competentCounter(ctx context.Context, p *motcua.Procedure, locality int64) (int64, error) {
	if locality == 0 {
		return 0, nil
	}
	units, err := db.UnitsApplying(ctx, p)
	if err != nil {
		return 0, err
	}
	var found int64
	for _, u := range units {
		switch {
		case u.ParentID == locality && u.Kind == motcua.UnitCentre:
			return u.ID, nil
		case u.ID == locality:
			found = u.ID
		}
	}
	return found, nil
}

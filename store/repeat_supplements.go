package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// RepeatSupplement is a dossier asked for additions more than once: the
// national scoring (Decision 766, indicator 2.1) counts it as late, however
// it ends.
type RepeatSupplement struct {
	DossierID int64
	Code      string
	Requests  int       // supplement requests that took effect
	SecondAt  time.Time // when the second one was made
}

// RepeatSupplements lists the unit's dossiers (received or decided there)
// whose second counted supplement request falls in [from, to). Leaders of
// the unit only, like StepPerformance.
func (db *DB) RepeatSupplements(ctx context.Context, a *motcua.Actor, unitID int64, from, to time.Time) (out []RepeatSupplement, err error) {
	defer motcua.Wrap(&err, "DB.RepeatSupplements(%d)", unitID)
	if !a.Has(unitID, motcua.RoleLeader) {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo đơn vị được xem kết quả xử lý của đơn vị.")
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		// Candidates: two requests or more, the latest not before the period;
		// which of them counted is the ledger's to say.
		ids, err := column[int64](tx, `SELECT e.dossier_id FROM events e JOIN dossiers d ON d.id = e.dossier_id
			WHERE e.type = 'supplement_requested' AND (d.receiving_unit_id = ? OR d.deciding_unit_id = ?)
			GROUP BY e.dossier_id HAVING COUNT(*) > 1 AND MAX(e.at) >= ? ORDER BY e.dossier_id`, unitID, unitID, ms(from))
		if err != nil {
			return err
		}
		for _, id := range ids {
			events, err := listEvents(tx, id)
			if err != nil {
				return err
			}
			counted := ledger.CountedSupplements(events)
			if len(counted) < 2 || counted[1].At.Before(from) || !counted[1].At.Before(to) {
				continue
			}
			r := RepeatSupplement{DossierID: id, Requests: len(counted), SecondAt: counted[1].At}
			if err := tx.queryRow(`SELECT code FROM dossiers WHERE id = ?`, id).Scan(&r.Code); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

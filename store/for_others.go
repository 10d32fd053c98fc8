package store

import (
	"context"

	"github.com/motcua/motcua"
)

// ForOther is a dossier a unit received for another authority (Decree
// 118/2025/NĐ-CP: received regardless of administrative boundary), with
// its hand-overs: the dossier sent to the deciding unit and the result
// sent back, in the order they were sent.
type ForOther struct {
	*motcua.Dossier
	HandOvers []motcua.Part
}

// ForOthersPageMax is the most rows a caller may ask of ReceivedForOthers.
const ForOthersPageMax = 200

// ReceivedForOthers lists the dossiers received at the actor's units for
// another authority — the receiving centre's "received for others" view,
// since they leave its worklist once handed on — the soonest due first,
// limit rows from offset, and how many there are in all.
func (db *DB) ReceivedForOthers(ctx context.Context, a *motcua.Actor, offset, limit int) (out []ForOther, total int, err error) {
	defer motcua.Wrap(&err, "DB.ReceivedForOthers")
	units := a.HandledUnitIDs()
	if len(units) == 0 {
		return nil, 0, nil
	}
	if offset < 0 || offset > MaxOffset || limit < 1 || limit > ForOthersPageMax {
		return nil, 0, motcua.FieldError("page", "Trang không hợp lệ.")
	}
	args := make([]any, 0, len(units)+2)
	for _, id := range units {
		args = append(args, id)
	}
	where := ` WHERE d.receiving_unit_id IN (` + marks(len(units)) + `) AND d.for_other = 1`
	err = db.readTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(`SELECT COUNT(*) FROM dossiers d`+where, args...).Scan(&total); err != nil {
			return err
		}
		dossiers, err := queryDossiers(tx, where+` ORDER BY d.due_at, d.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
		if err != nil {
			return err
		}
		out, err = withHandOvers(tx, dossiers)
		return err
	})
	return out, total, err
}

// withHandOvers reads the hand-over parts of the dossiers in one query.
func withHandOvers(tx *Tx, dossiers []*motcua.Dossier) ([]ForOther, error) {
	out := make([]ForOther, len(dossiers))
	if len(dossiers) == 0 {
		return out, nil
	}
	at := make(map[int64]int, len(dossiers))
	args := make([]any, len(dossiers))
	for i, d := range dossiers {
		out[i].Dossier, at[d.ID], args[i] = d, i, d.ID
	}
	rows, err := tx.query(`SELECT dossier_id, seq, unit_id, kind, means, title, sent_at, due_at, returned_at, grade FROM dossier_parts
		WHERE kind IN ('forward', 'result') AND dossier_id IN (`+marks(len(args))+`) ORDER BY dossier_id, seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, sent, due, returned int64
		var p motcua.Part
		if err := rows.Scan(&id, &p.Seq, &p.UnitID, &p.Kind, &p.Means, &p.Title, &sent, &due, &returned, &p.Grade); err != nil {
			return nil, err
		}
		p.SentAt, p.DueAt, p.ReturnedAt = fromMS(sent), fromMS(due), fromMS(returned)
		out[at[id]].HandOvers = append(out[at[id]].HandOvers, p)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
)

// UnitInForce reports whether u existed at instant at: after its start (when
// recorded) and before its end (a dissolved or merged unit ends).
func UnitInForce(u *motcua.Unit, at time.Time) bool {
	return (u.ValidFrom.IsZero() || !at.Before(u.ValidFrom)) && (u.ValidTo.IsZero() || at.Before(u.ValidTo))
}

// partUnitInForce refuses a linked part sent to a unit that did not exist
// when it was sent (a dissolved province, a merged commune).
func (db *DB) partUnitInForce(ctx context.Context, e *motcua.Event) error {
	if e.Type != motcua.EventPartSent {
		return nil
	}
	u, err := db.Unit(ctx, e.Data.PartUnitID)
	if err != nil {
		return motcua.FieldError("part_unit", "Cơ quan phối hợp đã chọn không tồn tại.")
	}
	if !UnitInForce(u, e.At) {
		return motcua.FieldError("part_unit", "%s không còn hoạt động vào thời điểm %s; hãy chọn đơn vị kế thừa.", u.Name, motcua.FormatDateTime(e.At))
	}
	return nil
}

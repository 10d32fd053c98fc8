package store

import (
	"context"

	"github.com/motcua/motcua"
)

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
	if !u.InForce(e.At) {
		return motcua.FieldError("part_unit", "%s không còn hoạt động vào thời điểm %s; hãy chọn đơn vị kế thừa.", u.Name, motcua.FormatDateTime(e.At))
	}
	return nil
}

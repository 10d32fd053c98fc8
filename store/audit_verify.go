package store

import (
	"context"
	"fmt"

	"github.com/motcua/motcua"
)

// AuditCheck is what verifying the trail found.
type AuditCheck struct {
	Entries  int64
	LastID   int64
	Head     string   // the last entry's hash: write it down to anchor the trail
	Problems []string // empty when the chain is whole
}

// maxAuditProblems bounds the report: one edit breaks one link, a deleted
// block one gap; past this many the trail needs a person, not a longer list.
const maxAuditProblems = 50

// VerifyAudit walks the whole trail in id order, recomputing every hash:
// an edited entry no longer matches its hash, a deleted one leaves a gap
// in the ids or a broken link, a dropped tail disagrees with the head row.
// anchors (id → hash written down earlier) catch a trail rewritten whole.
func (db *DB) VerifyAudit(ctx context.Context, anchors map[int64]string) (c AuditCheck, err error) {
	defer motcua.Wrap(&err, "DB.VerifyAudit")
	problem := func(format string, args ...any) {
		if len(c.Problems) < maxAuditProblems {
			c.Problems = append(c.Problems, fmt.Sprintf(format, args...))
		}
	}
	err = db.snapshotTx(ctx, func(tx *Tx) error {
		var headID int64
		var headHash string
		if err := tx.queryRow(`SELECT last_id, hash FROM audit_head WHERE id = 1`).Scan(&headID, &headHash); err != nil {
			return err
		}
		rows, err := tx.query(`SELECT id, at, actor, source, action, object, detail, prev, hash FROM audit_log ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		prev := ""
		for rows.Next() {
			var e motcua.AuditEntry
			var at int64
			if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Source, &e.Action, &e.Object, &e.Detail, &e.Prev, &e.Hash); err != nil {
				return err
			}
			e.At = fromMS(at)
			switch {
			case e.ID != c.LastID+1:
				problem("dòng %d: thiếu các dòng %d–%d (đã bị xoá)", e.ID, c.LastID+1, e.ID-1)
			case e.Prev != prev:
				problem("dòng %d: không nối với dòng trước (dòng trước đã bị sửa hoặc xoá)", e.ID)
			}
			if e.ChainHash() != e.Hash {
				problem("dòng %d: nội dung không khớp mã băm (đã bị sửa)", e.ID)
			}
			if want, ok := anchors[e.ID]; ok && want != e.Hash {
				problem("dòng %d: mã băm khác mốc đã ghi (%s)", e.ID, want)
			}
			c.Entries++
			c.LastID, prev = e.ID, e.Hash
		}
		if err := rows.Err(); err != nil {
			return err
		}
		c.Head = prev
		if headID != c.LastID || headHash != prev {
			problem("dòng cuối là %d nhưng đầu chuỗi ghi %d: các dòng cuối đã bị xoá hoặc sửa", c.LastID, headID)
		}
		for id := range anchors {
			if id > c.LastID {
				problem("mốc dòng %d không còn trong nhật ký", id)
			}
		}
		return nil
	})
	return c, err
}

package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// LedgerCheck is what comparing the projections with the ledger found.
type LedgerCheck struct {
	Dossiers int
	Problems []string
}

// CheckLedger replays every dossier's events and compares the result with
// the stored projection, and looks for codes given twice: after a crash or
// a restore, the tables the pages read must say what the ledger says.
func (db *DB) CheckLedger(ctx context.Context) (c LedgerCheck, err error) {
	defer motcua.Wrap(&err, "DB.CheckLedger")
	problem := func(format string, args ...any) {
		if len(c.Problems) < maxAuditProblems {
			c.Problems = append(c.Problems, fmt.Sprintf(format, args...))
		}
	}
	var twice []string
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		twice, err = column[string](tx, `SELECT code FROM dossiers GROUP BY code HAVING COUNT(*) > 1`)
		return err
	})
	if err != nil {
		return c, err
	}
	for _, code := range twice {
		problem("mã %s được cấp cho nhiều hồ sơ", code)
	}
	for after := int64(0); ; {
		var ids []int64
		err := db.readTx(ctx, func(tx *Tx) (err error) {
			ids, err = column[int64](tx, `SELECT id FROM dossiers WHERE id > ? ORDER BY id LIMIT 500`, after)
			return err
		})
		if err != nil || len(ids) == 0 {
			return c, err
		}
		for _, id := range ids {
			if err := db.checkDossier(ctx, id, problem); err != nil {
				return c, err
			}
			c.Dossiers++
		}
		after = ids[len(ids)-1]
	}
}

func (db *DB) checkDossier(ctx context.Context, id int64, problem func(string, ...any)) error {
	return db.readTx(ctx, func(tx *Tx) error {
		replayed, stored, _, _, _, err := db.loadForAction(tx, id)
		if err != nil {
			problem("hồ sơ %d: không dựng lại được từ sổ: %v", id, err)
			return nil
		}
		diffs := projectionDiff(stored, replayed)
		row, err := rowFeeTotals(tx, id)
		if err != nil {
			return err
		}
		if bill := feeTotals(replayed); row != bill {
			diffs = append(diffs, fmt.Sprintf("phí, lệ phí lưu %s, sổ cho %s", row, bill))
		}
		for _, diff := range diffs {
			problem("hồ sơ %s: %s", stored.Code, diff)
		}
		return nil
	})
}

// projectionDiff lists the projected fields that disagree with a replay.
func projectionDiff(stored, replayed *motcua.Dossier) []string {
	var out []string
	same := func(name string, a, b any) {
		if a != b {
			out = append(out, fmt.Sprintf("%s lưu %v, sổ cho %v", name, a, b))
		}
	}
	instant := func(name string, a, b time.Time) {
		if !a.Equal(b) {
			out = append(out, fmt.Sprintf("%s lưu %v, sổ cho %v", name, a, b))
		}
	}
	same("trạng thái", stored.State, replayed.State)
	same("phiên bản", stored.Version, replayed.Version)
	same("bước", stored.Step, replayed.Step)
	same("đơn vị đang giữ", stored.CurrentUnitID, replayed.CurrentUnitID)
	same("đơn vị giải quyết", stored.DecidingUnitID, replayed.DecidingUnitID)
	instant("tiếp nhận", stored.AcceptedAt, replayed.AcceptedAt)
	instant("hạn", stored.DueAt, replayed.DueAt)
	instant("hạn bước", stored.StepDueAt, replayed.StepDueAt)
	instant("hẹn mới", stored.PromisedAt, replayed.PromisedAt)
	instant("có kết quả", stored.ResultAt, replayed.ResultAt)
	instant("trả kết quả", stored.ReturnedAt, replayed.ReturnedAt)
	instant("kết thúc", stored.ClosedAt, replayed.ClosedAt)
	instant("tạm dừng", stored.PausedAt, replayed.PausedAt)
	return out
}

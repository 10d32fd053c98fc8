package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Alerts are the deadline alerts of an officer's dashboard (issue 3): what
// is due today, what is late, which steps are late, and which late entries
// wait for the actor's approval. Each list holds at most AlertLimit
// dossiers, soonest due first; the counts are exact.
type Alerts struct {
	At                           time.Time
	DueToday, Overdue, StepsLate []*motcua.Dossier
	AwaitingApproval             []*motcua.Dossier
	DueTodayN, OverdueN, StepsN  int
	AwaitingN                    int
}

// Empty reports whether there is nothing to act on.
func (al *Alerts) Empty() bool {
	return al.DueTodayN+al.OverdueN+al.StepsN+al.AwaitingN == 0
}

// AlertLimit bounds each list of the dashboard and the digest.
const AlertLimit = 50

// Alerts gathers the deadline alerts in the actor's scope at instant now;
// unitID, when not 0, narrows them to dossiers involving that unit.
func (db *DB) Alerts(ctx context.Context, a *motcua.Actor, unitID int64, now time.Time) (al *Alerts, err error) {
	defer motcua.Wrap(&err, "DB.Alerts")
	al = &Alerts{At: now}
	units := a.HandledUnitIDs()
	if unitID != 0 {
		if !a.Handles(unitID) {
			return nil, motcua.Errorf(motcua.EFORBIDDEN, "Bạn không xử lý hồ sơ của đơn vị này.")
		}
		units = []int64{unitID}
	}
	var leads []int64
	for _, id := range units {
		if a.Has(id, motcua.RoleLeader) {
			leads = append(leads, id)
		}
	}
	y, m, d := now.In(motcua.VN).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, motcua.VN)
	scope := inScope(units, "current_unit_id", "receiving_unit_id", "deciding_unit_id")
	err = db.readTx(ctx, func(tx *Tx) error {
		lists := []struct {
			cond  clause
			out   *[]*motcua.Dossier
			count *int
		}{
			{scope.and(`d.state = 'processing' AND d.due_at >= ? AND d.due_at < ?`, ms(today), ms(today.AddDate(0, 0, 1))), &al.DueToday, &al.DueTodayN},
			{scope.and(`((d.state = 'processing' AND d.due_at < ?) OR (d.state IN ('supplement', 'payment') AND d.paused_at > d.due_at))`, ms(now)), &al.Overdue, &al.OverdueN},
			// A late step belongs to the unit holding it; a late linked part
			// to the co-ordinating unit.
			{stepsLateClause(units, now), &al.StepsLate, &al.StepsN},
			{inScope(leads, "pending_unit_id").and(`d.pending_seq <> 0`), &al.AwaitingApproval, &al.AwaitingN},
		}
		for _, l := range lists {
			if err := tx.queryRow(`SELECT COUNT(*) FROM dossiers d WHERE `+l.cond.sql, l.cond.args...).Scan(l.count); err != nil {
				return err
			}
			if *l.count == 0 {
				continue
			}
			var err error
			if *l.out, err = queryDossiers(tx, ` WHERE `+l.cond.sql+` ORDER BY d.due_at, d.id LIMIT ?`, append(l.cond.args, AlertLimit)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return al, nil
}

// stepsLateClause: open dossiers whose current step, held by one of the units, is
// past its due instant, or which wait for a part one of the units is late with.
func stepsLateClause(units []int64, now time.Time) clause {
	held := inScope(units, "current_unit_id").and(`d.state = 'processing' AND d.step_due_at < ?`, ms(now))
	if len(units) == 0 {
		return held
	}
	list := marks(len(units))
	args := append(append([]any{}, held.args...), ms(now))
	for _, id := range units {
		args = append(args, id)
	}
	return clause{sql: `(` + held.sql + ` OR (d.state IN ('processing', 'supplement') AND d.id IN (SELECT dossier_id FROM dossier_parts
		WHERE returned_at = 0 AND due_at < ? AND unit_id IN (` + list + `))))`, args: args}
}

// clause is a piece of WHERE with its arguments.
type clause struct {
	sql  string
	args []any
}

// inScope: any of the columns is one of the units. No units match nothing.
func inScope(units []int64, cols ...string) clause {
	if len(units) == 0 {
		return clause{sql: "1 = 0"}
	}
	list := marks(len(units))
	var parts []string
	var args []any
	for _, c := range cols {
		parts = append(parts, "d."+c+" IN ("+list+")")
		for _, id := range units {
			args = append(args, id)
		}
	}
	return clause{sql: "(" + strings.Join(parts, " OR ") + ")", args: args}
}

func (c clause) and(sql string, args ...any) clause {
	return clause{sql: c.sql + " AND " + sql, args: append(append([]any{}, c.args...), args...)}
}

func queryDossiers(tx *Tx, where string, args ...any) ([]*motcua.Dossier, error) {
	rows, err := tx.query(`SELECT `+dossierColumns+dossierFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*motcua.Dossier
	for rows.Next() {
		d, err := scanDossier(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DigestRecipients lists the active unit leaders with an e-mail address:
// the daily digest of deadline alerts goes to them.
func (db *DB) DigestRecipients(ctx context.Context) (out []*motcua.Actor, err error) {
	defer motcua.Wrap(&err, "DB.DigestRecipients")
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, `SELECT DISTINCT u.id FROM users u JOIN grants g ON g.user_id = u.id
			WHERE g.role = 'leader' AND u.disabled = 0 AND u.email <> '' ORDER BY u.id`)
		return err
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var a *motcua.Actor
		if a, err = db.Actor(ctx, id); err == nil {
			out = append(out, a)
		}
	}
	return out, err
}

// ClaimDigest reserves the day's digest for a user: it returns false when
// another run (or another app instance) already took it.
func (db *DB) ClaimDigest(ctx context.Context, userID int64, day string) (claimed bool, err error) {
	defer motcua.Wrap(&err, "DB.ClaimDigest(%d, %s)", userID, day)
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`INSERT INTO digest_log (day, user_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, day, userID, ms(db.Now()))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// ReleaseDigest gives a claimed digest back after sending failed, so the
// next run tries again.
func (db *DB) ReleaseDigest(ctx context.Context, userID int64, day string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM digest_log WHERE day = ? AND user_id = ?`, day, userID)
		return err
	})
}

package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// Indicators 3.5 and 3.6 of Decision 766 (issue 19, item 6;
// docs/payment-indicators.md) over the dossiers accepted in a period and
// scope. Both are set-based: 3.5 reads the catalogue's versions (a few
// thousand rows) and one grouped count of the period's dossiers with a
// bill; 3.6 is one count of the period's dossiers with a bill, each
// joined to its payments through payments_dossier. Nothing is judged
// dossier by dossier; no counters are kept yet, which bounds the speed
// (BenchmarkPaymentIndicators; docs/payment-indicators.md says by how
// much and what counters would take).

// paidOnline is the condition that dossier d has a payment through a
// gateway that stands paid. A payment refunded, or money that came for a
// cancelled request (refund_due), is not a fee paid online: the synced
// flag says what stands, not what once happened.
var paidOnline = fmt.Sprintf(`EXISTS (SELECT 1 FROM payments p WHERE p.dossier_id = d.id AND p.method IN ('%s', '%s') AND p.state = '%s')`,
	motcua.PayVNPAY, motcua.PayPayGov, motcua.PaymentPaid)

// FeeProcedure is a procedure with fees in the period, and how many of
// its dossiers accepted in the period and scope carry fee data.
type FeeProcedure struct {
	ID         int64
	Code, Name string // the name of its newest version in force in the period
	Dossiers   int
}

// PaymentIndicators computes 3.5 and 3.6 for the query's period (by
// acceptance) and scope; the query's grouping and view do not change them.
func (db *DB) PaymentIndicators(ctx context.Context, q report.Query) (out []report.PaymentIndicator, err error) {
	defer motcua.Wrap(&err, "DB.PaymentIndicators")
	procs, err := db.FeeProcedures(ctx, q)
	if err != nil {
		return nil, err
	}
	withData := 0
	for _, p := range procs {
		if p.Dossiers > 0 {
			withData++
		}
	}
	paid, owing, err := db.onlinePaymentCounts(ctx, q)
	if err != nil {
		return nil, err
	}
	return []report.PaymentIndicator{
		report.NewPaymentIndicator(report.CodeFeeData, withData, len(procs)),
		report.NewPaymentIndicator(report.CodeOnlinePayment, paid, owing),
	}, nil
}

// FeeProcedures lists the procedures with fees in the query's period (a
// version in force at some instant of it charges fees, report.ChargesFees),
// by code, each with the number of its dossiers accepted in the period and
// scope whose bill is not 0: 3.5's denominator, and its numerator's those
// with at least one. The catalogue is the whole catalogue's, whatever the
// scope: as the nation counts against its catalogue.
func (db *DB) FeeProcedures(ctx context.Context, q report.Query) (out []FeeProcedure, err error) {
	defer motcua.Wrap(&err, "DB.FeeProcedures")
	if err := q.Check(); err != nil {
		return nil, err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	err = db.snapshotTx(ctx, func(tx *Tx) error {
		if out, err = feeProcedures(tx, q); err != nil || len(out) == 0 {
			return err
		}
		counts, err := feeDataCounts(tx, q, scope, scopeArgs)
		for i := range out {
			out[i].Dossiers = counts[out[i].ID]
		}
		return err
	})
	return out, err
}

// catalogueVersion is what 3.5 reads of a published version.
type catalogueVersion struct {
	procedureID, effective int64
	code, name, kind       string
	lines                  string
}

// feeProcedures reads the published versions in force before the period's
// end, in order, and keeps the procedures one of whose versions in force
// during the period charges fees.
func feeProcedures(tx *Tx, q report.Query) ([]FeeProcedure, error) {
	rows, err := tx.query(`SELECT v.procedure_id, v.effective_from, p.code, v.name, v.kind, v.fee_lines
		FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
		WHERE v.status = ? AND v.effective_from < ? ORDER BY p.code, v.procedure_id, v.effective_from, v.version`,
		string(motcua.VersionPublished), ms(q.To))
	if err != nil {
		return nil, err
	}
	var versions []catalogueVersion
	for rows.Next() {
		var v catalogueVersion
		if err := rows.Scan(&v.procedureID, &v.effective, &v.code, &v.name, &v.kind, &v.lines); err != nil {
			rows.Close()
			return nil, err
		}
		versions = append(versions, v)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return procsWithFees(versions, ms(q.From))
}

// procsWithFees walks each procedure's versions (ordered by procedure,
// then by effect): a version is in force from its effective instant until
// the next one's, so it falls in the period when the next one takes
// effect after from (and after it: two versions of one instant leave
// only the later in force). A repeal is in force as "no procedure".
func procsWithFees(versions []catalogueVersion, from int64) ([]FeeProcedure, error) {
	var out []FeeProcedure
	for i, v := range versions {
		if i+1 < len(versions) && versions[i+1].procedureID == v.procedureID {
			if next := versions[i+1].effective; next <= from || next <= v.effective {
				continue
			}
		}
		if v.kind == string(motcua.ChangeRepeal) || v.lines == "" {
			continue
		}
		var lines []motcua.FeeLine
		if err := json.Unmarshal([]byte(v.lines), &lines); err != nil {
			return nil, fmt.Errorf("procedure %s: fee lines: %w", v.code, err)
		}
		if !report.ChargesFees(lines) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].ID == v.procedureID {
			out[n-1].Name = v.name // a later version in force: its name
			continue
		}
		out = append(out, FeeProcedure{ID: v.procedureID, Code: v.code, Name: v.name})
	}
	return out, nil
}

// feeDataCounts counts, per procedure, the dossiers accepted in the
// period and scope whose bill is not 0.
func feeDataCounts(tx *Tx, q report.Query, scope string, scopeArgs []any) (map[int64]int, error) {
	rows, err := tx.query(`SELECT d.procedure_id, COUNT(*) FROM dossiers d
		WHERE d.accepted_at >= ? AND d.accepted_at < ? AND d.fee_total > 0`+scope+` GROUP BY d.procedure_id`,
		append([]any{ms(q.From), ms(q.To)}, scopeArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// onlinePaymentCounts counts 3.6: the period's dossiers whose bill is
// above 0 (owing), and those of them paid online (paid).
func (db *DB) onlinePaymentCounts(ctx context.Context, q report.Query) (paid, owing int, err error) {
	if err := q.Check(); err != nil {
		return 0, 0, err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return 0, 0, err
	}
	var paid64, owing64 int64
	err = db.snapshotTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN `+paidOnline+` THEN 1 ELSE 0 END), 0) FROM dossiers d
			WHERE d.accepted_at >= ? AND d.accepted_at < ? AND d.fee_total > 0`+scope,
			append([]any{ms(q.From), ms(q.To)}, scopeArgs...)...).Scan(&owing64, &paid64)
	})
	return int(paid64), int(owing64), err
}

package store

import (
	"context"
	"database/sql"
	"fmt"
)

// bulkWriter runs the INSERTs of a bulk load on the loader's connection,
// with the multi-row statements prepared once per transaction.
type bulkWriter struct {
	l            *bulkLoader
	ctx          context.Context
	tx           *sql.Tx
	dStmt, eStmt *sql.Stmt
	inTx, done   int
}

func (w *bulkWriter) write(b *bulkBatch) error {
	if w.tx == nil {
		if err := w.begin(); err != nil {
			return err
		}
	}
	if err := w.insert(w.dStmt, bulkDossierInsert, bulkDossierWidth, b.dossiers); err != nil {
		return fmt.Errorf("insert dossiers: %w", err)
	}
	if err := w.insert(w.eStmt, bulkEventInsert, bulkEventWidth, b.events); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	w.inTx += b.n
	w.done += b.n
	return nil
}

func (w *bulkWriter) begin() (err error) {
	if w.tx, err = w.l.conn.BeginTx(w.ctx, nil); err != nil {
		return err
	}
	if w.dStmt, err = w.tx.PrepareContext(w.ctx, w.l.db.rebind(bulkDossierInsert+repeatRow(bulkDossierWidth, bulkRowsPerStmt))); err != nil {
		return err
	}
	w.eStmt, err = w.tx.PrepareContext(w.ctx, w.l.db.rebind(bulkEventInsert+repeatRow(bulkEventWidth, bulkRowsPerStmt)))
	return err
}

// insert writes flattened rows with the multi-row statement, and the
// remainder in one statement of its own.
func (w *bulkWriter) insert(multi *sql.Stmt, head string, width int, args []any) error {
	step := width * bulkRowsPerStmt
	i := 0
	for ; i+step <= len(args); i += step {
		if _, err := multi.ExecContext(w.ctx, args[i:i+step]...); err != nil {
			return err
		}
	}
	if rest := (len(args) - i) / width; rest > 0 {
		if _, err := w.tx.ExecContext(w.ctx, w.l.db.rebind(head+repeatRow(width, rest)), args[i:]...); err != nil {
			return err
		}
	}
	return nil
}

func (w *bulkWriter) commit() error {
	if w.tx == nil {
		return nil
	}
	w.dStmt.Close()
	w.eStmt.Close()
	err := w.tx.Commit()
	w.tx, w.inTx = nil, 0
	return err
}

func (w *bulkWriter) rollback() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

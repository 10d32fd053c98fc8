package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/motcua/motcua"
)

// ReceiptDocument is everything the receipt's PDF prints (forms.PaymentReceipt):
// the receipt row, the collecting unit's code, the procedure, the fee lines
// paid at the receipt's stage and the dossier's tracking link for the QR
// code. The PDF is rendered from it on demand, never stored: the row does
// not change, so neither does what it prints.
type ReceiptDocument struct {
	Receipt   motcua.Receipt
	UnitCode  string
	Procedure string
	Lines     []ReceiptLine // their sum is Receipt.Amount
	TrackURL  string
}

// ReceiptLine is one line of a receipt.
type ReceiptLine struct {
	Name   string
	Amount int64
}

// ReceiptDocument returns what receipt receiptID prints, to whoever may
// read the receipt (DB.Receipt).
func (db *DB) ReceiptDocument(ctx context.Context, by Requester, receiptID int64) (doc *ReceiptDocument, err error) {
	defer motcua.Wrap(&err, "DB.ReceiptDocument(%d)", receiptID)
	r, err := db.Receipt(ctx, by, receiptID)
	if err != nil {
		return nil, err
	}
	doc = &ReceiptDocument{Receipt: *r}
	var d *motcua.Dossier
	var accepted string
	err = db.readTx(ctx, func(tx *Tx) error {
		if d, err = getDossier(tx, `d.code = ?`, r.DossierCode); err != nil {
			return err
		}
		err := tx.queryRow(`SELECT data FROM events WHERE dossier_id = ? AND type = ? ORDER BY seq DESC LIMIT 1`,
			d.ID, string(motcua.EventAccepted)).Scan(&accepted)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if u, err := db.Unit(ctx, r.UnitID); err == nil {
		doc.UnitCode = u.Code
	}
	doc.Procedure, doc.TrackURL = d.ProcedureName, motcua.TrackURL(db.PublicURL, d)
	doc.Lines = db.receiptLines(ctx, d, accepted, r)
	return doc, nil
}

// receiptLines are the bill's lines of the receipt's stage, named as the
// procedure version names them; when they do not add up to the receipt's
// amount (a bill not stated as lines, a stage paid in parts) the receipt
// has one line for the stage.
func (db *DB) receiptLines(ctx context.Context, d *motcua.Dossier, accepted string, r *motcua.Receipt) []ReceiptLine {
	whole := []ReceiptLine{{Name: fmt.Sprintf("Phí, lệ phí nộp %s", r.Stage.Label()), Amount: r.Amount}}
	var data motcua.EventData
	if accepted == "" || json.Unmarshal([]byte(accepted), &data) != nil || data.Fees == nil {
		return whole
	}
	p, err := db.ProcedureVersion(ctx, d.VersionID)
	if err != nil {
		return whole
	}
	var lines []ReceiptLine
	var sum int64
	for _, l := range data.Fees.Lines {
		if l.PayAt != r.Stage || l.Amount == 0 || l.Line < 0 || l.Line >= len(p.FeeLines) {
			continue
		}
		fl := p.FeeLines[l.Line]
		name := fl.Kind.Label() + " — " + fl.Name
		if fl.Basis != motcua.FeeFixed && l.Quantity > 0 {
			name += fmt.Sprintf(" (%d)", l.Quantity)
		}
		lines = append(lines, ReceiptLine{Name: name, Amount: l.Amount})
		sum += l.Amount
	}
	if sum != r.Amount || len(lines) == 0 {
		return whole
	}
	return lines
}

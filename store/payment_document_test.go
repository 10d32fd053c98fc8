package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/store"
)

// TestReceiptDocumentPrints: a cash receipt is rendered on demand from its
// row: unit, series and number, payer, amount in figures and words, and
// the dossier's tracking link as the QR code; its hash is kept once.
func TestReceiptDocumentPrints(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		db.PublicURL = "https://motcua.example"
		d := r.owing(t, 125_500, 0)
		_, rc, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.ReceiptDocument(ctx, store.Requester{Actor: r.counterB}, rc.ID)
		wantCode(t, err, motcua.ENOTFOUND)
		doc, err := db.ReceiptDocument(ctx, store.Requester{Actor: r.counterA}, rc.ID)
		if err != nil {
			t.Fatal(err)
		}
		pdf := renderReceipt(t, doc)
		pdftest.InOrder(t, pdftest.Text(t, pdf), r.a.Name, r.a.Code, "BIÊN LAI THU PHÍ, LỆ PHÍ", "Ký hiệu: BL-2024", "Số: 0000001",
			"Người nộp: Nguyễn Văn Bình", "Mã hồ sơ: "+d.Code, "Phí, lệ phí nộp khi nộp hồ sơ", "125.500",
			"Tổng số tiền: 125.500 đồng", "Bằng chữ: Một trăm hai mươi lăm nghìn năm trăm đồng.", "Tiền mặt tại bộ phận một cửa", "Người lập: Nguyễn Thị Một")
		if got := pdftest.QR(t, pdf); got != doc.TrackURL || got == "" {
			t.Fatalf("QR %q, want the tracking link %q", got, doc.TrackURL)
		}
		sum := sha256.Sum256(pdf)
		first := hex.EncodeToString(sum[:])
		if err := db.RecordReceiptHash(ctx, rc.ID, first); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordReceiptHash(ctx, rc.ID, "another"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Receipt(ctx, store.Requester{}, rc.ID)
		if err != nil || got.SHA256 != first {
			t.Fatalf("hash %q, %v; want the first %q", got.SHA256, err, first)
		}
	})
}

// renderReceipt prints a receipt document as the web will.
func renderReceipt(t *testing.T, doc *store.ReceiptDocument) []byte {
	t.Helper()
	rc := doc.Receipt
	data := forms.PaymentReceiptData{Unit: rc.UnitName, UnitCode: doc.UnitCode, Kind: rc.Kind, Series: rc.Series, Number: rc.NumberText(),
		PayerName: rc.PayerName, DossierCode: rc.DossierCode, Procedure: doc.Procedure, Amount: rc.Amount, Method: rc.Method.Label(),
		IssuedAt: rc.IssuedAt, IssuedBy: rc.IssuedBy, RefersTo: rc.RefersToNo, Reason: rc.Reason, VerifyURL: doc.TrackURL}
	for _, l := range doc.Lines {
		data.Lines = append(data.Lines, forms.PaymentReceiptLine{Name: l.Name, Amount: l.Amount})
	}
	var buf bytes.Buffer
	if err := forms.PaymentReceipt(&buf, data); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

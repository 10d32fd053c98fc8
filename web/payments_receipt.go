package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/store"
)

// Receipts (biên lai) as PDF, rendered on demand from the receipt's row
// (store.ReceiptDocument); the first rendering's SHA-256 is recorded so a
// printed copy can be compared with it.

// proofData asks for the tracking code and secret that open a receipt.
type proofData struct {
	ID   int64
	Code string
}

// citizenReceipt serves a receipt to the citizen: with a portal session of
// the contact the dossier was filed from, or with the dossier's tracking
// code and secret (checked against the receipt's dossier, bounded like
// tracking). Without either it asks for the code and secret.
func (s *Server) citizenReceipt(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	q := r.URL.Query()
	code, secret := q.Get("ma"), q.Get("khoa")
	c := s.citizen(r)
	v := view{Title: "Biên lai thu phí, lệ phí", Citizen: c, Data: &proofData{ID: id, Code: code}}
	switch {
	case code != "" || secret != "":
		err := s.Limits.Lookup(r, motcua.NormalizeTrackCode(code), false, func() error { return s.provesReceipt(r.Context(), id, code, secret) })
		if err != nil {
			s.fail(w, "payment_proof.html", v, err)
			return
		}
		s.serveReceipt(w, r, store.Requester{}, id)
	case c != nil && s.mayReadReceipt(r.Context(), *c, id):
		s.serveReceipt(w, r, store.Requester{Contact: c}, id)
	default: // not theirs to the session (a dossier filed at the counter): the receipt's proof
		s.render(w, http.StatusOK, "payment_proof.html", v)
	}
}

// mayReadReceipt reports whether the receipt is of a dossier the contact filed.
func (s *Server) mayReadReceipt(ctx context.Context, c motcua.Contact, id int64) bool {
	_, err := s.db.Receipt(ctx, store.Requester{Contact: &c}, id)
	return err == nil
}

// provesReceipt checks that code and secret open the receipt's dossier;
// every failure reads the same, not found.
func (s *Server) provesReceipt(ctx context.Context, receiptID int64, code, secret string) error {
	dossierID, err := s.db.TrackedDossier(ctx, code, secret)
	if err != nil {
		return err
	}
	b, err := s.db.DossierPayments(ctx, store.Requester{}, dossierID)
	if err != nil {
		return err
	}
	for _, rc := range b.Receipts {
		if rc.ID == receiptID {
			return nil
		}
	}
	return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy biên lai này.")
}

// staffReceipt serves a receipt to an officer who may view its dossier.
func (s *Server) staffReceipt(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	s.serveReceipt(w, r, store.Requester{Actor: a}, id)
}

// serveReceipt renders receipt id for by and records its hash once.
func (s *Server) serveReceipt(w http.ResponseWriter, r *http.Request, by store.Requester, id int64) {
	doc, err := s.db.ReceiptDocument(r.Context(), by, id)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	var buf bytes.Buffer
	if err := forms.PaymentReceipt(&buf, receiptData(doc)); err != nil {
		s.log.Error("receipt PDF", "receipt", id, "err", err)
		http.Error(w, motcua.ErrorMessage(err), http.StatusInternalServerError)
		return
	}
	if doc.Receipt.SHA256 == "" {
		sum := sha256.Sum256(buf.Bytes())
		if err := s.db.RecordReceiptHash(r.Context(), id, hex.EncodeToString(sum[:])); err != nil {
			s.log.Error("receipt hash", "receipt", id, "err", err)
		}
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="bien-lai-`+doc.Receipt.Series+"-"+doc.Receipt.NumberText()+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
}

// receiptData is what the receipt's PDF prints.
func receiptData(doc *store.ReceiptDocument) forms.PaymentReceiptData {
	rc := doc.Receipt
	data := forms.PaymentReceiptData{Unit: rc.UnitName, UnitCode: doc.UnitCode, Kind: rc.Kind, Series: rc.Series, Number: rc.NumberText(),
		PayerName: rc.PayerName, DossierCode: rc.DossierCode, Procedure: doc.Procedure, Amount: rc.Amount, Method: rc.Method.Label(),
		IssuedAt: rc.IssuedAt, IssuedBy: rc.IssuedBy, RefersTo: rc.RefersToNo, Reason: rc.Reason, VerifyURL: doc.TrackURL}
	for _, l := range doc.Lines {
		data.Lines = append(data.Lines, forms.PaymentReceiptLine{Name: l.Name, Amount: l.Amount})
	}
	return data
}

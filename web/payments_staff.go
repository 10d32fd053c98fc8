package web

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The dossier page's "Phí, lệ phí và thanh toán" section and the
// officers' acts on it: cash at the counter (the receipt printed at once),
// cancelling a request or a cash receipt, recording a refund. Who may do
// what is the one policy's (CanCollectFees, CanRefundFees); the store
// asks it again.

// stageView is one stage of a dossier's dues.
type stageView struct {
	Stage            motcua.FeePayAt
	Due, Paid, Owed  int64
	Label, StateText string
}

// paymentsView is what the payment section shows, to an officer or a
// citizen. Mode says whose page it is: "staff", "track" or "mine".
type paymentsView struct {
	Mode                  string
	DossierID, Submission int64
	Code, Secret          string // the tracking proof, for "track"
	Stages                []stageView
	Payments              []motcua.Payment
	Receipts              []motcua.Receipt
	Gateways              []string
	CanCollect, CanRefund bool
	ReceiptQuery          string // appended to a citizen's receipt links
}

// Payable reports whether anything is left to pay online.
func (v *paymentsView) Payable() bool {
	if len(v.Gateways) == 0 || v.Mode == "staff" {
		return false
	}
	for _, st := range v.Stages {
		if st.Owed > 0 {
			return true
		}
	}
	return false
}

// IntakeOwed is what the intake stage still owes: what a dossier waiting
// for payment waits for.
func (v *paymentsView) IntakeOwed() int64 {
	for _, st := range v.Stages {
		if st.Stage == motcua.FeePayAtIntake {
			return st.Owed
		}
	}
	return 0
}

// ReceiptURL is where a receipt opens for this page's reader.
func (v *paymentsView) ReceiptURL(id int64) string {
	if v.Mode == "staff" {
		return "/dossiers/" + strconv.FormatInt(v.DossierID, 10) + "/receipts/" + strconv.FormatInt(id, 10)
	}
	u := "/bien-lai/" + strconv.FormatInt(id, 10)
	if v.ReceiptQuery != "" {
		u += "?" + v.ReceiptQuery
	}
	return u
}

// bookView turns a payment book into the section's view; nil when the
// dossier owes nothing and nothing was paid.
func (s *Server) bookView(b *store.PaymentBook, mode string, dossierID int64) *paymentsView {
	if b == nil || (b.DueIntake == 0 && b.DueResult == 0 && len(b.Payments) == 0) {
		return nil
	}
	v := &paymentsView{Mode: mode, DossierID: dossierID, Payments: b.Payments, Receipts: b.Receipts, Gateways: s.gatewayNames()}
	for _, st := range []struct {
		stage     motcua.FeePayAt
		due, paid int64
	}{{motcua.FeePayAtIntake, b.DueIntake, b.PaidIntake}, {motcua.FeePayAtResult, b.DueResult, b.PaidResult}} {
		if st.due == 0 && st.paid == 0 {
			continue
		}
		sv := stageView{Stage: st.stage, Due: st.due, Paid: st.paid, Owed: b.Owed(st.stage), Label: st.stage.Label()}
		sv.StateText = "Đã thanh toán"
		if sv.Owed > 0 {
			sv.StateText = "Chưa thanh toán"
		}
		v.Stages = append(v.Stages, sv)
	}
	return v
}

// staffPayments is the dossier page's payment section (nil: none).
func (s *Server) staffPayments(ctx context.Context, a *motcua.Actor, d *motcua.Dossier) *paymentsView {
	b, err := s.db.DossierPayments(ctx, store.Requester{Actor: a}, d.ID)
	if err != nil {
		s.log.Warn("dossier payments", "dossier", d.ID, "err", err)
		return nil
	}
	v := s.bookView(b, "staff", d.ID)
	if v != nil {
		v.CanCollect, v.CanRefund = a.CanCollectFees(d), a.CanRefundFees(d)
	}
	return v
}

// recordCash takes what a stage owes in cash and opens its receipt to
// print (FlashPDF).
func (s *Server) recordCash(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	back := "/dossiers/" + strconv.FormatInt(id, 10)
	stage, err := stageOf(r)
	var rc *motcua.Receipt
	if err == nil {
		_, rc, err = s.db.RecordCash(r.Context(), a, id, stage)
	}
	if err != nil {
		s.paymentFailed(w, r, a, err)
		return
	}
	s.redirectFlash(w, r, back, Flash{Text: "Đã thu " + motcua.FormatDong(rc.Amount) + " tiền mặt; biên lai " + rc.Reference() + ".",
		PDF: back + "/receipts/" + strconv.FormatInt(rc.ID, 10)})
}

// closePayment cancels a payment ("huy") or records its refund
// ("hoan-tra"), with the reason typed.
func (s *Server) closePayment(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	pid, _ := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	back := "/dossiers/" + strconv.FormatInt(id, 10)
	reason := r.PostFormValue("reason")
	var rc *motcua.Receipt
	var err error
	if err = s.paymentOfDossier(r.Context(), a, id, pid); err == nil {
		switch r.PathValue("act") {
		case "huy":
			rc, err = s.db.CancelPayment(r.Context(), store.Requester{Actor: a}, pid, reason)
		case "hoan-tra":
			rc, err = s.db.RefundPayment(r.Context(), a, pid, reason)
		default:
			s.notFound(w, r)
			return
		}
	}
	if err != nil {
		s.paymentFailed(w, r, a, err)
		return
	}
	f := Flash{Text: "Đã hủy yêu cầu thanh toán."}
	if rc != nil {
		f = Flash{Text: "Đã lập " + rc.Kind.Label() + " " + rc.Reference() + ".", PDF: back + "/receipts/" + strconv.FormatInt(rc.ID, 10)}
	}
	s.redirectFlash(w, r, back, f)
}

// paymentOfDossier checks that the payment belongs to the dossier of the
// page (the address names both).
func (s *Server) paymentOfDossier(ctx context.Context, a *motcua.Actor, dossierID, paymentID int64) error {
	b, err := s.db.DossierPayments(ctx, store.Requester{Actor: a}, dossierID)
	if err != nil {
		return err
	}
	for _, p := range b.Payments {
		if p.ID == paymentID {
			return nil
		}
	}
	return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy khoản thanh toán này.")
}

// paymentFailed shows the dossier page again with the reason.
func (s *Server) paymentFailed(w http.ResponseWriter, r *http.Request, a *motcua.Actor, err error) {
	v := view{Title: "Hồ sơ", Actor: a}
	data, loadErr := s.loadDossier(r, a)
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	s.fail(w, "dossier.html", v, err)
}

// citizenPayments is the payment section of a citizen's own submission,
// once it became a dossier (nil: none).
func (s *Server) citizenPayments(ctx context.Context, c motcua.Contact, sub *motcua.Submission) *paymentsView {
	if sub == nil || sub.DossierID == 0 {
		return nil
	}
	b, err := s.db.DossierPayments(ctx, store.Requester{Contact: &c}, sub.DossierID)
	if err != nil {
		return nil
	}
	v := s.bookView(b, "mine", sub.DossierID)
	if v != nil {
		v.Submission = sub.ID
	}
	return v
}

// trackPayments is the tracking answer's payment section, for whoever
// proved the dossier with the receipt's secret (not the phone's digits:
// paying and receipts print the payer's name). "" when there is nothing
// to show.
func (s *Server) trackPayments(ctx context.Context, t *motcua.Tracking, code, secret string) template.HTML {
	if t.FeeTotal == 0 || motcua.WeakFactor(motcua.NormalizeTrackSecret(secret)) {
		return ""
	}
	id, err := s.db.TrackedDossier(ctx, code, secret)
	if err != nil {
		return ""
	}
	b, err := s.db.DossierPayments(ctx, store.Requester{}, id)
	if err != nil {
		return ""
	}
	v := s.bookView(b, "track", id)
	if v == nil {
		return ""
	}
	v.Code, v.Secret, v.ReceiptQuery = code, secret, trackQuery(code, secret)
	var buf bytes.Buffer
	if err := s.pages["_"].ExecuteTemplate(&buf, "payments", v); err != nil {
		s.log.Error("tracking payments", "err", err)
		return ""
	}
	return template.HTML(buf.String())
}

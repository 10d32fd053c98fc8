package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/store"
)

// Online payment (issue 19; docs/payments.md, "Pages"). The citizen asks
// to pay a stage from the tracking page (proving the dossier with its code
// and the receipt's secret) or from /ho-so-cua-toi (a portal session); the
// store computes the amount from the dossier — no form field carries one —
// and the gateway's page takes the money. The gateway then calls the
// notification address server to server and sends the browser back to the
// return page; both go through the store's ApplyGatewayResult, which counts
// a payment once whichever comes first.

// PayPath is where the tracking page's payment form posts.
const PayPath = "/thanh-toan"

func (s *Server) mountPayments(mux httpmux.Mux) {
	mux.HandleFunc("POST "+PayPath, s.payTracked)
	mux.HandleFunc("POST /ho-so-cua-toi/{id}/thanh-toan", s.withCitizen(s.payMine))
	mux.HandleFunc("GET "+PayPath+"/{gateway}/ve", s.paymentReturn)
	mux.HandleFunc("GET "+PayPath+"/{gateway}/ipn", s.paymentNotification)
	mux.HandleFunc("POST "+PayPath+"/{gateway}/ipn", s.paymentNotification)
	mux.HandleFunc("GET /bien-lai/{id}", s.citizenReceipt)
	mux.HandleFunc("POST /dossiers/{id}/payments/cash", s.at(motcua.DeskCounter, s.recordCash))
	mux.HandleFunc("POST /dossiers/{id}/payments/{pid}/{act}", s.at(motcua.DeskDossier, s.closePayment))
	mux.HandleFunc("GET /dossiers/{id}/receipts/{rid}", s.at(motcua.DeskOfficer, s.staffReceipt))
}

// allowPaymentForms lets a page's payment form lead to the gateways:
// the form posts here, but the 303 that follows goes to the gateway's
// page, and browsers hold a form's redirects to form-action too.
func (s *Server) allowPaymentForms(w http.ResponseWriter) {
	if len(s.PaymentOrigins) == 0 {
		return
	}
	csp := securityHeaders["Content-Security-Policy"][0]
	w.Header().Set("Content-Security-Policy", strings.Replace(csp, "form-action 'self'", "form-action 'self' "+strings.Join(s.PaymentOrigins, " "), 1))
}

// gatewayNames are the gateways offered, in a stable order.
func (s *Server) gatewayNames() []string {
	names := make([]string, 0, len(s.Gateways))
	for n := range s.Gateways {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// chosenGateway is the gateway the form names, or the only one offered.
func (s *Server) chosenGateway(r *http.Request) (payment.Gateway, error) {
	if len(s.Gateways) == 0 {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Nơi này chưa nhận thanh toán trực tuyến; vui lòng nộp tại bộ phận một cửa.")
	}
	name := r.PostFormValue("cong")
	if name == "" && len(s.Gateways) == 1 {
		name = s.gatewayNames()[0]
	}
	if gw := s.Gateways[name]; gw != nil {
		return gw, nil
	}
	return nil, motcua.FieldError("cong", "Chọn cổng thanh toán.")
}

// stageOf reads the stage a payment form names.
func stageOf(r *http.Request) (motcua.FeePayAt, error) {
	switch st := motcua.FeePayAt(r.PostFormValue("giai-doan")); st {
	case motcua.FeePayAtIntake, motcua.FeePayAtResult:
		return st, nil
	}
	return "", motcua.FieldError("giai-doan", "Chọn khoản cần nộp (khi tiếp nhận hoặc khi nhận kết quả).")
}

// payTracked starts a payment for whoever holds the dossier's code and
// tracking secret: the secret proves the dossier, so the store is asked as
// the system (store.Requester{}), and the payment is recorded as the
// system's. Bounded like tracking itself.
func (s *Server) payTracked(w http.ResponseWriter, r *http.Request) {
	code, secret := r.PostFormValue("ma"), r.PostFormValue("khoa")
	var id int64
	err := s.Limits.Lookup(r, motcua.NormalizeTrackCode(code), false, func() (err error) {
		id, err = s.db.TrackedDossier(r.Context(), code, secret)
		return err
	})
	if err != nil {
		s.payFailed(w, r, err)
		return
	}
	s.startPayment(w, r, store.Requester{}, id)
}

// payMine starts a payment for a dossier the signed-in citizen filed.
func (s *Server) payMine(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sub, err := s.db.MySubmission(r.Context(), c, id)
	if err == nil && sub.DossierID == 0 {
		err = motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ chưa được tiếp nhận nên chưa có khoản phí, lệ phí phải nộp.")
	}
	if err == nil {
		err = s.Limits.Lookup(r, "sub:"+strconv.FormatInt(id, 10), false, func() error { return nil })
	}
	if err != nil {
		s.payFailed(w, r, err)
		return
	}
	s.startPayment(w, r, store.Requester{Contact: &c}, sub.DossierID)
}

// startPayment asks the store for the stage's request and sends the
// browser to the gateway.
func (s *Server) startPayment(w http.ResponseWriter, r *http.Request, by store.Requester, dossierID int64) {
	stage, err := stageOf(r)
	if err != nil {
		s.payFailed(w, r, err)
		return
	}
	gw, err := s.chosenGateway(r)
	if err != nil {
		s.payFailed(w, r, err)
		return
	}
	p, err := s.db.RequestPayment(r.Context(), by, dossierID, stage)
	if err != nil {
		s.payFailed(w, r, err)
		return
	}
	returnURL := strings.TrimRight(s.baseURL(), "/") + PayPath + "/" + gw.Name() + "/ve"
	target, err := gw.PayURL(r.Context(), store.PaymentOrder(p, returnURL, ratelimit.ClientAddress(r)))
	if err != nil {
		s.log.Error("payment URL", "gateway", gw.Name(), "order", p.OrderID, "err", err) // adapters' errors carry no key
		s.payFailed(w, r, motcua.Errorf(motcua.EINTERNAL, "Chưa kết nối được cổng thanh toán; vui lòng thử lại sau."))
		return
	}
	s.log.Info("payment started", "gateway", gw.Name(), "order", p.OrderID, "dossier", p.DossierCode, "amount", p.Amount)
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// payFailed shows why a payment could not start.
func (s *Server) payFailed(w http.ResponseWriter, r *http.Request, err error) {
	s.fail(w, "payment_return.html", view{Title: "Thanh toán phí, lệ phí", Citizen: s.citizen(r), Data: &returnData{}}, err)
}

// returnData is the page the gateway sends the citizen back to.
type returnData struct {
	P       *motcua.Payment
	Outcome string // paid, unpaid, pending, refund
	Code    string // the dossier's code, masked (maskCode)
	Receipt int64  // the receipt's id, when paid
}

// paymentReturn verifies the gateway's signed return, applies it (the
// notification may not have come yet) and says how it went. The page shows
// no personal data: the return's parameters prove only the order, so it
// shows the order, the amount, the state and the dossier's code masked;
// the receipt's link asks for the tracking code and secret, or a portal
// session, as every receipt does.
func (s *Server) paymentReturn(w http.ResponseWriter, r *http.Request) {
	v := view{Title: "Kết quả thanh toán", Citizen: s.citizen(r), Data: &returnData{}}
	gw := s.Gateways[r.PathValue("gateway")]
	if gw == nil {
		s.notFound(w, r)
		return
	}
	res, err := gw.VerifyReturn(r.URL.Query())
	if err != nil {
		s.log.Warn("payment return refused", "gateway", gw.Name(), "reason", payment.Reason(err))
		s.fail(w, "payment_return.html", v, motcua.Errorf(motcua.EINVALID, "Không xác thực được kết quả thanh toán do cổng gửi về."))
		return
	}
	if _, err := s.db.ApplyGatewayResult(r.Context(), gw.Name(), res); err != nil {
		s.fail(w, "payment_return.html", v, err)
		return
	}
	p, err := s.db.PaymentByOrder(r.Context(), res.OrderID)
	if err != nil {
		s.fail(w, "payment_return.html", v, err)
		return
	}
	data := &returnData{P: p, Code: maskCode(p.DossierCode), Outcome: outcomeOf(p, res)}
	if p.State.Received() {
		data.Receipt = s.receiptOf(r, p)
	}
	v.Data = data
	s.render(w, http.StatusOK, "payment_return.html", v)
}

// outcomeOf says what the citizen is told about a returned payment.
func outcomeOf(p *motcua.Payment, res payment.Result) string {
	switch {
	case p.State == motcua.PaymentPaid:
		return "paid"
	case p.State == motcua.PaymentRefundDue:
		return "refund"
	case res.Paid:
		return "pending" // paid at the gateway, not (yet) here: a later notification or query settles it
	}
	return "unpaid"
}

// receiptOf finds the receipt of a received payment (0 when none).
func (s *Server) receiptOf(r *http.Request, p *motcua.Payment) int64 {
	b, err := s.db.DossierPayments(r.Context(), store.Requester{}, p.DossierID)
	if err != nil {
		return 0
	}
	for _, rc := range b.Receipts {
		if rc.PaymentID == p.ID && rc.Kind == motcua.ReceiptPayment {
			return rc.ID
		}
	}
	return 0
}

// maskCode keeps a dossier code's first and last groups: enough for the
// citizen to recognise it, not enough to track it with.
func maskCode(code string) string {
	parts := strings.Split(code, "-")
	if len(parts) < 3 {
		if len(code) <= 4 {
			return "…"
		}
		return "…" + code[len(code)-4:]
	}
	return parts[0] + "-…-" + parts[len(parts)-1]
}

// paymentNotification is the gateway's server-to-server notification: no
// session, no form token (a server posts it), and nothing counts until
// the adapter verified its signature and the store its order and amount.
// The log names the gateway, the order and the verdict, never a key.
func (s *Server) paymentNotification(w http.ResponseWriter, r *http.Request) {
	gw := s.Gateways[r.PathValue("gateway")]
	if gw == nil {
		http.NotFound(w, r)
		return
	}
	res, err := gw.VerifyNotification(r)
	if err != nil {
		s.log.Warn("payment notification refused", "gateway", gw.Name(), "reason", payment.Reason(err))
		gw.Acknowledge(w, payment.Result{}, payment.AckFor(err))
		return
	}
	ack, err := s.db.ApplyGatewayResult(r.Context(), gw.Name(), res)
	if err != nil {
		s.log.Error("payment notification", "gateway", gw.Name(), "order", res.OrderID, "err", err)
		ack = payment.AckError
	}
	s.log.Info("payment notification", "gateway", gw.Name(), "order", res.OrderID, "paid", res.Paid, "ack", int(ack))
	gw.Acknowledge(w, res, ack)
}

// trackQuery is the tracking proof carried by a receipt's link.
func trackQuery(code, secret string) string {
	return url.Values{"ma": {code}, "khoa": {secret}}.Encode()
}

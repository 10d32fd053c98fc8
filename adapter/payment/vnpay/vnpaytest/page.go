package vnpaytest

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// pageTmpl is the payment page: what a browser test sees and clicks.
var pageTmpl = template.Must(template.New("pay").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thanh toán VNPAY (mô phỏng)</title></head>
<body><h1>Cổng thanh toán VNPAY (mô phỏng)</h1>
<p>Đơn hàng: <span id="order">{{.Ref}}</span> — {{.Info}}</p>
<p>Số tiền: <span id="amount">{{.Amount}}</span> đồng</p>
<form method="post" action="{{.Action}}"><input type="hidden" name="ref" value="{{.Ref}}">
<button type="submit" name="outcome" value="paid" id="pay">Thanh toán</button>
<button type="submit" name="outcome" value="cancel" id="cancel">Hủy giao dịch</button></form>
</body></html>`))

var errTmpl = template.Must(template.New("err").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Lỗi thanh toán</title></head>
<body><h1>Giao dịch không hợp lệ</h1><p id="code">{{.Code}}</p><p>{{.Message}}</p></body></html>`))

// refuse shows the gateway's error page; code is the one VNPAY's
// response-code table gives the fault.
func refuse(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	errTmpl.Execute(w, map[string]string{"Code": code, "Message": msg})
}

// payPage checks the merchant's payment URL as the gateway would and,
// when it is sound, records the transaction and shows the payment page.
func (s *Server) payPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for k, vs := range q {
		if len(vs) != 1 {
			refuse(w, "03", "Tham số lặp: "+k)
			return
		}
	}
	got, err := hexParam(q.Get("vnp_SecureHash"))
	if err != nil || !hmacEqual(got, hashOf(s.Secret, q)) {
		refuse(w, "97", "Sai chữ ký")
		return
	}
	t, code, msg := s.orderFrom(q)
	if code != "" {
		refuse(w, code, msg)
		return
	}
	s.mu.Lock()
	if old, ok := s.txns[t.Ref]; ok && old.ResponseCode != "" {
		s.mu.Unlock()
		refuse(w, "01", "Giao dịch đã tồn tại")
		return
	}
	s.txns[t.Ref] = t
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTmpl.Execute(w, map[string]any{"Ref": t.Ref, "Info": t.Info, "Amount": t.Amount, "Action": pagePath})
}

// orderFrom checks the parameters of a signed payment URL; a non-empty
// code says what is wrong, in the gateway's terms.
func (s *Server) orderFrom(q url.Values) (*Txn, string, string) {
	for _, k := range []string{"vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Amount", "vnp_CurrCode", "vnp_TxnRef",
		"vnp_OrderInfo", "vnp_OrderType", "vnp_Locale", "vnp_ReturnUrl", "vnp_IpAddr", "vnp_CreateDate", "vnp_ExpireDate"} {
		if q.Get(k) == "" {
			return nil, "03", "Thiếu tham số " + k
		}
	}
	if q.Get("vnp_TmnCode") != s.TmnCode {
		return nil, "02", "Merchant không hợp lệ"
	}
	if q.Get("vnp_Version") != "2.1.0" || q.Get("vnp_Command") != "pay" || q.Get("vnp_CurrCode") != "VND" {
		return nil, "03", "Sai phiên bản, lệnh hoặc tiền tệ"
	}
	amount, err := strconv.ParseInt(q.Get("vnp_Amount"), 10, 64)
	if err != nil || amount <= 0 || amount%100 != 0 || strings.TrimLeft(q.Get("vnp_Amount"), "0123456789") != "" {
		return nil, "03", "Số tiền không hợp lệ"
	}
	created, err1 := time.ParseInLocation(dateShape, q.Get("vnp_CreateDate"), gmt7)
	expires, err2 := time.ParseInLocation(dateShape, q.Get("vnp_ExpireDate"), gmt7)
	if err1 != nil || err2 != nil || !expires.After(created) {
		return nil, "03", "Thời gian không hợp lệ"
	}
	if s.now().After(expires) {
		return nil, "11", "Đã hết hạn chờ thanh toán"
	}
	if u, err := url.Parse(q.Get("vnp_ReturnUrl")); err != nil || u.Host == "" {
		return nil, "03", "URL trả về không hợp lệ"
	}
	return &Txn{Ref: q.Get("vnp_TxnRef"), Info: q.Get("vnp_OrderInfo"), ReturnURL: q.Get("vnp_ReturnUrl"),
		Amount: amount / 100, Created: q.Get("vnp_CreateDate"), Status: "01"}, "", ""
}

// pay is the page's form: the customer pays or cancels; the gateway calls
// the IPN (unless held) and sends the browser back with signed parameters.
func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	ref, outcome := r.PostFormValue("ref"), Outcome(r.PostFormValue("outcome"))
	back, ok := s.complete(ref, outcome)
	if !ok {
		refuse(w, "91", "Không tìm thấy giao dịch")
		return
	}
	if !s.Hold {
		s.Notify(ref, Tamper{})
	}
	http.Redirect(w, r, back, http.StatusFound)
}

// complete records the customer's choice and returns the return URL.
func (s *Server) complete(ref string, outcome Outcome) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if !ok || t.ResponseCode != "" || (outcome != Paid && outcome != Cancelled) {
		return "", false
	}
	s.seq++
	t.TransactionNo = strconv.Itoa(14000000 + s.seq)
	t.PayDate = s.now().In(gmt7).Format(dateShape)
	t.ResponseCode, t.Status = "00", "00"
	if outcome == Cancelled {
		t.ResponseCode, t.Status = "24", "02"
	}
	params := signed(s.Secret, s.resultParams(t, t.Amount))
	sep := "?"
	if strings.Contains(t.ReturnURL, "?") {
		sep = "&"
	}
	return t.ReturnURL + sep + params.Encode(), true
}

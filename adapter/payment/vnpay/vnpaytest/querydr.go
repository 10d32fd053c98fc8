package vnpaytest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// queryDR answers the merchant API's querydr command.
func (s *Server) queryDR(w http.ResponseWriter, r *http.Request) {
	var q map[string]string
	if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
		s.answer(w, map[string]string{"vnp_ResponseCode": "03", "vnp_Message": "Invalid format"})
		return
	}
	data := strings.Join([]string{q["vnp_RequestId"], q["vnp_Version"], q["vnp_Command"], q["vnp_TmnCode"], q["vnp_TxnRef"],
		q["vnp_TransactionDate"], q["vnp_CreateDate"], q["vnp_IpAddr"], q["vnp_OrderInfo"]}, "|")
	out := map[string]string{"vnp_ResponseId": "R" + q["vnp_RequestId"], "vnp_Command": "querydr", "vnp_TmnCode": s.TmnCode,
		"vnp_TxnRef": q["vnp_TxnRef"]}
	got, err := hexParam(q["vnp_SecureHash"])
	switch {
	case err != nil || !hmacEqual(got, hmacHex(s.Secret, data)):
		out["vnp_ResponseCode"], out["vnp_Message"] = "97", "Invalid Checksum"
	case q["vnp_TmnCode"] != s.TmnCode:
		out["vnp_ResponseCode"], out["vnp_Message"] = "02", "Invalid TmnCode"
	case q["vnp_Command"] != "querydr" || q["vnp_Version"] != "2.1.0" || q["vnp_RequestId"] == "" || q["vnp_IpAddr"] == "":
		out["vnp_ResponseCode"], out["vnp_Message"] = "03", "Invalid format"
	default:
		s.describe(out, q["vnp_TxnRef"], q["vnp_TransactionDate"])
	}
	s.answer(w, out)
}

// describe fills out with the transaction, or code 91 when there is none
// with that reference and creation date.
func (s *Server) describe(out map[string]string, ref, created string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if !ok || t.Created != created {
		out["vnp_ResponseCode"], out["vnp_Message"] = "91", "Transaction not found"
		return
	}
	out["vnp_ResponseCode"], out["vnp_Message"] = "00", "QueryDR Success"
	out["vnp_Amount"] = strconv.FormatInt(t.Amount*100, 10)
	out["vnp_OrderInfo"], out["vnp_PayDate"], out["vnp_TransactionNo"] = t.Info, t.PayDate, t.TransactionNo
	out["vnp_TransactionType"], out["vnp_TransactionStatus"], out["vnp_BankCode"] = "01", t.Status, "NCB"
}

// answer signs out over the documented response fields and writes it.
func (s *Server) answer(w http.ResponseWriter, out map[string]string) {
	keys := []string{"vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef",
		"vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus",
		"vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount"}
	vals := make([]string, len(keys))
	for i, k := range keys {
		vals[i] = out[k]
	}
	out["vnp_SecureHash"] = hmacHex(s.Secret, strings.Join(vals, "|"))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

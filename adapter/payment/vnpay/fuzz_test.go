package vnpay

import (
	"net/url"
	"testing"

	"github.com/motcua/motcua/adapter/payment"
)

// FuzzVerifyReturn: no input panics; what is accepted was signed with the
// key and carries a valid reference and a whole amount.
func FuzzVerifyReturn(f *testing.F) {
	a := &Adapter{TmnCode: "MOTCUA01", HashSecret: vectorSecret}
	p := map[string]string{"vnp_TmnCode": "MOTCUA01", "vnp_Amount": "5000000", "vnp_TxnRef": "HS-1", "vnp_ResponseCode": "00",
		"vnp_TransactionStatus": "00", "vnp_PayDate": "20261207090100", "vnp_TransactionNo": "14000001"}
	q := url.Values{}
	for k, v := range p {
		q.Set(k, v)
	}
	q.Set("vnp_SecureHash", sign([]byte(vectorSecret), canonical(p)))
	f.Add(q.Encode())
	f.Add("vnp_Amount=1&vnp_Amount=2")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		res, err := a.VerifyReturn(q)
		if err != nil {
			return
		}
		flat, _ := single(q)
		if !validSignature([]byte(vectorSecret), canonical(flat), flat[fieldSecureHash]) || !payment.ValidOrderID(res.OrderID) || res.Amount < 0 {
			t.Fatalf("accepted %q as %+v", raw, res)
		}
	})
}

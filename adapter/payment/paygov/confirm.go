package paygov

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// confirmFields is the order the confirm message is signed in.
var confirmFields = []string{"LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe", "MaGiaoDich",
	"MaNganHang", "ThoiGianGD", "ThongTinGiaoDich"}

// VerifyNotification checks the platform's confirm message (POST JSON).
func (a *Adapter) VerifyNotification(r *http.Request) (_ payment.Result, err error) {
	defer motcua.Wrap(&err, "paygov.VerifyNotification")
	if r.Method != http.MethodPost {
		return payment.Result{}, payment.ErrMalformed("method")
	}
	f, err := decodeFields(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		return payment.Result{}, err
	}
	return a.verifyConfirm(f)
}

// VerifyReturn checks the browser's return, assumed to carry the confirm
// message's fields as query parameters (see the package doc).
func (a *Adapter) VerifyReturn(q url.Values) (_ payment.Result, err error) {
	defer motcua.Wrap(&err, "paygov.VerifyReturn")
	f := make(map[string]string, len(q))
	for k, vs := range q {
		if len(vs) != 1 {
			return payment.Result{}, payment.ErrMalformed(k)
		}
		f[k] = vs[0]
	}
	return a.verifyConfirm(f)
}

// verifyConfirm checks the checksum before reading anything, then the
// partner, the message type and each field's format.
func (a *Adapter) verifyConfirm(f map[string]string) (payment.Result, error) {
	parts := make([]string, len(confirmFields))
	for i, k := range confirmFields {
		parts[i] = f[k]
	}
	if !validChecksum(a.HashKey.Reveal(), f["MaXacThuc"], parts...) {
		return payment.Result{}, payment.ErrBadSignature()
	}
	if f["MaDoiTac"] != a.PartnerCode {
		return payment.Result{}, payment.ErrMalformed("MaDoiTac")
	}
	if f["LoaiBanTin"] != or(a.MessageConfirm, DefaultMessageConfirm) {
		return payment.Result{}, payment.ErrMalformed("LoaiBanTin")
	}
	return resultOf(f)
}

func resultOf(f map[string]string) (payment.Result, error) {
	if !payment.ValidOrderID(f["MaThamChieu"]) {
		return payment.Result{}, payment.ErrBadOrderID("MaThamChieu")
	}
	amount, err := payment.ParseAmount(f["SoTien"], "SoTien")
	if err != nil {
		return payment.Result{}, err
	}
	at, err := time.ParseInLocation(DateLayout, f["ThoiGianGD"], motcua.VN)
	if err != nil || len(f["ThoiGianGD"]) != len(DateLayout) {
		return payment.Result{}, payment.ErrMalformed("ThoiGianGD")
	}
	return payment.Result{OrderID: f["MaThamChieu"], Amount: amount, TransactionNo: f["MaGiaoDich"], BankCode: f["MaNganHang"],
		PaidAt: at, Paid: f["MaLoi"] == "00", ResponseCode: f["MaLoi"]}, nil
}

// ackCodes: "00" and "99" are public; the others are to confirm. A
// duplicate is answered "00": the payment is recorded, nothing to retry.
var ackCodes = map[payment.Ack][2]string{
	payment.AckAccepted:       {"00", "Thành công"},
	payment.AckDuplicate:      {"00", "Giao dịch đã được ghi nhận trước đó"},
	payment.AckUnknownOrder:   {"01", "Không tìm thấy giao dịch"},
	payment.AckAmountMismatch: {"04", "Số tiền không khớp"},
	payment.AckBadSignature:   {"97", "Mã xác thực không hợp lệ"},
	payment.AckError:          {"99", "Các lỗi khác"},
}

// Acknowledge answers the confirm message: 200 with {MaLoi, MoTaLoi,
// MaDoiTac, MaThamChieu, ThoiGianGD, MaXacThuc}.
func (a *Adapter) Acknowledge(w http.ResponseWriter, res payment.Result, ack payment.Ack) {
	code, ok := ackCodes[ack]
	if !ok {
		code = ackCodes[payment.AckError]
	}
	at := ""
	if !res.PaidAt.IsZero() {
		at = formatDate(res.PaidAt)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"MaLoi": code[0], "MoTaLoi": code[1], "MaDoiTac": a.PartnerCode,
		"MaThamChieu": res.OrderID, "ThoiGianGD": at,
		"MaXacThuc": checksum(a.HashKey.Reveal(), code[0], a.PartnerCode, res.OrderID, at)})
}

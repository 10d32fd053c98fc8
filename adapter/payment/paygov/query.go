package paygov

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

type queryMessage struct {
	Message  string `json:"LoaiBanTin"`
	Version  string `json:"PhienBan"`
	Partner  string `json:"MaDoiTac"`
	Ref      string `json:"MaThamChieu"`
	Time     string `json:"ThoiGianGD"`
	Checksum string `json:"MaXacThuc"`
}

// Query asks the platform for the order's bill (get bill); created is the
// ThoiGianGD the order was registered with.
func (a *Adapter) Query(ctx context.Context, orderID string, created time.Time) (_ payment.Transaction, err error) {
	defer motcua.Wrap(&err, "paygov.Query(%s)", orderID)
	if !payment.ValidOrderID(orderID) {
		return payment.Transaction{}, payment.ErrBadOrderID("order_id")
	}
	m := queryMessage{Message: or(a.MessageQuery, DefaultMessageQuery), Version: or(a.Version, DefaultVersion),
		Partner: a.PartnerCode, Ref: orderID, Time: formatDate(created)}
	m.Checksum = checksum(a.HashKey.Reveal(), m.Message, m.Version, m.Partner, m.Ref, m.Time)
	f, err := a.post(ctx, a.QueryURL, m)
	if err != nil {
		return payment.Transaction{}, err
	}
	if f["MaXacThuc"] == "" {
		return payment.Transaction{}, unsigned(f["MaLoi"])
	}
	parts := make([]string, len(confirmFields))
	for i, k := range confirmFields {
		parts[i] = f[k]
	}
	if !validChecksum(a.HashKey.Reveal(), f["MaXacThuc"], parts...) {
		return payment.Transaction{}, payment.ErrBadSignature()
	}
	if f["MaLoi"] == "01" {
		return payment.Transaction{}, payment.ErrUnknownOrder()
	}
	if f["MaThamChieu"] != orderID || f["MaDoiTac"] != a.PartnerCode {
		return payment.Transaction{}, payment.ErrMalformed("MaThamChieu")
	}
	res, err := resultOf(f)
	if err != nil {
		return payment.Transaction{}, err
	}
	return payment.Transaction{OrderID: orderID, Amount: res.Amount, TransactionNo: res.TransactionNo, BankCode: res.BankCode,
		PaidAt: res.PaidAt, State: StateOf(f["MaLoi"]), Code: f["MaLoi"]}, nil
}

// StateOf maps the get-bill answer's MaLoi (assumed codes, see the package
// doc) to the ledger's states.
func StateOf(code string) payment.State {
	switch code {
	case "00":
		return payment.StatePaid
	case "02":
		return payment.StatePending
	}
	return payment.StateFailed
}

// unsigned reads an answer without a checksum: refusals (a bad checksum of
// ours, an unknown order) come unsigned and cannot make anything paid; a
// state must be signed.
func unsigned(code string) error {
	switch code {
	case "00", "02", "24":
		return payment.ErrBadSignature()
	case "01":
		return payment.ErrUnknownOrder()
	}
	return payment.ErrGateway(code)
}

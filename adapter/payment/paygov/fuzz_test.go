package paygov

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/motcua/motcua/adapter/payment"
)

// FuzzVerifyNotification: no body panics; what is accepted carries a
// valid reference and a plain amount.
func FuzzVerifyNotification(f *testing.F) {
	const key = "TESTKEYFORMOTCUAPAYGOV0000000000"
	a := &Adapter{PartnerCode: "P1", HashKey: key}
	sum := checksum([]byte(key), "CONFIRM", "00", "P1", "HS-1", "50000", "VND", "PG1", "NAPAS", "20261207090200", "x")
	f.Add(`{"LoaiBanTin":"CONFIRM","MaLoi":"00","MaDoiTac":"P1","MaThamChieu":"HS-1","SoTien":"50000","MaTienTe":"VND",` +
		`"MaGiaoDich":"PG1","MaNganHang":"NAPAS","ThoiGianGD":"20261207090200","ThongTinGiaoDich":"x","MaXacThuc":"` + sum + `"}`)
	f.Add(`{"SoTien":5e4}`)
	f.Add(`[1,2]`)
	f.Fuzz(func(t *testing.T, body string) {
		res, err := a.VerifyNotification(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
		if err == nil && (!payment.ValidOrderID(res.OrderID) || res.Amount < 0) {
			t.Fatalf("accepted %q as %+v", body, res)
		}
	})
}

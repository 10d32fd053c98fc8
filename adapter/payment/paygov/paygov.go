// Package paygov speaks the national online payment platform for public
// services (Nền tảng thanh toán trực tuyến trên Cổng Dịch vụ công quốc
// gia, "PayGov"): the platform that sits between one-stop systems and the
// payment intermediaries (NAPAS, VNPAY, Viettel Money, …), launched
// 24/7/2020 at pay.gov.vn and now reached through the national portal.
//
// No official integration specification is public. What is public, and
// what this adapter follows:
//   - Press and ministry announcements (vnexpress.net 24/7/2020, dantocmiennui.vn,
//     kinhtedothi.vn, congnghevadoisong.vn): PayGov does not take payments
//     itself; one-stop systems register a payment, send the citizen to the
//     platform's page, where the citizen picks an intermediary; the
//     platform confirms the result back to the one-stop system.
//   - The open-source one-stop system OpenCPS v2 (github.com/VietOpenCPS/opencps-v2,
//     module pay-gate-integration: PayGateTerm.java, PayGateUtil.java,
//     PayGateIntegrationActionImpl.java, its "PP_DVCGQ" payment-platform
//     integration used by provinces): the message field names, the three
//     messages (initialise, confirm, get bill) and their checksums —
//     MaXacThuc = hex(SHA-256(the fields joined with '|', then '|' and the
//     partner's hash key)); amounts as plain đồng; ThoiGianGD as
//     yyyyMMddHHmmss; the confirm answer {MaLoi, MoTaLoi, MaDoiTac,
//     MaThamChieu, ThoiGianGD, MaXacThuc} with MaLoi "00" for success and
//     "99" for other errors.
//
// Confirmed by that public code (field names and checksum order):
//
//	init     → POST {InitURL} JSON {LoaiBanTin, PhienBan, MaDoiTac, MaThamChieu, SoTien,
//	           LoaiHinhThanhToan, MaKenhThanhToan, MaThietBi, NgonNgu, MaTienTe, MaNganHang,
//	           ThongTinGiaoDich, ThoiGianGD, Ip, ThongTinBienLai{…}, MaXacThuc}
//	           MaXacThuc over LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|SoTien|LoaiHinhThanhToan|
//	           MaKenhThanhToan|MaThietBi|NgonNgu|MaTienTe|MaNganHang|ThongTinGiaoDich|ThoiGianGD|Ip
//	confirm  ← POST {our callback} JSON {LoaiBanTin, MaLoi, MaDoiTac, MaThamChieu, SoTien, MaTienTe,
//	           MaGiaoDich, MaNganHang, ThoiGianGD, ThongTinGiaoDich, MaXacThuc}
//	           MaXacThuc over LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|MaTienTe|MaGiaoDich|
//	           MaNganHang|ThoiGianGD|ThongTinGiaoDich
//	get bill → POST {QueryURL} JSON {LoaiBanTin, PhienBan, MaDoiTac, MaThamChieu, ThoiGianGD, MaXacThuc}
//	           MaXacThuc over LoaiBanTin|PhienBan|MaDoiTac|MaThamChieu|ThoiGianGD
//
// Assumptions to confirm with the platform's operator before going live
// (each is one constant or one function here):
//   - the LoaiBanTin values, PhienBan, MaTienTe, LoaiHinhThanhToan,
//     MaKenhThanhToan, MaThietBi: OpenCPS reads them from configuration,
//     so they are Adapter fields; the defaults are placeholders;
//   - the init answer: {MaLoi, MoTaLoi, MaThamChieu, UrlThanhToan}, the
//     page the browser goes to (OpenCPS hands the raw answer to its front end);
//   - UrlTraVe in the init message, the return URL (the platform may instead
//     use one registered at enrolment); it is outside the checksum, as the
//     public checksum order has no place for it;
//   - the browser's return: the confirm message's fields and checksum as
//     query parameters;
//   - the get-bill answer: the confirm message's fields and checksum, MaLoi
//     "00" paid, "01" no such transaction, "02" not yet paid, others failed;
//   - the answer codes other than "00" and "99" (01 unknown order, 04
//     amount, 97 checksum), and whether the answer's MaXacThuc (here over
//     MaLoi|MaDoiTac|MaThamChieu|ThoiGianGD) is checked by the platform;
//   - ThoiGianGD in GMT+7; Ip as the citizen's address (OpenCPS sends its
//     server's);
//   - ThongTinBienLai: only MaDichVu 2 (fees of a procedure), MaDonVi,
//     TenDonVi, MaHoSo and NoiDungThanhToan are sent; the fee lines
//     (PhiLePhi), the beneficiary account and the payer's details OpenCPS
//     also sends will come with the ledger's fee lines.
//
// The checksum is a keyed SHA-256 (key appended), not an HMAC: weaker, but
// it is what the platform checks; this adapter compares it in constant
// time all the same. The platform lists no day's transactions publicly:
// reconciliation queries each order (payment.QueryEach).
package paygov

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Placeholder protocol values (to confirm; see the package doc).
const (
	DefaultVersion        = "1.0.0"
	DefaultMessageInit    = "INIT"
	DefaultMessageConfirm = "CONFIRM"
	DefaultMessageQuery   = "GETBILL"
	DefaultCurrency       = "VND"
	ServiceFee            = "2" // MaDichVu: fees and charges of an administrative procedure (1 is fines)
)

// DateLayout is ThoiGianGD's yyyyMMddHHmmss, in GMT+7.
const DateLayout = "20060102150405"

// Adapter talks to the platform as one partner (MaDoiTac).
type Adapter struct {
	InitURL     string
	QueryURL    string
	PartnerCode string         // MaDoiTac
	HashKey     payment.Secret // the partner's hash key
	UnitCode    string         // MaDonVi, the receiving unit's code
	UnitName    string         // TenDonVi
	// Protocol values read from configuration, as OpenCPS does; empty
	// takes the Default… placeholder.
	Version, MessageInit, MessageConfirm, MessageQuery, Currency string
	PaymentKind, Channel, Device, Language                       string // LoaiHinhThanhToan, MaKenhThanhToan, MaThietBi, NgonNgu
	Client                                                       *http.Client
}

var _ payment.Gateway = (*Adapter)(nil)

// Name implements payment.Gateway.
func (a *Adapter) Name() string { return "paygov" }

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// checksum is MaXacThuc: hex SHA-256 of the parts and the key, '|'-joined.
func checksum(key []byte, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(strings.Join(parts, "|") + "|"))
	h.Write(key)
	return hex.EncodeToString(h.Sum(nil))
}

// validChecksum compares in constant time, hex case aside.
func validChecksum(key []byte, received string, parts ...string) bool {
	got, err := hex.DecodeString(received)
	if err != nil || len(got) != sha256.Size {
		return false
	}
	want, _ := hex.DecodeString(checksum(key, parts...))
	return subtle.ConstantTimeCompare(got, want) == 1
}

type receipt struct {
	ServiceCode string `json:"MaDichVu"`
	UnitCode    string `json:"MaDonVi"`
	UnitName    string `json:"TenDonVi"`
	DossierCode string `json:"MaHoSo"`
	Content     string `json:"NoiDungThanhToan"`
}

type initMessage struct {
	Message   string  `json:"LoaiBanTin"`
	Version   string  `json:"PhienBan"`
	Partner   string  `json:"MaDoiTac"`
	Ref       string  `json:"MaThamChieu"`
	Amount    string  `json:"SoTien"`
	Kind      string  `json:"LoaiHinhThanhToan"`
	Channel   string  `json:"MaKenhThanhToan"`
	Device    string  `json:"MaThietBi"`
	Language  string  `json:"NgonNgu"`
	Currency  string  `json:"MaTienTe"`
	Bank      string  `json:"MaNganHang"`
	Info      string  `json:"ThongTinGiaoDich"`
	Time      string  `json:"ThoiGianGD"`
	IP        string  `json:"Ip"`
	Receipt   receipt `json:"ThongTinBienLai"`
	ReturnURL string  `json:"UrlTraVe"`
	Checksum  string  `json:"MaXacThuc"`
}

func (m *initMessage) signed() []string {
	return []string{m.Message, m.Version, m.Partner, m.Ref, m.Amount, m.Kind, m.Channel, m.Device, m.Language,
		m.Currency, m.Bank, m.Info, m.Time, m.IP}
}

// PayURL registers o with the platform (init) and returns its payment page.
func (a *Adapter) PayURL(ctx context.Context, o payment.Order) (_ string, err error) {
	defer motcua.Wrap(&err, "paygov.PayURL(%s)", o.ID)
	if a.PartnerCode == "" || a.HashKey == "" || a.InitURL == "" {
		return "", errors.New("paygov: PartnerCode, HashKey and InitURL must be configured")
	}
	if err := o.Validate(); err != nil {
		return "", err
	}
	m := initMessage{Message: or(a.MessageInit, DefaultMessageInit), Version: or(a.Version, DefaultVersion), Partner: a.PartnerCode,
		Ref: o.ID, Amount: strconv.FormatInt(o.Amount, 10), Kind: a.PaymentKind, Channel: a.Channel, Device: a.Device,
		Language: or(a.Language, "vi"), Currency: or(a.Currency, DefaultCurrency), Info: o.Info, Time: formatDate(o.CreatedAt),
		IP: o.ClientIP, ReturnURL: o.ReturnURL,
		Receipt: receipt{ServiceCode: ServiceFee, UnitCode: a.UnitCode, UnitName: a.UnitName, DossierCode: o.Info, Content: o.Info}}
	m.Checksum = checksum(a.HashKey.Reveal(), m.signed()...)
	f, err := a.post(ctx, a.InitURL, m)
	if err != nil {
		return "", err
	}
	if f["MaLoi"] != "00" {
		return "", payment.ErrGateway(f["MaLoi"])
	}
	if f["MaThamChieu"] != o.ID || !strings.HasPrefix(f["UrlThanhToan"], "https://") && !strings.HasPrefix(f["UrlThanhToan"], "http://") {
		return "", payment.ErrMalformed("UrlThanhToan")
	}
	return f["UrlThanhToan"], nil
}

func (a *Adapter) post(ctx context.Context, url string, body any) (map[string]string, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	client := a.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("paygov: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, payment.ErrGateway("HTTP " + strconv.Itoa(res.StatusCode))
	}
	return decodeFields(io.LimitReader(res.Body, 64<<10))
}

// decodeFields reads a JSON object's scalar fields as text (numbers keep
// their literal, never a float); nested objects are skipped.
func decodeFields(r io.Reader) (map[string]string, error) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, payment.ErrMalformed("body")
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		switch {
		case len(v) == 0 || v[0] == '{' || v[0] == '[' || string(v) == "null":
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, payment.ErrMalformed(k)
			}
			out[k] = s
		default:
			out[k] = string(v)
		}
	}
	return out, nil
}

func formatDate(t time.Time) string { return t.In(motcua.VN).Format(DateLayout) }

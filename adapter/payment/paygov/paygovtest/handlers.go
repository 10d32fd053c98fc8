package paygovtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// init registers a payment: the checksum, the partner and the fields are
// checked; the answer gives the payment page.
func (s *Server) init(w http.ResponseWriter, r *http.Request) {
	m, err := readJSON(r)
	if err != nil {
		reply(w, map[string]string{"MaLoi": "03", "MoTaLoi": "Sai định dạng"})
		return
	}
	parts := []string{}
	for _, k := range []string{"LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan",
		"MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich", "ThoiGianGD", "Ip"} {
		parts = append(parts, str(m, k))
	}
	ref := str(m, "MaThamChieu")
	code, msg := s.checkInit(m, parts)
	if code != "" {
		reply(w, map[string]string{"MaLoi": code, "MoTaLoi": msg, "MaThamChieu": ref})
		return
	}
	amount, _ := strconv.ParseInt(str(m, "SoTien"), 10, 64)
	t := &Txn{Ref: ref, Info: str(m, "ThongTinGiaoDich"), ReturnURL: str(m, "UrlTraVe"), Created: str(m, "ThoiGianGD"),
		Amount: amount, Token: token(), Code: "02"}
	s.mu.Lock()
	if old, ok := s.txns[ref]; ok && old.Code != "02" {
		s.mu.Unlock()
		reply(w, map[string]string{"MaLoi": "05", "MoTaLoi": "Giao dịch đã tồn tại", "MaThamChieu": ref})
		return
	}
	s.txns[ref], s.tokens[t.Token] = t, ref
	s.mu.Unlock()
	reply(w, map[string]string{"MaLoi": "00", "MoTaLoi": "Thành công", "MaThamChieu": ref, "UrlThanhToan": s.URL + pagePath + t.Token})
}

func (s *Server) checkInit(m map[string]any, parts []string) (string, string) {
	if str(m, "MaXacThuc") != Checksum(s.HashKey, parts...) {
		return "97", "Mã xác thực không hợp lệ"
	}
	if str(m, "MaDoiTac") != s.PartnerCode {
		return "02", "Đối tác không hợp lệ"
	}
	if str(m, "LoaiBanTin") != s.MessageInit || str(m, "PhienBan") != s.Version {
		return "03", "Sai loại bản tin hoặc phiên bản"
	}
	amount, err := strconv.ParseInt(str(m, "SoTien"), 10, 64)
	if err != nil || amount <= 0 || strconv.FormatInt(amount, 10) != str(m, "SoTien") {
		return "03", "Số tiền không hợp lệ"
	}
	if _, err := time.ParseInLocation(dateShape, str(m, "ThoiGianGD"), gmt7); err != nil {
		return "03", "Thời gian không hợp lệ"
	}
	if u, err := url.Parse(str(m, "UrlTraVe")); err != nil || u.Host == "" {
		return "03", "URL trả về không hợp lệ"
	}
	if str(m, "MaThamChieu") == "" || str(m, "ThongTinGiaoDich") == "" {
		return "03", "Thiếu mã tham chiếu hoặc nội dung"
	}
	return "", ""
}

var pageTmpl = template.Must(template.New("pay").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Nền tảng thanh toán (mô phỏng)</title></head>
<body><h1>Nền tảng thanh toán trực tuyến — Cổng Dịch vụ công quốc gia (mô phỏng)</h1>
<p>Mã tham chiếu: <span id="order">{{.Ref}}</span> — {{.Info}}</p>
<p>Số tiền: <span id="amount">{{.Amount}}</span> đồng</p>
<form method="post"><button type="submit" name="outcome" value="paid" id="pay">Thanh toán</button>
<button type="submit" name="outcome" value="cancel" id="cancel">Hủy giao dịch</button></form>
</body></html>`))

func (s *Server) byToken(tok string) (*Txn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[s.tokens[tok]]
	return t, ok
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	live, ok := s.byToken(r.PathValue("token"))
	if !ok {
		http.Error(w, "Không tìm thấy giao dịch", http.StatusNotFound)
		return
	}
	t, _ := s.Txn(live.Ref)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTmpl.Execute(w, t)
}

// pay records the citizen's choice, posts the confirm message (unless
// held) and sends the browser back with the same signed fields.
func (s *Server) pay(w http.ResponseWriter, r *http.Request) {
	outcome := Outcome(r.PostFormValue("outcome"))
	s.mu.Lock()
	t, ok := s.txns[s.tokens[r.PathValue("token")]]
	if !ok || t.Code != "02" || (outcome != Paid && outcome != Cancelled) {
		s.mu.Unlock()
		http.Error(w, "Giao dịch không hợp lệ", http.StatusBadRequest)
		return
	}
	s.seq++
	t.TransactionNo, t.Bank, t.PaidAt, t.Code = "PG"+strconv.Itoa(100000+s.seq), "NAPAS", s.now().In(gmt7).Format(dateShape), "00"
	if outcome == Cancelled {
		t.Code = "24"
	}
	fields := s.confirmFields(t, t.Amount, s.HashKey)
	back := t.ReturnURL
	s.mu.Unlock()
	if !s.Hold {
		s.Notify(t.Ref, Tamper{})
	}
	q := url.Values{}
	for k, v := range fields {
		q.Set(k, v)
	}
	sep := "?"
	if strings.Contains(back, "?") {
		sep = "&"
	}
	http.Redirect(w, r, back+sep+q.Encode(), http.StatusFound)
}

// confirmFields is the signed confirm message for t.
func (s *Server) confirmFields(t *Txn, amount int64, key string) map[string]string {
	f := map[string]string{"LoaiBanTin": s.MessageConfirm, "MaLoi": t.Code, "MaDoiTac": s.PartnerCode, "MaThamChieu": t.Ref,
		"SoTien": strconv.FormatInt(amount, 10), "MaTienTe": "VND", "MaGiaoDich": t.TransactionNo, "MaNganHang": t.Bank,
		"ThoiGianGD": t.PaidAt, "ThongTinGiaoDich": t.Info}
	if t.PaidAt == "" {
		f["ThoiGianGD"] = t.Created
	}
	f["MaXacThuc"] = Checksum(key, f["LoaiBanTin"], f["MaLoi"], f["MaDoiTac"], f["MaThamChieu"], f["SoTien"], f["MaTienTe"],
		f["MaGiaoDich"], f["MaNganHang"], f["ThoiGianGD"], f["ThongTinGiaoDich"])
	return f
}

// Tamper changes a confirm message: Key signs it with another key,
// AmountDelta changes the amount (still correctly signed).
type Tamper struct {
	Key         string
	AmountDelta int64
}

// Notify posts the confirm message for ref to the partner's callback and
// records the answer: again for a duplicate, after Hold for a late one.
func (s *Server) Notify(ref string, tamper Tamper) (Delivery, error) {
	s.mu.Lock()
	t, ok := s.txns[ref]
	if !ok || t.Code == "02" {
		s.mu.Unlock()
		return Delivery{}, fmt.Errorf("paygovtest: no completed payment %q", ref)
	}
	key := s.HashKey
	if tamper.Key != "" {
		key = tamper.Key
	}
	body, _ := json.Marshal(s.confirmFields(t, t.Amount+tamper.AmountDelta, key))
	s.mu.Unlock()
	d := Delivery{Ref: ref}
	res, err := s.client.Post(s.CallbackURL, "application/json", bytes.NewReader(body))
	if err == nil {
		d.Status = res.StatusCode
		err = json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&d.Answer)
		res.Body.Close()
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
	if err == nil && d.Answer["MaXacThuc"] != Checksum(s.HashKey, d.Answer["MaLoi"], s.PartnerCode, d.Answer["MaThamChieu"], d.Answer["ThoiGianGD"]) {
		err = fmt.Errorf("paygovtest: the partner's answer is not signed")
	}
	return d, err
}

// query answers a get-bill request with the confirm message's fields.
func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	m, err := readJSON(r)
	if err != nil {
		reply(w, map[string]string{"MaLoi": "03", "MoTaLoi": "Sai định dạng"})
		return
	}
	want := Checksum(s.HashKey, str(m, "LoaiBanTin"), str(m, "PhienBan"), str(m, "MaDoiTac"), str(m, "MaThamChieu"), str(m, "ThoiGianGD"))
	switch {
	case str(m, "MaXacThuc") != want:
		reply(w, map[string]string{"MaLoi": "97", "MoTaLoi": "Mã xác thực không hợp lệ"})
		return
	case str(m, "MaDoiTac") != s.PartnerCode || str(m, "LoaiBanTin") != s.MessageQuery:
		reply(w, map[string]string{"MaLoi": "03", "MoTaLoi": "Sai đối tác hoặc loại bản tin"})
		return
	}
	s.mu.Lock()
	t, ok := s.txns[str(m, "MaThamChieu")]
	var f map[string]string
	if ok && t.Created == str(m, "ThoiGianGD") {
		f = s.confirmFields(t, t.Amount, s.HashKey)
	}
	s.mu.Unlock()
	if f == nil {
		reply(w, map[string]string{"MaLoi": "01", "MoTaLoi": "Không tìm thấy giao dịch"})
		return
	}
	reply(w, f)
}

// Pay plays the citizen's browser: it opens the payment page payURL,
// chooses outcome and returns where the platform sends the browser.
func (s *Server) Pay(payURL string, outcome Outcome) (string, error) {
	res, err := s.client.Get(payURL)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("paygovtest: the payment page answered %s", res.Status)
	}
	noFollow := *s.client
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err = noFollow.PostForm(payURL, url.Values{"outcome": {string(outcome)}})
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		return "", fmt.Errorf("paygovtest: paying answered %s", res.Status)
	}
	return res.Header.Get("Location"), nil
}

// SetCode changes a payment's MaLoi as the platform's back office would.
func (s *Server) SetCode(ref, code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if ok {
		t.Code = code
	}
	return ok
}

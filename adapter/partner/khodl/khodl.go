// Package khodl connects the one-stop with the citizen's data store on the
// National Public Service Portal (Kho quản lý dữ liệu điện tử của tổ chức,
// cá nhân): at intake it lists the documents the store keeps for an
// identity number and fetches the one a component is taken from
// (DuocLayTuKhoDMQG, indicator 4.4), and a worker (Pusher) sends it the
// link of every electronic result issued to a person (indicator 4.4 too).
//
// The contract this adapter speaks — our best reading of the national
// store, to be confirmed against the portal's integration specification
// before going live; a province's gateway (LGSP) adapts it with a thin
// proxy if it differs:
//
//	POST {base}/giay-to/tra-cuu  {"so_dinh_danh"}
//	     → 200 {"giay_to": [{"id", "ten_giay_to", "ma_ket_qua"?, "so_ky_hieu"?, "co_quan_chu_quan"?,
//	                         "ngay_cap", "hieu_luc_den"?, "ten_tep", "kieu_tep", "kich_thuoc"}, …]}
//	POST {base}/giay-to/tep      {"so_dinh_danh", "id"}
//	     → 200 the file's bytes (Content-Type, Content-Length); 404 when the
//	       person holds no such document
//	POST {base}/ket-qua          {"so_dinh_danh", "ma_ket_qua", "ten_giay_to", "duong_dan", "sha256",
//	                              "ngay_cap", "co_quan_cap", "hieu_luc_den"?, "ma_ho_so"}
//	     → 201 taken; 200 when the store already holds that ma_ket_qua (a
//	       push is repeated safely); 4xx refused
//
// Every call carries "Authorization: Bearer {token}". Times are RFC 3339 in
// +07:00 (hieu_luc_den absent: no end). The identity number travels in the
// body, never in a URL, so that no access log keeps it. Answers are
// bounded: a list at 1 MB, a file at motcua.MaxComponentFile; a larger
// one is refused.
//
// What is public: a provincial one-stop system's client of the national
// store (github.com/HuanVu201/DichVuCong_KhoaLuan_PASETO,
// DichVuCongApi/src/Core/Application/Common/KetNoi/DVC/KhoSoHoaDVCQG/KhoSoHoaDVCQGParams.cs)
// looks documents up by POST with the owner's number in the body
// (SoDinhDanhChuSoHuu, with MaThuTuc and the result kinds wanted), gets
// DanhSachGiayToKetQua items (MaKetQua, TenGiayTo, SoKyHieu, CoQuanChuQuan,
// DanhSachTepDinhKem of TenTep and DuongDan) and fetches each file (as
// base64) by CoQuanChuQuan and DuongDan. Our names follow those words; the
// paths, one file per document and the raw file body are ours. For the push
// no public call was found: the national sync record carries results as
// DanhSachGiayToKetQua (MaGiayToKetQua, DuongDanTepTinKetQua), which may be
// how the portal files them into the person's store — to confirm.
package khodl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/partnerhttp"
)

// MaxList bounds the answer listing a person's documents.
const MaxList = 1 << 20

// ErrUnavailable marks a failure of the store itself (unreachable, 5xx,
// 429, a broken answer), as opposed to a refusal of what was sent: the
// pusher stops its round on it instead of trying every result.
var ErrUnavailable = errors.New("the national data store is unavailable")

// Adapter talks to the national data store.
type Adapter struct {
	Base   string // e.g. https://kho.dichvucong.gov.vn/api (through the province's gateway)
	Token  string // bearer token
	Client *http.Client
}

var _ motcua.NationalStore = (*Adapter)(nil)

// document is one entry of the store's list.
type document struct {
	ID         string `json:"id"`
	Name       string `json:"ten_giay_to"`
	Kind       string `json:"ma_ket_qua,omitempty"`
	Number     string `json:"so_ky_hieu,omitempty"`
	Issuer     string `json:"co_quan_chu_quan,omitempty"`
	IssuedAt   string `json:"ngay_cap"`
	ValidUntil string `json:"hieu_luc_den,omitempty"`
	FileName   string `json:"ten_tep"`
	Type       string `json:"kieu_tep"`
	Size       int64  `json:"kich_thuoc"`
}

// Held lists the documents the store keeps for idNumber.
func (a *Adapter) Held(ctx context.Context, idNumber string) ([]motcua.HeldDocument, error) {
	const path = "/giay-to/tra-cuu"
	body, _ := json.Marshal(map[string]string{"so_dinh_danh": idNumber})
	res, err := a.call(ctx, path, body, http.StatusOK)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, MaxList+1))
	if err != nil {
		return nil, fmt.Errorf("khodl POST %s: %w: %w", path, ErrUnavailable, err)
	}
	if len(raw) > MaxList {
		return nil, fmt.Errorf("khodl POST %s: the list is larger than %d bytes: refused", path, MaxList)
	}
	var out struct {
		Documents []document `json:"giay_to"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("khodl POST %s: %w: %w", path, ErrUnavailable, err)
	}
	held := make([]motcua.HeldDocument, 0, len(out.Documents))
	for _, d := range out.Documents {
		h, err := d.held()
		if err != nil {
			return nil, fmt.Errorf("khodl POST %s: document %q: %w", path, d.ID, err)
		}
		held = append(held, h)
	}
	return held, nil
}

// held maps an entry of the list; its file's hash is known once fetched.
func (d document) held() (motcua.HeldDocument, error) {
	if d.ID == "" || d.FileName == "" {
		return motcua.HeldDocument{}, errors.New("no id or file name")
	}
	issued, err := parseTime(d.IssuedAt)
	if err != nil {
		return motcua.HeldDocument{}, fmt.Errorf("ngay_cap: %w", err)
	}
	valid, err := parseTime(d.ValidUntil)
	if err != nil {
		return motcua.HeldDocument{}, fmt.Errorf("hieu_luc_den: %w", err)
	}
	name := motcua.NFC(d.Name)
	if d.Number != "" {
		name += " số " + motcua.NFC(d.Number)
	}
	if d.Issuer != "" {
		name += " (" + motcua.NFC(d.Issuer) + ")"
	}
	return motcua.HeldDocument{Ref: "n:" + d.ID, Name: name, Origin: motcua.OriginNational, FileName: motcua.NFC(d.FileName),
		ContentType: d.Type, Size: d.Size, HeldAt: issued, ValidUntil: valid}, nil
}

// Open fetches the file of document id held for idNumber. The reader
// fails once more than motcua.MaxComponentFile bytes came.
func (a *Adapter) Open(ctx context.Context, idNumber, id string) (io.ReadCloser, error) {
	const path = "/giay-to/tep"
	body, _ := json.Marshal(map[string]string{"so_dinh_danh": idNumber, "id": id})
	res, err := a.call(ctx, path, body, http.StatusOK)
	if err != nil {
		return nil, err
	}
	if res.ContentLength > motcua.MaxComponentFile {
		res.Body.Close()
		return nil, fmt.Errorf("khodl POST %s: the file of %q has %d bytes, more than the %d a component may have: refused",
			path, id, res.ContentLength, int64(motcua.MaxComponentFile))
	}
	return &boundedBody{body: res.Body, left: motcua.MaxComponentFile, what: fmt.Sprintf("khodl POST %s: the file of %q", path, id)}, nil
}

// ErrTooLarge is what reading a file past its bound returns.
var ErrTooLarge = errors.New("larger than a component may be: refused")

// boundedBody reads at most left bytes, then fails instead of truncating.
type boundedBody struct {
	body io.ReadCloser
	left int64
	what string
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.body.Read(p)
	if int64(n) > b.left {
		return int(b.left), fmt.Errorf("%s: %w", b.what, ErrTooLarge)
	}
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error { return b.body.Close() }

// pushed is a result's link as the store takes it.
type pushed struct {
	IDNumber    string `json:"so_dinh_danh"`
	Code        string `json:"ma_ket_qua"`
	Name        string `json:"ten_giay_to"`
	Link        string `json:"duong_dan"`
	SHA256      string `json:"sha256"`
	IssuedAt    string `json:"ngay_cap"`
	Issuer      string `json:"co_quan_cap"`
	ValidUntil  string `json:"hieu_luc_den,omitempty"`
	DossierCode string `json:"ma_ho_so"`
}

// Push sends a result's link to its applicant's store; the store holding
// it already is success.
func (a *Adapter) Push(ctx context.Context, r motcua.PushedResult) error {
	body, _ := json.Marshal(pushed{IDNumber: r.IDNumber, Code: r.Code, Name: r.Name, Link: r.Link, SHA256: r.SHA256,
		IssuedAt: stamp(r.IssuedAt), Issuer: r.Issuer, ValidUntil: stamp(r.ValidUntil), DossierCode: r.DossierCode})
	res, err := a.call(ctx, "/ket-qua", body, http.StatusCreated, http.StatusOK)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 4096)) // let the connection be reused
	return res.Body.Close()
}

// call posts body to path and returns the answer when its status is one
// of want; the caller closes it. Errors name the call, never the URL's
// query or the body (they may hold the identity number).
func (a *Adapter) call(ctx context.Context, path string, body []byte, want ...int) (*http.Response, error) {
	client := a.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	res, err := partnerhttp.Post(ctx, client, a.Base+path, a.Token, body)
	if err != nil {
		return nil, fmt.Errorf("khodl POST %s: %w: %w", path, ErrUnavailable, err)
	}
	for _, w := range want {
		if res.StatusCode == w {
			return res, nil
		}
	}
	defer res.Body.Close()
	detail, _ := io.ReadAll(io.LimitReader(res.Body, 300))
	if res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests {
		return nil, fmt.Errorf("khodl POST %s: %w: it answered %s %s", path, ErrUnavailable, res.Status, bytes.TrimSpace(detail))
	}
	return nil, fmt.Errorf("khodl POST %s: the store answered %s %s", path, res.Status, bytes.TrimSpace(detail))
}

// stamp writes an instant as the store reads it; "" for none.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.VN).Format(time.RFC3339)
}

// parseTime reads an instant of the store; "" is none.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t.In(motcua.VN), nil
}

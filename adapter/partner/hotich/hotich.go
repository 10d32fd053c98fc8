// Package hotich is the reference adapter for a civil-status registry
// (phần mềm đăng ký, quản lý hộ tịch): it forwards the civil-status
// dossiers the one-stop accepts and reads back whether the registry
// issued the certificate. The registry's contract, as this adapter speaks
// it (a province's registry gets a thin proxy if its own differs):
//
//	POST {base}/ho-so      {"ma_ho_so_mot_cua","loai","ho_ten","ngay_sinh"?,"dia_chi","ngay_tiep_nhan","ngay_hen_tra","ma_don_vi"}
//	                        → 201 {"so_tham_chieu"}
//	GET  {base}/ho-so/{so_tham_chieu}
//	                        → 200 {"trang_thai": "DANG_XU_LY"|"DA_CAP"|"TU_CHOI", "so_giay": "…"}
//
// loai is the registry's kind of registration, mapped from the national
// procedure code (Kinds). Times are RFC 3339 in +07:00.
package hotich

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner"
)

// Kinds maps national procedure codes (commune level) to the registry's
// kinds of registration.
var Kinds = map[string]string{
	"1.001193": "KS",  // đăng ký khai sinh
	"1.000894": "KH",  // đăng ký kết hôn
	"1.000656": "KT",  // đăng ký khai tử
	"1.001022": "NCM", // đăng ký nhận cha, mẹ, con
}

// Adapter talks to one registry.
type Adapter struct {
	Base   string // e.g. https://hotich.example.gov.vn/api
	Token  string // bearer token, if the registry wants one
	Client *http.Client
}

// Handles reports whether the registry decides p.
func (a *Adapter) Handles(procedureCode string) bool { _, ok := Kinds[procedureCode]; return ok }

type record struct {
	Code       string    `json:"ma_ho_so_mot_cua"`
	Kind       string    `json:"loai"`
	Name       string    `json:"ho_ten"`
	Address    string    `json:"dia_chi"`
	AcceptedAt time.Time `json:"ngay_tiep_nhan"`
	DueAt      time.Time `json:"ngay_hen_tra"`
	Unit       string    `json:"ma_don_vi"`
}

// Forward registers a dossier at the registry.
func (a *Adapter) Forward(ctx context.Context, d partner.Dossier) (string, error) {
	body, _ := json.Marshal(record{Code: d.Code, Kind: Kinds[d.ProcedureCode], Name: d.Applicant.Name, Address: d.Applicant.Address,
		AcceptedAt: d.AcceptedAt.In(motcua.VN), DueAt: d.DueAt.In(motcua.VN), Unit: d.UnitCode})
	var out struct {
		Reference string `json:"so_tham_chieu"`
	}
	if err := a.call(ctx, http.MethodPost, "/ho-so", body, http.StatusCreated, &out); err != nil {
		return "", err
	}
	if out.Reference == "" {
		return "", fmt.Errorf("hotich: the registry gave no reference")
	}
	return out.Reference, nil
}

// Status reads a record's state: issued and refused are both decided (a
// reasoned refusal is the dossier's result too).
func (a *Adapter) Status(ctx context.Context, reference string) (partner.Status, error) {
	var out struct {
		State  string `json:"trang_thai"`
		Number string `json:"so_giay"`
	}
	if err := a.call(ctx, http.MethodGet, "/ho-so/"+url.PathEscape(reference), nil, http.StatusOK, &out); err != nil {
		return partner.Status{}, err
	}
	switch out.State {
	case "DA_CAP", "TU_CHOI":
		return partner.Status{Decided: true, Result: out.Number}, nil
	case "DANG_XU_LY":
		return partner.Status{}, nil
	}
	return partner.Status{}, fmt.Errorf("hotich: unknown state %q of %s", out.State, reference)
}

func (a *Adapter) call(ctx context.Context, method, path string, body []byte, want int, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, a.Base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if a.Token != "" {
		req.Header.Set("Authorization", "Bearer "+a.Token)
	}
	client := a.Client
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("hotich %s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		detail, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return fmt.Errorf("hotich %s %s: %s %s", method, path, res.Status, bytes.TrimSpace(detail))
	}
	return json.NewDecoder(res.Body).Decode(out)
}

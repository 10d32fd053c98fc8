// Package dancu looks applicants up in the national population database
// (Cơ sở dữ liệu quốc gia về dân cư) by personal identification number, so
// that a counter officer fills the applicant's fields from it instead of
// typing them (issue 20, Decision 766 indicator 4.5: dossiers that use
// population data).
//
// The contract this adapter speaks — our best reading of the database's
// public descriptions, to be confirmed against the Ministry of Public
// Security's integration documents (it is reached through the national
// data exchange platform NDXP or the province's gateway LGSP, which adapt
// it with a thin proxy if it differs) before going live:
//
//	POST {base}/cong-dan/tra-cuu  {"SoDinhDanh": "067012345678"}
//	     → 200 {"SoDinhDanh", "HoVaTen",
//	            "NgayThangNamSinh": {"NgayThangNam": "yyyymmdd"?, "Nam": "yyyy"},
//	            "GioiTinh": "1" (nam) | "2" (nữ) | "0" (chưa có thông tin),
//	            "NoiThuongTru": {"ChiTiet", "TenXa", "TenHuyen"?, "TenTinh"}}
//	     → 404 when the database knows no such number; 400 for a malformed one
//
// Every call carries "Authorization: Bearer {token}". The number travels
// in the body, never in a URL, so that no access log keeps it, and errors
// never repeat it. A call is bounded in time (Timeout) and its answer in
// size (MaxAnswer). The field names follow the words the national
// databases use for a citizen (số định danh, họ và tên, ngày tháng năm
// sinh with a year-only form for people whose day of birth is unknown,
// giới tính by the national code list, nơi thường trú); the path is ours.
package dancu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/partnerhttp"
)

// Timeout bounds one lookup when the caller's context does not bound it
// sooner: an officer with a queue waits no longer.
const Timeout = 5 * time.Second

// MaxAnswer bounds the answer about one person.
const MaxAnswer = 64 << 10

// ErrUnavailable marks a failure of the database itself (unreachable, too
// slow, 5xx, 429, a broken answer), as opposed to a refusal of the number.
var ErrUnavailable = errors.New("the national population database is unavailable")

// ErrBadNumber is a number that is not a personal identification number
// (12 digits); it is never sent.
var ErrBadNumber = errors.New("not a personal identification number (12 digits)")

// Adapter talks to the population database.
type Adapter struct {
	Base   string // e.g. https://lgsp.tinh.gov.vn/dancu (through the province's gateway)
	Token  string // bearer token
	Client *http.Client
}

var _ motcua.PopulationRegistry = (*Adapter)(nil)

type answer struct {
	IDNumber  string `json:"SoDinhDanh"`
	Name      string `json:"HoVaTen"`
	BirthDate struct {
		Date string `json:"NgayThangNam"`
		Year string `json:"Nam"`
	} `json:"NgayThangNamSinh"`
	Sex       string `json:"GioiTinh"`
	Residence struct {
		Detail   string `json:"ChiTiet"`
		Commune  string `json:"TenXa"`
		District string `json:"TenHuyen"`
		Province string `json:"TenTinh"`
	} `json:"NoiThuongTru"`
}

// Resident looks the personal identification number up.
func (a *Adapter) Resident(ctx context.Context, idNumber string) (*motcua.Resident, error) {
	const path = "/cong-dan/tra-cuu"
	if !motcua.PersonalNumber(idNumber) {
		return nil, fmt.Errorf("dancu POST %s: %w", path, ErrBadNumber)
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	body, _ := json.Marshal(map[string]string{"SoDinhDanh": idNumber})
	res, err := partnerhttp.Post(ctx, a.Client, strings.TrimRight(a.Base, "/")+path, a.Token, body)
	if err != nil {
		return nil, fmt.Errorf("dancu POST %s: %w: %w", path, ErrUnavailable, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, MaxAnswer+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("dancu POST %s: %w: %w", path, ErrUnavailable, err)
	case res.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("dancu POST %s: %w", path, motcua.ErrResidentNotFound)
	case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests:
		return nil, fmt.Errorf("dancu POST %s: %w: it answered %s", path, ErrUnavailable, res.Status)
	case res.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("dancu POST %s: the database answered %s", path, res.Status)
	case len(raw) > MaxAnswer:
		return nil, fmt.Errorf("dancu POST %s: %w: an answer larger than %d bytes", path, ErrUnavailable, MaxAnswer)
	}
	var ans answer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("dancu POST %s: %w: %w", path, ErrUnavailable, err)
	}
	r, err := ans.resident(idNumber)
	if err != nil {
		return nil, fmt.Errorf("dancu POST %s: %w: %w", path, ErrUnavailable, err)
	}
	return r, nil
}

// resident maps the answer, which must be about the number asked.
func (ans answer) resident(asked string) (*motcua.Resident, error) {
	if ans.IDNumber != asked {
		return nil, errors.New("the answer is about another number")
	}
	r := &motcua.Resident{IDNumber: asked, Name: motcua.NFC(strings.Join(strings.Fields(ans.Name), " ")),
		Sex: map[string]string{"1": "Nam", "2": "Nữ"}[ans.Sex], Residence: ans.residence()}
	if r.Name == "" {
		return nil, errors.New("no HoVaTen")
	}
	if d := ans.BirthDate.Date; d != "" {
		t, err := time.ParseInLocation("20060102", d, motcua.VN)
		if err != nil {
			return nil, fmt.Errorf("NgayThangNam %q is not yyyymmdd", d)
		}
		r.BirthDate, r.BirthYear = t, t.Year()
	} else if y, err := strconv.Atoi(ans.BirthDate.Year); err == nil && y > 1800 {
		r.BirthYear = y
	} else {
		return nil, errors.New("no date or year of birth")
	}
	return r, nil
}

// residence is the permanent residence on one line, detail first.
func (ans answer) residence() string {
	var parts []string
	for _, p := range []string{ans.Residence.Detail, ans.Residence.Commune, ans.Residence.District, ans.Residence.Province} {
		if p = strings.TrimSpace(motcua.NFC(p)); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

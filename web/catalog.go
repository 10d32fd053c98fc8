package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/skip2/go-qrcode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The public catalogue (issue 4): no login, Vietnamese paths and
// parameters a citizen can read and type.

var levelSlugs = map[motcua.Level]string{motcua.LevelCommune: "xa", motcua.LevelDistrict: "huyen", motcua.LevelProvince: "tinh"}
var onlineSlugs = map[motcua.OnlineLevel]string{motcua.OnlineFull: "toan-trinh", motcua.OnlinePartial: "mot-phan", motcua.OnlineNone: "khong"}

func levelOf(slug string) motcua.Level {
	for l, s := range levelSlugs {
		if s == slug {
			return l
		}
	}
	return ""
}

func onlineOf(slug string) motcua.OnlineLevel {
	for o, s := range onlineSlugs {
		if s == slug {
			return o
		}
	}
	return ""
}

// ProcedurePath is the public page of a procedure, which its QR code opens.
func ProcedurePath(p *motcua.Procedure) string {
	return "/thu-tuc/" + levelSlugs[p.Level] + "/" + url.PathEscape(p.Code)
}

type option struct{ Value, Label string }

type catalogData struct {
	Query, Field, Level, Online, Office, Unit string
	BoundaryFree                              bool // only the procedures received regardless of boundary
	Fields                                    []string
	Levels, Onlines, Offices, Units           []option
	Rows                                      []*motcua.Procedure
	// Listed holds, by procedure code, the listing in force for intake
	// regardless of administrative boundary.
	Listed map[string]*motcua.BoundaryFreeListing
}

// catalog is the searchable list of procedures in force.
func (s *Server) catalog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := catalogData{Query: q.Get("q"), Field: q.Get("linh_vuc"), Level: q.Get("cap"), Online: q.Get("truc_tuyen"),
		Office: q.Get("co_quan"), Unit: q.Get("don_vi"), BoundaryFree: q.Get("dia_gioi") == "khong-phu-thuoc"}
	data.Levels = []option{{"xa", "Cấp xã"}, {"huyen", "Cấp huyện"}, {"tinh", "Cấp tỉnh"}}
	data.Onlines = []option{{"toan-trinh", "Trực tuyến toàn trình"}, {"mot-phan", "Trực tuyến một phần"}, {"khong", "Không trực tuyến"}}
	v := view{Title: "Thủ tục hành chính", Citizen: s.citizen(r), Data: &data}
	var err error
	if data.Fields, err = s.db.Fields(r.Context()); err != nil {
		s.fail(w, "catalog.html", v, err)
		return
	}
	data.Offices, data.Units = s.officeOptions(r), s.receivingOptions(r)
	f := store.CatalogFilter{Query: motcua.NFC(data.Query), Field: motcua.NFC(data.Field), Level: levelOf(data.Level),
		Online: onlineOf(data.Online), Office: data.Office, BoundaryFree: data.BoundaryFree}
	if u, err := s.db.UnitByCode(r.Context(), data.Unit); err == nil {
		f.Units = []int64{u.ID}
		if f.ReceivedAt, err = s.db.ReceivingLevel(r.Context(), u.ID); err != nil {
			s.fail(w, "catalog.html", v, err)
			return
		}
	}
	data.Rows, err = s.db.Catalog(r.Context(), f)
	if err == nil {
		data.Listed, err = s.listedNow(r.Context())
	}
	if err != nil {
		s.fail(w, "catalog.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "catalog.html", v)
}

// listedNow maps each procedure code listed now for intake regardless of
// administrative boundary to its listing.
func (s *Server) listedNow(ctx context.Context) (map[string]*motcua.BoundaryFreeListing, error) {
	now := s.db.Now()
	ls, err := s.db.BoundaryFreeListingsAt(ctx, now)
	out := map[string]*motcua.BoundaryFreeListing{}
	for i := range ls {
		if _, seen := out[ls[i].ProcedureCode]; !seen { // the newest first
			out[ls[i].ProcedureCode] = &ls[i]
		}
	}
	return out, err
}

// officeOptions lists the specialised offices that decide district procedures.
func (s *Server) officeOptions(r *http.Request) []option {
	units, _ := s.db.Units(r.Context())
	seen := map[string]bool{}
	var out []option
	for _, u := range units {
		if u.IsOffice() && u.Office != "" && !seen[u.Office] {
			seen[u.Office] = true
			out = append(out, option{u.Office, u.Name})
		}
	}
	return out
}

// receivingOptions lists the units where citizens file (communes, one-stop
// sections, service centres and their branches), by their public code.
func (s *Server) receivingOptions(r *http.Request) []option {
	units, _ := s.db.Units(r.Context())
	var out []option
	for _, u := range units {
		if u.ReceivesDossiers() {
			out = append(out, option{u.Code, u.Name})
		}
	}
	return out
}

type procedurePage struct {
	P        *motcua.Procedure
	Decision *motcua.Decision
	URL      string // the page's public address, in its QR code
	Level    string
	Guide    procedureGuide
}

// procedurePublic is a procedure's public page: documents, fees, time,
// legal basis, how to file, and its QR code for the counter.
func (s *Server) procedurePublic(w http.ResponseWriter, r *http.Request) {
	v := view{Title: "Thủ tục hành chính", Citizen: s.citizen(r)}
	p, err := s.db.ProcedureByCode(r.Context(), r.PathValue("code"), levelOf(r.PathValue("level")))
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	data := &procedurePage{P: p, URL: s.baseURL() + ProcedurePath(p), Level: levelSlugs[p.Level], Guide: s.guideOf(r, p)}
	if p.DecisionID != 0 {
		data.Decision, _ = s.db.Decision(r.Context(), p.DecisionID)
	}
	v.Title, v.Data = p.Name, data
	s.render(w, http.StatusOK, "procedure.html", v)
}

// procedureQR serves the QR code of a procedure's public page as PNG or SVG,
// to print and post at the counter.
func (s *Server) procedureQR(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	if format != "qr.png" && format != "qr.svg" {
		http.NotFound(w, r)
		return
	}
	p, err := s.db.ProcedureByCode(r.Context(), r.PathValue("code"), levelOf(r.PathValue("level")))
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	qr, err := qrcode.New(s.baseURL()+ProcedurePath(p), qrcode.Medium)
	if err != nil {
		http.Error(w, "Không tạo được mã QR.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if format == "qr.svg" {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write(qrSVG(qr.Bitmap()))
		return
	}
	png, err := qr.PNG(512)
	if err != nil {
		http.Error(w, "Không tạo được mã QR.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(png)
}

// qrSVG draws a QR bitmap (with its quiet zone) as one SVG path of unit squares.
func qrSVG(bits [][]bool) []byte {
	var b bytes.Buffer
	n := len(bits)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, on := range row {
			if on {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.Bytes()
}

// howToFile says in plain words how a citizen files a dossier of p.
func howToFile(p *motcua.Procedure) string {
	switch p.OnlineLevel {
	case motcua.OnlineFull:
		return "Nộp hồ sơ trực tuyến toàn trình (không phải đến cơ quan), hoặc nộp trực tiếp, qua bưu chính tại Bộ phận Một cửa."
	case motcua.OnlinePartial:
		return "Nộp hồ sơ trực tuyến một phần: nộp bản điện tử trực tuyến, mang bản chính các giấy tờ khi đến nhận kết quả; hoặc nộp trực tiếp, qua bưu chính tại Bộ phận Một cửa."
	}
	return "Nộp hồ sơ trực tiếp hoặc qua bưu chính tại Bộ phận Một cửa."
}

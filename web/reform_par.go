package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
)

type parData struct {
	Units    []*motcua.Unit
	UnitID   int64
	Year     int
	A        *store.ParAssessment
	Rows     []parRow
	Admin    bool // may set the year's criteria
	Score    bool // may score the unit
	Criteria string
}

// parRow is a node of the tree as a table row.
type parRow struct {
	*reform.ParNode
	Depth    int
	Leaf     bool
	Previous *float64 // the area's score last year
}

// parPage is the PAR Index self-assessment of a unit and year.
func (s *Server) parPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderPar(w, r, a, nil, "")
}

func (s *Server) renderPar(w http.ResponseWriter, r *http.Request, a *motcua.Actor, failure error, criteria string) {
	data := &parData{Year: s.db.Now().In(motcua.VN).Year(), Admin: a.CanManageCatalog(), Criteria: criteria}
	if y, err := strconv.Atoi(r.FormValue("nam")); err == nil && y > 2000 {
		data.Year = y
	}
	v := view{Title: "Tự đánh giá Chỉ số cải cách hành chính", Actor: a, Data: data}
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	for _, u := range units {
		if a.CanManageReform(u.ID) {
			data.Units = append(data.Units, u)
		}
	}
	data.UnitID, _ = strconv.ParseInt(r.FormValue("don_vi"), 10, 64)
	if data.UnitID == 0 && len(data.Units) > 0 {
		data.UnitID = data.Units[0].ID
	}
	data.Score = a.CanManageReform(data.UnitID)
	if data.Score {
		if pa, err := s.db.Par(r.Context(), data.UnitID, data.Year); err == nil {
			data.A = pa
			for _, area := range pa.Areas {
				data.Rows = appendRows(data.Rows, area, 0, pa.PreviousArea)
			}
		} else if motcua.ErrorCode(err) != motcua.ENOTFOUND {
			s.fail(w, "error.html", v, err)
			return
		}
	}
	if failure != nil {
		s.fail(w, "par.html", v, failure)
		return
	}
	s.render(w, http.StatusOK, "par.html", v)
}

func appendRows(rows []parRow, n *reform.ParNode, depth int, previous map[string]float64) []parRow {
	row := parRow{ParNode: n, Depth: depth, Leaf: len(n.Children) == 0}
	if depth == 0 {
		if p, ok := previous[n.Code]; ok {
			row.Previous = &p
		}
	}
	rows = append(rows, row)
	for _, c := range n.Children {
		rows = appendRows(rows, c, depth+1, previous)
	}
	return rows
}

// setParCriteria sets the year's criteria from "code | title | max" lines.
func (s *Server) setParCriteria(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	year, _ := strconv.Atoi(r.PostFormValue("nam"))
	text := r.PostFormValue("tieu_chi")
	var criteria []reform.ParCriterion
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		c := reform.ParCriterion{Code: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			c.Title = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
			max, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(parts[2]), ",", "."), 64)
			if err != nil {
				s.renderPar(w, r, a, motcua.FieldError("tieu_chi", "Dòng %d: điểm tối đa %q không phải số.", i+1, strings.TrimSpace(parts[2])), text)
				return
			}
			c.MaxPoints = max
		}
		criteria = append(criteria, c)
	}
	if err := s.db.SetParCriteria(r.Context(), a, year, criteria); err != nil {
		s.renderPar(w, r, a, err, text)
		return
	}
	http.Redirect(w, r, "/par?nam="+strconv.Itoa(year)+"&don_vi="+r.PostFormValue("don_vi"), http.StatusSeeOther)
}

// scorePar records a leaf's self-assessed points.
func (s *Server) scorePar(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("don_vi"), 10, 64)
	year, _ := strconv.Atoi(r.PostFormValue("nam"))
	points, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("diem")), ",", "."), 64)
	if err != nil {
		s.renderPar(w, r, a, motcua.FieldError("diem", "Điểm phải là số (ví dụ 1,5)."), "")
		return
	}
	if err := s.db.ScorePar(r.Context(), a, unitID, year, reform.ParScore{Code: r.PostFormValue("ma"), Points: points,
		Evidence: r.PostFormValue("minh_chung")}); err != nil {
		s.renderPar(w, r, a, err, "")
		return
	}
	http.Redirect(w, r, "/par?nam="+strconv.Itoa(year)+"&don_vi="+strconv.FormatInt(unitID, 10), http.StatusSeeOther)
}

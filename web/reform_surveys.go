package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
)

type surveysData struct {
	Units   []*motcua.Unit // where the actor may run surveys
	List    []reform.Survey
	Names   map[int64]string
	S       *reform.Survey
	Rows    []store.SurveyUnit
	Overall store.SurveyUnit
	Scope   []*motcua.Unit // the units a paper form may be about
	Factors [5]string
	Labels  [5]string
}

// surveysPage lists the actor's satisfaction surveys, or shows one with
// its indices and the form to key in a paper answer.
func (s *Server) surveysPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderSurveys(w, r, a, nil, takeFlash(w, r).Text)
}

func (s *Server) renderSurveys(w http.ResponseWriter, r *http.Request, a *motcua.Actor, failure error, flash string) {
	data := &surveysData{Names: map[int64]string{}, Factors: motcua.SIPASFactors, Labels: motcua.ScoreLabels}
	v := view{Title: "Khảo sát sự hài lòng (SIPAS)", Actor: a, Data: data, Flash: flash}
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	var ids []int64
	for _, u := range units {
		data.Names[u.ID] = u.Name
		if a.CanManageReform(u.ID) {
			data.Units = append(data.Units, u)
			ids = append(ids, u.ID)
		}
	}
	if data.List, err = s.db.Surveys(r.Context(), ids); err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	if id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64); id != 0 {
		sv, err := s.db.SurveyOf(r.Context(), id)
		if err != nil || !a.CanManageReform(sv.UnitID) {
			s.fail(w, "error.html", v, motcua.Errorf(motcua.ENOTFOUND, "Không có đợt khảo sát này."))
			return
		}
		data.S = sv
		if data.Rows, data.Overall, err = s.db.SurveyIndices(r.Context(), id); err != nil {
			s.fail(w, "error.html", v, err)
			return
		}
		for _, u := range units {
			if u.ID == sv.UnitID || u.ParentID == sv.UnitID {
				data.Scope = append(data.Scope, u)
			}
		}
	}
	if failure != nil {
		s.fail(w, "surveys.html", v, failure)
		return
	}
	s.render(w, http.StatusOK, "surveys.html", v)
}

func (s *Server) createSurvey(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	day := func(name string) time.Time {
		t, _ := time.ParseInLocation("02/01/2006", strings.TrimSpace(r.PostFormValue(name)), motcua.VN)
		return t
	}
	unitID, _ := strconv.ParseInt(r.PostFormValue("don_vi"), 10, 64)
	planned, _ := strconv.Atoi(r.PostFormValue("so_phieu"))
	sv := &reform.Survey{Title: r.PostFormValue("ten"), UnitID: unitID, From: day("tu"), To: day("den").AddDate(0, 0, 1), Planned: planned}
	if err := s.db.CreateSurvey(r.Context(), a, sv); err != nil {
		s.renderSurveys(w, r, a, err, "")
		return
	}
	http.Redirect(w, r, "/surveys/"+strconv.FormatInt(sv.ID, 10), http.StatusSeeOther)
}

// addPaperForm keys in one paper form.
func (s *Server) addPaperForm(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	unitID, _ := strconv.ParseInt(r.PostFormValue("don_vi"), 10, 64)
	var answer reform.SurveyAnswer
	for i := range answer.Scores {
		answer.Scores[i], _ = strconv.Atoi(r.PostFormValue("score_" + strconv.Itoa(i)))
		answer.Assessment[i], _ = strconv.Atoi(r.PostFormValue("assess_" + strconv.Itoa(i)))
	}
	for _, f := range r.PostForm["expect"] {
		if i, err := strconv.Atoi(f); err == nil {
			answer.Expectations = append(answer.Expectations, i)
		}
	}
	answer.Comment = r.PostFormValue("y_kien")
	if err := s.db.AddPaperResponse(r.Context(), a, id, unitID, answer); err != nil {
		s.renderSurveys(w, r, a, err, "")
		return
	}
	s.redirectFlash(w, r, "/surveys/"+strconv.FormatInt(id, 10), Flash{Text: "Đã nhập phiếu."})
}

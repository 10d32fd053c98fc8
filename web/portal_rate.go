package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

type rateData struct {
	Code, Secret string
	T            *motcua.Tracking
	Factors      [5]string
	Labels       [5]string
	R            motcua.Rating
	Done         bool
}

func newRateData(r *http.Request) *rateData {
	get := r.URL.Query().Get
	if r.Method == http.MethodPost {
		get = r.PostFormValue
	}
	return &rateData{Code: strings.TrimSpace(get("ma")), Secret: strings.TrimSpace(get("khoa")),
		Factors: motcua.SIPASFactors, Labels: motcua.ScoreLabels}
}

// ratePage asks the holder of a returned dossier's code and secret (the
// link in the result's notice, or the receipt's QR) to rate the service.
func (s *Server) ratePage(w http.ResponseWriter, r *http.Request) {
	data := newRateData(r)
	v := view{Title: "Đánh giá mức độ hài lòng", Data: data, Citizen: s.citizen(r)}
	t, err := s.trackLimited(r, data.Code, data.Secret)
	if err != nil {
		s.fail(w, "rate.html", v, err)
		return
	}
	data.T, data.Done = t, t.Rated
	s.render(w, http.StatusOK, "rate.html", v)
}

func (s *Server) rate(w http.ResponseWriter, r *http.Request) {
	data := newRateData(r)
	v := view{Title: "Đánh giá mức độ hài lòng", Data: data, Citizen: s.citizen(r)}
	for i := range data.R.Scores {
		data.R.Scores[i], _ = strconv.Atoi(r.PostFormValue("score_" + strconv.Itoa(i)))
	}
	data.R.Comment = r.PostFormValue("comment")
	t, err := s.trackLimited(r, data.Code, data.Secret)
	if err == nil {
		data.T = t
		err = s.db.Rate(r.Context(), data.Code, data.Secret, data.R)
	}
	if err != nil {
		s.fail(w, "rate.html", v, err)
		return
	}
	data.Done = true
	v.Flash = "Cảm ơn ông/bà đã đánh giá. Ý kiến được gửi tới lãnh đạo đơn vị giải quyết hồ sơ."
	s.render(w, http.StatusOK, "rate.html", v)
}

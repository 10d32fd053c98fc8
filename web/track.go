package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
)

type trackData struct {
	Code, Secret string
	T            *motcua.Tracking
	Answer       template.HTML // T as answerHTML writes it
}

// TrackPath is the public tracking page the receipt's QR code opens.
const TrackPath = motcua.TrackPath

// TrackURL is the tracking link of a dossier, as printed in its QR code.
func TrackURL(base string, d *motcua.Dossier) string { return motcua.TrackURL(base, d) }

// track answers anyone holding a dossier's code and its secret (or the
// last four digits of the applicant's phone); nobody else learns whether
// the code exists.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := trackData{Code: strings.TrimSpace(q.Get("ma")), Secret: strings.TrimSpace(q.Get("khoa"))}
	v := view{Title: "Tra cứu hồ sơ", Data: &data, Citizen: s.citizen(r)}
	if data.Code == "" && data.Secret == "" {
		s.render(w, http.StatusOK, "track.html", v)
		return
	}
	t, err := s.trackLimited(r, data.Code, data.Secret)
	if err != nil {
		s.fail(w, "track.html", v, err)
		return
	}
	pay := s.trackPayments(r.Context(), t, data.Code, data.Secret) // "" unless it owes or paid fees
	if pay != "" {
		s.allowPaymentForms(w)
	}
	if v.Citizen == nil && s.anonymousTrackPage(w, t, data.Code, data.Secret, pay) {
		return
	}
	data.T, data.Answer = t, answerHTML(t, data.Code, data.Secret)+pay
	s.render(w, http.StatusOK, "track.html", v)
}

// trackLimited is a tracking lookup within the portal's bounds.
func (s *Server) trackLimited(r *http.Request, code, secret string) (t *motcua.Tracking, err error) {
	code, secret = motcua.NormalizeTrackCode(code), motcua.NormalizeTrackSecret(secret)
	err = s.Limits.Lookup(r, code, motcua.WeakFactor(secret), func() error {
		t, err = s.db.Track(r.Context(), code, secret)
		return err
	})
	return t, err
}

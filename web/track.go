package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/motcua/motcua"
)

type trackData struct {
	Code, Secret string
	D            *motcua.Dossier
}

// TrackPath is the public tracking page the receipt's QR code opens. Until
// the citizen portal lands it shows the state and dates only.
const TrackPath = "/tra-cuu"

// TrackURL is the tracking link of a dossier, as printed in its QR code.
func TrackURL(base string, d *motcua.Dossier) string {
	return strings.TrimSuffix(base, "/") + TrackPath + "?" + url.Values{"ma": {d.Code}, "khoa": {d.TrackingSecret}}.Encode()
}

// track answers anyone holding a dossier's code and its secret; nobody
// else learns whether the code exists.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := trackData{Code: strings.TrimSpace(q.Get("ma")), Secret: strings.TrimSpace(q.Get("khoa"))}
	v := view{Title: "Tra cứu hồ sơ", Data: &data}
	if data.Code == "" && data.Secret == "" {
		s.render(w, http.StatusOK, "track.html", v)
		return
	}
	d, err := s.db.Track(r.Context(), data.Code, data.Secret)
	if err != nil {
		s.fail(w, "track.html", v, err)
		return
	}
	data.D = d
	s.render(w, http.StatusOK, "track.html", v)
}

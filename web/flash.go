package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Redirect after POST: a successful POST answers 303 See Other to the page
// it changed, so that a refresh of that page re-reads it instead of posting
// again. The confirmation ("Đã lưu …") rides along in a short-lived cookie
// that the page takes (and clears) when it renders.
//
//	s.redirectFlash(w, r, "/dossiers/5", Flash{Text: "Đã chuyển hồ sơ."})
//	…
//	v := view{…}
//	v.takeFlash(w, r) // on the GET page the redirect leads to
//
// Errors do not redirect: the handler re-renders the form with status 422
// (or the error's own status) and the values typed.

const flashCookie = "motcua_flash"

// flashTTL bounds how long a confirmation waits for its page: long enough
// for a slow redirect, short enough not to surface on a later visit.
const flashTTL = time.Minute

// Flash is a confirmation carried across a redirect.
type Flash struct {
	Text string `json:"t"`
	PDF  string `json:"p,omitempty"` // a form to print at once (view.FlashPDF)
}

// redirectFlash answers a successful POST: 303 to target (a local path,
// with or without a query) with f carried to that page.
func (s *Server) redirectFlash(w http.ResponseWriter, r *http.Request, target string, f Flash) {
	target = safeNext(target)
	if f.Text != "" {
		value, _ := json.Marshal(f)
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(value),
			Path: flashPath(target), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
			MaxAge: int(flashTTL.Seconds())})
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// takeFlash returns the confirmation carried to this page, if any, and
// clears it so that a refresh does not show it again.
func takeFlash(w http.ResponseWriter, r *http.Request) Flash {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return Flash{}
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: flashPath(r.URL.Path), MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	var f Flash
	raw, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(raw, &f) != nil {
		return Flash{}
	}
	if f.PDF != "" && safeNext(f.PDF) != f.PDF { // a cookie is outside input: only local links
		f.PDF = ""
	}
	return f
}

// takeFlash fills the view's confirmation from the redirect that led here,
// unless the handler set one itself.
func (v *view) takeFlash(w http.ResponseWriter, r *http.Request) {
	f := takeFlash(w, r)
	if v.Flash == "" {
		v.Flash, v.FlashPDF = f.Text, f.PDF
	}
}

// flashPath scopes the cookie to the target page, so that another page
// opened meanwhile does not take it.
func flashPath(target string) string {
	if u, err := url.Parse(target); err == nil && strings.HasPrefix(u.Path, "/") {
		return u.Path
	}
	return "/"
}

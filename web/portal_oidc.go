package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/oidc"
)

// Citizens may sign in through an OpenID Connect provider instead of a
// one-time code, when serve is given one: the provider's verified e-mail
// address (or else phone number) becomes the portal session's contact.

const oidcCookie = "motcua_oidc"

// oidcStart sends the browser to the provider, keeping state, nonce and
// the page to come back to in a short-lived cookie.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	if s.OIDC == nil {
		http.NotFound(w, r)
		return
	}
	to, state, nonce := s.OIDC.Start()
	next := portalNext(r.URL.Query().Get("next"))
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: url.Values{"s": {state}, "n": {nonce}, "next": {next}}.Encode(),
		Path: "/xac-thuc/oidc", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: int((10 * time.Minute).Seconds())})
	http.Redirect(w, r, to, http.StatusFound)
}

// oidcCallback finishes the sign-in the provider sent back.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	v := view{Title: "Xác thực người nộp", Data: verifyForm{Next: "/ho-so-cua-toi", OIDC: s.OIDC != nil}}
	c, err := r.Cookie(oidcCookie)
	if s.OIDC == nil || err != nil {
		s.fail(w, "portal_verify.html", v, errOIDC)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/xac-thuc/oidc", MaxAge: -1})
	kept, _ := url.ParseQuery(c.Value)
	if kept.Get("s") == "" || subtle.ConstantTimeCompare([]byte(kept.Get("s")), []byte(r.URL.Query().Get("state"))) != 1 {
		s.fail(w, "portal_verify.html", v, errOIDC)
		return
	}
	claims, err := s.OIDC.Finish(r.Context(), r.URL.Query().Get("code"), kept.Get("n"))
	if err != nil {
		s.log.Warn("sign-in through the identity provider failed", "err", err)
		s.fail(w, "portal_verify.html", v, errOIDC)
		return
	}
	var contact motcua.Contact
	switch {
	case claims.EmailVerified && claims.Email != "":
		contact, err = motcua.ParseContact(claims.Email)
	case claims.PhoneVerified && claims.Phone != "":
		contact, err = motcua.ParseContact(strings.TrimSpace(claims.Phone))
	default:
		err = motcua.Errorf(motcua.EINVALID, "Tài khoản định danh chưa có thư điện tử hoặc số điện thoại đã xác minh; hãy xác thực bằng mã gửi tới thư điện tử hoặc điện thoại.")
	}
	if err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	token, err := s.openSession(r, contact, claims)
	if err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	s.setCitizenCookie(w, r, token)
	http.Redirect(w, r, portalNext(kept.Get("next")), http.StatusSeeOther)
}

// openSession opens the portal session: through VNeID it keeps the
// personal identification number the provider verified (a token without
// a valid one opens nothing: the provider is not what it was said to be).
func (s *Server) openSession(r *http.Request, contact motcua.Contact, claims *oidc.Claims) (string, error) {
	if s.VNeIDClaim == "" {
		return s.db.OpenCitizenSession(r.Context(), contact)
	}
	return s.db.OpenVNeIDSession(r.Context(), contact, claims.Claim(s.VNeIDClaim))
}

// citizenVNeID is the personal identification number the request's portal
// session verified with VNeID; "" for none.
func (s *Server) citizenVNeID(r *http.Request) string {
	c, err := r.Cookie(s.citizenCookieName(r))
	if err != nil {
		return ""
	}
	n, err := s.db.SessionVNeID(r.Context(), c.Value)
	if err != nil {
		s.log.Warn("portal session: VNeID number", "err", err)
	}
	return n
}

var errOIDC = motcua.Errorf(motcua.EUNAUTHORIZED, "Đăng nhập qua tài khoản định danh không thành công hoặc đã quá thời gian; hãy thử lại.")

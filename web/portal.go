package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/ratelimit"
)

// The citizen portal (Cổng dịch vụ công): the home page, tracking, online
// filing and rating. Its pages work without JavaScript; citizens prove an
// e-mail address or phone number with a one-time code instead of holding
// an account.

const citizenCookie = "motcua_citizen"

// home is the portal's front page; officers go on to their first page.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if token := s.sessionToken(r); token != "" {
		if a, err := s.db.SessionActor(r.Context(), token); err == nil {
			http.Redirect(w, r, s.firstPage(r.Context(), a), http.StatusSeeOther)
			return
		}
	}
	s.render(w, http.StatusOK, "portal_home.html", view{Title: "Cổng dịch vụ công", Citizen: s.citizen(r)})
}

// notFound answers an address no page has (a mistyped link, an old
// bookmark) in Vietnamese, with the portal's menu to go on from, instead
// of the mux's bare English "404 page not found".
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusNotFound, "error.html", view{Title: "Không tìm thấy trang", Citizen: s.citizen(r),
		Error: "Không tìm thấy trang này. Địa chỉ có thể đã gõ sai hoặc trang đã chuyển; hãy quay về trang chủ hoặc chọn mục trên thanh điều hướng."})
}

// citizen is the contact of the request's portal session, if any.
func (s *Server) citizen(r *http.Request) *motcua.Contact {
	c, err := r.Cookie(s.citizenCookieName(r))
	if err != nil {
		return nil
	}
	contact, err := s.db.CitizenSession(r.Context(), c.Value)
	if err != nil {
		return nil
	}
	return &contact
}

type citizenHandler func(w http.ResponseWriter, r *http.Request, c motcua.Contact)

// withCitizen requires a portal session; without one it asks for the
// one-time code first and comes back.
func (s *Server) withCitizen(h citizenHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := s.citizen(r)
		if c == nil {
			http.Redirect(w, r, "/xac-thuc?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(w, r, *c)
	}
}

type verifyForm struct {
	Contact, Next string
	Sent          bool
	OIDC          bool // an identity provider is configured
}

func (s *Server) verifyPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "portal_verify.html", view{Title: "Xác thực người nộp",
		Data: verifyForm{Next: portalNext(r.URL.Query().Get("next")), OIDC: s.OIDC != nil}})
}

// sendCode sends a one-time code to the contact typed in.
func (s *Server) sendCode(w http.ResponseWriter, r *http.Request) {
	form := verifyForm{Contact: strings.TrimSpace(r.PostFormValue("contact")), Next: portalNext(r.PostFormValue("next")), OIDC: s.OIDC != nil}
	v := view{Title: "Xác thực người nộp", Data: &form}
	c, err := motcua.ParseContact(form.Contact)
	if err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	if err := s.Limits.AllowCode(r); err != nil {
		if err == ratelimit.ErrOverloaded {
			s.log.Warn("one-time code ceiling reached: a code was refused (see motcua_codes_refused_total)")
		}
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	if err := s.db.RequestCode(r.Context(), c); err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	form.Contact, form.Sent = c.String(), true
	v.Flash = "Đã gửi mã xác thực tới " + c.String() + ". Mã có hiệu lực 10 phút."
	s.render(w, http.StatusOK, "portal_verify.html", v)
}

// checkCode verifies the code and opens the portal session.
func (s *Server) checkCode(w http.ResponseWriter, r *http.Request) {
	form := verifyForm{Contact: strings.TrimSpace(r.PostFormValue("contact")), Next: portalNext(r.PostFormValue("next")), Sent: true, OIDC: s.OIDC != nil}
	v := view{Title: "Xác thực người nộp", Data: &form}
	c, err := motcua.ParseContact(form.Contact)
	if err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	if err := s.Limits.AllowGuess(r); err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	token, err := s.db.VerifyCode(r.Context(), c, strings.TrimSpace(r.PostFormValue("code")))
	if err != nil {
		s.fail(w, "portal_verify.html", v, err)
		return
	}
	s.setCitizenCookie(w, r, token)
	http.Redirect(w, r, form.Next, http.StatusSeeOther)
}

// citizenCookieName: under https the __Host- prefix, as for the officers'
// session (sessionCookieName), so a sibling subdomain or a plain-http page
// cannot plant or shadow a citizen's session.
func (s *Server) citizenCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-" + citizenCookie
	}
	return citizenCookie
}

func (s *Server) setCitizenCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.citizenCookieName(r), Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: int((2 * time.Hour).Seconds())})
}

func (s *Server) citizenLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.citizenCookieName(r)); err == nil {
		s.db.EndCitizenSession(r.Context(), c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: s.citizenCookieName(r), Value: "", Path: "/", MaxAge: -1, Secure: s.secure(r)})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// portalNext keeps the return address on the portal's own pages.
func portalNext(next string) string {
	if safe := safeNext(next); safe != "/worklist" {
		return safe
	}
	return "/ho-so-cua-toi"
}

var errTooMany = ratelimit.ErrTooMany

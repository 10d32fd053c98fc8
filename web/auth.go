package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

type handler func(http.ResponseWriter, *http.Request, *motcua.Actor)

// authed runs h for a logged-in actor; others go to the login page and come
// back where they were.
func (s *Server) authed(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := s.db.SessionActor(r.Context(), s.sessionToken(r))
		if err != nil {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(w, r, a)
	}
}

// at runs h for a logged-in actor who may enter the desk (the one policy,
// motcua.Actor.MayEnter), before the handler reads the request; others
// get a page saying so.
func (s *Server) at(desk motcua.Desk, h handler) http.HandlerFunc {
	return s.authed(func(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
		if !a.MayEnter(desk) {
			s.fail(w, "error.html", view{Title: "Không có quyền", Actor: a},
				motcua.Errorf(motcua.EFORBIDDEN, "%s", desk.Refusal()))
			return
		}
		h(w, r, a)
	})
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "login.html", view{Title: "Đăng nhập", Data: loginForm{Next: safeNext(r.URL.Query().Get("next")), SSO: s.StaffOIDC != nil}})
}

type loginForm struct {
	Username, Next string
	SSO            bool // a single sign-on provider is configured
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	form := loginForm{Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next")), SSO: s.StaffOIDC != nil}
	res, err := s.db.Login(r.Context(), form.Username, r.PostFormValue("password"))
	if err != nil {
		s.fail(w, "login.html", view{Title: "Đăng nhập", Data: form}, err)
		return
	}
	s.startSession(w, r, res, form.Next)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if token := s.sessionToken(r); token != "" {
		s.db.Logout(r.Context(), token)
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(r), Value: "", Path: "/", MaxAge: -1, Secure: s.secure(r)})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// sessionCookieName: under https the __Host- prefix makes browsers accept
// the cookie only Secure, for this host alone and the whole path, so a
// sibling subdomain or a plain-http page cannot plant or shadow an
// officer's session. Plain http (a loopback demo) keeps the plain name,
// which browsers would refuse with the prefix.
func (s *Server) sessionCookieName(r *http.Request) string {
	if s.secure(r) {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

func (s *Server) sessionToken(r *http.Request) string {
	if c, err := r.Cookie(s.sessionCookieName(r)); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(r), Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: int(store.SessionTTL.Seconds())})
}

// safeNext keeps redirects after login on this site; "" (no page asked
// for, or one elsewhere) lands the officer on their first page.
// Browsers drop tabs and newlines from URLs, so "/\t/evil" would become
// "//evil": any control character, space or backslash rejects the target.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }) {
		return ""
	}
	return next
}

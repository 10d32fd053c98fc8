package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/store"
)

// Single sign-on for officers (issue 9): with a provider configured
// (--staff-oidc-issuer), the login page offers it; the provider's verified
// e-mail address names the officer's account. The provider's own second
// factor counts (its "amr" claim); otherwise motcua asks for its own.

const staffOIDCCookie = "motcua_staff_oidc"

func (s *Server) mountStaffOIDC(mux httpmux.Mux) {
	mux.HandleFunc("GET /login/oidc", s.staffOIDCStart)
	mux.HandleFunc("GET /login/oidc/callback", s.staffOIDCCallback)
}

func (s *Server) staffOIDCStart(w http.ResponseWriter, r *http.Request) {
	if s.StaffOIDC == nil {
		http.NotFound(w, r)
		return
	}
	to, state, nonce := s.StaffOIDC.Start()
	http.SetCookie(w, &http.Cookie{Name: staffOIDCCookie, Value: url.Values{"s": {state}, "n": {nonce}, "next": {safeNext(r.URL.Query().Get("next"))}}.Encode(),
		Path: "/login/oidc", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: int((10 * time.Minute).Seconds())})
	http.Redirect(w, r, to, http.StatusFound)
}

func (s *Server) staffOIDCCallback(w http.ResponseWriter, r *http.Request) {
	v := view{Title: "Đăng nhập", Data: loginForm{Next: "/worklist", SSO: s.StaffOIDC != nil}}
	c, err := r.Cookie(staffOIDCCookie)
	if s.StaffOIDC == nil || err != nil {
		s.fail(w, "login.html", v, errStaffOIDC)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: staffOIDCCookie, Value: "", Path: "/login/oidc", MaxAge: -1})
	kept, _ := url.ParseQuery(c.Value)
	if kept.Get("s") == "" || subtle.ConstantTimeCompare([]byte(kept.Get("s")), []byte(r.URL.Query().Get("state"))) != 1 {
		s.fail(w, "login.html", v, errStaffOIDC)
		return
	}
	claims, err := s.StaffOIDC.Finish(r.Context(), r.URL.Query().Get("code"), kept.Get("n"))
	if err != nil {
		s.log.Warn("officer's single sign-on failed", "err", err)
		s.fail(w, "login.html", v, errStaffOIDC)
		return
	}
	if !claims.EmailVerified || claims.Email == "" {
		s.fail(w, "login.html", v, motcua.Errorf(motcua.EUNAUTHORIZED, "Tài khoản đăng nhập một lần chưa có thư điện tử đã xác minh."))
		return
	}
	res, err := s.db.LoginExternal(r.Context(), claims.Email, claims.MultiFactor())
	if err != nil {
		s.fail(w, "login.html", v, err)
		return
	}
	s.startSession(w, r, res, safeNext(kept.Get("next")))
}

var errStaffOIDC = motcua.Errorf(motcua.EUNAUTHORIZED, "Đăng nhập một lần không thành công hoặc đã quá thời gian; hãy thử lại.")

// startSession sets the session cookie and sends the officer on: to the
// second factor's page when the session waits for one.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, res store.LoginResult, next string) {
	s.setSessionCookie(w, r, res.Token)
	switch res.Stage {
	case store.StageCode:
		http.Redirect(w, r, codePath+"?next="+url.QueryEscape(next), http.StatusSeeOther)
	case store.StageEnroll:
		http.Redirect(w, r, enrolPath+"?next="+url.QueryEscape(next), http.StatusSeeOther)
	default:
		http.Redirect(w, r, s.landing(r, next, res.Token), http.StatusSeeOther)
	}
}

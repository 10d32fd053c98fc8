package web

import (
	"html/template"
	"net/http"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/store"
)

// The second factor's pages (issue 9): after the password, a code from the
// authenticator app (or a recovery code); administrators and leaders who
// have no app yet set one up before anything else.
const (
	codePath  = "/login/ma"
	enrolPath = "/login/cai-dat"
)

func (s *Server) mountSecondFactor(mux httpmux.Mux) {
	mux.HandleFunc("GET "+codePath, s.codePage)
	mux.HandleFunc("POST "+codePath, s.checkSecondFactor)
	mux.HandleFunc("GET "+enrolPath, s.enrolPage)
	mux.HandleFunc("POST "+enrolPath, s.confirmEnrolment)
	mux.HandleFunc("GET /account", s.at(motcua.DeskOfficer, s.accountPage))
	mux.HandleFunc("POST /account/sessions/revoke", s.at(motcua.DeskOfficer, s.revokeMySessions))
}

type factorForm struct {
	Next      string
	Secret    string
	QR        template.HTML
	Recovery  []string
	Requested bool // the role requires the app
}

func (s *Server) codePage(w http.ResponseWriter, r *http.Request) {
	if p, err := s.db.Pending(r.Context(), s.sessionToken(r)); err != nil || p.Stage != store.StageCode {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	s.render(w, http.StatusOK, "second_factor.html", view{Title: "Mã xác thực", Data: factorForm{Next: safeNext(r.URL.Query().Get("next"))}})
}

func (s *Server) checkSecondFactor(w http.ResponseWriter, r *http.Request) {
	form := factorForm{Next: safeNext(r.PostFormValue("next"))}
	fresh, err := s.db.SecondFactor(r.Context(), s.sessionToken(r), r.PostFormValue("code"))
	switch motcua.ErrorCode(err) {
	case "":
		s.setSessionCookie(w, r, fresh)
		http.Redirect(w, r, s.landing(r, form.Next, fresh), http.StatusSeeOther)
	case motcua.EUNAUTHORIZED:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	default:
		s.fail(w, "second_factor.html", view{Title: "Mã xác thực", Data: form}, err)
	}
}

func (s *Server) enrolPage(w http.ResponseWriter, r *http.Request) {
	s.renderEnrolment(w, r, safeNext(r.URL.Query().Get("next")), nil)
}

// renderEnrolment shows the secret as a QR code and as text, with the form
// for the first code.
func (s *Server) renderEnrolment(w http.ResponseWriter, r *http.Request, next string, failure error) {
	token := s.sessionToken(r)
	p, err := s.db.Pending(r.Context(), token)
	if err != nil || p.Stage == store.StageCode {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	e, err := s.db.StartEnrolment(r.Context(), token)
	if err != nil {
		s.fail(w, "error.html", view{Title: "Xác thực hai lớp"}, err)
		return
	}
	qr, err := qrcode.New(e.URI, qrcode.Medium)
	if err != nil {
		s.fail(w, "error.html", view{Title: "Xác thực hai lớp"}, err)
		return
	}
	v := view{Title: "Cài ứng dụng xác thực", Data: factorForm{Next: next, Secret: e.Secret, QR: template.HTML(qrSVG(qr.Bitmap())),
		Requested: p.Stage == store.StageEnroll}}
	if failure != nil {
		s.fail(w, "enrol.html", v, failure)
		return
	}
	s.render(w, http.StatusOK, "enrol.html", v)
}

func (s *Server) confirmEnrolment(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	codes, fresh, err := s.db.ConfirmEnrolment(r.Context(), s.sessionToken(r), r.PostFormValue("code"), r.PostFormValue("password"))
	switch motcua.ErrorCode(err) {
	case "":
		s.setSessionCookie(w, r, fresh)
		s.render(w, http.StatusOK, "recovery.html", view{Title: "Mã khôi phục", Data: factorForm{Next: s.landing(r, next, fresh), Recovery: codes}})
	case motcua.EUNAUTHORIZED:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	default:
		s.renderEnrolment(w, r, next, err)
	}
}

type accountData struct {
	Sessions []store.SessionInfo
	HasApp   bool // an authenticator is set up: replacing it is an administrator's reset
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	list, err := s.db.Sessions(r.Context(), s.sessionToken(r))
	data := accountData{Sessions: list}
	if err == nil {
		data.HasApp, err = s.db.HasSecondFactor(r.Context(), a.User.ID)
	}
	v := view{Title: "Tài khoản", Actor: a, Data: data, Flash: flashOf(r)}
	if err != nil {
		s.fail(w, "account.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "account.html", v)
}

func (s *Server) revokeMySessions(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if _, err := s.db.RevokeSessions(r.Context(), a.User.Username); err != nil {
		s.fail(w, "error.html", view{Title: "Tài khoản", Actor: a}, err)
		return
	}
	http.Redirect(w, r, "/login?da-dang-xuat=1", http.StatusSeeOther)
}

// flashOf is the short confirmation a redirect carried.
func flashOf(r *http.Request) string {
	if r.URL.Query().Get("ok") != "" {
		return "Đã lưu."
	}
	return ""
}

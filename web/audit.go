package web

import (
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The audit trail's page (issue 9): administrators look up who read or
// changed a dossier, or what an account did, and check the chain.

type auditData struct {
	Object, Actor, From string
	Entries             []motcua.AuditEntry
	Check               *store.AuditCheck
}

func (s *Server) registerAudit(mux Mux) {
	mux.HandleFunc("POST /audit/verify", s.at(motcua.DeskAdmin, s.auditVerify))
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if !s.mayAudit(w, r, a) {
		return
	}
	q := r.URL.Query()
	data := &auditData{Object: strings.TrimSpace(q.Get("object")), Actor: strings.TrimSpace(q.Get("actor")), From: strings.TrimSpace(q.Get("from"))}
	if strings.HasPrefix(data.Actor, "user:") && !strings.Contains(data.Actor, " ") {
		data.Actor += " " // "user:12" is that account, not user:120
	}
	s.renderAudit(w, r, a, data)
}

func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, a *motcua.Actor, data *auditData) {
	v := view{Title: "Nhật ký kiểm tra", Actor: a, Data: data}
	f := store.AuditFilter{Object: data.Object, Actor: data.Actor, Limit: 200}
	if data.From != "" {
		from, err := motcua.ParseDateTime(data.From)
		if err != nil {
			s.fail(w, "audit.html", v, motcua.FieldError("from", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
			return
		}
		f.From = from
	}
	entries, err := s.db.AuditLog(r.Context(), f)
	if err != nil {
		s.fail(w, "audit.html", v, err)
		return
	}
	data.Entries = entries
	s.render(w, http.StatusOK, "audit.html", v)
}

// auditVerify walks the whole chain (seconds for millions of entries): on
// request, not on every view.
func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if !s.mayAudit(w, r, a) {
		return
	}
	check, err := s.db.VerifyAudit(r.Context(), nil)
	if err != nil {
		s.fail(w, "audit.html", view{Title: "Nhật ký kiểm tra", Actor: a, Data: &auditData{}}, err)
		return
	}
	s.renderAudit(w, r, a, &auditData{Check: &check})
}

// mayAudit answers the administrators of a commune that the trail is the
// top unit's to read.
func (s *Server) mayAudit(w http.ResponseWriter, r *http.Request, a *motcua.Actor) bool {
	ok, err := s.db.MayAudit(r.Context(), a)
	if err == nil && !ok {
		err = motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị của đơn vị cấp trên cùng (huyện, tỉnh) xem được nhật ký kiểm tra.")
	}
	if err != nil {
		s.fail(w, "error.html", view{Title: "Nhật ký kiểm tra", Actor: a}, err)
		return false
	}
	return true
}

package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/store"
)

// The audit trail's page (issue 9): administrators look up who read or
// changed a dossier, or what an account did, and check the chain.

type auditData struct {
	Object, Actor, From string
	Entries             []motcua.AuditEntry
	Check               *store.AuditCheck
	// The page's place in the trail (entry ids from the query) and the
	// links to the pages beside it, each keeping the filters.
	before, after        int64
	filters              url.Values
	NewerLink, OlderLink template.URL
}

// auditPageSize entries a page: a keyset on the entry id walks the trail,
// so a page deep in it costs what the first does.
const auditPageSize = 50

func (s *Server) mountAudit(mux httpmux.Mux) {
	mux.HandleFunc("POST /audit/verify", s.at(motcua.DeskAdmin, s.auditVerify))
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if !s.mayAudit(w, r, a) {
		return
	}
	q := r.URL.Query()
	data := &auditData{Object: strings.TrimSpace(q.Get("object")), Actor: strings.TrimSpace(q.Get("actor")), From: strings.TrimSpace(q.Get("from"))}
	data.filters = url.Values{"object": {data.Object}, "actor": {data.Actor}, "from": {data.From}}
	data.before, _ = strconv.ParseInt(q.Get("before"), 10, 64) // not a number: the newest page
	data.after, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	if strings.HasPrefix(data.Actor, "user:") && !strings.Contains(data.Actor, " ") {
		data.Actor += " " // "user:12" is that account, not user:120
	}
	s.renderAudit(w, r, a, data)
}

func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, a *motcua.Actor, data *auditData) {
	v := view{Title: "Nhật ký kiểm tra", Actor: a, Data: data}
	f := store.AuditFilter{Object: data.Object, Actor: data.Actor}
	if data.From != "" {
		from, err := motcua.ParseDateTime(data.From)
		if err != nil {
			s.fail(w, "audit.html", v, motcua.FieldError("from", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
			return
		}
		f.From = from
	}
	if err := s.auditEntries(r.Context(), f, data); err != nil {
		s.fail(w, "audit.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "audit.html", v)
}

// auditEntries fills the page the data's cursor points to, one entry more
// than shown telling whether the trail goes on that way. Pages are stepped
// through from a shown entry, so the way back always has entries; a page
// "newer" that reaches the newest entry is the first page, full.
func (s *Server) auditEntries(ctx context.Context, f store.AuditFilter, data *auditData) error {
	f.Limit, f.Before, f.After = auditPageSize+1, data.before, data.after
	list, err := s.db.AuditLog(ctx, f)
	if err != nil {
		return err
	}
	newer := f.After > 0 && len(list) > auditPageSize
	if f.After > 0 && !newer {
		f.After = 0
		if list, err = s.db.AuditLog(ctx, f); err != nil {
			return err
		}
	}
	older := f.After > 0 || len(list) > auditPageSize
	if newer {
		list = list[1:] // the extra is the newest, above the page
	} else {
		newer = f.Before > 0
		list = list[:min(len(list), auditPageSize)]
	}
	data.Entries = list
	if newer && len(list) > 0 {
		data.NewerLink = cursorLink("/audit", data.filters, "after", list[0].ID)
	}
	if older && len(list) > 0 {
		data.OlderLink = cursorLink("/audit", data.filters, "before", list[len(list)-1].ID)
	}
	return nil
}

// cursorLink is path with the filters, those that are set, and a cursor.
// Typed as a URL, like pageLink's, for html/template to keep the query.
func cursorLink(path string, filters url.Values, key string, id int64) template.URL {
	c := url.Values{key: {strconv.FormatInt(id, 10)}}
	for k, v := range filters {
		if len(v) > 0 && v[0] != "" {
			c[k] = v
		}
	}
	return template.URL(path + "?" + c.Encode())
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

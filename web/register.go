package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
)

type registerData struct {
	Units    []*motcua.Unit
	UnitID   int64
	From, To string // yyyy-mm-dd, To inclusive as people say it
}

// registerPage asks for the unit and period of the register (form 07).
func (s *Server) registerPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	now := s.db.Now().In(motcua.VN)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, motcua.VN)
	data := registerData{From: first.Format("2006-01-02"), To: now.Format("2006-01-02")}
	for _, id := range a.HandledUnitIDs() {
		if u, err := s.db.Unit(r.Context(), id); err == nil {
			data.Units = append(data.Units, u)
		}
	}
	s.render(w, http.StatusOK, "register.html", view{Title: "Sổ theo dõi hồ sơ", Actor: a, Data: data})
}

// registerPDF prints the register of a unit for a period: from and to are
// days, both included.
func (s *Server) registerPDF(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Sổ theo dõi hồ sơ", Actor: a}
	q := r.URL.Query()
	unitID, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	from, last, err := periodDays(q.Get("from"), q.Get("to"))
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	to := last.AddDate(0, 0, 1)
	rows, err := s.db.Register(r.Context(), a, unitID, from, to)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	digitised, err := s.db.DigitisedComponents(r.Context(), a, rows)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	rd := forms.RegisterData{Header: s.header(r.Context(), unitID, true), From: from, To: to}
	for i, d := range rows {
		lead := s.unitName(r.Context(), d.DecidingUnitID)
		rd.Rows = append(rd.Rows, forms.RegisterRow{No: i + 1, Code: d.Code, ProcedureName: d.ProcedureName, Sets: d.Sets,
			ApplicantName: d.Applicant.Name, Contact: motcua.Mask(d.Applicant.Phone), LeadUnit: lead,
			ReceivedAt: d.AcceptedAt, DueAt: d.Due(), SentAt: d.SentAt, ResultAt: d.ResultAt, ReturnedAt: d.ReturnedAt,
			Note: joinNotes(registerNote(d), digitisedNote(d, digitised[d.ID]))})
	}
	var buf bytes.Buffer
	if err := forms.Register(&buf, rd); err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	sendPDF(w, r, fmt.Sprintf("so-theo-doi-%s-%s.pdf", q.Get("from"), q.Get("to")), buf.Bytes())
}

// periodDays reads a period given as two days, both included, written
// yyyy-mm-dd (as date pickers send) or dd/mm/yyyy (as people type).
func periodDays(from, to string) (first, last time.Time, err error) {
	if first, err = parseDay("from", from); err != nil {
		return first, last, err
	}
	last, err = parseDay("to", to)
	return first, last, err
}

// registerNote says what the dates alone do not: withdrawn, stopped,
// extended, linked.
func registerNote(d *motcua.Dossier) string {
	switch {
	case d.State == motcua.StateWithdrawn || d.State == motcua.StateStopped:
		return d.State.Label()
	case !d.PromisedAt.IsZero():
		return "Đã xin lỗi, hẹn lại"
	case len(d.Parts) > 0:
		return "Liên thông"
	}
	return ""
}

// refusalForm prints form 03 of a refusal at intake.
func (s *Server) refusalForm(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Phiếu từ chối", Actor: a}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	ref, officer, err := s.db.RefusalByID(r.Context(), a, id)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	procName := ""
	if p, err := s.db.Procedure(r.Context(), ref.ProcedureID); err == nil {
		procName = p.Name
	}
	var buf bytes.Buffer
	if err := forms.Refusal(&buf, forms.RefusalData{Header: s.header(r.Context(), ref.UnitID, true), ApplicantName: ref.Applicant.Name,
		ProcedureName: procName, Reasons: ref.Reason, At: ref.At, Officer: officer}); err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	sendPDF(w, r, fmt.Sprintf("mau-03-tu-choi-%d.pdf", id), buf.Bytes())
}

// digitisedNote says how many of the dossier's components were digitised
// (issue 18): "Đã số hóa 2/3 thành phần"; nothing for a dossier that
// recorded no component.
func digitisedNote(d *motcua.Dossier, digitised int) string {
	if len(d.Documents) == 0 {
		return ""
	}
	if digitised >= len(d.Documents) {
		return fmt.Sprintf("Đã số hóa đủ %d/%d thành phần", digitised, len(d.Documents))
	}
	return fmt.Sprintf("Đã số hóa %d/%d thành phần", digitised, len(d.Documents))
}

// joinNotes joins the notes that are not empty.
func joinNotes(notes ...string) string {
	return strings.Join(slices.DeleteFunc(notes, func(s string) bool { return s == "" }), "; ")
}

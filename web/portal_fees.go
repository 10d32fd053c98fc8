package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// Online filing states the copies and pages the fee lines count and shows
// the bill before sending (issue 19). No exemption is claimed online: an
// officer grants one on proof at the counter (docs/fees.md). The bill is
// computed again, and kept, when the one-stop accepts the submission.

// readSubmission fills the form's submission from what was typed (posted,
// or, without JavaScript, the query of "Tính số tiền").
func (d *onlineFormData) readSubmission(form url.Values) error {
	get := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	unitID, _ := strconv.ParseInt(get("unit"), 10, 64)
	locality, _ := strconv.ParseInt(get("locality"), 10, 64)
	returnAt, _ := strconv.ParseInt(get("return_unit"), 10, 64)
	d.S = motcua.Submission{Key: form.Get("key"), ProcedureID: d.P.ID, UnitID: unitID, Note: get("note"),
		Competence: motcua.FactsFor(d.P.Competence, locality), ReturnUnitID: returnAt,
		Delivery: motcua.Delivery(form.Get("delivery")), DeliveryTo: get("delivery_to"),
		Applicant: motcua.Applicant{Name: form.Get("name"), IDNumber: get("id_number"), Address: get("address"),
			Phone: get("phone"), Email: get("email")}}
	d.Key = d.S.Key
	d.Fees = readFeeFields(url.Values{"copies": form["copies"], "pages": form["pages"]}) // never an exemption
	q, err := d.Fees.quantities()
	d.S.Fees = motcua.FeeQuantities{Copies: q.Copies, Pages: q.Pages}
	return err
}

// FeeForm is the filing form's fee fieldset: quantities and the bill for
// the one set filed; nil when the version states no fee lines.
func (d *onlineFormData) FeeForm() *feeForm { return newFeeForm(d.P, d.Fees, "1", false) }

// onlineFees answers GET /nop-truc-tuyen/{id}/phi: the bill for the
// quantities typed (htmx), or, without JavaScript, the form again as typed
// (files are chosen again) with its bill.
func (s *Server) onlineFees(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	data, err := s.onlineFormData(r, c)
	v := view{Title: "Nộp hồ sơ trực tuyến", Data: data, Citizen: &c}
	if err == nil {
		r.ParseForm() // a query only: nothing to fail on that FormValue would not
		err = data.readSubmission(r.Form)
	}
	if r.Header.Get("HX-Request") == "" {
		if err != nil {
			s.fail(w, "portal_form.html", v, err)
			return
		}
		s.render(w, http.StatusOK, "portal_form.html", v)
		return
	}
	if data == nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	ff := data.FeeForm()
	if ff == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.render(w, http.StatusOK, "_fee_bill.html", view{Data: ff.Bill})
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// The "Phí, lệ phí" part of the intake form (issue 19): the quantities the
// version's fee lines count, an exemption per line that has some (with the
// officer's reason), and the bill computed before acceptance. The store
// computes the bill again at acceptance (ledger.IntakeBill): what is shown
// here is a preview, never what is kept.

// feeFields are the fee quantities and exemptions as typed.
type feeFields struct {
	Copies, Pages string
	Exempt        map[int]bool
	Reasons       map[int]string
}

const exemptReasonPrefix = "exempt_reason_"

// readFeeFields reads the fee fields of a form (posted, or a query).
func readFeeFields(form url.Values) feeFields {
	f := feeFields{Copies: strings.TrimSpace(form.Get("copies")), Pages: strings.TrimSpace(form.Get("pages")),
		Exempt: map[int]bool{}, Reasons: map[int]string{}}
	for _, s := range form["exempt"] {
		if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < motcua.MaxFeeLines {
			f.Exempt[i] = true
		}
	}
	for k, vals := range form {
		i, err := strconv.Atoi(strings.TrimPrefix(k, exemptReasonPrefix))
		if err == nil && strings.HasPrefix(k, exemptReasonPrefix) && i >= 0 && i < motcua.MaxFeeLines && len(vals) > 0 {
			f.Reasons[i] = motcua.NFC(strings.TrimSpace(vals[0]))
		}
	}
	return f
}

// quantities turns the fields into what ledger.ComputeFees reads; sets
// come from the form's "Số bộ hồ sơ".
func (f feeFields) quantities() (motcua.FeeQuantities, error) {
	var q motcua.FeeQuantities
	for _, n := range []struct {
		typed, field, name string
		into               *int
	}{{f.Copies, "copies", "Số bản", &q.Copies}, {f.Pages, "pages", "Số trang", &q.Pages}} {
		if n.typed == "" {
			continue
		}
		v, err := strconv.Atoi(n.typed)
		if err != nil {
			return q, motcua.FieldError(n.field, "%s phải là một số nguyên.", n.name)
		}
		*n.into = v
	}
	lines := make([]int, 0, len(f.Exempt))
	for i := range f.Exempt {
		lines = append(lines, i)
	}
	slices.Sort(lines)
	for _, i := range lines {
		q.Exempt = append(q.Exempt, motcua.FeeExemptionClaim{Line: i, Reason: f.Reasons[i]})
	}
	return q, nil
}

// feeForm is the fieldset: which quantities to ask for, the lines that
// may be exempted, what was typed and the bill it gives.
type feeForm struct {
	Copies, Pages bool
	Exemptible    []exemptChoice
	Form          feeFields
	Bill          *billView
}

// exemptChoice is a line that has exemptions, offered with a checkbox.
type exemptChoice struct {
	Index  int
	Line   *motcua.FeeLine
	Exempt bool
	Reason string
}

// FeeForm is the fee fieldset of the intake form; nil when the version
// does not state fee lines (free, or a note only: nothing to compute).
func (d intakeData) FeeForm() *feeForm {
	return newFeeForm(d.Procedure, d.Form.Fees, d.Form.Sets, true)
}

// newFeeForm is the fee fieldset of a form for version p with what was
// typed; exemptions are offered only where an officer grants them.
func newFeeForm(p *motcua.Procedure, f feeFields, sets string, exemptions bool) *feeForm {
	if p == nil || !p.FeesStated || len(p.FeeLines) == 0 {
		return nil
	}
	if f.Exempt == nil {
		f = feeFields{Copies: f.Copies, Pages: f.Pages, Exempt: map[int]bool{}, Reasons: map[int]string{}}
	}
	ff := &feeForm{Form: f, Bill: previewBill(p, f, sets)}
	for i := range p.FeeLines {
		l := &p.FeeLines[i]
		over := l.Basis
		if over == motcua.FeeTable {
			over = l.Over
		}
		ff.Copies = ff.Copies || over == motcua.FeePerCopy
		ff.Pages = ff.Pages || over == motcua.FeePerPage
		if exemptions && len(l.Exemptions) > 0 {
			ff.Exemptible = append(ff.Exemptible, exemptChoice{Index: i, Line: l, Exempt: f.Exempt[i], Reason: f.Reasons[i]})
		}
	}
	return ff
}

// previewBill computes the bill the form's fields give, as acceptance
// will; an error is shown in its place.
func previewBill(p *motcua.Procedure, f feeFields, sets string) *billView {
	in := motcua.Intake{Sets: 1}
	if n, err := strconv.Atoi(strings.TrimSpace(sets)); err == nil && n > 0 {
		in.Sets = n
	}
	var bill *motcua.FeeBill
	q, err := f.quantities()
	if err == nil {
		in.Fees = q
		bill, err = ledger.IntakeBill(p, in)
	}
	if err != nil {
		return &billView{Error: motcua.ErrorMessage(err)}
	}
	return newBillView(p, bill)
}

// intakeFees answers GET /intake/fees: the bill for the quantities typed
// (htmx, as they change), or, without JavaScript, the intake page with the
// form as sent and its bill.
func (s *Server) intakeFees(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	procID, _ := strconv.ParseInt(r.FormValue("procedure"), 10, 64)
	if r.Header.Get("HX-Request") == "" {
		v := view{Title: "Tiếp nhận hồ sơ", Actor: a}
		d, err := s.intakeData(r, a, procID)
		if err == nil {
			r.PostForm = r.Form // readIntakeForm reads the posted fields; here they came in the query
			d.Form = readIntakeForm(r)
		}
		v.Data = d
		if err != nil {
			s.fail(w, "intake.html", v, err)
			return
		}
		s.render(w, http.StatusOK, "intake.html", v)
		return
	}
	p, err := s.db.Procedure(r.Context(), procID)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	bill := previewBill(p, readFeeFields(r.Form), r.FormValue("sets"))
	if bill == nil { // fees not stated as lines: nothing to show
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.render(w, http.StatusOK, "_fee_bill.html", view{Data: bill})
}

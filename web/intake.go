package web

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

type intakeData struct {
	Query     string
	Options   []*motcua.Procedure
	Procedure *motcua.Procedure
	Units     []*motcua.Unit
	Form      intakeForm
	Channels  []motcua.Channel
	// Choices are offered when the procedure names its competent unit by
	// a rule, or the unit is a service centre (ShowReturn).
	Choices    competenceChoices
	ShowReturn bool
	// Held is what the citizen's store holds for the identity number,
	// shown again with a form that chose from it (citizen_store.go).
	Held *heldView
	// PopulationDB: the national population database is connected;
	// Population is its answer shown with the form (intake_population.go).
	PopulationDB     bool
	PopulationSample bool // the demo's invented registry (Server.PopulationSample)
	Population       *populationView
}

// intakeForm keeps what the officer typed, so an error never loses it.
type intakeForm struct {
	UnitID                                int64
	Channel                               string
	Name, IDNumber, Address, Phone, Email string
	Sets                                  string
	At, Reason, Note                      string
	Key                                   string // one per form shown: a double submit accepts one dossier
	Checked                               map[int]bool
	Counts                                map[int]string
	Reuse                                 map[int]string // a held document's Ref chosen for a component
	Valid                                 map[int]string // the validity typed for a component, echoed back
	Competence                            competenceFields
	Fees                                  feeFields
}

func (s *Server) intakeData(r *http.Request, a *motcua.Actor, procID int64) (intakeData, error) {
	ctx := r.Context()
	d := intakeData{PopulationDB: s.Population != nil, PopulationSample: s.PopulationSample, Query: motcua.NFC(r.FormValue("q")), Channels: []motcua.Channel{motcua.ChannelCounter, motcua.ChannelPost, motcua.ChannelOnline},
		Form: intakeForm{Channel: string(motcua.ChannelCounter), Sets: "1", Checked: map[int]bool{}, Counts: map[int]string{}, Key: rand.Text()}}
	for _, id := range a.UnitsWith(motcua.RoleCounter) {
		if u, err := s.db.Unit(ctx, id); err == nil && u.ReceivesDossiers() {
			d.Units = append(d.Units, u)
		}
	}
	if len(d.Units) == 0 {
		return d, motcua.Errorf(motcua.EFORBIDDEN, "Tài khoản của bạn không được giao tiếp nhận hồ sơ tại đơn vị nào.")
	}
	if procID != 0 {
		p, err := s.db.Procedure(ctx, procID)
		if err != nil {
			return d, err
		}
		d.Procedure = p
		d.Choices = s.provinceChoices(ctx, d.Units)
		if len(d.Units) == 1 { // "at the receiving unit" is the first choice already
			d.Choices.Returns = slices.DeleteFunc(d.Choices.Returns, func(u *motcua.Unit) bool { return u.ID == d.Units[0].ID })
		}
		d.ShowReturn = p.Competence != motcua.CompetenceHere || slices.ContainsFunc(d.Units, func(u *motcua.Unit) bool {
			return u.Kind == motcua.UnitCentre || u.Kind == motcua.UnitBranch
		})
		for i, doc := range p.Documents {
			// Only what every applicant hands in is ticked beforehand: a
			// document that applies in some cases prints as received only
			// when the officer ticks it.
			d.Form.Checked[i], d.Form.Counts[i] = !doc.Conditional(), strconv.Itoa(doc.Count)
		}
		return d, nil
	}
	units := make([]int64, len(d.Units))
	for i, u := range d.Units {
		units[i] = u.ID
	}
	var err error
	d.Options, err = s.db.Catalog(ctx, store.CatalogFilter{Query: d.Query, Units: units, Limit: 30})
	return d, err
}

// intakePage: find a procedure by typing (diacritics optional), then key the dossier.
func (s *Server) intakePage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	procID, _ := strconv.ParseInt(r.FormValue("procedure"), 10, 64)
	v := view{Title: "Tiếp nhận hồ sơ", Actor: a}
	if id, err := strconv.ParseInt(r.FormValue("refused"), 10, 64); err == nil && id > 0 {
		v.Flash = "Đã ghi nhận việc từ chối tiếp nhận hồ sơ (mẫu 03)."
		v.FlashPDF = "/refusals/" + strconv.FormatInt(id, 10) + "/form"
	}
	d, err := s.intakeData(r, a, procID)
	v.Data = d
	if err != nil {
		s.fail(w, "intake.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "intake.html", v)
}

// procedureOptions is the htmx fragment of search results.
func (s *Server) procedureOptions(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := s.intakeData(r, a, 0)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	s.render(w, http.StatusOK, "_options.html", view{Data: d})
}

func (s *Server) intake(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	formErr := parseScanForm(w, r) // first: the scans stream to disk, never to memory
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	procID, _ := strconv.ParseInt(r.PostFormValue("procedure"), 10, 64)
	v := view{Title: "Tiếp nhận hồ sơ", Actor: a}
	d, err := s.intakeData(r, a, procID)
	if err != nil {
		v.Data = d
		s.fail(w, "intake.html", v, err)
		return
	}
	d.Form = readIntakeForm(r)
	v.Data = d
	in, err := d.Form.intake(procID, d.Procedure)
	if err == nil {
		err = formErr
	}
	if err == nil {
		var dossier *motcua.Dossier
		if dossier, err = s.acceptWithScans(r, a, in, d); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/dossiers/%d?accepted=1", dossier.ID), http.StatusSeeOther)
			return
		}
		if motcua.ErrorCode(err) == motcua.ECONFLICT { // the key went with another dossier: this form is a new one
			d.Form.Key = rand.Text()
		}
	}
	if len(d.Form.Reuse) > 0 { // the choices stay on the form shown again
		d.Held, _ = s.heldFor(r, a, d)
	}
	v.Data = d
	s.fail(w, "intake.html", v, err)
}

func readIntakeForm(r *http.Request) intakeForm {
	v := func(key string) string { return motcua.NFC(r.PostFormValue(key)) } // echoed back: NFC like every page
	f := intakeForm{Channel: v("channel"), Name: v("name"), IDNumber: v("id_number"), Address: v("address"), Phone: v("phone"),
		Email: v("email"), Sets: v("sets"), At: v("at"), Reason: v("reason"), Note: v("note"), Key: v("key"),
		Checked: map[int]bool{}, Counts: map[int]string{}}
	f.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	f.Competence = readCompetence(r)
	f.Reuse, f.Valid = readReuse(r.PostForm), readValid(r.PostForm)
	f.Fees = readFeeFields(r.PostForm)
	for _, s := range r.PostForm["doc"] {
		if i, err := strconv.Atoi(s); err == nil {
			f.Checked[i] = true
		}
	}
	for k, vals := range r.PostForm {
		if i, err := strconv.Atoi(strings.TrimPrefix(k, "count_")); err == nil && strings.HasPrefix(k, "count_") && len(vals) > 0 {
			f.Counts[i] = vals[0]
		}
	}
	return f
}

// intake turns the form into a service request; unparseable numbers and
// dates are reported on their field.
func (f intakeForm) intake(procID int64, p *motcua.Procedure) (motcua.Intake, error) {
	in := motcua.Intake{ProcedureID: procID, UnitID: f.UnitID, Channel: motcua.Channel(f.Channel), Reason: f.Reason, Note: f.Note, Key: f.Key,
		Applicant: motcua.Applicant{Name: f.Name, IDNumber: f.IDNumber, Address: f.Address, Phone: f.Phone, Email: f.Email}, ReturnUnitID: f.Competence.ReturnUnit}
	if p != nil {
		in.Competence = f.Competence.facts(p.Competence)
	}
	sets, err := strconv.Atoi(strings.TrimSpace(f.Sets))
	if err != nil {
		return in, motcua.FieldError("sets", "Số bộ hồ sơ phải là một số.")
	}
	in.Sets = sets
	if in.Fees, err = f.Fees.quantities(); err != nil {
		return in, err
	}
	if strings.TrimSpace(f.At) != "" {
		if in.At, err = motcua.ParseDateTime(f.At); err != nil {
			return in, motcua.FieldError("at", "%s", motcua.ErrorMessage(err))
		}
	}
	for i, doc := range p.Documents {
		if !f.Checked[i] {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(f.Counts[i]))
		if err != nil {
			return in, motcua.FieldError("documents", "Số lượng của “%s” phải là một số.", doc.Name)
		}
		in.Documents = append(in.Documents, motcua.ReceivedDocument{Name: doc.Name, Kind: doc.Kind, Count: n})
	}
	return in, nil
}

func (s *Server) refuse(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	procID, _ := strconv.ParseInt(r.PostFormValue("procedure"), 10, 64)
	v := view{Title: "Tiếp nhận hồ sơ", Actor: a}
	d, err := s.intakeData(r, a, procID)
	d.Form = readIntakeForm(r)
	v.Data = d
	if err == nil {
		ref := &motcua.Refusal{UnitID: d.Form.UnitID, ProcedureID: procID, Reason: d.Form.Reason,
			Applicant: motcua.Applicant{Name: d.Form.Name, IDNumber: d.Form.IDNumber, Address: d.Form.Address, Phone: d.Form.Phone}}
		if err = s.db.Refuse(r.Context(), a, ref); err == nil {
			http.Redirect(w, r, "/intake?refused="+strconv.FormatInt(ref.ID, 10), http.StatusSeeOther)
			return
		}
	}
	s.fail(w, "intake.html", v, err)
}

// acceptWithScans accepts the dossier with the scans chosen for its
// components (dossier_scans.go): every file checked, then saved, then the
// dossier and its scans written in one transaction.
func (s *Server) acceptWithScans(r *http.Request, a *motcua.Actor, in motcua.Intake, d intakeData) (*motcua.Dossier, error) {
	comp, names := map[int]int{}, map[int]string{}
	for i, doc := range d.Procedure.Documents {
		names[i] = doc.Name
		if d.Form.Checked[i] {
			comp[i] = len(comp) // its index among the documents received
		}
	}
	checked, err := s.gatherScans(r.MultipartForm, comp, names)
	if err != nil {
		return nil, err
	}
	reused, national, err := s.reusedScans(r.Context(), r.MultipartForm, r.PostForm, d.Form.Reuse, comp, names, in.Applicant.IDNumber)
	if err != nil {
		discardScans(checked)
		return nil, err
	}
	scans, err := s.saveScans(append(checked, national...))
	if err != nil {
		return nil, err
	}
	return s.db.AcceptDigitised(r.Context(), a, in, append(scans, reused...))
}

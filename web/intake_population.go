package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Population data at the counter (issue 20, indicator 4.5): once the
// personal identification number is typed, "Tra cứu CSDL dân cư" (POST
// /intake/dan-cu, htmx) asks the national population database and fills
// the name and address fields from its answer, keeping what else was
// typed and the files chosen; without JavaScript the same address answers
// the whole intake page, filled. The store records the lookup (and audits
// it, the number masked); a dossier the same officer accepts within the
// hour with that number and that name is recorded as using population
// data — earned there, never from a field of this form.

// populationTimeout bounds the lookup: the officer with a queue waits no
// longer, and types the data from the papers instead.
const populationTimeout = 5 * time.Second

// populationView is the database's answer as the form shows it.
type populationView struct {
	Resident *motcua.Resident
	IDNumber string // masked
	Born     string // dd/mm/yyyy, or the year alone
	Error    string
	Sample   bool // from the demo's invented registry
}

// populationLookup answers POST /intake/dan-cu.
func (s *Server) populationLookup(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	formErr := parseScanForm(w, r) // the whole form comes without JavaScript: the scans go to disk
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	pv := s.lookUpResident(r.Context(), a, r.PostFormValue("id_number"))
	if formErr != nil {
		pv = populationView{Error: motcua.ErrorMessage(formErr)}
	}
	if r.Header.Get("HX-Request") != "" {
		s.render(w, http.StatusOK, "_population.html", view{Data: pv})
		return
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
	if pv.Resident != nil {
		d.Form.Name, d.Form.Address = pv.Resident.Name, pv.Resident.Residence
	}
	d.Population = &pv
	v.Data = d
	s.render(w, http.StatusOK, "intake.html", v)
}

// lookUpResident asks the store (which asks the database, records and
// audits the lookup); a failure is the answer's message, its cause logged.
func (s *Server) lookUpResident(ctx context.Context, a *motcua.Actor, idNumber string) populationView {
	ctx, cancel := context.WithTimeout(ctx, populationTimeout)
	defer cancel()
	pv := populationView{IDNumber: motcua.Mask(strings.Join(strings.Fields(idNumber), "")), Sample: s.PopulationSample}
	var err error
	pv.Resident, err = s.db.LookUpResident(ctx, a, s.Population, idNumber)
	if err != nil {
		if errors.Unwrap(err) != nil && motcua.ErrorCode(err) == motcua.ENOTALLOWED {
			s.log.Warn("population database: lookup", "err", err) // the adapter's errors never hold the number
		}
		pv.Error = motcua.ErrorMessage(err)
		return pv
	}
	if pv.Resident.BirthDate.IsZero() {
		pv.Born = "năm " + strconv.Itoa(pv.Resident.BirthYear)
	} else {
		pv.Born = motcua.FormatDate(pv.Resident.BirthDate)
	}
	return pv
}

package ledger

import (
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// The national record (issue 20): what the province synchronises to the
// national co-ordination system about a dossier, and what the 766
// scorecard reads. It is built from the dossier's full event log by the
// same fold as Replay, plus the facts the ledger does not carry (files,
// issued results, payments), which the store reads and passes in.

// NationalFacts are the facts of a dossier kept outside its event log.
type NationalFacts struct {
	FieldCode string // MaLinhVuc of the procedure's field
	// UnitCodes and UserNames name the units and officers the events refer
	// to (the receiving and deciding units, each step's handler).
	UnitCodes map[int64]string
	UserNames map[int64]string
	// SubmittedAt is when an online dossier was filed on the portal; zero
	// for a dossier received at the counter or by post.
	SubmittedAt time.Time
	// Files are the component files, oldest first: scans name their
	// component by index, uploads of an online submission by the document's
	// name (Component < 0). A component filed again counts by its newest.
	Files []ComponentFileFact
	// Results are the electronic results that count for the dossier (the
	// valid results of its counting result_ready), each with its link.
	Results    []motcua.NationalResult
	PaidOnline motcua.OnlinePayment
}

// ComponentFileFact is one file attached to a component.
type ComponentFileFact struct {
	Component int    // index into the dossier's documents; < 0: match by Document
	Document  string // the component's name
	URL       string // an absolute link the nation can fetch
	Origin    motcua.FileOrigin
}

// NationalRecord projects a dossier's full event log, its procedure
// version p and the facts kept outside the log into the record the nation
// scores. base gives what events do not carry (id, code, procedure code
// and name), as for Replay.
//
// DueAt is the legal due instant without the pauses for supplements: the
// national formula of indicator 2.1 subtracts the applicant's supplement
// time itself (Supplements), so sending the due instant the pauses already
// moved would count that time twice and flatter the figure. Every other
// move of the due instant (a day off declared late) stays in.
func NationalRecord(base motcua.Dossier, events []motcua.Event, p *motcua.Procedure, cal *calendar.Calendar, f NationalFacts) (motcua.NationalRecord, error) {
	r := replay{p: p, cal: cal, d: motcua.Dossier{ID: base.ID, Code: base.Code, ProcedureID: base.ProcedureID,
		ProcedureCode: base.ProcedureCode, ProcedureName: base.ProcedureName, TrackingSecret: base.TrackingSecret}}
	var spans []motcua.SupplementSpan
	var shift time.Duration // how far the supplement pauses moved the due instant
	for i := range events {
		wasWaiting, due := r.d.State == motcua.StateSupplement, r.d.DueAt
		if err := r.apply(&events[i]); err != nil {
			return motcua.NationalRecord{}, fmt.Errorf("ledger.NationalRecord(%s) event %d: %w", base.Code, events[i].Seq, err)
		}
		waiting := r.d.State == motcua.StateSupplement
		switch {
		case !wasWaiting && waiting:
			spans = append(spans, motcua.SupplementSpan{RequestedAt: r.d.PausedAt})
		case wasWaiting && r.d.State == motcua.StateProcessing:
			spans[len(spans)-1].ReceivedAt = r.c.Since
			shift += r.d.DueAt.Sub(due)
		}
	}
	return project(&r.d, p, f, spans, shift), nil
}

// project fills the record from the replayed dossier.
func project(d *motcua.Dossier, p *motcua.Procedure, f NationalFacts, spans []motcua.SupplementSpan, shift time.Duration) motcua.NationalRecord {
	rec := motcua.NationalRecord{
		Code: d.Code, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName, FieldCode: f.FieldCode,
		UnitCode: f.UnitCodes[d.ReceivingUnitID], DecidingUnitCode: f.UnitCodes[d.DecidingUnitID],
		Channel: d.Channel, Applicant: d.Applicant.Name,
		SubmittedAt: f.SubmittedAt, AcceptedAt: d.AcceptedAt, DueAt: d.DueAt.Add(-shift),
		EndedAt: EndedAt(d), ReturnedAt: d.ReturnedAt, State: d.State,
		TimeLimit: p.Time, MaxWorkingDays: MaxWorkingDays(p.Time), ResultIsDocument: ResultIsDocument(p.ResultType),
		IdentityNumber: d.Applicant.IDNumber, Results: f.Results, PaidOnline: f.PaidOnline,
		Components: nationalComponents(d.Documents, f.Files), Fees: nationalFees(d.Fees, p.FeeLines),
		Steps: nationalSteps(d, p, f), Supplements: spans, Version: d.Version,
	}
	if rec.ProcedureName == "" {
		rec.ProcedureName = p.Name
	}
	if id := d.Identity; id != nil {
		rec.IdentityType, rec.VNeIDVerified, rec.Database = id.Type, id.VNeID, id.Database
	}
	if rec.IdentityType == "" && rec.IdentityNumber != "" {
		rec.IdentityType = motcua.IdentityCitizen
	}
	return rec
}

// EndedAt is when processing ended (NgayKetThucXuLy): the result, else
// the return, else the stop or withdrawal; zero while it runs.
func EndedAt(d *motcua.Dossier) time.Time {
	switch {
	case !d.ResultAt.IsZero():
		return d.ResultAt
	case !d.ReturnedAt.IsZero():
		return d.ReturnedAt
	}
	return d.ClosedAt
}

// MaxWorkingDays is a time limit in working days of eight hours; a
// same-day limit counts as one.
func MaxWorkingDays(t motcua.TimeLimit) float64 {
	switch t.Unit {
	case motcua.WorkingHours:
		return t.Amount / 8
	case motcua.SameDay:
		return 1
	}
	return t.Amount
}

// nationalComponents lists the received documents with their newest file.
func nationalComponents(docs []motcua.ReceivedDocument, files []ComponentFileFact) []motcua.NationalComponent {
	out := make([]motcua.NationalComponent, len(docs))
	for i, doc := range docs {
		out[i].Name = doc.Name
	}
	for _, file := range files {
		i := file.Component
		if i < 0 || i >= len(docs) {
			i = componentNamed(docs, file.Document)
		}
		if i < 0 {
			continue // a file for a document the dossier does not list
		}
		out[i].FileURL, out[i].Digitised = file.URL, true
		out[i].Reused = file.Origin.Reusing()
		out[i].FromNationalStore = file.Origin == motcua.OriginNational
	}
	return out
}

func componentNamed(docs []motcua.ReceivedDocument, name string) int {
	for i, doc := range docs {
		if doc.Name == name {
			return i
		}
	}
	return -1
}

// nationalFees lists the bill's lines (what is due, after exemptions).
func nationalFees(bill *motcua.FeeBill, lines []motcua.FeeLine) []motcua.NationalFee {
	if bill == nil {
		return nil
	}
	out := make([]motcua.NationalFee, 0, len(bill.Lines))
	for _, l := range bill.Lines {
		fee := motcua.NationalFee{Code: strconv.Itoa(l.Line + 1), Amount: l.Amount}
		if l.Line >= 0 && l.Line < len(lines) {
			fee.Name = lines[l.Line].Name
		}
		out = append(out, fee)
	}
	return out
}

// nationalSteps is the processing trail: each step with its unit and the
// officer who held it (the one it was handed to, else who ended it).
func nationalSteps(d *motcua.Dossier, p *motcua.Procedure, f NationalFacts) []motcua.NationalStep {
	out := make([]motcua.NationalStep, 0, len(d.Steps))
	for _, s := range d.Steps {
		st := motcua.NationalStep{UnitCode: f.UnitCodes[s.UnitID], StartedAt: s.StartedAt, EndedAt: s.EndedAt}
		if s.Step >= 0 && s.Step < len(p.Steps) {
			st.Title = p.Steps[s.Step].Name
		}
		holder := s.HolderID
		if holder == 0 {
			holder = s.EndedBy
		}
		st.Handler = f.UserNames[holder]
		out = append(out, st)
	}
	return out
}

// RefusedCode is the record code of an online submission refused before
// acceptance: it never became a dossier, so it has no dossier code.
func RefusedCode(submissionID int64) string { return "TC-" + strconv.FormatInt(submissionID, 10) }

// RefusedRecord is the record of an online submission refused at intake
// (NgayTuChoi): it never became a dossier, but the nation counts it.
func RefusedRecord(s *motcua.Submission, p *motcua.Procedure, unitCode, fieldCode, base string) motcua.NationalRecord {
	rec := motcua.NationalRecord{
		Code: RefusedCode(s.ID), ProcedureCode: s.ProcedureCode, ProcedureName: s.ProcedureName, FieldCode: fieldCode,
		UnitCode: unitCode, DecidingUnitCode: unitCode, Channel: motcua.ChannelOnline, Applicant: s.Applicant.Name,
		SubmittedAt: s.CreatedAt, RefusedAt: s.UpdatedAt, EndedAt: s.UpdatedAt, Refused: true,
		IdentityNumber: s.Applicant.IDNumber, Version: 1,
	}
	if p != nil {
		rec.TimeLimit, rec.MaxWorkingDays, rec.ResultIsDocument = p.Time, MaxWorkingDays(p.Time), ResultIsDocument(p.ResultType)
		if rec.ProcedureName == "" {
			rec.ProcedureName = p.Name
		}
	}
	if rec.IdentityNumber != "" {
		rec.IdentityType = motcua.IdentityCitizen
	}
	for _, file := range s.Files {
		rec.Components = append(rec.Components, motcua.NationalComponent{Name: file.Document, Digitised: true,
			FileURL: motcua.NationalFileURL(base, file.SHA256)})
	}
	return rec
}

package api

import (
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// operation is one operation of the API: its route, what it reads and
// answers, who may call it, and its handler. Register serves exactly these
// and Spec describes exactly these, so the OpenAPI document cannot miss
// an operation.
type operation struct {
	method, path, summary string
	access                access
	request               any // the JSON body's type, or nil
	response              any // the answer's type, or nil for 204
	status                int
	params                []param
	handle                http.HandlerFunc
}

// access is who may call an operation.
type access struct {
	public  bool                // anyone, no login
	grant   motcua.ClientAction // an external system needs this grant; "" — officers only
	systems bool                // external systems only: officers act through their own operations
}

type param struct {
	name, in, doc string
	required      bool
}

var (
	public    = access{public: true}
	officers  = access{}
	readers   = access{grant: motcua.ClientRead}
	followers = access{grant: motcua.ClientEvents}
	partners  = access{grant: motcua.ClientRegister, systems: true}
	deciders  = access{grant: motcua.ClientResult, systems: true}
)

func query(name, doc string) param { return param{name: name, in: "query", doc: doc} }
func pathParam(name, doc string) param {
	return param{name: name, in: "path", doc: doc, required: true}
}

// operations lists the API. Spec calls it on a zero Server: the handlers
// are built, never run.
func (s *Server) operations() []operation {
	h := func(a access, fn handler) http.HandlerFunc {
		if a.systems {
			return s.can(a.grant, systemsOnly(fn))
		}
		if a.grant != "" {
			return s.can(a.grant, fn)
		}
		return s.authed(fn)
	}
	code := pathParam("code", "the dossier code, e.g. 000.22.33.H17-240305-0001")
	return []operation{
		{"POST", "/api/v1/sessions", "Log an officer in; the token goes in Authorization: Bearer", public, LoginRequest{}, Session{},
			http.StatusCreated, nil, s.login},
		{"DELETE", "/api/v1/sessions", "Log out", officers, nil, nil, http.StatusNoContent, nil, h(officers, s.logout)},
		{"GET", "/api/v1/procedures", "Search the catalogue", readers, nil, ProcedureList{}, http.StatusOK,
			[]param{query("q", "words, with or without diacritics"), query("level", "xa, huyen or tinh")}, h(readers, s.listProcedures)},
		{"GET", "/api/v1/procedures/{id}", "A procedure's version in force", readers, nil, motcua.Procedure{}, http.StatusOK,
			[]param{pathParam("id", "the procedure's id")}, h(readers, s.getProcedure)},
		{"GET", "/api/v1/dossiers", "The dossiers in the caller's scope, due soonest first", readers, nil, DossierList{}, http.StatusOK,
			[]param{query("state", "a state; default: those in progress"), query("procedure_id", "narrow to one procedure"),
				query("q", "code or applicant's name"), query("offset", "paging"), query("limit", "paging")},
			h(readers, s.listDossiers)},
		{"POST", "/api/v1/dossiers", "Accept a dossier at the counter", officers, IntakeRequest{}, Dossier{}, http.StatusCreated, nil,
			h(officers, s.acceptDossier)},
		{"GET", "/api/v1/dossiers/{code}", "A dossier", readers, nil, Dossier{}, http.StatusOK, []param{code}, h(readers, s.getDossier)},
		{"GET", "/api/v1/dossiers/{code}/events", "A dossier's ledger", readers, nil, EventList{}, http.StatusOK, []param{code},
			h(readers, s.listEvents)},
		{"POST", "/api/v1/dossiers/{code}/actions", "Append an action to a dossier (hand over, supplement, result…)", officers,
			ActionRequest{}, Dossier{}, http.StatusOK, []param{code}, h(officers, s.act)},
		{"POST", "/api/v1/refusals", "Record a refusal at intake (form 03)", officers, RefusalRequest{}, RefusalRef{}, http.StatusCreated, nil,
			h(officers, s.refuse)},
		{"GET", "/api/v1/calendar/due", "The due instant of a time limit from an instant, explained", readers, nil, DueAnswer{}, http.StatusOK,
			[]param{query("at", "dd/mm/yyyy HH:MM or RFC 3339"), query("days", "working days"), query("hours", "working hours"),
				query("unit_id", "whose calendar")}, h(readers, s.calendarDue)},
		{"GET", "/api/v1/reports/ii06a", "Biểu II.06a of a unit and those below it for [from, to)", readers, nil, report.Report{}, http.StatusOK,
			[]param{{name: "from", in: "query", required: true, doc: "yyyy-mm-dd"}, {name: "to", in: "query", required: true, doc: "yyyy-mm-dd, excluded"},
				{name: "unit", in: "query", required: true, doc: "unit code"}, query("by", "unit, field, procedure, channel or level"),
				query("view", "deciding (default: rows by the unit that decides) or receiving (by the unit that received, with received_for_other)"),
				query("successors", "1: roll dissolved units up to their successors")}, h(readers, s.ii06a)},
		{"GET", "/api/v1/reports/766", "The Decision 766 scorecard of a unit and those below it for [from, to), with the codes behind each figure",
			readers, nil, report.Scorecard{}, http.StatusOK,
			[]param{{name: "from", in: "query", required: true, doc: "yyyy-mm-dd"}, {name: "to", in: "query", required: true, doc: "yyyy-mm-dd, excluded"},
				{name: "unit", in: "query", required: true, doc: "unit code (the province's for the whole province)"}}, h(readers, s.scorecard766)},
		{"GET", "/api/v1/events", "The event feed: ledger events in the caller's scope, in a stable order", followers, nil, Feed{}, http.StatusOK,
			[]param{query("after", "the next cursor of the previous page; empty: from the start"), query("limit", "1–1000, default 100")},
			h(followers, s.events)},
		{"POST", "/api/v1/inbound/dossiers", "A specialised system registers a dossier it received itself (idempotent by its key)",
			partners, InboundDossier{}, Dossier{}, http.StatusCreated, nil, h(partners, s.registerDossier)},
		{"POST", "/api/v1/inbound/prefills", "A specialised system sends an application it knows, for the one-stop to accept without retyping",
			partners, InboundPrefill{}, Prefilled{}, http.StatusCreated, nil, h(partners, s.prefill)},
		{"POST", "/api/v1/inbound/dossiers/{code}/result", "A specialised system records the result it decided", deciders,
			InboundResult{}, Dossier{}, http.StatusOK, []param{code}, h(deciders, s.postResult)},
		{"POST", "/api/v1/inbound/dossiers/{code}/status", "A specialised system reports that it needs more documents, or stopped",
			deciders, InboundStatus{}, Dossier{}, http.StatusOK, []param{code}, h(deciders, s.postStatus)},
		{"GET", "/api/v1/track", "Public tracking by code and the receipt's secret (or the phone's last four digits)", public, nil, Tracking{},
			http.StatusOK, []param{{name: "code", in: "query", required: true}, {name: "secret", in: "query", required: true}}, s.track},
	}
}

package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

type stepView struct {
	motcua.WorkflowStep
	Index   int
	Current bool
	Done    bool
	Unit    string
}

type eventView struct {
	motcua.Event
	What    string // motcua.EventName
	Unit    string
	Late    bool
	Pending bool // awaiting a leader's approval
	Counts  bool // took effect: not a late entry still pending or rejected
}

// historyRow is one hand-over of the control slip (form 06), as the page shows it.
type historyRow struct {
	motcua.StepRecord
	Name, Unit, Giver, Holder, EndedBy string
}

type partView struct {
	motcua.Part
	Unit string
}

type dossierData struct {
	D                   *motcua.Dossier
	P                   *motcua.Procedure
	Receiving, Deciding string
	// NationalCode is the national dossier code when the dossier was filed
	// on the National Public Service Portal ("" otherwise).
	NationalCode string
	// Return is where the result is returned, Locality the commune the
	// competent unit was chosen by ("" when none).
	Return, Locality string
	Overdue          bool
	Steps            []stepView
	History          []historyRow
	Parts            []partView      // linked handling by co-ordinating units
	HandOvers        []handOverView  // the dossier and its result between units
	Files            []fileView      // uploaded with the online submission
	Results          []fileView      // electronic results attached (dossier_result.go)
	Components       []componentView // each component with its scan (dossier_scans.go)
	Digitisation     *digitisationView
	Issued           *issuedData   // results issued with a code (results.go)
	Payments         *paymentsView // fees due and paid (payments_staff.go)
	Timeline         []eventView
	Actions          []actionView
	NextHolders      []motcua.User
	Units            []*motcua.Unit // co-ordinating units a part may go to: those in force now
	// a transfer of competence: the units it may name
	TransferTo, TransferReturn []*motcua.Unit
	Means                      []motcua.Means
	Now                        string
	// Failed is the action whose form the error is about; Typed what was
	// typed in it, shown again.
	Failed string
	Typed  url.Values
	names  map[int64]string // people named in the history
}

func (s *Server) unitName(ctx context.Context, id int64) string {
	if u, err := s.db.Unit(ctx, id); err == nil {
		return u.Name
	}
	return ""
}

// loadDossier gathers everything the dossier and receipt pages show.
func (s *Server) loadDossier(r *http.Request, a *motcua.Actor) (*dossierData, error) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, motcua.ErrDossierNotFound()
	}
	d, events, p, err := s.db.History(ctx, a, id) // logs the read of personal data

	if err != nil {
		return nil, err
	}
	data := &dossierData{D: d, P: p, Receiving: s.unitName(ctx, d.ReceivingUnitID), Deciding: s.unitName(ctx, d.DecidingUnitID),
		Overdue: d.Overdue(s.db.Now()), Now: s.db.Now().In(motcua.VN).Format("2006-01-02T15:04")}
	data.Return = s.unitName(ctx, d.ReturnUnit())
	if data.NationalCode, err = s.db.DossierNationalCode(ctx, d.ID); err != nil {
		return nil, err
	}
	if d.LocalityUnitID != 0 {
		data.Locality = s.unitName(ctx, d.LocalityUnitID)
	}
	data.Files = s.dossierFileList(ctx, a, d.ID)
	data.Results = s.dossierResultList(ctx, a, d.ID)
	data.Issued = s.issuedResults(ctx, a, d)
	data.Payments = s.staffPayments(ctx, a, d)
	for i, st := range p.Steps {
		unit := s.unitName(ctx, ledger.StepUnitID(d, p, i))
		data.Steps = append(data.Steps, stepView{WorkflowStep: st, Index: i + 1, Current: i == d.Step && d.State.Open(),
			Done: i < d.Step || !d.State.Open(), Unit: unit})
	}
	pending := 0
	if d.Pending != nil {
		pending = d.Pending.Seq
	}
	approved := map[int]bool{}
	for _, e := range events {
		if e.Type == motcua.EventLateApproved {
			approved[e.Data.RefSeq] = true
		}
	}
	handOvers := motcua.HandOverKinds(events)
	for _, e := range events {
		data.Timeline = append(data.Timeline, eventView{Event: e, What: motcua.EventName(e, handOvers), Unit: s.unitName(ctx, e.UnitID), Late: e.LateEntry(),
			Pending: e.Seq == pending, Counts: !e.Data.Pending || approved[e.Seq]})
	}
	s.loadComponents(ctx, a, data)
	if err := s.loadHistory(ctx, data); err != nil {
		return nil, err
	}
	s.splitParts(ctx, data)
	acts := a.Actions(d, p.Steps)
	data.Actions, data.Means = actionViews(d, acts), means
	if slices.ContainsFunc(acts, func(act motcua.Action) bool { return act.Type == motcua.EventTransferred }) {
		data.TransferTo, data.TransferReturn = s.transferChoices(ctx, d)
	}
	if d.Step+1 < len(p.Steps) {
		data.NextHolders = s.nextHolders(ctx, p, ledger.StepUnitID(d, p, d.Step+1), d.Step+1)
	}
	if slices.ContainsFunc(acts, func(act motcua.Action) bool { return act.Type == motcua.EventPartSent && act.PartKind == "" }) {
		units, _ := s.db.Units(ctx)
		for _, u := range units {
			if u.InForce(s.db.Now()) {
				data.Units = append(data.Units, u)
			}
		}
	}
	return data, nil
}

// nextHolders are who may receive the dossier at step i: the officers the
// unit assigned to the step in its adopted workflow, else everyone holding
// the step's role there.
func (s *Server) nextHolders(ctx context.Context, p *motcua.Procedure, unitID int64, i int) []motcua.User {
	if assigned, err := s.db.StepOfficers(ctx, p.ID, unitID); err == nil && len(assigned[p.Steps[i].Name]) > 0 {
		return assigned[p.Steps[i].Name]
	}
	users, _ := s.db.UsersAt(ctx, unitID, p.Steps[i].Role)
	return users
}

// loadHistory names the people and units of the steps taken and the parts.
func (s *Server) loadHistory(ctx context.Context, data *dossierData) error {
	var ids []int64
	for _, st := range data.D.Steps {
		ids = append(ids, st.GiverID, st.HolderID, st.EndedBy)
	}
	for _, pt := range data.D.Parts {
		for _, rec := range pt.Records {
			ids = append(ids, rec.GiverID, rec.HolderID, rec.EndedBy)
		}
	}
	names, err := s.db.UserNames(ctx, ids)
	if err != nil {
		return err
	}
	data.names = names
	for _, st := range data.D.Steps {
		row := historyRow{StepRecord: st, Unit: s.unitName(ctx, st.UnitID), Giver: names[st.GiverID],
			Holder: names[st.HolderID], EndedBy: names[st.EndedBy]}
		if st.Step < len(data.P.Steps) {
			row.Name = data.P.Steps[st.Step].Name
		}
		data.History = append(data.History, row)
	}
	for _, pt := range data.D.Parts {
		data.Parts = append(data.Parts, partView{Part: pt, Unit: s.unitName(ctx, pt.UnitID)})
	}
	return nil
}

func (s *Server) dossierPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Hồ sơ", Actor: a}
	v.takeFlash(w, r)
	data, err := s.loadDossier(r, a)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	if r.FormValue("accepted") == "1" {
		v.Flash = "Đã tiếp nhận hồ sơ " + data.D.Code + ". Hẹn trả kết quả: " + motcua.FormatDateTime(data.D.DueAt) + "."
	}
	s.render(w, http.StatusOK, "dossier.html", v)
}

// dossierAction performs one action from the dossier page; on failure the
// page is shown again with the reason.
func (s *Server) dossierAction(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	result, err := s.resultUpload(w, r) // the electronic result, with "Có kết quả"
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if result != nil {
		defer result.blob.Discard() // nothing once saved
	}
	act, actErr := actionFromForm(r)
	if err == nil {
		err = actErr
	}
	act.DossierID = id
	validUntil, validErr := resultValidity(r)
	if err == nil {
		err = validErr
	}
	if err == nil {
		var d *motcua.Dossier
		if d, err = s.actWithResult(r.Context(), a, act, result, r.PostFormValue(resultTextField), validUntil); err == nil {
			s.redirectFlash(w, r, "/dossiers/"+strconv.FormatInt(id, 10), Flash{Text: actionDone(act, d)})
			return
		}
	}
	v := view{Title: "Hồ sơ", Actor: a}
	data, loadErr := s.loadDossier(r, a)
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	data.Failed, data.Typed = cmp.Or(r.PostFormValue("form"), string(act.Type)), r.PostForm
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	s.fail(w, "dossier.html", v, err)
}

// actionDone is the confirmation of an action: done, or waiting for the
// leader's approval.
func actionDone(act motcua.Action, d *motcua.Dossier) string {
	if d.Pending != nil && d.Pending.Seq == d.Version {
		return "Đã ghi nhận “" + actionViews(d, []motcua.Action{act})[0].Title + "”; thao tác chờ lãnh đạo đơn vị duyệt và chỉ được tính sau khi duyệt."
	}
	return "Đã ghi nhận: " + actionViews(d, []motcua.Action{act})[0].Title + "."
}

// actionFromForm reads an action form of the dossier page.
func actionFromForm(r *http.Request) (motcua.Action, error) {
	f := r.PostFormValue
	version, _ := strconv.Atoi(f("version"))
	toUser, _ := strconv.ParseInt(f("to_user"), 10, 64)
	partUnit, _ := strconv.ParseInt(f("part_unit"), 10, 64)
	partSeq, _ := strconv.Atoi(f("part_seq"))
	act := motcua.Action{Version: version, Type: motcua.EventType(f("type")), Reason: f("reason"), Note: f("note"),
		ToUserID: toUser, Missing: strings.Split(f("missing"), "\n"), PartUnitID: partUnit, PartTitle: f("part_title"), PartSeq: partSeq}
	handOverFromForm(r, &act)
	if days := strings.TrimSpace(f("part_days")); days != "" {
		n, ok := workingDays(days)
		if !ok && act.PartKind.HandOver() {
			return act, motcua.FieldError("part_minutes", "Thời hạn chuyển phải là số ngày làm việc từ 0,1 đến 60.")
		}
		if !ok {
			return act, motcua.FieldError("part_minutes", "Thời hạn của phần liên thông phải là số ngày làm việc từ 0,1 đến 60.")
		}
		act.PartMinutes = n
	}
	steps, err := partSteps(f("part_steps"))
	if err != nil {
		return act, err
	}
	act.PartSteps = steps
	if at := strings.TrimSpace(f("at")); at != "" {
		if act.At, err = motcua.ParseDateTime(at); err != nil {
			return act, err
		}
	}
	if due := strings.TrimSpace(f("new_due_at")); due != "" {
		if act.NewDueAt, err = motcua.ParseDateTime(due); err != nil {
			return act, motcua.FieldError("new_due_at", "Ngày hẹn mới không hợp lệ.")
		}
	}
	return act, nil
}

func (s *Server) receipt(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Actor: a}
	data, err := s.loadDossier(r, a)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Data = receiptView{dossierData: data, TrackPage: s.trackPage()}
	s.render(w, http.StatusOK, "receipt.html", v)
}

// workingDays reads a number of working days ("2", "0,5") as catalogue
// minutes (450 a day).
func workingDays(s string) (minutes int, ok bool) {
	n, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil || n <= 0 || n > 60 {
		return 0, false
	}
	return int(n*450 + 0.5), true
}

// partSteps reads a linked part's workflow, one step a line: "name; days".
func partSteps(text string) ([]motcua.PartStep, error) {
	var steps []motcua.PartStep
	for i, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		name, days, found := strings.Cut(line, ";")
		minutes, ok := workingDays(days)
		if !found || !ok {
			return nil, motcua.FieldError("part_steps", "Dòng %d của quy trình liên thông phải có dạng “Tên bước; số ngày làm việc”, ví dụ “Xác định nghĩa vụ tài chính; 2”.", i+1)
		}
		steps = append(steps, motcua.PartStep{Name: strings.TrimSpace(name), Minutes: minutes})
	}
	return steps, nil
}

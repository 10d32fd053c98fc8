package store_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

// scenario drives one dossier through the actions of domain.md §5 and
// checks, after each, what a leader and the applicant would be told.
type scenario struct {
	t  *testing.T
	db *store.DB
	d  *motcua.Dossier
}

// act performs an action at instant now (the keying time); the action's own
// at is left to edit.
func (s *scenario) act(who *motcua.Actor, now time.Time, typ motcua.EventType, edit ...func(*motcua.Action)) {
	s.t.Helper()
	if err := s.try(who, now, typ, edit...); err != nil {
		s.t.Fatalf("%s keyed at %s: %v", typ, show(now), err)
	}
}

// try performs an action and returns its error; a refused action must leave
// the dossier and its events as they were.
func (s *scenario) try(who *motcua.Actor, now time.Time, typ motcua.EventType, edit ...func(*motcua.Action)) error {
	s.t.Helper()
	setNow(s.db, now)
	a := motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: typ}
	for _, e := range edit {
		e(&a)
	}
	events := count(s.t, s.db, "events")
	next, err := s.db.Act(s.t.Context(), who, a)
	if err != nil {
		if n := count(s.t, s.db, "events"); n != events {
			s.t.Fatalf("refused %s still appended %d events", typ, n-events)
		}
		d, _, _, herr := s.db.History(s.t.Context(), who, s.d.ID)
		if herr == nil && d.Version != s.d.Version {
			s.t.Fatalf("refused %s changed the version %d → %d", typ, s.d.Version, d.Version)
		}
		return err
	}
	s.d = next
	return nil
}

// history replays the dossier in full, as the dossier page and form 06 see it.
func (s *scenario) history(who *motcua.Actor) *motcua.Dossier {
	s.t.Helper()
	d, _, _, err := s.db.History(s.t.Context(), who, s.d.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return d
}

func reason(r string) func(*motcua.Action) { return func(a *motcua.Action) { a.Reason = r } }
func happenedAt(t time.Time) func(*motcua.Action) {
	return func(a *motcua.Action) { a.At = t }
}

// tenDays is a ten-working-day procedure of the fixture's communes whose
// second step (6 days) leaves room for a linked part and an apology.
func tenDays(t *testing.T, db *store.DB) *motcua.Procedure {
	t.Helper()
	p := &motcua.Procedure{Code: "1.003014", Name: "Đăng ký kết hôn có yếu tố nước ngoài", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 10, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận, chuyển hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định, xác minh", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 2700},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 1170},
			{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 540},
		}}
	if err := db.CreateProcedure(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestEveryActionScenario: accepted Mon 04/03/2024 09:00 with 10 working
// days (due Mon 18/03 09:00); a linked part to the district's justice office
// comes back late; a supplement pauses the clock for 12 working hours; the
// leader apologises once; the result, keyed late, counts from its own at
// once the leader approves it.
func TestEveryActionScenario(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		office := &motcua.Unit{Code: "000.05.99.T01", Name: "Phòng Tư pháp huyện Thử", Kind: motcua.UnitOffice, ParentID: f.district.ID, Office: "tu_phap"}
		mustUnit(t, db, office)
		justice := mustUser(t, db, "chuyenvien.tp", "Đinh Thị Tư Pháp", motcua.RoleSpecialist, office.ID)
		p := tenDays(t, db)
		cal, err := db.Calendar(ctx, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := f.intake(f.a.ID)
		in.ProcedureID = p.ID
		d, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		s := &scenario{t: t, db: db, d: d}
		wantInstant(t, "DueAt", d.DueAt, vn(3, 18, 9, 0))

		// Mon 10:00 the counter hands over to the specialist: step 0 (due
		// 10:30) on time; step 1 (6 days) due Tue 12/03 10:00.
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver, func(a *motcua.Action) { a.ToUserID = f.specialistA.User.ID })
		wantInstant(t, "StepDueAt", s.d.StepDueAt, vn(3, 12, 10, 0))

		// Tue 05/03 09:00 the specialist sends a part to the justice office
		// for 2 working days: due Thu 07/03 09:00.
		s.act(f.specialistA, vn(3, 5, 9, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = office.ID, "Xác minh yếu tố nước ngoài", 900
		})
		if len(s.d.Parts) != 1 {
			t.Fatalf("parts %+v", s.d.Parts)
		}
		wantInstant(t, "part DueAt", s.d.Parts[0].DueAt, vn(3, 7, 9, 0))
		// The co-ordinating unit sees the dossier once in its worklist; the
		// lead unit still sees it once.
		for _, who := range []*motcua.Actor{justice, f.specialistA} {
			list, total, err := db.Worklist(ctx, who, motcua.DossierFilter{})
			if err != nil || total != 1 || len(list) != 1 || list[0].ID != d.ID {
				t.Errorf("worklist of %s: %v total %d, %v; want the linked dossier once", who.User.Username, ids(list), total, err)
			}
		}
		// No result while a part is out; the other commune may not return it.
		wantCode(t, s.try(f.leaderA, vn(3, 6, 9, 0), motcua.EventResultReady), motcua.ENOTALLOWED)
		wantCode(t, s.try(f.specialistB, vn(3, 8, 10, 0), motcua.EventPartReturned, func(a *motcua.Action) { a.PartSeq = s.d.Parts[0].Seq }),
			motcua.ENOTFOUND)

		// Thu 07/03 10:00 the part is late: the office's dashboard says so.
		if al, err := db.Alerts(ctx, justice, 0, vn(3, 7, 10, 0)); err != nil || al.StepsN != 1 || al.StepsLate[0].ID != d.ID {
			t.Errorf("office alerts with a late part: %+v, %v", al, err)
		}

		// The register of the lead commune holds the linked dossier once;
		// the co-ordinating office received nothing.
		reg, err := db.Register(ctx, f.counterA, f.a.ID, vn(3, 1, 0, 0), vn(4, 1, 0, 0))
		if err != nil || len(reg) != 1 || reg[0].ID != d.ID {
			t.Errorf("register of the lead commune: %v, %v", ids(reg), err)
		}
		if reg, err := db.Register(ctx, justice, office.ID, vn(3, 1, 0, 0), vn(4, 1, 0, 0)); err != nil || len(reg) != 0 {
			t.Errorf("register of the co-ordinating office: %v, %v", ids(reg), err)
		}

		// Fri 08/03 10:00 the part comes back a day late.
		s.act(justice, vn(3, 8, 10, 0), motcua.EventPartReturned, func(a *motcua.Action) { a.PartSeq = s.d.Parts[0].Seq })
		if got := s.history(f.specialistA).Parts[0].Grade; got != motcua.GradeLate {
			t.Errorf("part returned a day late graded %q", got)
		}
		if list, _, _ := db.Worklist(ctx, justice, motcua.DossierFilter{}); len(list) != 0 {
			t.Errorf("the returned part still shows in the office's worklist: %v", ids(list))
		}

		// Fri 11:00 → Tue 12/03 08:00 waiting for a supplement: 12 working
		// hours paused; the due date moves from Mon 18/03 09:00 to Tue 19/03 15:30.
		s.act(f.specialistA, vn(3, 8, 11, 0), motcua.EventSupplementRequested, func(a *motcua.Action) {
			a.Missing = []string{"Bản dịch hộ chiếu có chứng thực"}
		})
		stepDue := s.d.StepDueAt
		s.act(f.counterA, vn(3, 12, 8, 0), motcua.EventSupplementReceived)
		wantInstant(t, "DueAt after the pause", s.d.DueAt, vn(3, 19, 15, 30))
		wantInstant(t, "StepDueAt after the pause", s.d.StepDueAt, cal.Add(stepDue, 12*time.Hour))

		// Wed 13/03 09:00 the leader apologises and promises Fri 22/03 16:00;
		// a second apology is refused. The legal due date stays.
		wantCode(t, s.try(f.specialistA, vn(3, 13, 9, 0), motcua.EventExtended, reason("Chờ xác minh"),
			func(a *motcua.Action) { a.NewDueAt = vn(3, 22, 16, 0) }), motcua.EFORBIDDEN)
		s.act(f.leaderA, vn(3, 13, 9, 0), motcua.EventExtended, reason("Chờ kết quả xác minh của Phòng Tư pháp"),
			func(a *motcua.Action) { a.NewDueAt = vn(3, 22, 16, 0) })
		wantInstant(t, "PromisedAt", s.d.PromisedAt, vn(3, 22, 16, 0))
		wantInstant(t, "DueAt after the apology", s.d.DueAt, vn(3, 19, 15, 30))
		wantCode(t, s.try(f.leaderA, vn(3, 13, 9, 30), motcua.EventExtended, reason("Lần hai"),
			func(a *motcua.Action) { a.NewDueAt = vn(3, 25, 16, 0) }), motcua.ENOTALLOWED)

		// Wed 10:00 the specialist hands over to the leader.
		s.act(f.specialistA, vn(3, 13, 10, 0), motcua.EventHandedOver, func(a *motcua.Action) { a.ToUserID = f.leaderA.User.ID })

		// The leader signed Thu 14/03 09:00 but keys it at 16:00: 5 working
		// hours late. Without a reason it is refused; with one it waits for
		// approval and changes nothing yet.
		signed := happenedAt(vn(3, 14, 9, 0))
		wantCode(t, s.try(f.leaderA, vn(3, 14, 16, 0), motcua.EventResultReady, signed), motcua.EINVALID)
		s.act(f.leaderA, vn(3, 14, 16, 0), motcua.EventResultReady, signed, reason("Ký bản giấy, quên cập nhật"))
		if s.d.State != motcua.StateProcessing || s.d.Pending == nil || !s.d.ResultAt.IsZero() {
			t.Fatalf("a late entry beyond 4 working hours counted before approval: state %s pending %v", s.d.State, s.d.Pending)
		}
		wantCode(t, s.try(f.leaderA, vn(3, 14, 16, 5), motcua.EventHandedOver), motcua.ENOTALLOWED)
		wantCode(t, s.try(f.specialistA, vn(3, 14, 16, 5), motcua.EventLateApproved), motcua.EFORBIDDEN)
		wantCode(t, s.try(f.leaderB, vn(3, 14, 16, 5), motcua.EventLateApproved), motcua.ENOTFOUND)
		// Another leader of the unit approves: the result counts from 09:00.
		leader2 := mustUser(t, db, "phochutich.a", "Vũ Văn Phó", motcua.RoleLeader, f.a.ID)
		s.act(leader2, vn(3, 14, 16, 10), motcua.EventLateApproved)
		if s.d.State != motcua.StateResultReady || s.d.Pending != nil {
			t.Fatalf("after approval state %s pending %v", s.d.State, s.d.Pending)
		}
		wantInstant(t, "ResultAt", s.d.ResultAt, vn(3, 14, 9, 0))
		if g := s.d.Grade(); g != motcua.GradeEarly {
			t.Errorf("result Thu 14/03 against due Tue 19/03 graded %q, want early", g)
		}

		s.act(f.counterA, vn(3, 15, 8, 0), motcua.EventResultReturned)
		// Step 0 left at 10:00, due 10:30: on time. Step 1, due Tue 12/03
		// 10:00 moved 12 working hours by the pause to Wed 13/03 16:30, left
		// Wed 10:00: on time (same day). Step 2, 19,5 working hours from Wed
		// 10:00 (due Fri 15/03 16:30), signed Thu 09:00: early.
		h := s.history(f.leaderA)
		wantGrades := []motcua.Grade{motcua.GradeOnTime, motcua.GradeOnTime, motcua.GradeEarly}
		if len(h.Steps) != len(wantGrades) {
			t.Fatalf("steps taken %+v", h.Steps)
		}
		for i, st := range h.Steps {
			if st.Grade != wantGrades[i] {
				t.Errorf("step %d (%s → %s, due %s) graded %q, want %q", st.Step, show(st.StartedAt), show(st.EndedAt), show(st.DueAt), st.Grade, wantGrades[i])
			}
		}
		if h.Steps[1].HolderID != f.specialistA.User.ID || h.Steps[1].GiverID != f.counterA.User.ID || h.Steps[2].EndedBy != f.leaderA.User.ID {
			t.Errorf("step 1 given by %d to %d; step 2 ended by %d", h.Steps[1].GiverID, h.Steps[1].HolderID, h.Steps[2].EndedBy)
		}
		if h.State != motcua.StateReturned || h.Extensions != 1 {
			t.Errorf("final state %s extensions %d", h.State, h.Extensions)
		}

		// The leader sees who finished which step how; the justice office's
		// part counts for the office, not for the commune.
		perf, late, err := db.StepPerformance(ctx, f.leaderA, f.a.ID, vn(3, 1, 0, 0), vn(4, 1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][3]int{}
		for _, p := range perf {
			got[p.Name] = [3]int{p.Early, p.OnTime, p.Late}
		}
		want := map[string][3]int{"Nguyễn Thị Một": {0, 1, 0}, "Trần Văn Hai": {0, 1, 0}, "Lê Thị Ba": {1, 0, 0}}
		if !reflect.DeepEqual(got, want) || len(late) != 0 {
			t.Errorf("step performance %v, late %v; want %v", got, late, want)
		}
		if _, _, err := db.StepPerformance(ctx, f.specialistA, f.a.ID, vn(3, 1, 0, 0), vn(4, 1, 0, 0)); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Errorf("a specialist reads officers' performance: %v", err)
		}
		officeLeader := mustUser(t, db, "lanhdao.tp", "Trưởng phòng Tư pháp", motcua.RoleLeader, office.ID)
		perf, _, err = db.StepPerformance(ctx, officeLeader, office.ID, vn(3, 1, 0, 0), vn(4, 1, 0, 0))
		if err != nil || len(perf) != 1 || !perf[0].Parts || perf[0].Late != 1 || perf[0].Total() != 1 {
			t.Errorf("office performance %+v, %v; want one late part", perf, err)
		}
	})
}

// TestExtensionLimits: with 3 working days (due Thu 07/03 09:00), an
// apology is allowed up to Wed 06/03 09:00 (one working day before) and
// refused a minute later; a stop needs a reason and ends the dossier ungraded.
func TestExtensionLimitsAndStop(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		late := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		newDate := func(a *motcua.Action) { a.NewDueAt = vn(3, 8, 16, 0) }
		err := late.try(f.leaderA, vn(3, 6, 9, 1), motcua.EventExtended, reason("Chậm"), newDate)
		wantCode(t, err, motcua.ENOTALLOWED)
		wantCode(t, late.try(f.leaderA, vn(3, 6, 9, 0), motcua.EventExtended, newDate), motcua.EINVALID)
		wantCode(t, late.try(f.leaderA, vn(3, 6, 9, 0), motcua.EventExtended, reason("Chậm"),
			func(a *motcua.Action) { a.NewDueAt = vn(3, 7, 8, 0) }), motcua.EINVALID)
		late.act(f.leaderA, vn(3, 6, 9, 0), motcua.EventExtended, reason("Chậm"), newDate)
		wantInstant(t, "PromisedAt", late.d.PromisedAt, vn(3, 8, 16, 0))

		setNow(db, monday)
		stop := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		wantCode(t, stop.try(f.leaderA, vn(3, 5, 9, 0), motcua.EventStopped), motcua.EINVALID)
		wantCode(t, stop.try(f.counterA, vn(3, 5, 9, 0), motcua.EventStopped, reason("Có tranh chấp")), motcua.EFORBIDDEN)
		stop.act(f.leaderA, vn(3, 5, 9, 0), motcua.EventStopped, reason("Có tranh chấp, chờ Tòa án giải quyết"))
		if stop.d.State != motcua.StateStopped || stop.d.Grade() != "" {
			t.Errorf("stopped dossier: state %s grade %q", stop.d.State, stop.d.Grade())
		}
		wantCode(t, stop.try(f.counterA, vn(3, 5, 10, 0), motcua.EventWithdrawn, reason("Rút")), motcua.ENOTALLOWED)
		if list, _, _ := db.Worklist(t.Context(), f.counterA, motcua.DossierFilter{}); len(list) != 1 {
			t.Errorf("worklist holds %v; want only the extended dossier (a stopped one is closed)", ids(list))
		}
	})
}

// TestRejectedLateEntryNeverCounts: a rejected late hand-over leaves the
// dossier where it was, and a later action may be dated before the rejection.
func TestRejectedLateEntryNeverCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		before := *s.d
		s.act(f.counterA, vn(3, 4, 16, 0), motcua.EventHandedOver, happenedAt(vn(3, 4, 9, 30)), reason("Mất điện"))
		if s.d.Step != 0 || s.d.Pending == nil {
			t.Fatalf("pending hand-over moved the dossier: step %d pending %v", s.d.Step, s.d.Pending)
		}
		wantCode(t, s.try(f.leaderA, vn(3, 4, 16, 30), motcua.EventLateRejected), motcua.EINVALID)
		s.act(f.leaderA, vn(3, 4, 16, 30), motcua.EventLateRejected, reason("Không có căn cứ"))
		if s.d.Step != before.Step || s.d.Pending != nil || !s.d.StepDueAt.Equal(before.StepDueAt) {
			t.Errorf("after rejection step %d pending %v step due %s; want as before", s.d.Step, s.d.Pending, show(s.d.StepDueAt))
		}
		s.act(f.counterA, vn(3, 4, 16, 40), motcua.EventHandedOver, happenedAt(vn(3, 4, 16, 20)), reason("Nhập lại"))
		if s.d.Step != 1 || s.d.Pending != nil {
			t.Errorf("hand-over after the rejection: step %d pending %v", s.d.Step, s.d.Pending)
		}
	})
}

// TestLateHolidayMovesOpenPartsAndSteps: Tue 05/03 declared a day off on
// Mon 04/03 12:00 moves the dossier (due Thu 07/03 09:00 → Fri 08/03 09:00),
// its current step and its open linked part (sent Mon 11:00 for 2 days: Wed
// 06/03 11:00 → Thu 07/03 11:00), with one recorded event; a later replay
// keeps the recorded dates.
func TestLateHolidayMovesOpenPartsAndSteps(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		s.act(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = f.b.ID, "Xác minh nơi cư trú", 900
		})
		wantInstant(t, "part due", s.d.Parts[0].DueAt, vn(3, 6, 11, 0))
		stepDue := s.d.StepDueAt
		setNow(db, vn(3, 4, 12, 0))
		if _, err := db.SetCalendarDay(ctx, f.admin, calendar.Special{Date: calendar.DateOf(vn(3, 5, 0, 0)), Kind: calendar.DayOff, Name: "Nghỉ đột xuất"}); err != nil {
			t.Fatal(err)
		}
		h := s.history(f.specialistA)
		wantInstant(t, "dossier due after the holiday", h.DueAt, vn(3, 8, 9, 0))
		wantInstant(t, "part due after the holiday", h.Parts[0].DueAt, vn(3, 7, 11, 0))
		if !h.StepDueAt.After(stepDue) {
			t.Errorf("step due %s not moved from %s", show(h.StepDueAt), show(stepDue))
		}
		_, events, _, err := db.History(ctx, f.specialistA, s.d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := events[len(events)-1]; last.Type != motcua.EventDueRecomputed || !strings.Contains(last.Reason, "Nghỉ đột xuất") {
			t.Errorf("last event %s %q; want the recorded recomputation", last.Type, last.Reason)
		}
		// A later action replays the log and keeps the recorded dates; the
		// part, back Mon 14:00, is early against its moved due date.
		setNow(db, vn(3, 4, 13, 30))
		s.d = h
		s.act(f.specialistB, vn(3, 4, 14, 0), motcua.EventPartReturned, func(a *motcua.Action) { a.PartSeq = h.Parts[0].Seq })
		if got := s.history(f.specialistA); !got.DueAt.Equal(h.DueAt) || got.Parts[0].Grade != motcua.GradeEarly {
			t.Errorf("after the part came back: due %s, part graded %q", show(got.DueAt), got.Parts[0].Grade)
		}
	})
}

// TestPartWithItsOwnWorkflow: a part sent Mon 04/03 11:00 with two steps
// (0,5 + 2 working days) is due Wed 06/03 16:45, its first step Mon 16:45.
// The first step, handed on Tue 08:00, is late; the part, back Wed 10:00,
// is on time; the control slip's records say who did what.
func TestPartWithItsOwnWorkflow(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		wantCode(t, s.try(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle = f.b.ID, "Xác minh"
			a.PartSteps = []motcua.PartStep{{Name: "Tiếp nhận", Minutes: 225}, {Name: " ", Minutes: 900}}
		}), motcua.EINVALID)
		s.act(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle = f.b.ID, "Xác định nghĩa vụ tài chính"
			a.PartSteps = []motcua.PartStep{{Name: "Tiếp nhận thông tin", Minutes: 225}, {Name: "Xác định, thông báo", Minutes: 900}}
		})
		pt := s.d.Parts[0]
		wantInstant(t, "part due", pt.DueAt, vn(3, 6, 16, 45))
		wantInstant(t, "first part step due", pt.Records[0].DueAt, vn(3, 4, 16, 45))
		partAct := func(a *motcua.Action) { a.PartSeq = pt.Seq }
		// Only the co-ordinating unit moves its part; there is no step after the last.
		wantCode(t, s.try(f.specialistA, vn(3, 5, 8, 0), motcua.EventPartHandedOver, partAct), motcua.EFORBIDDEN)
		s.act(f.specialistB, vn(3, 5, 8, 0), motcua.EventPartHandedOver, partAct)
		wantCode(t, s.try(f.specialistB, vn(3, 5, 9, 0), motcua.EventPartHandedOver, partAct), motcua.ENOTALLOWED)
		s.act(f.specialistB, vn(3, 6, 10, 0), motcua.EventPartReturned, partAct)
		h := s.history(f.specialistA).Parts[0]
		if len(h.Records) != 2 || h.Records[0].Grade != motcua.GradeLate || h.Records[1].Grade != motcua.GradeEarly || h.Grade != motcua.GradeOnTime {
			t.Errorf("part records %+v graded %q", h.Records, h.Grade)
		}
		wantInstant(t, "second part step due", h.Records[1].DueAt, vn(3, 7, 8, 0))
		if h.Records[1].GiverID != f.specialistB.User.ID || h.Records[1].EndedBy != f.specialistB.User.ID {
			t.Errorf("second part step given by %d, ended by %d", h.Records[1].GiverID, h.Records[1].EndedBy)
		}
	})
}

// TestLateHolidayMovesPartsOfPausedDossiers: a dossier waiting for a
// supplement keeps its frozen clock, but its linked part, whose clock never
// pauses, moves with a day off declared late.
func TestLateHolidayMovesPartsOfPausedDossiers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		s.act(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = f.b.ID, "Xác minh nơi cư trú", 900
		})
		s.act(f.specialistA, vn(3, 4, 11, 10), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Tờ khai"} })
		due := s.d.DueAt
		setNow(db, vn(3, 4, 12, 0))
		if _, err := db.SetCalendarDay(t.Context(), f.admin, calendar.Special{Date: calendar.DateOf(vn(3, 5, 0, 0)), Kind: calendar.DayOff, Name: "Nghỉ đột xuất"}); err != nil {
			t.Fatal(err)
		}
		h := s.history(f.specialistA)
		wantInstant(t, "paused dossier's due", h.DueAt, due)
		wantInstant(t, "its part's due", h.Parts[0].DueAt, vn(3, 7, 11, 0))
	})
}

package store

import (
	"cmp"
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// createMissing creates the units (when allowed) and the catalogue entries
// the rows need, before the rows go in.
func (im *registerImport) createMissing(ctx context.Context) error {
	root, err := im.rootUnit(ctx)
	if err != nil {
		return err
	}
	for i := range im.needs {
		e := &im.needs[i]
		if im.units[e.UnitCode] == nil {
			u := &motcua.Unit{Code: e.UnitCode, Name: e.UnitCode, Kind: motcua.UnitOneStop, ParentID: root}
			if err := im.db.CreateUnit(ctx, u); err != nil {
				return err
			}
			im.units[e.UnitCode] = u
			im.r.CreatedUnits = append(im.r.CreatedUnits, e.UnitCode)
		}
		if u := im.units[e.UnitCode]; im.levels[u.ID] == "" {
			if im.levels[u.ID], err = im.db.ReceivingLevel(ctx, u.ID); err != nil {
				return err
			}
		}
		if _, err := im.procedure(ctx, e); err != nil {
			return err
		}
		if u := im.units[e.UnitCode]; im.cals[u.ID] == nil {
			if im.cals[u.ID], err = im.db.Calendar(ctx, u.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (im *registerImport) rootUnit(ctx context.Context) (int64, error) {
	units, err := im.db.Units(ctx)
	if err != nil {
		return 0, err
	}
	for _, u := range units {
		if u.ParentID == 0 {
			return u.ID, nil
		}
	}
	return 0, nil
}

// procedure finds the catalogue entry of a row's procedure at the level of
// its unit, creating an imported entry for a code the catalogue lacks.
func (im *registerImport) procedure(ctx context.Context, e *motcua.RegisterEntry) (*motcua.Procedure, error) {
	level := im.levels[im.units[e.UnitCode].ID]
	key := procKey(e, level)
	if p := im.procs[key]; p != nil {
		return p, nil
	}
	id, err := im.db.ProcedureID(ctx, e.ProcedureCode, level)
	if err != nil {
		id, err = im.db.ProcedureID(ctx, e.ProcedureCode, "")
	}
	if err == nil {
		p, err := im.db.latestVersion(ctx, id)
		im.procs[key] = p
		return p, err
	}
	p := &motcua.Procedure{Code: e.ProcedureCode, Name: cmp.Or(e.ProcedureName, "Thủ tục "+e.ProcedureCode), Field: cmp.Or(e.Field, "Chưa phân loại"),
		Level: level, Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineNone,
		ResultType:    "Nhập từ sổ theo dõi của hệ thống cũ; thời hạn và quy trình chưa công bố",
		Steps:         []motcua.WorkflowStep{{Name: "Giải quyết (dữ liệu nhập từ hệ thống cũ)", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 450}},
		EffectiveFrom: time.Date(2000, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := im.db.CreateProcedure(ctx, p); err != nil {
		return nil, err
	}
	im.procs[key] = p
	im.r.CreatedProcedures = append(im.r.CreatedProcedures, p.Code)
	return p, nil
}

// build replays one row's events into its dossier, stamped with the
// recorded due instant so that a replay — or any later calendar change —
// keeps it.
// It reads only what createMissing gathered: it runs beside the
// transaction, on the builder's goroutine.
func (im *registerImport) build(e *motcua.RegisterEntry) (*motcua.Dossier, []motcua.Event, error) {
	u := im.units[e.UnitCode]
	p, cal := im.procs[procKey(e, im.levels[u.ID])], im.cals[u.ID]
	now := im.now
	applicant := motcua.Applicant{Name: e.Applicant, Address: e.Address}
	events := []motcua.Event{{Seq: 1, Type: motcua.EventAccepted, At: e.AcceptedAt, RecordedAt: now, UnitID: u.ID,
		Data: motcua.EventData{ProcedureVersionID: p.VersionID, ReceivingUnitID: u.ID, DecidingUnitID: u.ID, Channel: e.Channel,
			Applicant: &applicant, Sets: 1, Imported: true}}}
	for _, l := range registerEventTimes(e)[1:] {
		events = append(events, motcua.Event{Seq: len(events) + 1, Type: l.typ, At: l.at, RecordedAt: now, UnitID: u.ID,
			Data: motcua.EventData{Imported: true}})
	}
	if !e.WithdrawnAt.IsZero() {
		events[len(events)-1].Reason = "Rút hồ sơ (theo sổ của hệ thống cũ)"
	}
	base := motcua.Dossier{Code: e.Code, ProcedureID: p.ID, ProcedureCode: p.Code, ProcedureName: p.Name, TrackingSecret: newTrackingSecret()}
	var d motcua.Dossier
	var err error
	for i := range events {
		var c ledger.Clock
		if d, c, err = ledger.Replay(base, events[:i+1], p, cal); err != nil {
			return nil, nil, err
		}
		d.DueAt, d.StepDueAt = e.DueAt, e.DueAt // as the old register promised
		ledger.Stamp(&events[i], &d, c)
	}
	if d, _, err = ledger.Replay(base, events, p, cal); err != nil {
		return nil, nil, err
	}
	return &d, events, nil
}

// procKey names a row's procedure at its unit's level in im.procs.
func procKey(e *motcua.RegisterEntry, level motcua.Level) string {
	return e.ProcedureCode + "/" + string(level)
}

// registerEvent is one event a register row records.
type registerEvent struct {
	typ motcua.EventType
	at  time.Time
}

// registerEventTimes lists a row's events: acceptance, then the result,
// its return and a withdrawal, each when the row has its date.
func registerEventTimes(e *motcua.RegisterEntry) []registerEvent {
	out := []registerEvent{{motcua.EventAccepted, e.AcceptedAt}}
	for _, l := range []registerEvent{{motcua.EventResultReady, e.ResultAt}, {motcua.EventResultReturned, e.ReturnedAt}, {motcua.EventWithdrawn, e.WithdrawnAt}} {
		if !l.at.IsZero() {
			out = append(out, l)
		}
	}
	return out
}

package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TrialReport is a trial run (chạy thử) of a procedure version at a unit:
// the simulated instants, who could do each step, and what looks wrong.
type TrialReport struct {
	Procedure           *motcua.Procedure
	Receiving, Deciding *motcua.Unit
	Run                 ledger.Trial
	Holders             [][]motcua.User // per step: who holds its role at its unit
	Warnings            []string
}

// Trial simulates a procedure version — draft or published — for a dossier
// received at unitID (0: the first unit that receives such dossiers) at
// instant at, on that unit's real calendar.
func (db *DB) Trial(ctx context.Context, versionID, unitID int64, at time.Time) (r *TrialReport, err error) {
	defer motcua.Wrap(&err, "DB.Trial(%d)", versionID)
	r = &TrialReport{}
	if r.Procedure, err = db.ProcedureVersion(ctx, versionID); err != nil {
		return nil, err
	}
	p := r.Procedure
	if unitID == 0 {
		if unitID, err = db.defaultReceiving(ctx, p.Level); err != nil {
			return nil, err
		}
	}
	if r.Receiving, err = db.Unit(ctx, unitID); err != nil {
		return nil, err
	}
	units, err := db.ancestry(ctx, unitID)
	if err != nil {
		return nil, err
	}
	if r.Deciding, err = ledger.DecidingUnit(units, p); err != nil {
		return nil, err
	}
	cal, err := db.Calendar(ctx, unitID)
	if err != nil {
		return nil, err
	}
	r.Run = ledger.TrialRun(p, r.Receiving.ID, r.Deciding.ID, at, cal)
	if r.Warnings, err = db.calendarGaps(ctx, r.Run.At, r.Run.DueAt); err != nil {
		return nil, err
	}
	if !r.Run.Fits() {
		r.Warnings = append(r.Warnings, fmt.Sprintf("Tổng thời gian các bước (%s giờ làm việc) khác thời hạn giải quyết (%s giờ làm việc): quy trình không thể công bố.",
			motcua.FormatDecimal(r.Run.Budget.Hours()), motcua.FormatDecimal(r.Run.Legal.Hours())))
	}
	for i, st := range r.Run.Steps {
		holders, leaders, err := db.stepHolders(ctx, st.UnitID, st.Role)
		if err != nil {
			return nil, err
		}
		if assigned, err := db.StepOfficers(ctx, p.ID, st.UnitID); err != nil {
			return nil, err
		} else if len(assigned[st.Name]) > 0 { // the unit named who does the step
			holders = assigned[st.Name]
		}
		r.Holders = append(r.Holders, holders)
		if w := holderWarning(i, st, holders, leaders, db.unitNameOr(ctx, st.UnitID)); w != "" {
			r.Warnings = append(r.Warnings, w)
		}
	}
	return r, nil
}

// calendarGaps warns of the years in [from, to] whose days off were never
// declared: there every weekday counts as working, holidays included, so
// the due instants computed there cannot be trusted.
func (db *DB) calendarGaps(ctx context.Context, from, to time.Time) ([]string, error) {
	days, err := db.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	known := map[int]bool{}
	for _, d := range days {
		known[d.Date.Year] = true
	}
	var out []string
	for y := from.In(motcua.VN).Year(); y <= to.In(motcua.VN).Year(); y++ {
		if !known[y] {
			out = append(out, fmt.Sprintf("Lịch làm việc chưa có ngày nghỉ lễ, Tết nào của năm %d: các ngày trong năm đó được tính như ngày làm việc thường, nên hạn tính ra chưa đáng tin. Quản trị khai báo lịch năm %d ở trang Lịch làm việc.", y, y))
		}
	}
	return out, nil
}

func (db *DB) stepHolders(ctx context.Context, unitID int64, role motcua.Role) (holders, leaders []motcua.User, err error) {
	if holders, err = db.UsersAt(ctx, unitID, role); err != nil || role == motcua.RoleLeader {
		return holders, holders, err
	}
	leaders, err = db.UsersAt(ctx, unitID, motcua.RoleLeader)
	return holders, leaders, err
}

// holderWarning says when nobody, or only a leader, can do a step.
func holderWarning(i int, st ledger.TrialStep, holders, leaders []motcua.User, unit string) string {
	role := strings.ToLower(st.Role.Label())
	switch {
	case len(holders) > 0:
		return ""
	case len(leaders) > 0:
		return fmt.Sprintf("Bước %d (%s): %s chưa có %s nào; chỉ lãnh đạo đơn vị thực hiện được.", i+1, st.Name, unit, role)
	}
	return fmt.Sprintf("Bước %d (%s): %s không có ai giữ vai trò %s — không ai thực hiện được bước này.", i+1, st.Name, unit, role)
}

func (db *DB) unitNameOr(ctx context.Context, id int64) string {
	if u, err := db.Unit(ctx, id); err == nil {
		return u.Name
	}
	return fmt.Sprintf("đơn vị %d", id)
}

// defaultReceiving is the first unit that receives dossiers of a level:
// where the organisation has service centres (since 07/2025), a commune's
// centre for commune procedures and the provincial centre for province
// procedures; otherwise a commune for commune procedures, a one-stop
// section under a district or province for the others.
func (db *DB) defaultReceiving(ctx context.Context, level motcua.Level) (int64, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return 0, err
	}
	if u := t.centreFor(level); u != nil {
		return u.ID, nil
	}
	top := map[motcua.Level]motcua.UnitKind{motcua.LevelCommune: motcua.UnitCommune, motcua.LevelDistrict: motcua.UnitDistrict,
		motcua.LevelProvince: motcua.UnitProvince}[level]
	for _, u := range t.all {
		switch {
		case level == motcua.LevelCommune && u.Kind == motcua.UnitCommune:
			return u.ID, nil
		case level != motcua.LevelCommune && u.Kind == motcua.UnitOneStop && t.ancestorOfKind(u.ID, top) != nil:
			return u.ID, nil
		}
	}
	return 0, motcua.Errorf(motcua.ENOTFOUND, "Không có đơn vị nào tiếp nhận hồ sơ %s.", strings.ToLower(level.Label()))
}

// centreFor is the first service centre that receives dossiers of a level
// for the unit above it — a commune's centre for commune procedures, the
// provincial centre for province procedures — nil if there is none.
func (t *unitTree) centreFor(level motcua.Level) *motcua.Unit {
	parent := map[motcua.Level]motcua.UnitKind{motcua.LevelCommune: motcua.UnitCommune,
		motcua.LevelProvince: motcua.UnitProvince}[level]
	for _, u := range t.all {
		if parent != "" && u.Kind == motcua.UnitCentre && t.parentKind(u) == parent {
			return u
		}
	}
	return nil
}

// TrialOf runs the trial of the procedure with a national code (at a
// level, "" when the code is unique): the version in force at at, or, with
// draft, its latest draft.
func (db *DB) TrialOf(ctx context.Context, code string, level motcua.Level, unitID int64, draft bool, at time.Time) (*TrialReport, error) {
	id, err := db.ProcedureID(ctx, code, level)
	if err != nil {
		return nil, err
	}
	var version int64
	if draft {
		version, err = db.latestDraft(ctx, id)
	} else {
		var p *motcua.Procedure
		if p, err = db.VersionAt(ctx, id, at); err == nil {
			version = p.VersionID
		}
	}
	if err != nil {
		return nil, err
	}
	return db.Trial(ctx, version, unitID, at)
}

func (db *DB) latestDraft(ctx context.Context, id int64) (int64, error) {
	versions, err := db.Versions(ctx, id)
	if err != nil {
		return 0, err
	}
	for i := len(versions) - 1; i >= 0; i-- {
		if versions[i].Status == motcua.VersionDraft {
			return versions[i].VersionID, nil
		}
	}
	return 0, motcua.Errorf(motcua.ENOTFOUND, "Thủ tục chưa có bản dự thảo nào.")
}

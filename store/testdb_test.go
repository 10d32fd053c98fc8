package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/store"
)

// pgEnv names the environment variable holding a PostgreSQL DSN.
const pgEnv = pgtest.Env

// monday is the fixed "now" of the fixtures: Monday 04/03/2024 09:00 in
// Vietnam, a plain working week (no day off from 04/03 to 15/03/2024).
var monday = time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)

// vn builds an instant in Vietnam's zone.
func vn(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2024, month, day, hour, minute, 0, 0, motcua.VN)
}

// eachEngine runs fn on a fresh SQLite file and, when MOTCUA_TEST_PG holds a
// DSN, on PostgreSQL in a fresh schema dropped afterwards. db.Now is fixed at
// monday on both.
func eachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	if pgtest.DSN() == "" {
		t.Logf("%s is empty: PostgreSQL store tests skipped, SQLite only", pgEnv)
	}
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return monday }
		fn(t, db)
	})
}

// fixture is a district with two communes, A and B, one commune procedure
// with a four-step workflow, officers of each commune and an administrator.
type fixture struct {
	db                       *store.DB
	district, a, b           *motcua.Unit
	proc                     *motcua.Procedure
	counterA, counterB       *motcua.Actor
	specialistA, specialistB *motcua.Actor
	leaderA, leaderB         *motcua.Actor
	admin                    *motcua.Actor // only after withAdmin
}

const testPassword = "mật khẩu thử 1"

// newFixture builds the fixture: units, the procedure, and a counter officer,
// a specialist and a leader for each commune. Each user costs an argon2 hash.
func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := t.Context()
	f := &fixture{db: db}
	f.district = &motcua.Unit{Code: "000.00.99.T01", Name: "Ủy ban nhân dân huyện Thử", Kind: motcua.UnitDistrict}
	mustUnit(t, db, f.district)
	f.a = &motcua.Unit{Code: "000.21.99.T01", Name: "Ủy ban nhân dân xã Đắk A", Kind: motcua.UnitCommune, ParentID: f.district.ID}
	mustUnit(t, db, f.a)
	f.b = &motcua.Unit{Code: "000.22.99.T01", Name: "Ủy ban nhân dân xã Ea B", Kind: motcua.UnitCommune, ParentID: f.district.ID}
	mustUnit(t, db, f.b)

	f.proc = &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Documents: []motcua.RequiredDocument{{Name: "Tờ khai đăng ký khai sinh", Kind: motcua.DocOriginal, Count: 1}},
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận, chuyển hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định, dự thảo kết quả", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 900},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 270},
			{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
		}, EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := db.CreateProcedure(ctx, f.proc); err != nil {
		t.Fatal(err)
	}

	f.counterA = mustUser(t, db, "motcua.a", "Nguyễn Thị Một", motcua.RoleCounter, f.a.ID)
	f.specialistA = mustUser(t, db, "chuyenvien.a", "Trần Văn Hai", motcua.RoleSpecialist, f.a.ID)
	f.leaderA = mustUser(t, db, "lanhdao.a", "Lê Thị Ba", motcua.RoleLeader, f.a.ID)
	f.counterB = mustUser(t, db, "motcua.b", "Phạm Văn Bốn", motcua.RoleCounter, f.b.ID)
	f.specialistB = mustUser(t, db, "chuyenvien.b", "H'Năm Niê", motcua.RoleSpecialist, f.b.ID)
	f.leaderB = mustUser(t, db, "lanhdao.b", "Y Sáu Êban", motcua.RoleLeader, f.b.ID)
	return f
}

// withAdmin adds an administrator at the district (another argon2 hash).
func (f *fixture) withAdmin(t *testing.T) *fixture {
	t.Helper()
	f.admin = mustUser(t, f.db, "quantri", "Hoàng Quản Trị", motcua.RoleAdmin, f.district.ID)
	return f
}

func mustUnit(t *testing.T, db *store.DB, u *motcua.Unit) {
	t.Helper()
	if err := db.CreateUnit(t.Context(), u); err != nil {
		t.Fatal(err)
	}
}

func mustUser(t *testing.T, db *store.DB, username, name string, role motcua.Role, unitID int64) *motcua.Actor {
	t.Helper()
	u := &motcua.User{Username: username, FullName: name, Grants: []motcua.Grant{{Role: role, UnitID: unitID}}}
	if err := db.CreateUser(t.Context(), u, testPassword); err != nil {
		t.Fatal(err)
	}
	a, err := db.Actor(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// intake is a complete counter intake of the fixture procedure at unit.
func (f *fixture) intake(unitID int64) motcua.Intake {
	return motcua.Intake{ProcedureID: f.proc.ID, UnitID: unitID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai đăng ký khai sinh", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1}
}

// accept accepts a dossier at unit by actor, failing the test on error.
func (f *fixture) accept(t *testing.T, a *motcua.Actor, unitID int64) *motcua.Dossier {
	t.Helper()
	d, err := f.db.Accept(t.Context(), a, f.intake(unitID))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// setNow moves the store's clock.
func setNow(db *store.DB, t time.Time) { db.Now = func() time.Time { return t } }

// count returns the number of rows of table, which may carry a WHERE
// clause.
func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantCode fails unless err carries the application error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := motcua.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// show renders an instant with its weekday, so failures read like the rules.
func show(t time.Time) string {
	if t.IsZero() {
		return "zero"
	}
	return t.In(motcua.VN).Format("Mon 2006-01-02 15:04:05 -07:00")
}

func wantInstant(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, show(got), show(want))
	}
}

// normal makes two projections of a dossier comparable with DeepEqual:
// instants in UTC, empty lists as nil, and without what only full replays
// fill in (the steps taken, the extension count, the stop instant, the
// details of a pending entry).
func normal(d motcua.Dossier) motcua.Dossier {
	d.Steps, d.Extensions, d.Supplements = nil, 0, 0 // full replays only
	if d.Pending != nil {
		d.Pending = &motcua.PendingEntry{Seq: d.Pending.Seq, UnitID: d.Pending.UnitID}
	}
	for i := range d.Parts {
		d.Parts[i] = motcua.Part{Seq: d.Parts[i].Seq, UnitID: d.Parts[i].UnitID, Title: d.Parts[i].Title,
			SentAt: d.Parts[i].SentAt.UTC(), DueAt: d.Parts[i].DueAt.UTC(), ReturnedAt: d.Parts[i].ReturnedAt}
		if !d.Parts[i].ReturnedAt.IsZero() {
			d.Parts[i].ReturnedAt = d.Parts[i].ReturnedAt.UTC()
		}
	}
	if len(d.Parts) == 0 {
		d.Parts = nil
	}
	for _, p := range []*time.Time{&d.AcceptedAt, &d.DueAt, &d.StepDueAt, &d.ResultAt, &d.ReturnedAt, &d.PausedAt, &d.PromisedAt, &d.SentAt, &d.ClosedAt} {
		if !p.IsZero() {
			*p = p.UTC()
		}
	}
	if len(d.Documents) == 0 {
		d.Documents = nil
	}
	return d
}

func sameDossier(t *testing.T, what string, got, want *motcua.Dossier) {
	t.Helper()
	if g, w := normal(*got), normal(*want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

// reads counts the staff reads of personal data in the audit trail.
func reads(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%.read'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// calendarTTL bounds how stale another replica's cached calendar may be
// after an administrator edits the days off.
const calendarTTL = 30 * time.Second

type calendarDay struct {
	Day  string
	Kind calendar.Kind
	Name string
}

// CalendarChange is one edit of the working calendar, kept for history.
type CalendarChange struct {
	Day       string
	Action    string // "set" or "delete"
	Kind      calendar.Kind
	Name      string
	ActorID   int64
	ActorName string
	ChangedAt time.Time
}

// DayVN is the changed day as dd/mm/yyyy; an office-hours change names
// its unit's code instead.
func (c CalendarChange) DayVN() string {
	if d, err := calendar.ParseDate(c.Day); err == nil {
		return d.VN()
	}
	return c.Day
}

// When is the instant of the change as dd/mm/yyyy HH:MM.
func (c CalendarChange) When() string {
	return c.ChangedAt.In(motcua.VN).Format("02/01/2006 15:04")
}

// seedCalendar loads the built-in Vietnamese days off into a calendar that
// has never been edited, recording the load as changes by the system (actor 0).
func (db *DB) seedCalendar(ctx context.Context) error {
	var n int
	if err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM calendar_changes`).Scan(&n)
	}); err != nil || n > 0 {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		for _, s := range calendar.Vietnam() {
			if err := setDay(tx, s, 0, db.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetCalendarDay declares a day off or a make-up working day and moves the
// due dates it changes; it returns the dossiers whose promised date moved
// (their applicants are told). Only administrators may change the calendar.
func (db *DB) SetCalendarDay(ctx context.Context, a *motcua.Actor, s calendar.Special) (moves []DueMove, err error) {
	defer motcua.Wrap(&err, "DB.SetCalendarDay(%s)", s.Date)
	if err := checkDay(a, &s); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error { return setDay(tx, s, a.User.ID, db.Now()) })
	db.forgetCalendar()
	if err != nil {
		return nil, err
	}
	return db.recomputeDueDates(ctx, a.User.ID, dayChange(s.Date, setReason(s)))
}

// PreviewCalendarDay lists the dossiers whose promised date SetCalendarDay
// would move, and writes nothing.
func (db *DB) PreviewCalendarDay(ctx context.Context, a *motcua.Actor, s calendar.Special) (moves []DueMove, err error) {
	defer motcua.Wrap(&err, "DB.PreviewCalendarDay(%s)", s.Date)
	if err := checkDay(a, &s); err != nil {
		return nil, err
	}
	return db.previewDays(ctx, a, dayChange(s.Date, setReason(s)), func(days []calendar.Special) []calendar.Special {
		return append(withoutDay(days, s.Date), s)
	})
}

// checkDay validates a declared day and cleans its name.
func checkDay(a *motcua.Actor, s *calendar.Special) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	s.Name = motcua.NFC(strings.TrimSpace(s.Name))
	if s.Name == "" {
		return motcua.FieldError("name", "Phải ghi tên hoặc lý do của ngày nghỉ/ngày làm bù.")
	}
	if s.Kind != calendar.DayOff && s.Kind != calendar.MakeUpDay {
		return motcua.FieldError("kind", "Loại ngày không hợp lệ.")
	}
	if wd := s.Date.Weekday(); s.Kind == calendar.MakeUpDay && wd != time.Saturday && wd != time.Sunday {
		return motcua.FieldError("date", "Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật.")
	}
	return nil
}

func setReason(s calendar.Special) string {
	return calendarReason(fmt.Sprintf("ngày %s là %s (%s)", s.Date.VN(), kindLabel(s.Kind), s.Name))
}

func deleteReason(d calendar.Date) string {
	return calendarReason(fmt.Sprintf("ngày %s trở lại là ngày thường", d.VN()))
}

// dayChange is an edit of one day, for every unit.
func dayChange(d calendar.Date, reason string) calendarChange {
	return calendarChange{from: d.At(0), reason: reason}
}

// previewDays computes the moves with the days off as edit would leave them.
func (db *DB) previewDays(ctx context.Context, a *motcua.Actor, change calendarChange, edit func([]calendar.Special) []calendar.Special) ([]DueMove, error) {
	days, err := db.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	after := edit(slices.Clone(days))
	change.after = func(ctx context.Context, unitID int64) (*calendar.Calendar, error) {
		return db.calendarWith(ctx, unitID, after)
	}
	return db.recomputeDueDates(ctx, a.User.ID, change)
}

func withoutDay(days []calendar.Special, d calendar.Date) []calendar.Special {
	return slices.DeleteFunc(days, func(s calendar.Special) bool { return s.Date == d })
}

func kindLabel(k calendar.Kind) string {
	if k == calendar.MakeUpDay {
		return "ngày làm bù"
	}
	return "ngày nghỉ"
}

// DeleteCalendarDay makes a declared day an ordinary day again and moves
// the due dates it changes, as SetCalendarDay does.
func (db *DB) DeleteCalendarDay(ctx context.Context, a *motcua.Actor, d calendar.Date) (moves []DueMove, err error) {
	defer motcua.Wrap(&err, "DB.DeleteCalendarDay(%s)", d)
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM calendar_days WHERE day = ?`, d.String()); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO calendar_changes (day, action, kind, name, actor_id, changed_at) VALUES (?, 'delete', '', '', ?, ?)`,
			d.String(), a.User.ID, ms(db.Now()))
		return err
	})
	db.forgetCalendar()
	if err != nil {
		return nil, err
	}
	return db.recomputeDueDates(ctx, a.User.ID, dayChange(d, deleteReason(d)))
}

// PreviewCalendarDelete lists the dossiers whose promised date
// DeleteCalendarDay would move, and writes nothing.
func (db *DB) PreviewCalendarDelete(ctx context.Context, a *motcua.Actor, d calendar.Date) (moves []DueMove, err error) {
	defer motcua.Wrap(&err, "DB.PreviewCalendarDelete(%s)", d)
	if err := requireAdmin(a); err != nil {
		return nil, err
	}
	return db.previewDays(ctx, a, dayChange(d, deleteReason(d)), func(days []calendar.Special) []calendar.Special {
		return withoutDay(days, d)
	})
}

func setDay(tx *Tx, s calendar.Special, actorID int64, now time.Time) error {
	if _, err := tx.exec(`DELETE FROM calendar_days WHERE day = ?`, s.Date.String()); err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?)`, s.Date.String(), string(s.Kind), s.Name); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO calendar_changes (day, action, kind, name, actor_id, changed_at) VALUES (?, 'set', ?, ?, ?, ?)`,
		s.Date.String(), string(s.Kind), s.Name, actorID, ms(now))
	return err
}

// CalendarChanges returns the edit history, newest first.
func (db *DB) CalendarChanges(ctx context.Context) ([]CalendarChange, error) {
	var out []CalendarChange
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT c.day, c.action, c.kind, c.name, c.actor_id, COALESCE(u.full_name, ''), c.changed_at
			FROM calendar_changes c LEFT JOIN users u ON u.id = c.actor_id ORDER BY c.id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c CalendarChange
			var at int64
			if err := rows.Scan(&c.Day, &c.Action, &c.Kind, &c.Name, &c.ActorID, &c.ActorName, &at); err != nil {
				return err
			}
			c.ChangedAt = fromMS(at)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// CalendarDays returns the declared days off and make-up days.
func (db *DB) CalendarDays(ctx context.Context) ([]calendar.Special, error) {
	days, err := db.calendarDays(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]calendar.Special, 0, len(days))
	for _, d := range days {
		date, err := calendar.ParseDate(d.Day)
		if err != nil {
			return nil, err
		}
		out = append(out, calendar.Special{Date: date, Kind: d.Kind, Name: d.Name})
	}
	return out, nil
}

// Calendar returns the working calendar of a unit: its office hours over the
// shared days off. unitID 0 gives the default office hours.
func (db *DB) Calendar(ctx context.Context, unitID int64) (_ *calendar.Calendar, err error) {
	defer motcua.Wrap(&err, "DB.Calendar(%d)", unitID)
	days, err := db.CalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	return db.calendarWith(ctx, unitID, days)
}

// calendarWith is a unit's office hours over the given days off.
func (db *DB) calendarWith(ctx context.Context, unitID int64, days []calendar.Special) (*calendar.Calendar, error) {
	hours := calendar.DefaultOfficeHours()
	if unitID != 0 {
		u, err := db.Unit(ctx, unitID)
		if err != nil {
			return nil, err
		}
		if hours, err = calendar.ParseOfficeHours(u.OfficeHours); err != nil {
			return nil, err
		}
	}
	return calendar.New(hours, days), nil
}

func (db *DB) calendarDays(ctx context.Context) ([]calendarDay, error) {
	db.mu.Lock()
	days, loaded := db.calDays, db.calLoaded
	db.mu.Unlock()
	if days != nil && time.Since(loaded) < calendarTTL {
		return days, nil
	}
	days = []calendarDay{}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT day, kind, name FROM calendar_days ORDER BY day`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d calendarDay
			if err := rows.Scan(&d.Day, &d.Kind, &d.Name); err != nil {
				return err
			}
			days = append(days, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	db.calDays, db.calLoaded = days, time.Now()
	db.mu.Unlock()
	return days, nil
}

func (db *DB) forgetCalendar() {
	db.mu.Lock()
	db.calDays = nil
	db.mu.Unlock()
}

func requireAdmin(a *motcua.Actor) error {
	for _, g := range a.User.Grants {
		if g.Role == motcua.RoleAdmin {
			return nil
		}
	}
	return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống được thực hiện thao tác này.")
}

// SetOfficeHours changes a unit's office hours ("" restores the default).
// The change is kept in the calendar history with the unit's code as its day.
func (db *DB) SetOfficeHours(ctx context.Context, a *motcua.Actor, unitID int64, hours string) (err error) {
	defer motcua.Wrap(&err, "DB.SetOfficeHours(%d)", unitID)
	if !a.Has(unitID, motcua.RoleAdmin) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống của đơn vị được thay đổi giờ làm việc.")
	}
	parsed, err := calendar.ParseOfficeHours(hours)
	if err != nil {
		return motcua.FieldError("hours", "Giờ làm việc không hợp lệ (%v). Ví dụ: Mon-Fri 07:30-11:30,13:30-17:00", err)
	}
	u, err := db.Unit(ctx, unitID)
	if err != nil {
		return err
	}
	canonical := ""
	if hours != "" {
		canonical = parsed.String()
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE units SET office_hours = ? WHERE id = ?`, canonical, unitID); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO calendar_changes (day, action, kind, name, actor_id, changed_at) VALUES (?, 'office_hours', '', ?, ?, ?)`,
			u.Code, canonical, a.User.ID, ms(db.Now()))
		return err
	})
	db.mu.Lock()
	db.units = nil
	db.mu.Unlock()
	if err != nil {
		return err
	}
	what := fmt.Sprintf("giờ làm việc của %s: %s", u.Name, parsed)
	_, err = db.recomputeDueDates(ctx, a.User.ID, calendarChange{unitID: unitID, from: db.Now(), reason: calendarReason(what)})
	return err
}

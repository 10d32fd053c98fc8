package store

import (
	"context"
	"fmt"
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

// SetCalendarDay declares a day off or a make-up working day. Only
// administrators may change the calendar.
func (db *DB) SetCalendarDay(ctx context.Context, a *motcua.Actor, s calendar.Special) (err error) {
	defer motcua.Wrap(&err, "DB.SetCalendarDay(%s)", s.Date)
	if err := requireAdmin(a); err != nil {
		return err
	}
	s.Name = motcua.NFC(s.Name)
	if s.Name == "" {
		return motcua.FieldError("name", "Phải ghi tên hoặc lý do của ngày nghỉ/ngày làm bù.")
	}
	if s.Kind != calendar.DayOff && s.Kind != calendar.MakeUpDay {
		return motcua.FieldError("kind", "Loại ngày không hợp lệ.")
	}
	if wd := s.Date.Weekday(); s.Kind == calendar.MakeUpDay && wd != time.Saturday && wd != time.Sunday {
		return motcua.FieldError("date", "Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật.")
	}
	err = db.inTx(ctx, func(tx *Tx) error { return setDay(tx, s, a.User.ID, db.Now()) })
	db.forgetCalendar()
	if err != nil {
		return err
	}
	what := fmt.Sprintf("ngày %s là %s (%s)", s.Date.VN(), kindLabel(s.Kind), s.Name)
	_, err = db.recomputeDueDates(ctx, a.User.ID, 0, s.Date.At(0), calendarReason(what))
	return err
}

func kindLabel(k calendar.Kind) string {
	if k == calendar.MakeUpDay {
		return "ngày làm bù"
	}
	return "ngày nghỉ"
}

// DeleteCalendarDay makes a declared day an ordinary day again.
func (db *DB) DeleteCalendarDay(ctx context.Context, a *motcua.Actor, d calendar.Date) (err error) {
	defer motcua.Wrap(&err, "DB.DeleteCalendarDay(%s)", d)
	if err := requireAdmin(a); err != nil {
		return err
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
		return err
	}
	what := fmt.Sprintf("ngày %s trở lại là ngày thường", d.VN())
	_, err = db.recomputeDueDates(ctx, a.User.ID, 0, d.At(0), calendarReason(what))
	return err
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
	_, err = db.recomputeDueDates(ctx, a.User.ID, unitID, db.Now(), calendarReason(what))
	return err
}

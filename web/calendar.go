package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

type calendarData struct {
	Year    int
	Years   []int // the years with declared days, and this one, ascending
	Days    []calendar.Special
	Changes []store.CalendarChange
	Form    struct{ Date, Kind, Name string }
	Units   []*motcua.Unit // units whose office hours the actor administers
	Default string
	Confirm *calendarConfirm // an edit waiting for the administrator's confirmation
	// HoursUnit is the unit whose office hours the error is about.
	HoursUnit string
	CanEdit   bool // an administrator: the edit and delete forms show
}

// calendarConfirm is an edit shown with what it would move, to confirm.
type calendarConfirm struct {
	Delete bool
	Day    calendar.Special
	Moves  []store.DueMove
}

// calendarPage lists the days off and make-up days of a year and, for
// administrators, lets them edit; every edit is kept in the history.
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.showCalendar(w, r, a, nil, nil)
}

func (s *Server) showCalendar(w http.ResponseWriter, r *http.Request, a *motcua.Actor, confirm *calendarConfirm, failure error) {
	v := view{Title: "Lịch làm việc", Actor: a}
	v.takeFlash(w, r)
	year, _ := strconv.Atoi(r.FormValue("year"))
	if confirm != nil {
		year = confirm.Day.Date.Year
	}
	if year == 0 {
		year = s.db.Now().In(motcua.VN).Year()
	}
	data := calendarData{Year: year, Years: []int{s.db.Now().In(motcua.VN).Year()}, Default: calendar.DefaultOfficeHours().String(), Confirm: confirm}
	for _, id := range a.UnitsWith(motcua.RoleAdmin) {
		if u, err := s.db.Unit(r.Context(), id); err == nil {
			data.Units = append(data.Units, u)
		}
	}
	slices.SortFunc(data.Units, func(x, y *motcua.Unit) int { return strings.Compare(x.Code, y.Code) })
	data.Form.Date, data.Form.Kind, data.Form.Name = r.PostFormValue("date"), r.PostFormValue("kind"), r.PostFormValue("name")
	data.HoursUnit, data.CanEdit = r.PostFormValue("unit"), len(a.UnitsWith(motcua.RoleAdmin)) > 0
	days, err := s.db.CalendarDays(r.Context())
	if err == nil {
		for _, d := range days {
			data.Years = append(data.Years, d.Date.Year)
			if d.Date.Year == year {
				data.Days = append(data.Days, d)
			}
		}
		data.Changes, err = s.db.CalendarChanges(r.Context())
	}
	slices.Sort(data.Years)
	data.Years = slices.Compact(data.Years)
	v.Data = data
	if err == nil {
		err = failure
	}
	if err != nil {
		s.fail(w, "calendar.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "calendar.html", v)
}

// calendarSet declares a day: first it shows which dossiers' promised
// dates would move and asks to confirm; confirmed, it saves and reports.
func (s *Server) calendarSet(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := calendar.ParseDate(r.PostFormValue("date"))
	if err != nil {
		s.showCalendar(w, r, a, nil, motcua.FieldError("date", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
		return
	}
	day := calendar.Special{Date: d, Kind: calendar.Kind(r.PostFormValue("kind")), Name: r.PostFormValue("name")}
	if r.PostFormValue("confirm") != "1" {
		moves, err := s.db.PreviewCalendarDay(r.Context(), a, day)
		s.showCalendar(w, r, a, confirmUnless(err, &calendarConfirm{Day: day, Moves: moves}), err)
		return
	}
	moves, err := s.db.SetCalendarDay(r.Context(), a, day)
	if err != nil {
		s.showCalendar(w, r, a, nil, err)
		return
	}
	what := "Đã lưu ngày nghỉ " + d.VN()
	if day.Kind == calendar.MakeUpDay {
		what = "Đã lưu ngày làm bù " + d.VN()
	}
	s.redirectFlash(w, r, "/calendar?year="+strconv.Itoa(d.Year), Flash{Text: what + ". " + movesReport(moves)})
}

// calendarDelete makes a declared day ordinary again, after the same
// confirmation as calendarSet.
func (s *Server) calendarDelete(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := calendar.ParseDate(r.PostFormValue("date"))
	if err != nil {
		s.showCalendar(w, r, a, nil, motcua.FieldError("date", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
		return
	}
	if r.PostFormValue("confirm") != "1" {
		day := calendar.Special{Date: d}
		if days, err := s.db.CalendarDays(r.Context()); err == nil {
			if i := slices.IndexFunc(days, func(x calendar.Special) bool { return x.Date == d }); i >= 0 {
				day = days[i]
			}
		}
		moves, err := s.db.PreviewCalendarDelete(r.Context(), a, d)
		s.showCalendar(w, r, a, confirmUnless(err, &calendarConfirm{Delete: true, Day: day, Moves: moves}), err)
		return
	}
	moves, err := s.db.DeleteCalendarDay(r.Context(), a, d)
	if err != nil {
		s.showCalendar(w, r, a, nil, err)
		return
	}
	s.redirectFlash(w, r, "/calendar?year="+strconv.Itoa(d.Year), Flash{Text: "Đã xóa ngày " + d.VN() + " khỏi lịch. " + movesReport(moves)})
}

// confirmUnless is the confirmation to ask for, none when the edit failed.
func confirmUnless(err error, c *calendarConfirm) *calendarConfirm {
	if err != nil {
		return nil
	}
	return c
}

// flashMoves bounds the dossiers a confirmation lists (it travels in a
// cookie); the count is always whole.
const flashMoves = 10

// movesReport says how many promised dates moved, and which.
func movesReport(moves []store.DueMove) string {
	if len(moves) == 0 {
		return "Không hồ sơ nào đổi ngày hẹn trả."
	}
	var list []string
	for i, m := range moves {
		if i == flashMoves {
			list = append(list, fmt.Sprintf("và %s hồ sơ khác", motcua.FormatInt(int64(len(moves)-flashMoves))))
			break
		}
		list = append(list, m.Code+": "+motcua.FormatDateTime(m.From)+" → "+motcua.FormatDateTime(m.To))
	}
	return fmt.Sprintf("%s hồ sơ đổi ngày hẹn trả (đã báo cho người nộp): %s.", motcua.FormatInt(int64(len(moves))), strings.Join(list, "; "))
}

func (s *Server) officeHoursSet(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	if err := s.db.SetOfficeHours(r.Context(), a, unitID, strings.TrimSpace(r.PostFormValue("hours"))); err != nil {
		s.showCalendar(w, r, a, nil, err)
		return
	}
	s.redirectFlash(w, r, "/calendar", Flash{Text: "Đã lưu giờ làm việc."})
}

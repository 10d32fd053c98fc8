package web

import (
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
	Days    []calendar.Special
	Changes []store.CalendarChange
	Form    struct{ Date, Kind, Name string }
	Units   []*motcua.Unit // units whose office hours the actor administers
	Default string
}

// calendarPage lists the days off and make-up days of a year and, for
// administrators, lets them edit; every edit is kept in the history.
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.showCalendar(w, r, a, nil)
}

func (s *Server) showCalendar(w http.ResponseWriter, r *http.Request, a *motcua.Actor, failure error) {
	v := view{Title: "Lịch làm việc", Actor: a}
	year, _ := strconv.Atoi(r.FormValue("year"))
	if year == 0 {
		year = s.db.Now().In(motcua.VN).Year()
	}
	data := calendarData{Year: year, Default: calendar.DefaultOfficeHours().String()}
	for _, id := range a.UnitsWith(motcua.RoleAdmin) {
		if u, err := s.db.Unit(r.Context(), id); err == nil {
			data.Units = append(data.Units, u)
		}
	}
	slices.SortFunc(data.Units, func(x, y *motcua.Unit) int { return strings.Compare(x.Code, y.Code) })
	data.Form.Date, data.Form.Kind, data.Form.Name = r.PostFormValue("date"), r.PostFormValue("kind"), r.PostFormValue("name")
	days, err := s.db.CalendarDays(r.Context())
	if err == nil {
		for _, d := range days {
			if d.Date.Year == year {
				data.Days = append(data.Days, d)
			}
		}
		data.Changes, err = s.db.CalendarChanges(r.Context())
	}
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

func (s *Server) calendarSet(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := calendar.ParseDate(r.PostFormValue("date"))
	if err != nil {
		s.showCalendar(w, r, a, motcua.FieldError("date", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy."))
		return
	}
	err = s.db.SetCalendarDay(r.Context(), a, calendar.Special{Date: d, Kind: calendar.Kind(r.PostFormValue("kind")), Name: r.PostFormValue("name")})
	if err != nil {
		s.showCalendar(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/calendar?year="+strconv.Itoa(d.Year), http.StatusSeeOther)
}

func (s *Server) calendarDelete(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := calendar.ParseDate(r.PostFormValue("date"))
	if err != nil {
		err = motcua.FieldError("date", "Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.")
	} else {
		err = s.db.DeleteCalendarDay(r.Context(), a, d)
	}
	if err != nil {
		s.showCalendar(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/calendar?year="+strconv.Itoa(d.Year), http.StatusSeeOther)
}

func (s *Server) officeHoursSet(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	if err := s.db.SetOfficeHours(r.Context(), a, unitID, strings.TrimSpace(r.PostFormValue("hours"))); err != nil {
		s.showCalendar(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/calendar", http.StatusSeeOther)
}

package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// The reform screens: a unit's yearly plan (entered as text, one content
// per "#" line and one task per "-" line), progress reported on each task,
// and the directive-document register.

type planData struct {
	Units       []*motcua.Unit // the units whose plans the actor may see
	UnitID      int64
	Year        int
	Plan        *reform.Plan
	Per         []reform.Progress
	All         reform.Progress
	Names       map[int64]string
	Manage      bool   // the actor may enter the plan
	Text        string // the plan as typed, when entering it failed
	Statuses    []reform.TaskStatus
	CanReport   map[int64]bool // by task
	ProgressDay time.Time
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderPlan(w, r, a, "", nil)
}

func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, a *motcua.Actor, text string, failure error) {
	data := &planData{Year: s.db.Now().In(motcua.VN).Year(), Names: map[int64]string{}, Text: text, CanReport: map[int64]bool{},
		Statuses: []reform.TaskStatus{reform.TaskNotStarted, reform.TaskInProgress, reform.TaskDone}, ProgressDay: s.db.Now()}
	if y, err := strconv.Atoi(r.FormValue("nam")); err == nil && y > 2000 {
		data.Year = y
	}
	v := view{Title: "Kế hoạch cải cách hành chính", Actor: a, Data: data}
	units, err := s.db.Units(r.Context())
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	for _, u := range units {
		data.Names[u.ID] = u.Name
		if a.InScope(u.ID) && (a.CanManageReform(u.ID) || a.CanReportTask(u.ID)) {
			data.Units = append(data.Units, u)
		}
	}
	data.UnitID, _ = strconv.ParseInt(r.FormValue("don_vi"), 10, 64)
	if data.UnitID == 0 && len(data.Units) > 0 {
		data.UnitID = data.Units[0].ID
	}
	data.Manage = a.CanManageReform(data.UnitID)
	if plan, err := s.db.Plan(r.Context(), data.UnitID, data.Year); err == nil {
		data.Plan = plan
		data.Per, data.All = plan.ProgressAt(data.ProgressDay)
		for _, c := range plan.Contents {
			for _, t := range c.Tasks {
				data.CanReport[t.ID] = a.CanReportTask(t.OwnerUnitID) || data.Manage
			}
		}
	} else if motcua.ErrorCode(err) != motcua.ENOTFOUND {
		s.fail(w, "error.html", v, err)
		return
	}
	if failure != nil {
		s.fail(w, "plan.html", v, failure)
		return
	}
	s.render(w, http.StatusOK, "plan.html", v)
}

// createPlan enters a plan typed as text.
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("don_vi"), 10, 64)
	year, _ := strconv.Atoi(r.PostFormValue("nam"))
	issued, _ := time.ParseInLocation("02/01/2006", strings.TrimSpace(r.PostFormValue("ngay")), motcua.VN)
	text := r.PostFormValue("noi_dung")
	plan := &reform.Plan{Year: year, UnitID: unitID, Number: strings.TrimSpace(r.PostFormValue("so")),
		Title: strings.TrimSpace(r.PostFormValue("ten")), IssuedOn: issued}
	err := s.parsePlanText(r, plan, text)
	if err == nil {
		err = s.db.CreatePlan(r.Context(), a, plan)
	}
	if err != nil {
		s.renderPlan(w, r, a, text, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/reform?don_vi=%d&nam=%d", unitID, year), http.StatusSeeOther)
}

// parsePlanText reads "# content" and "- task | unit code | dd/mm/yyyy"
// lines; errors name the line.
func (s *Server) parsePlanText(r *http.Request, plan *reform.Plan, text string) error {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			plan.Contents = append(plan.Contents, reform.PlanContent{Title: strings.TrimSpace(strings.TrimLeft(line, "#"))})
		case strings.HasPrefix(line, "-"):
			if len(plan.Contents) == 0 {
				return motcua.FieldError("noi_dung", "Dòng %d: nhiệm vụ phải nằm dưới một nội dung (dòng bắt đầu bằng #).", i+1)
			}
			parts := strings.Split(strings.TrimSpace(strings.TrimPrefix(line, "-")), "|")
			task := reform.PlanTask{Title: strings.TrimSpace(parts[0]), OwnerUnitID: plan.UnitID}
			if len(parts) > 1 && strings.TrimSpace(parts[1]) != "" {
				u, err := s.db.UnitByCode(r.Context(), strings.TrimSpace(parts[1]))
				if err != nil {
					return motcua.FieldError("noi_dung", "Dòng %d: không có đơn vị mã %q.", i+1, strings.TrimSpace(parts[1]))
				}
				task.OwnerUnitID = u.ID
			}
			if len(parts) > 2 && strings.TrimSpace(parts[2]) != "" {
				due, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(parts[2]), motcua.VN)
				if err != nil {
					return motcua.FieldError("noi_dung", "Dòng %d: hạn %q không đúng dạng dd/mm/yyyy.", i+1, strings.TrimSpace(parts[2]))
				}
				task.DueOn = due
			}
			last := &plan.Contents[len(plan.Contents)-1]
			last.Tasks = append(last.Tasks, task)
		default:
			return motcua.FieldError("noi_dung", "Dòng %d: bắt đầu bằng # (nội dung) hoặc - (nhiệm vụ).", i+1)
		}
	}
	if len(plan.Contents) == 0 {
		return motcua.FieldError("noi_dung", "Kế hoạch chưa có nội dung nào.")
	}
	return nil
}

// reportTask records a task's progress from the plan page.
func (s *Server) reportTask(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var on time.Time
	if d := strings.TrimSpace(r.PostFormValue("ngay")); d != "" {
		on, _ = time.ParseInLocation("02/01/2006", d, motcua.VN)
	}
	if err := s.db.ReportTask(r.Context(), a, id, reform.TaskStatus(r.PostFormValue("trang_thai")), r.PostFormValue("ghi_chu"), on); err != nil {
		s.renderPlan(w, r, a, "", err)
		return
	}
	http.Redirect(w, r, "/reform?"+r.URL.RawQuery, http.StatusSeeOther)
}

package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// CreatePlan records a year's reform plan of a unit with its contents and
// tasks, all or nothing.
func (db *DB) CreatePlan(ctx context.Context, a *motcua.Actor, p *reform.Plan) (err error) {
	defer motcua.Wrap(&err, "DB.CreatePlan(%d)", p.Year)
	if !a.CanManageReform(p.UnitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được lập kế hoạch cải cách hành chính.")
	}
	if p.Year < 2000 || strings.TrimSpace(p.Title) == "" {
		return motcua.FieldError("title", "Kế hoạch cần năm và tên.")
	}
	for _, c := range p.Contents {
		if strings.TrimSpace(c.Title) == "" {
			return motcua.FieldError("contents", "Mỗi nội dung cần có tên.")
		}
		for _, t := range c.Tasks {
			if strings.TrimSpace(t.Title) == "" || t.OwnerUnitID == 0 {
				return motcua.FieldError("tasks", "Mỗi nhiệm vụ cần tên và đơn vị chủ trì (nội dung “%s”).", c.Title)
			}
		}
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(`INSERT INTO reform_plans (year, number, title, issued_on, unit_id) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			p.Year, strings.TrimSpace(p.Number), motcua.NFC(strings.TrimSpace(p.Title)), ms(p.IssuedOn), p.UnitID).Scan(&p.ID); err != nil {
			return err
		}
		for i := range p.Contents {
			c := &p.Contents[i]
			c.Seq = i + 1
			if err := tx.queryRow(`INSERT INTO reform_contents (plan_id, seq, title) VALUES (?, ?, ?) RETURNING id`,
				p.ID, c.Seq, motcua.NFC(c.Title)).Scan(&c.ID); err != nil {
				return err
			}
			for j := range c.Tasks {
				t := &c.Tasks[j]
				t.Seq = j + 1
				if !t.Status.Valid() {
					t.Status = reform.TaskNotStarted
				}
				if err := tx.queryRow(`INSERT INTO reform_tasks (content_id, seq, title, owner_unit_id, due_on, status, done_on)
					VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, t.Seq, motcua.NFC(t.Title), t.OwnerUnitID, ms(t.DueOn),
					string(t.Status), ms(t.DoneOn)).Scan(&t.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("year", "Đơn vị đã có kế hoạch cải cách hành chính năm %d.", p.Year)
	}
	return err
}

// Plan returns a unit's plan of a year with its contents, tasks and notes.
func (db *DB) Plan(ctx context.Context, unitID int64, year int) (p *reform.Plan, err error) {
	defer motcua.Wrap(&err, "DB.Plan(%d, %d)", unitID, year)
	p = &reform.Plan{UnitID: unitID, Year: year}
	err = db.readTx(ctx, func(tx *Tx) error {
		var issued int64
		if err := tx.queryRow(`SELECT id, number, title, issued_on FROM reform_plans WHERE unit_id = ? AND year = ?`, unitID, year).
			Scan(&p.ID, &p.Number, &p.Title, &issued); err != nil {
			return motcua.Errorf(motcua.ENOTFOUND, "Không có kế hoạch cải cách hành chính năm %d của đơn vị này.", year)
		}
		p.IssuedOn = fromMS(issued)
		rows, err := tx.query(`SELECT c.id, c.seq, c.title, t.id, t.seq, t.title, t.owner_unit_id, t.due_on, t.status, t.done_on
			FROM reform_contents c LEFT JOIN reform_tasks t ON t.content_id = c.id WHERE c.plan_id = ? ORDER BY c.seq, t.seq`, p.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c reform.PlanContent
			var tid, owner, due, done *int64
			var tseq *int
			var ttitle, status *string
			if err := rows.Scan(&c.ID, &c.Seq, &c.Title, &tid, &tseq, &ttitle, &owner, &due, &status, &done); err != nil {
				return err
			}
			if n := len(p.Contents); n == 0 || p.Contents[n-1].ID != c.ID {
				p.Contents = append(p.Contents, c)
			}
			if tid != nil {
				last := &p.Contents[len(p.Contents)-1]
				last.Tasks = append(last.Tasks, reform.PlanTask{ID: *tid, Seq: *tseq, Title: *ttitle, OwnerUnitID: *owner,
					DueOn: fromMS(*due), Status: reform.TaskStatus(*status), DoneOn: fromMS(*done)})
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		byTask := map[int64]*reform.PlanTask{}
		for ci := range p.Contents {
			for ti := range p.Contents[ci].Tasks {
				byTask[p.Contents[ci].Tasks[ti].ID] = &p.Contents[ci].Tasks[ti]
			}
		}
		notes, err := tx.query(`SELECT n.task_id, n.at, n.author_id, n.status, n.text FROM reform_task_notes n
			JOIN reform_tasks t ON t.id = n.task_id JOIN reform_contents c ON c.id = t.content_id WHERE c.plan_id = ? ORDER BY n.at, n.id`, p.ID)
		if err != nil {
			return err
		}
		defer notes.Close()
		for notes.Next() {
			var id, at int64
			var n reform.TaskNote
			if err := notes.Scan(&id, &at, &n.AuthorID, &n.Status, &n.Text); err != nil {
				return err
			}
			n.At = fromMS(at)
			if t := byTask[id]; t != nil {
				t.Notes = append(t.Notes, n)
			}
		}
		return notes.Err()
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// ReportTask records progress on a task: its new status and a note; done
// tasks keep the day they were done (on, default now).
func (db *DB) ReportTask(ctx context.Context, a *motcua.Actor, taskID int64, status reform.TaskStatus, note string, on time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.ReportTask(%d)", taskID)
	if !status.Valid() {
		return motcua.FieldError("status", "Trạng thái nhiệm vụ không hợp lệ.")
	}
	now := db.now()
	if on.IsZero() {
		on = now
	}
	if on.After(now) {
		return motcua.FieldError("on", "Ngày hoàn thành không được sau hôm nay.")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var owner, planUnit int64
		if err := tx.queryRow(`SELECT t.owner_unit_id, p.unit_id FROM reform_tasks t JOIN reform_contents c ON c.id = t.content_id
			JOIN reform_plans p ON p.id = c.plan_id WHERE t.id = ?`, taskID).Scan(&owner, &planUnit); err != nil {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy nhiệm vụ này.")
		}
		if !a.CanReportTask(owner) && !a.CanManageReform(planUnit) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ đơn vị chủ trì hoặc lãnh đạo đơn vị ban hành kế hoạch được cập nhật nhiệm vụ này.")
		}
		done := int64(0)
		if status == reform.TaskDone {
			done = ms(on)
		}
		if _, err := tx.exec(`UPDATE reform_tasks SET status = ?, done_on = ? WHERE id = ?`, string(status), done, taskID); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO reform_task_notes (task_id, at, author_id, status, text) VALUES (?, ?, ?, ?, ?)`,
			taskID, ms(now), a.User.ID, string(status), motcua.NFC(strings.TrimSpace(note)))
		return err
	})
}

// OverdueTasks lists the tasks past their due date, not done, that the
// actor's units lead: for their dashboards.
func (db *DB) OverdueTasks(ctx context.Context, a *motcua.Actor) (out []reform.PlanTask, err error) {
	defer motcua.Wrap(&err, "DB.OverdueTasks")
	var units []any
	for id := range a.Units {
		if a.CanReportTask(id) {
			units = append(units, id)
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	args := append([]any{ms(db.now())}, units...)
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, seq, title, owner_unit_id, due_on, status FROM reform_tasks
			WHERE status <> 'done' AND due_on <> 0 AND due_on < ? AND owner_unit_id IN (`+marks(len(units))+`) ORDER BY due_on`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t reform.PlanTask
			var due int64
			if err := rows.Scan(&t.ID, &t.Seq, &t.Title, &t.OwnerUnitID, &due, &t.Status); err != nil {
				return err
			}
			t.DueOn = fromMS(due)
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// PlanUnits lists the units that have a reform plan for the year.
func (db *DB) PlanUnits(ctx context.Context, year int) (ids []int64, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		ids, err = column[int64](tx, `SELECT unit_id FROM reform_plans WHERE year = ? ORDER BY unit_id`, year)
		return err
	})
	return ids, err
}

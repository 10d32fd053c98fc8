package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// CreateDocument records a directive document of a unit (its number and
// symbol unique there), linked to the plan tasks it serves.
func (db *DB) CreateDocument(ctx context.Context, a *motcua.Actor, unitID int64, d *reform.Document) (err error) {
	defer motcua.Wrap(&err, "DB.CreateDocument(%q)", d.Number)
	if !a.CanManageReform(unitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được vào sổ văn bản.")
	}
	d.Number = motcua.NFC(strings.TrimSpace(d.Number))
	d.Summary = motcua.NFC(strings.TrimSpace(d.Summary))
	switch {
	case d.Number == "" || !strings.Contains(d.Number, "/"):
		return motcua.FieldError("number", "Số, ký hiệu văn bản dạng 3677/QĐ-UBND.")
	case d.Summary == "":
		return motcua.FieldError("summary", "Hãy ghi trích yếu nội dung văn bản.")
	case d.IssuedOn.IsZero():
		return motcua.FieldError("issued_on", "Hãy ghi ngày ban hành.")
	}
	if d.Type == "" {
		d.Type = reform.TypeOfNumber(d.Number)
	}
	if d.Type.Label() == string(d.Type) {
		return motcua.FieldError("type", "Loại văn bản không hợp lệ.")
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if len(d.TaskIDs) > 0 {
			args := []any{unitID}
			for _, id := range d.TaskIDs {
				args = append(args, id)
			}
			var n int
			if err := tx.queryRow(`SELECT COUNT(*) FROM reform_tasks t JOIN reform_contents c ON c.id = t.content_id
				JOIN reform_plans p ON p.id = c.plan_id WHERE p.unit_id = ? AND t.id IN (`+marks(len(d.TaskIDs))+`)`, args...).Scan(&n); err != nil {
				return err
			}
			if n != len(d.TaskIDs) {
				return motcua.FieldError("tasks", "Chỉ liên kết được với nhiệm vụ trong kế hoạch của đơn vị.")
			}
		}
		if err := tx.queryRow(`INSERT INTO documents (number, type, issued_on, issuer, summary, search_key, attachment, file_name, unit_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.Number, string(d.Type), ms(d.IssuedOn), motcua.NFC(d.Issuer), d.Summary,
			motcua.Fold(d.Number+" "+d.Summary+" "+d.Issuer), d.Attachment, d.FileName, unitID).Scan(&d.ID); err != nil {
			return err
		}
		for _, t := range d.TaskIDs {
			if _, err := tx.exec(`INSERT INTO document_tasks (document_id, task_id) VALUES (?, ?)`, d.ID, t); err != nil {
				return err
			}
		}
		return nil
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("number", "Văn bản số %s đã có trong sổ.", d.Number)
	}
	return err
}

// DocumentQuery narrows the register.
type DocumentQuery struct {
	UnitID   int64
	Text     string // words of the number, summary or issuer, with or without diacritics
	Type     reform.DocumentType
	From, To time.Time // issued in [From, To); zero: unbounded
}

// Documents lists a unit's register, newest first.
func (db *DB) Documents(ctx context.Context, q DocumentQuery) (out []reform.Document, err error) {
	defer motcua.Wrap(&err, "DB.Documents")
	where, args := `unit_id = ?`, []any{q.UnitID}
	for _, w := range strings.Fields(motcua.Fold(q.Text)) {
		where += ` AND search_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
	}
	if q.Type != "" {
		where += ` AND type = ?`
		args = append(args, string(q.Type))
	}
	if !q.From.IsZero() {
		where += ` AND issued_on >= ?`
		args = append(args, ms(q.From))
	}
	if !q.To.IsZero() {
		where += ` AND issued_on < ?`
		args = append(args, ms(q.To))
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, number, type, issued_on, issuer, summary, attachment, file_name FROM documents WHERE `+where+
			` ORDER BY issued_on DESC, id DESC LIMIT 1000`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d reform.Document
			var issued int64
			if err := rows.Scan(&d.ID, &d.Number, &d.Type, &issued, &d.Issuer, &d.Summary, &d.Attachment, &d.FileName); err != nil {
				return err
			}
			d.IssuedOn = fromMS(issued)
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for i := range out {
			if out[i].TaskIDs, err = column[int64](tx, `SELECT task_id FROM document_tasks WHERE document_id = ? ORDER BY task_id`, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

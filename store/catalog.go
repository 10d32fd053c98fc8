package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// CreateProcedure adds a procedure with its first published version, or a
// new version of an existing (code, level). Published versions are never
// changed; dossiers keep the version in force at their acceptance.
func (db *DB) CreateProcedure(ctx context.Context, p *motcua.Procedure) (err error) {
	defer motcua.Wrap(&err, "DB.CreateProcedure(%q)", p.Code)
	if err := validateProcedure(p); err != nil {
		return err
	}
	docs, _ := json.Marshal(p.Documents)
	steps, _ := json.Marshal(p.Steps)
	if p.EffectiveFrom.IsZero() {
		p.EffectiveFrom = db.Now()
	}
	return db.inTx(ctx, func(tx *Tx) error {
		fieldID, err := ensureField(tx, p.Field)
		if err != nil {
			return err
		}
		err = tx.queryRow(`SELECT id FROM procedures WHERE code = ? AND level = ?`, p.Code, string(p.Level)).Scan(&p.ID)
		if err != nil {
			if err := tx.queryRow(`INSERT INTO procedures (code, level, field_id) VALUES (?, ?, ?) RETURNING id`,
				p.Code, string(p.Level), fieldID).Scan(&p.ID); err != nil {
				return err
			}
		}
		if err := tx.queryRow(`SELECT COALESCE(MAX(version), 0) + 1 FROM procedure_versions WHERE procedure_id = ?`, p.ID).Scan(&p.Version); err != nil {
			return err
		}
		key := motcua.Fold(p.Code + " " + p.Name + " " + p.Field)
		if err := tx.queryRow(`INSERT INTO procedure_versions (procedure_id, version, name, search_key, time_amount, time_unit,
			online_level, office, fees, legal_basis, result_type, documents, steps, effective_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.ID, p.Version, p.Name, key, p.Time.Amount, string(p.Time.Unit), string(p.OnlineLevel), p.Office,
			p.Fees, p.LegalBasis, p.ResultType, string(docs), string(steps), ms(p.EffectiveFrom), ms(db.Now())).Scan(&p.VersionID); err != nil {
			return err
		}
		_, err = tx.exec(`UPDATE procedures SET current_version_id = ?, field_id = ? WHERE id = ?`, p.VersionID, fieldID, p.ID)
		return err
	})
}

func validateProcedure(p *motcua.Procedure) error {
	p.Code, p.Name, p.Field = motcua.NFC(p.Code), motcua.NFC(p.Name), motcua.NFC(p.Field)
	switch {
	case p.Code == "" || p.Name == "" || p.Field == "":
		return motcua.FieldError("code", "Mã, tên và lĩnh vực của thủ tục là bắt buộc.")
	case p.Level != motcua.LevelCommune && p.Level != motcua.LevelDistrict && p.Level != motcua.LevelProvince:
		return motcua.FieldError("level", "Cấp thực hiện %q không hợp lệ.", p.Level)
	case len(p.Steps) == 0:
		return motcua.FieldError("steps", "Thủ tục %s chưa có quy trình nội bộ.", p.Code)
	}
	legal := int(p.Time.Duration(450*time.Minute) / time.Minute)
	if got := p.StepsMinutes(); got != legal {
		return motcua.FieldError("steps", "Tổng thời gian các bước (%d phút) phải bằng thời hạn giải quyết (%d phút) của thủ tục %s.",
			got, legal, p.Code)
	}
	return nil
}

func ensureField(tx *Tx, name string) (int64, error) {
	var id int64
	if err := tx.queryRow(`SELECT id FROM fields WHERE name = ?`, name).Scan(&id); err == nil {
		return id, nil
	}
	err := tx.queryRow(`INSERT INTO fields (name) VALUES (?) RETURNING id`, name).Scan(&id)
	return id, err
}

const procedureColumns = `p.id, v.id, v.version, p.code, v.name, f.name, p.level, v.time_amount, v.time_unit, v.online_level,
	v.office, v.fees, v.legal_basis, v.result_type, v.documents, v.steps, v.effective_from`

func scanProcedure(row interface{ Scan(...any) error }) (*motcua.Procedure, error) {
	p := &motcua.Procedure{}
	var docs, steps string
	var from int64
	if err := row.Scan(&p.ID, &p.VersionID, &p.Version, &p.Code, &p.Name, &p.Field, &p.Level, &p.Time.Amount, &p.Time.Unit,
		&p.OnlineLevel, &p.Office, &p.Fees, &p.LegalBasis, &p.ResultType, &docs, &steps, &from); err != nil {
		return nil, err
	}
	p.EffectiveFrom = fromMS(from)
	if err := json.Unmarshal([]byte(docs), &p.Documents); err != nil {
		return nil, err
	}
	return p, json.Unmarshal([]byte(steps), &p.Steps)
}

// Procedure returns the version in force of a procedure.
func (db *DB) Procedure(ctx context.Context, id int64) (p *motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.Procedure(%d)", id)
	// The id of the version in force (one primary-key read), then the
	// immutable version, cached: no join and no JSON decoding per intake.
	var version int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT current_version_id FROM procedures WHERE id = ?`, id).Scan(&version)
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && version == 0) {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính đã chọn.")
	}
	if err != nil {
		return nil, err
	}
	return db.ProcedureVersion(ctx, version)
}

// ProcedureVersion returns one immutable version; cached forever.
func (db *DB) ProcedureVersion(ctx context.Context, versionID int64) (p *motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.ProcedureVersion(%d)", versionID)
	db.mu.Lock()
	p = db.versions[versionID]
	db.mu.Unlock()
	if p != nil {
		return p, nil
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		p, err = scanProcedure(tx.queryRow(`SELECT `+procedureColumns+` FROM procedure_versions v
			JOIN procedures p ON p.id = v.procedure_id JOIN fields f ON f.id = p.field_id WHERE v.id = ?`, versionID))
		return err
	})
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	db.versions[versionID] = p
	db.mu.Unlock()
	return p, nil
}

// SearchProcedures finds procedures in force whose code, name or field
// contain every word of the query, folded ("dang ky khai sinh" finds
// "Đăng ký khai sinh"). level "" searches every level.
func (db *DB) SearchProcedures(ctx context.Context, query string, level motcua.Level, limit int) (out []*motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.SearchProcedures(%q)", query)
	if limit <= 0 || limit > 200 {
		limit = 200
	}
	q := `SELECT ` + procedureColumns + ` FROM procedures p JOIN procedure_versions v ON v.id = p.current_version_id
		JOIN fields f ON f.id = p.field_id WHERE 1 = 1`
	var args []any
	for _, w := range strings.Fields(motcua.Fold(query)) {
		q += ` AND v.search_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
	}
	if level != "" {
		q += ` AND p.level = ?`
		args = append(args, string(level))
	}
	q += ` ORDER BY f.name, v.name LIMIT ?`
	args = append(args, limit)
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProcedure(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// CreateProcedure publishes a procedure version at once, without a
// decision: a new procedure (code, level) or a new version of one, in
// force from p.EffectiveFrom (now when zero). The demo and tests use it;
// officials publish through decisions (DraftChange, PublishDecision).
func (db *DB) CreateProcedure(ctx context.Context, p *motcua.Procedure) (err error) {
	defer motcua.Wrap(&err, "DB.CreateProcedure(%q)", p.Code)
	if err := validateProcedureFields(p); err != nil {
		return err
	}
	if err := checkBudgets(p); err != nil {
		return err
	}
	if p.EffectiveFrom.IsZero() {
		p.EffectiveFrom = db.Now()
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var err error
		if p.ID, err = ensureProcedure(tx, p); err != nil {
			return err
		}
		if err := tx.queryRow(`SELECT COALESCE(MAX(version), 0) + 1 FROM procedure_versions WHERE procedure_id = ? AND status = 'published'`,
			p.ID).Scan(&p.Version); err != nil {
			return err
		}
		p.Status, p.Change = motcua.VersionPublished, motcua.ChangeAdd
		if p.Version > 1 {
			p.Change = motcua.ChangeAmend
		}
		if err := insertVersion(tx, p, db.Now()); err != nil {
			return err
		}
		_, err = tx.exec(`UPDATE procedures SET current_version_id = ? WHERE id = ?`, p.VersionID, p.ID)
		db.forgetCatalog()
		return err
	})
}

// ensureProcedure returns the id of (code, level), creating it, and keeps
// its field as the newest version says.
func ensureProcedure(tx *Tx, p *motcua.Procedure) (int64, error) {
	fieldID, err := ensureField(tx, p.Field)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.queryRow(`SELECT id FROM procedures WHERE code = ? AND level = ?`, p.Code, string(p.Level)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.queryRow(`INSERT INTO procedures (code, level, field_id) VALUES (?, ?, ?) RETURNING id`, p.Code, string(p.Level), fieldID).Scan(&id)
		return id, err
	} else if err != nil {
		return 0, err
	}
	_, err = tx.exec(`UPDATE procedures SET field_id = ? WHERE id = ?`, fieldID, id)
	return id, err
}

// validateProcedureFields checks what any version, draft or published, needs.
func validateProcedureFields(p *motcua.Procedure) error {
	p.Code, p.Name, p.Field = motcua.NFC(p.Code), motcua.NFC(p.Name), motcua.NFC(p.Field)
	switch {
	case p.Code == "" || p.Name == "" || p.Field == "":
		return motcua.FieldError("code", "Mã, tên và lĩnh vực của thủ tục là bắt buộc.")
	case p.Level != motcua.LevelCommune && p.Level != motcua.LevelDistrict && p.Level != motcua.LevelProvince:
		return motcua.FieldError("level", "Cấp thực hiện %q không hợp lệ.", p.Level)
	case p.Time.Unit != motcua.WorkingDays && p.Time.Unit != motcua.WorkingHours && p.Time.Unit != motcua.SameDay:
		return motcua.FieldError("time", "Đơn vị thời hạn giải quyết %q không hợp lệ.", p.Time.Unit)
	case p.Time.Unit != motcua.SameDay && (p.Time.Amount <= 0 || p.Time.Amount > motcua.MaxWorkingDays):
		return motcua.FieldError("time", "Thời hạn giải quyết của thủ tục %s phải là số dương.", p.Code)
	case p.OnlineLevel != motcua.OnlineFull && p.OnlineLevel != motcua.OnlinePartial && p.OnlineLevel != motcua.OnlineNone:
		return motcua.FieldError("online_level", "Mức dịch vụ công trực tuyến %q của thủ tục %s không hợp lệ.", p.OnlineLevel, p.Code)
	case len(p.Steps) == 0:
		return motcua.FieldError("steps", "Thủ tục %s chưa có quy trình nội bộ.", p.Code)
	case !p.Competence.Valid():
		return motcua.FieldError("competence", "Căn cứ xác định cơ quan giải quyết %q của thủ tục %s không hợp lệ.", p.Competence, p.Code)
	case !p.FeesStated && len(p.FeeLines) > 0:
		return motcua.FieldError("fee_lines", "Thủ tục %s có khoản phí, lệ phí nhưng không ghi là đã công bố phí theo khoản.", p.Code)
	}
	return motcua.ValidateFeeLines(p.FeeLines)
}

// checkBudgets: a workflow's step budgets must sum to the legal time.
func checkBudgets(p *motcua.Procedure) error {
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
	v.office, v.fees, v.legal_basis, v.result_type, v.documents, v.steps, v.effective_from, v.decision_id, v.kind, v.status, v.online_from,
	v.applicants, v.sequence, v.channels, v.agency, v.competence, v.fee_lines`

const versionsFrom = ` FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id JOIN fields f ON f.id = p.field_id`

func scanProcedure(row interface{ Scan(...any) error }) (*motcua.Procedure, error) {
	p := &motcua.Procedure{}
	var docs, steps, fees string
	var from, onlineFrom int64
	if err := row.Scan(&p.ID, &p.VersionID, &p.Version, &p.Code, &p.Name, &p.Field, &p.Level, &p.Time.Amount, &p.Time.Unit,
		&p.OnlineLevel, &p.Office, &p.Fees, &p.LegalBasis, &p.ResultType, &docs, &steps, &from, &p.DecisionID, &p.Change, &p.Status,
		&onlineFrom, &p.Applicants, &p.Sequence, &p.Channels, &p.Agency, &p.Competence, &fees); err != nil {
		return nil, err
	}
	p.EffectiveFrom, p.OnlineFrom = fromMS(from), fromMS(onlineFrom)
	if err := json.Unmarshal([]byte(docs), &p.Documents); err != nil {
		return nil, err
	}
	if p.FeesStated = fees != ""; p.FeesStated {
		if err := json.Unmarshal([]byte(fees), &p.FeeLines); err != nil {
			return nil, err
		}
	}
	return p, json.Unmarshal([]byte(steps), &p.Steps)
}

// Procedure returns the version of a procedure in force now.
func (db *DB) Procedure(ctx context.Context, id int64) (*motcua.Procedure, error) {
	return db.VersionAt(ctx, id, db.Now())
}

// VersionAt returns the version of a procedure in force at t: the newest
// published version effective by then. A procedure repealed by then, or
// not yet in force, is refused with the reason.
func (db *DB) VersionAt(ctx context.Context, id int64, t time.Time) (p *motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.VersionAt(%d, %s)", id, motcua.FormatDateTime(t))
	// From the cached list and the cached immutable versions: no query and
	// no JSON decoding per intake. The rule is the ledger's, as at intake.
	info, err := db.procInfo(ctx, id)
	if err != nil {
		return nil, err
	}
	versions, err := db.publishedVersions(ctx, info)
	if err != nil {
		return nil, err
	}
	return ledger.VersionAt(versions, t)
}

// Versions lists every version of a procedure, published and draft, oldest first.
func (db *DB) Versions(ctx context.Context, id int64) (out []*motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.Versions(%d)", id)
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = queryVersions(tx, `v.procedure_id = ? ORDER BY v.status DESC, v.effective_from, v.version`, id)
		return err
	})
	return out, err
}

func queryVersions(tx *Tx, where string, args ...any) ([]*motcua.Procedure, error) {
	return selectVersions(tx, `SELECT `+procedureColumns+versionsFrom+` WHERE `+where, args...)
}

// selectVersions runs a query selecting procedureColumns.
func selectVersions(tx *Tx, query string, args ...any) ([]*motcua.Procedure, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*motcua.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
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
		p, err = scanProcedure(tx.queryRow(`SELECT `+procedureColumns+versionsFrom+` WHERE v.id = ?`, versionID))
		return err
	})
	if err != nil {
		return nil, err
	}
	if p.Status == motcua.VersionPublished { // drafts change until published
		db.mu.Lock()
		db.versions[versionID] = p
		db.mu.Unlock()
	}
	return p, nil
}

// versionInForce selects the id of the version of procedure p in force at the
// instant bound to its one parameter.
const versionInForce = `SELECT iv.id FROM procedure_versions iv WHERE iv.procedure_id = p.id AND iv.status = 'published'
	AND iv.effective_from <= ? ORDER BY iv.effective_from DESC, iv.version DESC LIMIT 1`

// SearchProcedures finds procedures in force whose code, name or field
// contain every word of the query, folded ("dang ky khai sinh" finds
// "Đăng ký khai sinh"). level "" searches every level.
func (db *DB) SearchProcedures(ctx context.Context, query string, level motcua.Level, limit int) ([]*motcua.Procedure, error) {
	return db.Catalog(ctx, CatalogFilter{Query: query, Level: level, Limit: limit})
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

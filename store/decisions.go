package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

func canManageCatalog(a *motcua.Actor) error {
	if !a.CanManageCatalog() {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống được soạn và công bố quyết định về thủ tục hành chính.")
	}
	return nil
}

// CreateDecision records a draft decision, to which changes are then added.
func (db *DB) CreateDecision(ctx context.Context, a *motcua.Actor, d *motcua.Decision) (err error) {
	defer motcua.Wrap(&err, "DB.CreateDecision(%q)", d.Number)
	if err := canManageCatalog(a); err != nil {
		return err
	}
	d.Status = motcua.DecisionDraft
	return db.inTx(ctx, func(tx *Tx) error {
		return createDecisionRow(tx, d, db.now())
	})
}

// createDecisionRow validates and inserts a decision with its status.
func createDecisionRow(tx *Tx, d *motcua.Decision, now time.Time) error {
	if err := validateDecision(d); err != nil {
		return err
	}
	d.CreatedAt = now
	var published int64
	if d.Status == motcua.DecisionPublished {
		d.PublishedAt, published = now, ms(now)
	}
	err := tx.queryRow(`INSERT INTO decisions (number, issuer, signed_on, effective_from, summary, status, created_at, published_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.Number, d.Issuer, d.SignedOn.In(motcua.VN).Format("2006-01-02"),
		ms(d.EffectiveFrom), d.Summary, string(d.Status), ms(d.CreatedAt), published).Scan(&d.ID)
	if isUniqueViolation(err) {
		return motcua.FieldError("number", "Quyết định %s của %s đã có trong hệ thống.", d.Number, d.Issuer)
	}
	return err
}

func validateDecision(d *motcua.Decision) error {
	d.Number, d.Issuer, d.Summary = motcua.NFC(d.Number), motcua.NFC(d.Issuer), motcua.NFC(d.Summary)
	switch {
	case d.Number == "" || utf8.RuneCountInString(d.Number) > 100:
		return motcua.FieldError("number", "Số, ký hiệu của quyết định là bắt buộc (tối đa 100 ký tự), ví dụ 3677/QĐ-UBND.")
	case d.Issuer == "" || utf8.RuneCountInString(d.Issuer) > 300:
		return motcua.FieldError("issuer", "Cơ quan, người ban hành là bắt buộc (tối đa 300 ký tự).")
	case d.SignedOn.IsZero():
		return motcua.FieldError("signed_on", "Ngày ký là bắt buộc.")
	case d.EffectiveFrom.IsZero():
		return motcua.FieldError("effective_from", "Ngày có hiệu lực là bắt buộc.")
	case d.EffectiveFrom.Before(d.SignedOn):
		return motcua.FieldError("effective_from", "Ngày có hiệu lực (%s) không được trước ngày ký (%s).",
			motcua.FormatDate(d.EffectiveFrom), motcua.FormatDate(d.SignedOn))
	case utf8.RuneCountInString(d.Summary) > 2000:
		return motcua.FieldError("summary", "Trích yếu tối đa 2000 ký tự.")
	case d.Status != motcua.DecisionDraft && d.Status != motcua.DecisionPublished:
		return motcua.FieldError("status", "Trạng thái quyết định %q không hợp lệ.", d.Status)
	}
	return nil
}

// DraftChange puts into a draft decision what it does to one procedure: a
// new procedure (add), a new version (amend) or its repeal. A second
// change of the same procedure in the same decision replaces the first.
// Budgets are checked when the decision is published.
func (db *DB) DraftChange(ctx context.Context, a *motcua.Actor, decisionID int64, kind motcua.ChangeKind, p *motcua.Procedure) (err error) {
	defer motcua.Wrap(&err, "DB.DraftChange(%d, %s, %q)", decisionID, kind, p.Code)
	if err := canManageCatalog(a); err != nil {
		return err
	}
	if err := validateProcedureFields(p); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		dec, err := getDecision(tx, decisionID)
		if err != nil {
			return err
		}
		if dec.Status != motcua.DecisionDraft {
			return motcua.Errorf(motcua.ENOTALLOWED, "Quyết định %s đã công bố; không thể sửa.", dec.Number)
		}
		latest, err := latestPublished(tx, p.Code, p.Level)
		if err != nil {
			return err
		}
		if err := checkChangeKind(kind, latest, p); err != nil {
			return err
		}
		if kind == motcua.ChangeRepeal { // the content repealed is the content in force
			repealed := *latest
			p = &repealed
		}
		p.EffectiveFrom, p.DecisionID, p.Status, p.Change = dec.EffectiveFrom, dec.ID, motcua.VersionDraft, kind
		if p.ID, err = ensureProcedure(tx, p); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM procedure_versions WHERE procedure_id = ? AND decision_id = ? AND status = 'draft'`, p.ID, dec.ID); err != nil {
			return err
		}
		p.Version = -int(dec.ID) // drafts get their number when published
		return insertVersion(tx, p, db.now())
	})
}

// checkChangeKind: add a procedure that is not in force, amend or repeal
// one that is.
func checkChangeKind(kind motcua.ChangeKind, latest, p *motcua.Procedure) error {
	exists := latest != nil && !latest.Repealed()
	switch kind {
	case motcua.ChangeAdd:
		if exists {
			return motcua.FieldError("code", "Thủ tục %s (%s) đã được công bố; hãy chọn “Sửa đổi, bổ sung”.", p.Code, p.Level.Label())
		}
	case motcua.ChangeAmend, motcua.ChangeRepeal:
		if !exists {
			return motcua.FieldError("code", "Thủ tục %s (%s) chưa được công bố hoặc đã bị bãi bỏ.", p.Code, p.Level.Label())
		}
	default:
		return motcua.FieldError("kind", "Loại thay đổi %q không hợp lệ.", kind)
	}
	return nil
}

// PublishDecision makes a draft decision law: its versions become
// immutable, numbered, and in force from its effective date. A workflow
// whose step budgets do not sum to the legal time cannot be published.
func (db *DB) PublishDecision(ctx context.Context, a *motcua.Actor, decisionID int64) (err error) {
	defer motcua.Wrap(&err, "DB.PublishDecision(%d)", decisionID)
	if err := canManageCatalog(a); err != nil {
		return err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		dec, err := getDecision(tx, decisionID)
		if err != nil {
			return err
		}
		if dec.Status != motcua.DecisionDraft {
			return motcua.Errorf(motcua.ENOTALLOWED, "Quyết định %s đã được công bố.", dec.Number)
		}
		drafts, err := queryVersions(tx, `v.decision_id = ? AND v.status = 'draft'`, decisionID)
		if err != nil {
			return err
		}
		if len(drafts) == 0 {
			return motcua.Errorf(motcua.ENOTALLOWED, "Quyết định %s chưa có thủ tục nào được công bố, sửa đổi hay bãi bỏ.", dec.Number)
		}
		for _, p := range drafts {
			if err := checkBudgets(p); err != nil && !p.Repealed() {
				return err
			}
		}
		for _, p := range drafts {
			if _, err := tx.exec(`UPDATE procedure_versions SET status = 'published', effective_from = ?,
				version = (SELECT COALESCE(MAX(version), 0) + 1 FROM procedure_versions WHERE procedure_id = ? AND status = 'published')
				WHERE id = ?`, ms(dec.EffectiveFrom), p.ID, p.VersionID); err != nil {
				return err
			}
		}
		_, err = tx.exec(`UPDATE decisions SET status = 'published', published_at = ?, actor_id = ? WHERE id = ?`, ms(db.now()), a.User.ID, decisionID)
		return err
	})
	db.forgetCatalog()
	return err
}

// latestPublished is the newest published version of (code, level), in
// force or not yet; nil when there is none.
func latestPublished(tx *Tx, code string, level motcua.Level) (*motcua.Procedure, error) {
	list, err := queryVersions(tx, `p.code = ? AND p.level = ? AND v.status = 'published' ORDER BY v.effective_from DESC, v.version DESC LIMIT 1`,
		code, string(level))
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

func getDecision(tx *Tx, id int64) (*motcua.Decision, error) {
	d := &motcua.Decision{ID: id}
	var signed string
	var eff, created, published int64
	err := tx.queryRow(`SELECT number, issuer, signed_on, effective_from, summary, status, created_at, published_at
		FROM decisions WHERE id = ?`, id).Scan(&d.Number, &d.Issuer, &signed, &eff, &d.Summary, &d.Status, &created, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy quyết định này.")
	} else if err != nil {
		return nil, err
	}
	d.SignedOn, _ = time.ParseInLocation("2006-01-02", signed, motcua.VN)
	d.EffectiveFrom, d.CreatedAt, d.PublishedAt = fromMS(eff), fromMS(created), fromMS(published)
	return d, nil
}

// Decision returns a decision with the changes it makes.
func (db *DB) Decision(ctx context.Context, id int64) (d *motcua.Decision, err error) {
	defer motcua.Wrap(&err, "DB.Decision(%d)", id)
	err = db.readTx(ctx, func(tx *Tx) error {
		if d, err = getDecision(tx, id); err != nil {
			return err
		}
		versions, err := queryVersions(tx, `v.decision_id = ? ORDER BY p.code, p.level`, id)
		for _, v := range versions {
			d.Changes = append(d.Changes, motcua.Change{Kind: v.Change, Procedure: v})
		}
		return err
	})
	return d, err
}

// Decisions lists decisions, newest effective first.
func (db *DB) Decisions(ctx context.Context) (out []*motcua.Decision, err error) {
	defer motcua.Wrap(&err, "DB.Decisions")
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, `SELECT id FROM decisions ORDER BY effective_from DESC, id DESC`)
		return err
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var d *motcua.Decision
		if d, err = db.Decision(ctx, id); err == nil {
			out = append(out, d)
		}
	}
	return out, err
}

func insertVersion(tx *Tx, p *motcua.Procedure, now time.Time) error {
	docs, _ := json.Marshal(p.Documents)
	steps, _ := json.Marshal(p.Steps)
	key := catalogKey(p)
	return tx.queryRow(`INSERT INTO procedure_versions (procedure_id, version, name, search_key, time_amount, time_unit,
		online_level, office, fees, legal_basis, result_type, documents, steps, effective_from, created_at, decision_id, kind, status,
		online_from, applicants, sequence, channels, agency, competence, fee_lines)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.ID, p.Version, p.Name, key, p.Time.Amount, string(p.Time.Unit), string(p.OnlineLevel), p.Office,
		p.Fees, p.LegalBasis, p.ResultType, string(docs), string(steps), ms(p.EffectiveFrom), ms(now), p.DecisionID, string(p.Change),
		string(p.Status), ms(p.OnlineFrom), p.Applicants, p.Sequence, p.Channels, p.Agency, string(p.Competence),
		feeLinesColumn(p)).Scan(&p.VersionID)
}

// feeLinesColumn is the fee_lines column of a version: empty when its fees are
// not stated as lines, a JSON array ('[]' when free) when they are.
func feeLinesColumn(p *motcua.Procedure) string {
	if !p.FeesStated {
		return ""
	}
	lines := p.FeeLines
	if lines == nil {
		lines = []motcua.FeeLine{}
	}
	b, _ := json.Marshal(lines)
	return string(b)
}

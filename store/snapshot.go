package store

import (
	"context"
	"reflect"
	"time"

	"github.com/motcua/motcua"
)

// Snapshot reads the whole catalogue: every decision and every procedure
// version, published or draft (what `motcua catalog export` writes).
func (db *DB) Snapshot(ctx context.Context) (s *motcua.CatalogSnapshot, err error) {
	defer motcua.Wrap(&err, "DB.Snapshot")
	s = &motcua.CatalogSnapshot{}
	err = db.readTx(ctx, func(tx *Tx) error {
		decisions, err := allDecisions(tx)
		if err != nil {
			return err
		}
		byID := map[int64]*motcua.Decision{}
		for _, d := range decisions {
			s.Decisions = append(s.Decisions, *d)
			byID[d.ID] = d
		}
		versions, err := queryVersions(tx, `1 = 1 ORDER BY p.code, p.level, v.status DESC, v.version`)
		for _, v := range versions {
			cv := motcua.CatalogVersion{Procedure: *v}
			if d := byID[v.DecisionID]; d != nil {
				cv.DecisionNumber, cv.DecisionIssuer = d.Number, d.Issuer
			}
			s.Versions = append(s.Versions, cv)
		}
		return err
	})
	return s, err
}

func allDecisions(tx *Tx) ([]*motcua.Decision, error) {
	ids, err := column[int64](tx, `SELECT id FROM decisions ORDER BY effective_from, number`)
	if err != nil {
		return nil, err
	}
	var out []*motcua.Decision
	for _, id := range ids {
		d, err := getDecision(tx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// ImportReport counts what an import did.
type ImportReport struct {
	DecisionsCreated, DecisionsUpdated          int
	VersionsCreated, VersionsUpdated, Unchanged int
}

// Changes is the number of things the import changed.
func (r *ImportReport) Changes() int {
	return r.DecisionsCreated + r.DecisionsUpdated + r.VersionsCreated + r.VersionsUpdated
}

// ImportCatalog applies a snapshot, whole or not at all: missing decisions
// and versions are created, drafts that differ are replaced. A published
// decision or version that differs from the file is refused — published
// law is never rewritten — and so is publishing a stored draft decision
// through a file: drafts are published in the application, after a trial.
func (db *DB) ImportCatalog(ctx context.Context, a *motcua.Actor, s *motcua.CatalogSnapshot) (r *ImportReport, err error) {
	defer motcua.Wrap(&err, "DB.ImportCatalog")
	if a != nil { // nil: the command line, run by whoever holds the database
		if err := canManageCatalog(a); err != nil {
			return nil, err
		}
	}
	r = &ImportReport{}
	err = db.inTx(ctx, func(tx *Tx) error {
		im := importer{tx: tx, r: r, now: db.now(), decisions: map[[2]string]*motcua.Decision{}}
		return im.run(s)
	})
	if err != nil {
		return nil, err
	}
	db.mu.Lock()
	db.versions = map[int64]*motcua.Procedure{} // drafts may have become published
	db.mu.Unlock()
	db.forgetCatalog()
	return r, nil
}

type importer struct {
	tx        *Tx
	r         *ImportReport
	now       time.Time
	decisions map[[2]string]*motcua.Decision // by number and issuer
}

func (im *importer) run(s *motcua.CatalogSnapshot) error {
	for i := range s.Decisions {
		if err := im.decision(&s.Decisions[i]); err != nil {
			return err
		}
	}
	for i := range s.Versions {
		if err := im.version(&s.Versions[i]); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) decision(d *motcua.Decision) error {
	var id int64
	err := im.tx.queryRow(`SELECT id FROM decisions WHERE number = ? AND issuer = ?`, motcua.NFC(d.Number), motcua.NFC(d.Issuer)).Scan(&id)
	if err != nil { // new
		want := *d
		if err := createDecisionRow(im.tx, &want, im.now); err != nil {
			return motcua.Errorf(motcua.EINVALID, "Quyết định %s: %s", d.Number, motcua.ErrorMessage(err))
		}
		im.r.DecisionsCreated++
		im.decisions[[2]string{want.Number, want.Issuer}] = &want
		return nil
	}
	have, err := getDecision(im.tx, id)
	if err != nil {
		return err
	}
	im.decisions[[2]string{have.Number, have.Issuer}] = have
	return im.compareDecision(have, d)
}

// compareDecision: a published decision must match; a draft is updated.
func (im *importer) compareDecision(have, want *motcua.Decision) error {
	same := have.SignedOn.Equal(want.SignedOn) && have.EffectiveFrom.Equal(want.EffectiveFrom) && have.Summary == motcua.NFC(want.Summary)
	switch {
	case have.Status == motcua.DecisionPublished && (!same || want.Status != motcua.DecisionPublished):
		return motcua.Errorf(motcua.EINVALID, "Quyết định %s đã công bố; tệp nhập khác với bản đã công bố.", have.Number)
	case have.Status == motcua.DecisionDraft && want.Status == motcua.DecisionPublished:
		return motcua.Errorf(motcua.EINVALID, "Quyết định %s còn là dự thảo; hãy chạy thử và công bố trong ứng dụng, không qua tệp nhập.", have.Number)
	case !same:
		if _, err := im.tx.exec(`UPDATE decisions SET signed_on = ?, effective_from = ?, summary = ? WHERE id = ?`,
			want.SignedOn.In(motcua.VN).Format("2006-01-02"), ms(want.EffectiveFrom), motcua.NFC(want.Summary), have.ID); err != nil {
			return err
		}
		have.SignedOn, have.EffectiveFrom, have.Summary = want.SignedOn, want.EffectiveFrom, motcua.NFC(want.Summary)
		im.r.DecisionsUpdated++
	}
	return nil
}

func (im *importer) version(v *motcua.CatalogVersion) error {
	fail := func(err error) error {
		return motcua.Errorf(motcua.EINVALID, "%s (%s): %s", v.Source, v.Code, motcua.ErrorMessage(err))
	}
	p := v.Procedure
	if err := validateProcedureFields(&p); err != nil {
		return fail(err)
	}
	if v.DecisionNumber != "" {
		d := im.decisions[[2]string{motcua.NFC(v.DecisionNumber), motcua.NFC(v.DecisionIssuer)}]
		switch {
		case d == nil:
			return fail(motcua.Errorf(motcua.EINVALID, "không có quyết định %s của %s trong tệp.", v.DecisionNumber, v.DecisionIssuer))
		case d.Status == motcua.DecisionPublished && p.Status == motcua.VersionDraft:
			return fail(motcua.Errorf(motcua.EINVALID, "bản dự thảo thuộc quyết định %s đã công bố.", d.Number))
		case d.Status == motcua.DecisionDraft && p.Status == motcua.VersionPublished:
			return fail(motcua.Errorf(motcua.EINVALID, "phiên bản đã công bố thuộc quyết định %s còn là dự thảo.", d.Number))
		}
		p.DecisionID = d.ID
	} else if p.Status == motcua.VersionDraft {
		return fail(motcua.Errorf(motcua.EINVALID, "bản dự thảo phải thuộc một quyết định."))
	}
	have, err := im.existing(&p)
	if err != nil {
		return err
	}
	switch {
	case have != nil && sameVersion(have, &p):
		im.r.Unchanged++
		return nil
	case have != nil && have.Status == motcua.VersionPublished:
		return fail(motcua.Errorf(motcua.EINVALID, "phiên bản %d đã công bố; tệp nhập khác với bản đã công bố.", have.Version))
	case have != nil:
		if _, err := im.tx.exec(`DELETE FROM procedure_versions WHERE id = ?`, have.VersionID); err != nil {
			return err
		}
		im.r.VersionsUpdated++
	default:
		im.r.VersionsCreated++
	}
	if p.Status == motcua.VersionPublished && p.Change != motcua.ChangeRepeal {
		if err := checkBudgets(&p); err != nil {
			return fail(err)
		}
	}
	if p.ID, err = ensureProcedure(im.tx, &p); err != nil {
		return err
	}
	if p.Status == motcua.VersionDraft {
		p.Version = -int(p.DecisionID)
	}
	return insertVersion(im.tx, &p, im.now)
}

// existing finds the stored version a file's version stands for: a
// published one by its number, a draft by its decision.
func (im *importer) existing(p *motcua.Procedure) (*motcua.Procedure, error) {
	where, args := `p.code = ? AND p.level = ? AND v.status = 'published' AND v.version = ?`, []any{p.Code, string(p.Level), p.Version}
	if p.Status == motcua.VersionDraft {
		where, args = `p.code = ? AND p.level = ? AND v.status = 'draft' AND v.decision_id = ?`, []any{p.Code, string(p.Level), p.DecisionID}
	}
	list, err := queryVersions(im.tx, where, args...)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// sameVersion compares what a file says of a version, not the database's ids.
func sameVersion(have, want *motcua.Procedure) bool {
	strip := func(p motcua.Procedure) motcua.Procedure {
		p.ID, p.VersionID = 0, 0
		p.EffectiveFrom, p.OnlineFrom = p.EffectiveFrom.UTC(), p.OnlineFrom.UTC()
		if p.Status == motcua.VersionDraft {
			p.Version = 0
		}
		if len(p.Documents) == 0 {
			p.Documents = nil
		}
		return p
	}
	return reflect.DeepEqual(strip(*have), strip(*want))
}

package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// The 766 scorecard of a unit and period (issue 20, item 5): the period's
// national records (NationalRecords) scored by report.Score766, with the
// catalogue facts its indicators divide by. docs/scorecard-766.md.

// Scorecard766 computes the scorecard of the query's unit (0: the whole
// province) and period from its own national records. sync is indicator
// 1.4's count from the national sync, nil while there is none.
func (db *DB) Scorecard766(ctx context.Context, q report.Query, sync *report.SyncCount) (sc *report.Scorecard, err error) {
	defer motcua.Wrap(&err, "DB.Scorecard766")
	records, err := db.NationalRecords(ctx, q)
	if err != nil {
		return nil, err
	}
	return db.Scorecard766From(ctx, q, records, sync)
}

// Scorecard766From scores records — motcua's own, or those the national
// side holds of what it was sent — with the catalogue facts of the query's
// unit and period: one computation for both, so that the score motcua
// shows is the score computed from what it synchronised. The instants are
// read to the second, as the national exchange carries them (a dossier
// ended a fraction of a second after its due instant is on time there).
// Records of other
// units or periods do not count (the scorecard's rules choose them);
// records are put in one order (by acceptance, refusals after by filing,
// then by code) so that the codes behind each figure do not depend on the
// order they came in.
func (db *DB) Scorecard766From(ctx context.Context, q report.Query, records []motcua.NationalRecord, sync *report.SyncCount) (sc *report.Scorecard, err error) {
	defer motcua.Wrap(&err, "DB.Scorecard766From")
	if err := q.Check(); err != nil {
		return nil, err
	}
	in, err := db.scorecardInput(ctx, q)
	if err != nil {
		return nil, err
	}
	in.Records = make([]motcua.NationalRecord, len(records))
	for i, r := range records {
		in.Records[i] = toTheSecond(r)
	}
	slices.SortStableFunc(in.Records, compareRecords766)
	in.Sync = sync
	return report.Score766(in), nil
}

// toTheSecond is a record with the instants the scorecard reads truncated
// to the second; its supplement list is a copy.
func toTheSecond(r motcua.NationalRecord) motcua.NationalRecord {
	for _, t := range []*time.Time{&r.SubmittedAt, &r.AcceptedAt, &r.DueAt, &r.EndedAt, &r.ReturnedAt, &r.RefusedAt} {
		*t = t.Truncate(time.Second)
	}
	r.Supplements = slices.Clone(r.Supplements)
	for i := range r.Supplements {
		s := &r.Supplements[i]
		s.RequestedAt, s.ReceivedAt = s.RequestedAt.Truncate(time.Second), s.ReceivedAt.Truncate(time.Second)
	}
	return r
}

// compareRecords766 orders records as NationalRecords lists them: accepted
// dossiers by acceptance, then refused submissions by filing; ties by code.
func compareRecords766(a, b motcua.NationalRecord) int {
	if a.AcceptedAt.IsZero() != b.AcceptedAt.IsZero() {
		if a.AcceptedAt.IsZero() {
			return 1
		}
		return -1
	}
	at := func(r motcua.NationalRecord) time.Time {
		if r.AcceptedAt.IsZero() {
			return r.SubmittedAt
		}
		return r.AcceptedAt
	}
	if c := at(a).Compare(at(b)); c != 0 {
		return c
	}
	return strings.Compare(a.Code, b.Code)
}

// scorecardInput gathers the catalogue facts and the working-time measure
// the scorecard of the query's unit and period is computed with.
func (db *DB) scorecardInput(ctx context.Context, q report.Query) (in report.ScorecardInput, err error) {
	in.From, in.To = q.From, q.To
	t, err := db.tree(ctx)
	if err != nil {
		return in, err
	}
	var unit *motcua.Unit
	var parent motcua.UnitKind
	if q.UnitID != 0 {
		unit = t.byID[q.UnitID]
		if unit == nil {
			return in, motcua.FieldError("unit", "Không có đơn vị %d.", q.UnitID)
		}
		parent = t.parentKind(unit)
		in.Units = map[string]bool{}
		t.subtree(q.UnitID, func(id int64) { in.Units[t.byID[id].Code] = true })
	}
	cal, err := db.Calendar(ctx, q.UnitID)
	if err != nil {
		return in, err
	}
	in.WorkingDays = func(from, to time.Time) float64 {
		return float64(cal.Between(from, to)) / float64(cal.StandardDay())
	}
	if in.Catalogue, err = db.catalogue766(ctx, unit, parent); err != nil {
		return in, err
	}
	fees, err := db.FeeProcedures(ctx, q)
	if err != nil {
		return in, err
	}
	in.Catalogue.WithFees = []string{}
	for _, p := range fees {
		in.Catalogue.WithFees = append(in.Catalogue.WithFees, p.Code)
	}
	return in, nil
}

// catalogue766 lists the procedures in force now of the unit's level (a
// commune's, a department's office's; every one for the province): those
// offered online, and those whose applicants are citizens.
func (db *DB) catalogue766(ctx context.Context, unit *motcua.Unit, parent motcua.UnitKind) (cat report.Catalogue766, err error) {
	type row struct {
		code, level, online, office, applicants string
		onlineFrom                              int64
	}
	var rows []row
	err = db.readTx(ctx, func(tx *Tx) error {
		r, err := tx.query(`SELECT p.code, p.level, v.online_level, v.online_from, v.office, v.applicants FROM procedures p
			JOIN procedure_versions v ON v.id = (`+versionInForce+`) WHERE v.kind <> 'repeal' ORDER BY p.code, p.level`, ms(db.Now()))
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var x row
			if err := r.Scan(&x.code, &x.level, &x.online, &x.onlineFrom, &x.office, &x.applicants); err != nil {
				return err
			}
			rows = append(rows, x)
		}
		return r.Err()
	})
	cat = report.Catalogue766{Procedures: []string{}, Online: []string{}, ForCitizens: []string{}}
	now := ms(db.Now())
	for _, x := range rows {
		if !competentLevel(unit, parent, motcua.Level(x.level), x.office) {
			continue
		}
		cat.Procedures = append(cat.Procedures, x.code)
		if (x.online == string(motcua.OnlineFull) || x.online == string(motcua.OnlinePartial)) && x.onlineFrom <= now {
			cat.Online = append(cat.Online, x.code)
		}
		if forCitizens(x.applicants) {
			cat.ForCitizens = append(cat.ForCitizens, x.code)
		}
	}
	return cat, err
}

// competentLevel tells whether a procedure of level (and deciding office)
// is in the competence of unit: every procedure for the province (nil: the
// whole province and its centre), the commune level for a commune and its centre, the
// province level of its office for a department or office, the district
// level for a district.
func competentLevel(unit *motcua.Unit, parent motcua.UnitKind, level motcua.Level, office string) bool {
	if unit == nil {
		return true
	}
	switch unit.Kind {
	case motcua.UnitCommune:
		return level == motcua.LevelCommune
	case motcua.UnitCentre:
		return parent != motcua.UnitCommune || level == motcua.LevelCommune
	case motcua.UnitDepartment, motcua.UnitOffice:
		return level != motcua.LevelCommune && (unit.Office == "" || office == "" || office == unit.Office)
	case motcua.UnitDistrict:
		return level == motcua.LevelDistrict
	}
	return true
}

// citizenWords are what the catalogue's "đối tượng thực hiện" says of
// citizens (folded).
var citizenWords = []string{"cong dan", "ca nhan", "nguoi viet nam", "nguoi nuoc ngoai"}

// forCitizens tells whether a procedure's applicants include citizens; an
// empty text counts as including them (the larger denominator: a gap in
// the catalogue never flatters 4.5).
func forCitizens(applicants string) bool {
	folded := motcua.Fold(applicants)
	if strings.TrimSpace(folded) == "" {
		return true
	}
	for _, w := range citizenWords {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

// SyncedScorecard766 is the scorecard with indicator 1.4 (and 3.3's
// factor) from the national sync's state: what pages, the command line
// and drill-downs show. Before anything was ever synchronised 1.4 has no
// data rather than a zero.
func (db *DB) SyncedScorecard766(ctx context.Context, q report.Query) (*report.Scorecard, error) {
	sync, err := db.ScorecardSync(ctx, q)
	if err != nil {
		return nil, err
	}
	return db.Scorecard766(ctx, q, sync)
}

// Scorecard766Dossiers lists the dossiers behind one figure of the
// scorecard: those of indicator code's numerator (met) or the rest of its
// denominator, in the records' order, DrillLimit from offset on, as the
// other drill-downs do (the access policy, each dossier listed a logged
// read of personal data). Only indicators that count dossiers have a list.
func (db *DB) Scorecard766Dossiers(ctx context.Context, a *motcua.Actor, q report.Query, code string, met bool, offset int) (dd *Drill, err error) {
	defer motcua.Wrap(&err, "DB.Scorecard766Dossiers(%s, %t)", code, met)
	sc, err := db.SyncedScorecard766(ctx, q)
	if err != nil {
		return nil, err
	}
	i, ok := sc.Indicator(code)
	if !ok || i.NoData || i.Of != "hồ sơ" || code == "1.4" {
		return nil, motcua.FieldError("code", "Chỉ số “%s” không có danh sách hồ sơ: chọn 2.1, 2.2, 3.3, 3.6, 4.1, 4.2, 4.3, 4.4 hoặc 4.5b.", code)
	}
	codes := i.Counted
	if !met {
		counted := map[string]bool{}
		for _, c := range i.Counted {
			counted[c] = true
		}
		codes = nil
		for _, c := range i.Considered {
			if !counted[c] {
				codes = append(codes, c)
			}
		}
	}
	listed, err := db.dossiersByCode(ctx, a, codes)
	if err != nil {
		return nil, err
	}
	pager := newDrillPager(offset)
	for _, p := range listed {
		pager.add(p)
	}
	return pager.list(ctx, db, a)
}

// dossiersByCode finds the dossiers codes, in that order, each marked
// with whether actor a may view it.
func (db *DB) dossiersByCode(ctx context.Context, a *motcua.Actor, codes []string) ([]periodDossier, error) {
	view, viewArgs := viewScope(a)
	found := map[string]periodDossier{}
	err := db.snapshotTx(ctx, func(tx *Tx) error {
		for rest := codes; len(rest) > 0; {
			chunk := rest[:min(len(rest), digitalChunk)]
			rest = rest[len(chunk):]
			args := append([]any{}, viewArgs...)
			for _, c := range chunk {
				args = append(args, c)
			}
			list, err := periodDossiers(tx, `SELECT d.id, d.code, CASE WHEN `+view+` THEN 1 ELSE 0 END FROM dossiers d WHERE d.code IN (`+
				marks(len(chunk))+`)`, args...)
			if err != nil {
				return err
			}
			for _, p := range list {
				found[p.code] = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]periodDossier, 0, len(found))
	for _, c := range codes {
		if p, ok := found[c]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

package store

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// CreateSurvey opens a satisfaction survey campaign of a unit's subtree.
func (db *DB) CreateSurvey(ctx context.Context, a *motcua.Actor, s *reform.Survey) (err error) {
	defer motcua.Wrap(&err, "DB.CreateSurvey")
	if !a.CanManageReform(s.UnitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được mở đợt khảo sát.")
	}
	if strings.TrimSpace(s.Title) == "" || !s.To.After(s.From) {
		return motcua.FieldError("title", "Đợt khảo sát cần tên và khoảng thời gian (từ ngày trước đến ngày).")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO surveys (title, unit_id, from_at, to_at, planned) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			motcua.NFC(strings.TrimSpace(s.Title)), s.UnitID, ms(s.From), ms(s.To), s.Planned).Scan(&s.ID)
	})
}

// AddPaperResponse keys in a paper survey form about a unit, in the
// questionnaire's three dimensions.
func (db *DB) AddPaperResponse(ctx context.Context, a *motcua.Actor, surveyID, unitID int64, r reform.SurveyAnswer) (err error) {
	defer motcua.Wrap(&err, "DB.AddPaperResponse(%d)", surveyID)
	if err := r.Check(); err != nil {
		return err
	}
	s, err := db.survey(ctx, surveyID)
	if err != nil {
		return err
	}
	if !a.CanManageReform(s.UnitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Bạn không được nhập phiếu của đợt khảo sát này.")
	}
	in, err := db.subtreeIDs(ctx, s.UnitID)
	if err != nil {
		return err
	}
	if !containsID(in, unitID) {
		return motcua.FieldError("unit", "Đơn vị được đánh giá không thuộc phạm vi đợt khảo sát.")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		sc := r.Scores
		assessment, _ := json.Marshal(r.Assessment)
		_, err := tx.exec(`INSERT INTO survey_responses (survey_id, unit_id, access_score, procedure_score, official_score, result_score,
			feedback_score, comment, keyed_by, keyed_at, assessment, expectations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			surveyID, unitID, sc[0], sc[1], sc[2], sc[3], sc[4], motcua.NFC(strings.TrimSpace(r.Comment)), a.User.ID, ms(db.now()),
			string(assessment), jsonList(r.Expectations))
		return err
	})
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func (db *DB) survey(ctx context.Context, id int64) (*reform.Survey, error) {
	s := &reform.Survey{ID: id}
	var from, to int64
	err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT title, unit_id, from_at, to_at, planned FROM surveys WHERE id = ?`, id).Scan(&s.Title, &s.UnitID, &from, &to, &s.Planned)
	})
	if err != nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không có đợt khảo sát này.")
	}
	s.From, s.To = fromMS(from), fromMS(to)
	return s, nil
}

// SurveyUnit is a unit's index in a survey, with the paper forms' other
// two dimensions.
type SurveyUnit struct {
	UnitID int64
	Index  reform.SIPAS
	Dims   reform.Dimensions
}

// SurveyIndices computes a survey's SIPAS index per unit answered about,
// and overall, from the portal's ratings in its period and scope and the
// paper forms keyed in.
func (db *DB) SurveyIndices(ctx context.Context, surveyID int64) (units []SurveyUnit, overall SurveyUnit, err error) {
	defer motcua.Wrap(&err, "DB.SurveyIndices(%d)", surveyID)
	s, err := db.survey(ctx, surveyID)
	if err != nil {
		return nil, overall, err
	}
	scope, err := db.subtreeIDs(ctx, s.UnitID)
	if err != nil {
		return nil, overall, err
	}
	byUnit := map[int64][]motcua.Rating{}
	var all []motcua.Rating
	paper := map[int64][]reform.SurveyAnswer{}
	var allPaper []reform.SurveyAnswer
	err = db.readTx(ctx, func(tx *Tx) error {
		args := []any{ms(s.From), ms(s.To)}
		for _, id := range scope {
			args = append(args, id)
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`SELECT unit_id, access_score, procedure_score, official_score, result_score, feedback_score, '', '' FROM ratings
				WHERE at >= ? AND at < ? AND unit_id IN (` + marks(len(scope)) + `)`, args},
			{`SELECT unit_id, access_score, procedure_score, official_score, result_score, feedback_score, assessment, expectations
				FROM survey_responses WHERE survey_id = ?`, []any{surveyID}},
		} {
			rows, err := tx.query(q.sql, q.args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var unit int64
				var r motcua.Rating
				var assessment, expectations string
				sc := &r.Scores
				if err := rows.Scan(&unit, &sc[0], &sc[1], &sc[2], &sc[3], &sc[4], &assessment, &expectations); err != nil {
					rows.Close()
					return err
				}
				byUnit[unit] = append(byUnit[unit], r)
				all = append(all, r)
				if assessment != "" { // a paper form: the other two dimensions too
					ans := reform.SurveyAnswer{Rating: r}
					json.Unmarshal([]byte(assessment), &ans.Assessment)
					json.Unmarshal([]byte(expectations), &ans.Expectations)
					paper[unit] = append(paper[unit], ans)
					allPaper = append(allPaper, ans)
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	for unit, answers := range byUnit {
		units = append(units, SurveyUnit{UnitID: unit, Index: reform.SIPASOf(answers), Dims: reform.DimensionsOf(paper[unit])})
	}
	sort.Slice(units, func(i, j int) bool { return units[i].UnitID < units[j].UnitID })
	return units, SurveyUnit{Index: reform.SIPASOf(all), Dims: reform.DimensionsOf(allPaper)}, err
}

// Surveys lists the survey campaigns of the given units, newest first.
func (db *DB) Surveys(ctx context.Context, unitIDs []int64) (out []reform.Survey, err error) {
	if len(unitIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(unitIDs))
	for i, id := range unitIDs {
		args[i] = id
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, title, unit_id, from_at, to_at, planned FROM surveys WHERE unit_id IN (`+marks(len(unitIDs))+`)
			ORDER BY from_at DESC, id DESC`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s reform.Survey
			var from, to int64
			if err := rows.Scan(&s.ID, &s.Title, &s.UnitID, &from, &to, &s.Planned); err != nil {
				return err
			}
			s.From, s.To = fromMS(from), fromMS(to)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// SurveyOf returns one survey.
func (db *DB) SurveyOf(ctx context.Context, id int64) (*reform.Survey, error) {
	return db.survey(ctx, id)
}

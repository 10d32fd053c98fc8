package demo

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// twoLevelDecision announces the catalogue of 01/07/2025: the district's
// procedures move to the communes (certification) or the province (land
// mortgages), and each procedure says how the competent unit is found when
// it is received elsewhere. Its number is marked as sample data.
var twoLevelDecision = motcua.Decision{Number: "MẪU-02/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Lâm Đồng (dữ liệu mẫu)",
	SignedOn: time.Date(2025, 6, 28, 0, 0, 0, 0, motcua.VN), EffectiveFrom: changeDay,
	Summary: "Công bố danh mục thủ tục hành chính cấp tỉnh, cấp xã từ 01/07/2025 (chính quyền địa phương hai cấp): thủ tục cấp huyện chuyển về cấp xã hoặc cấp tỉnh; " +
		"cơ quan giải quyết xác định theo nơi cư trú, nơi có đất hoặc lựa chọn của người nộp. Dữ liệu mẫu của motcua."}

// listing is the provincial chairman's list of procedures received
// anywhere in the province regardless of boundary (Decree 118/2025/NĐ-CP).
// Lâm Đồng's own list was not found: this decision is a sample.
var (
	listingDecision = "MẪU-15/QĐ-UBND"
	listingSigned   = time.Date(2025, 7, 25, 0, 0, 0, 0, motcua.VN)
	listingFrom     = time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN)
	listedCodes     = []string{"1.001193", "1.000894", "1.000656", "1.004873", "2.000908", "2.001044", "2.000720", "1.004583"}
)

// fieldCompetence is the competence rule by field where the law suggests
// one: civil status and social allowances where the applicant lives, land
// and businesses where they lie, certification wherever the applicant
// chooses. Other fields keep "the receiving authority".
var fieldCompetence = map[string]motcua.Competence{
	"Hộ tịch": motcua.CompetenceResidence, "Bảo trợ xã hội": motcua.CompetenceResidence,
	"Đất đai": motcua.CompetenceLocation, "Đăng ký biện pháp bảo đảm": motcua.CompetenceLocation,
	"Hộ kinh doanh": motcua.CompetenceLocation, "Hợp tác xã": motcua.CompetenceLocation, "Xây dựng": motcua.CompetenceLocation,
	"Chứng thực": motcua.CompetenceChoice,
}

// movedTo is where a district procedure goes on 01/07/2025, by its
// district office: level and deciding office.
var movedTo = map[string]struct {
	level  motcua.Level
	office string
}{
	"tu_phap": {motcua.LevelCommune, ""},
	"tnmt":    {motcua.LevelProvince, "nnmt"},
}

// publishTwoLevelCatalog publishes the decision of 01/07/2025 over the 2024
// catalogue procs, lists procedures for boundary-free intake from
// 01/08/2025, and returns the procedures in force since 01/07/2025.
func publishTwoLevelCatalog(ctx context.Context, db *store.DB, admin *motcua.Actor, procs []*motcua.Procedure) ([]*motcua.Procedure, error) {
	d := twoLevelDecision
	if err := db.CreateDecision(ctx, admin, &d); err != nil {
		return nil, err
	}
	var moved []*motcua.Procedure
	for _, p := range procs {
		next := *p
		next.Competence = fieldCompetence[p.Field]
		kind := motcua.ChangeAmend
		if p.Level == motcua.LevelDistrict {
			if err := db.DraftChange(ctx, admin, d.ID, motcua.ChangeRepeal, p); err != nil {
				return nil, err
			}
			to := movedTo[p.Office]
			next.Level, next.Office, next.Steps, kind = to.level, to.office, renamedSteps(p.Steps, to.level), motcua.ChangeAdd
		} else if next.Competence == p.Competence {
			moved = append(moved, p)
			continue // unchanged: the 2024 version stays in force
		}
		next.ID, next.VersionID = 0, 0
		if err := db.DraftChange(ctx, admin, d.ID, kind, &next); err != nil {
			return nil, err
		}
		moved = append(moved, &next)
	}
	if err := db.PublishDecision(ctx, admin, d.ID); err != nil {
		return nil, err
	}
	for _, code := range listedCodes {
		l := motcua.BoundaryFreeListing{ProcedureCode: code, Decision: listingDecision, DecidedOn: listingSigned, From: listingFrom}
		if err := db.AddBoundaryFreeListing(ctx, &l); err != nil {
			return nil, err
		}
	}
	return versionsAt(ctx, db, moved, changeDay)
}

// renamedSteps are a district procedure's steps as the new level signs
// them: the commune's leader, or the department's, instead of the
// district office's.
func renamedSteps(steps []motcua.WorkflowStep, level motcua.Level) []motcua.WorkflowStep {
	signer := "Lãnh đạo Sở"
	if level == motcua.LevelCommune {
		signer = "Lãnh đạo Ủy ban nhân dân xã"
	}
	out := make([]motcua.WorkflowStep, len(steps))
	for i, s := range steps {
		s.Name = strings.ReplaceAll(s.Name, "Lãnh đạo Phòng Tư pháp", signer)
		out[i] = s
	}
	return out
}

// versionsAt loads the published version in force at t of each procedure.
func versionsAt(ctx context.Context, db *store.DB, procs []*motcua.Procedure, t time.Time) ([]*motcua.Procedure, error) {
	out := make([]*motcua.Procedure, 0, len(procs))
	for _, p := range procs {
		id, err := db.ProcedureID(ctx, p.Code, p.Level)
		if err != nil {
			return nil, err
		}
		v, err := db.VersionAt(ctx, id, t)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

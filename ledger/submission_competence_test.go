package ledger_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestValidateSubmissionCompetence: online filing applies the counter's
// competence rule. A procedure with a rule needs the fact it reads (other
// facts are dropped); filed at the locality's own centre it needs no
// listing; filed at another commune's centre it needs the procedure listed
// for intake regardless of boundary at the instant, and the locality in
// the same province; the result is collected at a counter in force, and
// only when the applicant collects it at a counter.
func TestValidateSubmissionCompetence(t *testing.T) {
	at := time.Date(2025, 9, 15, 9, 0, 0, 0, motcua.VN)
	province := &motcua.Unit{ID: 1, Name: "UBND tỉnh Lâm Đồng", Kind: motcua.UnitProvince}
	other := &motcua.Unit{ID: 2, Name: "UBND tỉnh Khác", Kind: motcua.UnitProvince}
	communeA := &motcua.Unit{ID: 10, Name: "UBND xã Đức Lập", Kind: motcua.UnitCommune, ParentID: 1}
	centreA := &motcua.Unit{ID: 11, Name: "Trung tâm Phục vụ hành chính công xã Đức Lập", Kind: motcua.UnitCentre, ParentID: 10}
	communeB := &motcua.Unit{ID: 20, Name: "UBND xã Thuận An", Kind: motcua.UnitCommune, ParentID: 1}
	centreB := &motcua.Unit{ID: 21, Name: "Trung tâm Phục vụ hành chính công xã Thuận An", Kind: motcua.UnitCentre, ParentID: 20}
	communeC := &motcua.Unit{ID: 30, Name: "UBND xã Ngoài Tỉnh", Kind: motcua.UnitCommune, ParentID: 2}
	closed := &motcua.Unit{ID: 40, Name: "Bộ phận Một cửa huyện Đắk Mil", Kind: motcua.UnitOneStop, ParentID: 1,
		ValidTo: time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)}
	specialist := &motcua.Unit{ID: 50, Name: "Phòng Văn hóa - Xã hội xã Thuận An", Kind: motcua.UnitOffice, ParentID: 20}
	up := func(us ...*motcua.Unit) ledger.Ancestry {
		return ledger.Ancestry{Units: us, Offices: map[int64][]*motcua.Unit{}}
	}
	localities := map[int64]ledger.Ancestry{10: up(communeA, province), 20: up(communeB, province), 30: up(communeC, other)}
	listed := []motcua.BoundaryFreeListing{{ProcedureCode: "1.001193", Decision: "2463/QĐ-UBND", From: time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN)}}
	proc := func(rule motcua.Competence) *motcua.Procedure {
		return &motcua.Procedure{ID: 1, Code: "1.001193", Name: "Đăng ký khai sinh", Level: motcua.LevelCommune,
			OnlineLevel: motcua.OnlinePartial, Competence: rule}
	}
	filing := func(rule motcua.Competence, u *motcua.Unit, ancestry ledger.Ancestry, listings []motcua.BoundaryFreeListing) ledger.Filing {
		return ledger.Filing{Procedure: proc(rule), Unit: u, Parent: motcua.UnitCommune, UnitApplies: true, At: at,
			Receiving: ancestry, Localities: localities, Listings: listings}
	}
	atCentreA := func(rule motcua.Competence, listings []motcua.BoundaryFreeListing) ledger.Filing {
		return filing(rule, centreA, up(centreA, communeA, province), listings)
	}
	cases := []struct {
		name       string
		at         ledger.Filing
		facts      motcua.CompetenceFacts
		delivery   motcua.Delivery
		returnTo   *motcua.Unit
		field, msg string
		keep       motcua.CompetenceFacts // the facts kept, when accepted
		keepReturn int64
	}{
		{name: "no rule: the facts are dropped", at: atCentreA(motcua.CompetenceHere, nil),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}},
		{name: "residence here: no listing needed", at: atCentreA(motcua.CompetenceResidence, nil),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 10, LocationUnitID: 20}, keep: motcua.CompetenceFacts{ResidenceUnitID: 10}},
		{name: "residence elsewhere, listed", at: atCentreA(motcua.CompetenceResidence, listed),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, keep: motcua.CompetenceFacts{ResidenceUnitID: 20}},
		{name: "land elsewhere, listed", at: atCentreA(motcua.CompetenceLocation, listed),
			facts: motcua.CompetenceFacts{LocationUnitID: 20}, keep: motcua.CompetenceFacts{LocationUnitID: 20}},
		{name: "unit chosen, listed", at: atCentreA(motcua.CompetenceChoice, listed),
			facts: motcua.CompetenceFacts{ChosenUnitID: 20, ResidenceUnitID: 10}, keep: motcua.CompetenceFacts{ChosenUnitID: 20}},
		{name: "filed at the locality's own centre", at: filing(motcua.CompetenceResidence, centreB, up(centreB, communeB, province), nil),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, keep: motcua.CompetenceFacts{ResidenceUnitID: 20}},
		{name: "collected at another centre", at: atCentreA(motcua.CompetenceResidence, listed), delivery: motcua.DeliveryCounter,
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, returnTo: centreB, keep: motcua.CompetenceFacts{ResidenceUnitID: 20}, keepReturn: 21},
		{name: "a counter chosen with delivery online is forgotten", at: atCentreA(motcua.CompetenceResidence, listed),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, returnTo: centreB, keep: motcua.CompetenceFacts{ResidenceUnitID: 20}},

		{name: "residence not given", at: atCentreA(motcua.CompetenceResidence, listed), facts: motcua.CompetenceFacts{LocationUnitID: 20},
			field: "locality", msg: "Hãy chọn xã, phường nơi cư trú của người nộp: cơ quan giải quyết được xác định theo đó."},
		{name: "land not given", at: atCentreA(motcua.CompetenceLocation, listed),
			field: "locality", msg: "Hãy chọn xã, phường nơi có đất hoặc cơ sở kinh doanh: cơ quan giải quyết được xác định theo đó."},
		{name: "choice not made", at: atCentreA(motcua.CompetenceChoice, listed), facts: motcua.CompetenceFacts{ResidenceUnitID: 20},
			field: "locality", msg: "Hãy chọn đơn vị người nộp lựa chọn: cơ quan giải quyết được xác định theo đó."},
		{name: "residence elsewhere, not listed", at: atCentreA(motcua.CompetenceResidence, nil),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, field: "procedure",
			msg: "Thủ tục 1.001193 không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính: hồ sơ phải nộp tại UBND xã Thuận An."},
		{name: "residence elsewhere, listed only later", at: func() ledger.Filing {
			f := atCentreA(motcua.CompetenceResidence, listed)
			f.At = time.Date(2025, 7, 20, 9, 0, 0, 0, motcua.VN)
			return f
		}(), facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, field: "procedure",
			msg: "Thủ tục 1.001193 không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính: hồ sơ phải nộp tại UBND xã Thuận An."},
		{name: "residence in another province", at: atCentreA(motcua.CompetenceResidence, listed),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 30}, field: "locality",
			msg: "UBND xã Ngoài Tỉnh không thuộc tỉnh của nơi tiếp nhận: chỉ tiếp nhận không phụ thuộc địa giới trong phạm vi tỉnh."},
		{name: "a unit nobody knows", at: atCentreA(motcua.CompetenceResidence, listed),
			facts: motcua.CompetenceFacts{ResidenceUnitID: 99}, field: "locality", msg: "Không tìm thấy đơn vị hành chính đã chọn."},
		{name: "collected at a closed counter", at: atCentreA(motcua.CompetenceResidence, listed), delivery: motcua.DeliveryCounter,
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, returnTo: closed, field: "return_unit",
			msg: "Bộ phận Một cửa huyện Đắk Mil không hoạt động vào thời điểm 09:00 15/09/2025; hãy chọn nơi trả kết quả khác."},
		{name: "collected at an office", at: atCentreA(motcua.CompetenceResidence, listed), delivery: motcua.DeliveryCounter,
			facts: motcua.CompetenceFacts{ResidenceUnitID: 20}, returnTo: specialist, field: "return_unit",
			msg: "Nơi trả kết quả phải là một Trung tâm Phục vụ hành chính công, chi nhánh hoặc bộ phận một cửa."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := motcua.Submission{Key: "k1", ProcedureID: 1, UnitID: c.at.Unit.ID, Delivery: motcua.DeliveryOnline,
				Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0987654321"}, Competence: c.facts}
			if c.delivery != "" {
				s.Delivery = c.delivery
			}
			if c.returnTo != nil {
				s.ReturnUnitID, c.at.Return = c.returnTo.ID, up(c.returnTo, province) // each in the province
			}
			err := ledger.ValidateSubmission(&s, c.at)
			if c.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if s.Competence != c.keep || s.ReturnUnitID != c.keepReturn {
					t.Errorf("kept facts %+v and return %d, want %+v and %d", s.Competence, s.ReturnUnitID, c.keep, c.keepReturn)
				}
				return
			}
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field || motcua.ErrorMessage(err) != c.msg {
				t.Errorf("got %q (field %q, code %q)\nwant %q (field %q)", motcua.ErrorMessage(err), motcua.ErrorField(err),
					motcua.ErrorCode(err), c.msg, c.field)
			}
		})
	}
}

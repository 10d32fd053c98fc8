package ledger_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestValidateSubmission holds each rule of online filing, the first
// problem winning in the order the form shows them: the procedure offered
// online, the unit that applies it (communes for commune procedures), the
// applicant, delivery, documents for a full-process procedure, the form's
// key; and the applicant's fields tidied as the counter does.
func TestValidateSubmission(t *testing.T) {
	commune := &motcua.Unit{ID: 2, Name: "UBND xã Đắk Lao", Kind: motcua.UnitCommune}
	oneStop := &motcua.Unit{ID: 3, Name: "Bộ phận Một cửa huyện Đắk Mil", Kind: motcua.UnitOneStop}
	full := &motcua.Procedure{ID: 1, Name: "Đăng ký khai sinh", Level: motcua.LevelCommune, OnlineLevel: motcua.OnlineFull}
	with := func(p motcua.Procedure, change func(*motcua.Procedure)) *motcua.Procedure {
		change(&p)
		return &p
	}
	partial := with(*full, func(p *motcua.Procedure) { p.OnlineLevel = motcua.OnlinePartial })
	offline := with(*full, func(p *motcua.Procedure) { p.OnlineLevel = motcua.OnlineNone })
	district := with(*full, func(p *motcua.Procedure) { p.Level = motcua.LevelDistrict })
	good := func() motcua.Submission {
		return motcua.Submission{Key: "k1", ProcedureID: 1, UnitID: 2, Delivery: motcua.DeliveryOnline,
			Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0987654321"},
			Files:     []motcua.SubmittedFile{{Document: "Tờ khai", SHA256: strings.Repeat("ab", 32)}}}
	}
	at := ledger.Filing{Procedure: full, Unit: commune, UnitApplies: true}
	cases := []struct {
		name         string
		change       func(*motcua.Submission)
		at           ledger.Filing
		field, msg   string // the problem, or none
		tidyName, id string // the applicant's name and number as kept
	}{
		{name: "good", at: at, tidyName: "Nguyễn Văn Bình"},
		{name: "partial online without files", at: ledger.Filing{Procedure: partial, Unit: commune, UnitApplies: true},
			change: func(s *motcua.Submission) { s.Files = nil }, tidyName: "Nguyễn Văn Bình"},
		{name: "district procedure at the one-stop", at: ledger.Filing{Procedure: district, Unit: oneStop, UnitApplies: true},
			tidyName: "Nguyễn Văn Bình"},
		{name: "name and number tidied", at: at,
			change: func(s *motcua.Submission) {
				s.Applicant.Name, s.Applicant.IDNumber = "  Nguyễn Văn Bình ", "066 190 001 234"
			},
			tidyName: "Nguyễn Văn Bình", id: "066190001234"},
		{name: "post with an address", at: at,
			change: func(s *motcua.Submission) { s.Delivery, s.DeliveryTo = motcua.DeliveryPost, "Thôn 3, Đắk Lao" }, tidyName: "Nguyễn Văn Bình"},
		{name: "not offered online", at: ledger.Filing{Procedure: offline, Unit: nil},
			change: func(s *motcua.Submission) { s.Applicant.Name = "" }, field: "procedure",
			msg: "Thủ tục Đăng ký khai sinh chưa được cung cấp trực tuyến; hãy nộp tại Bộ phận Một cửa hoặc qua bưu chính."},
		{name: "no unit", at: ledger.Filing{Procedure: full}, change: func(s *motcua.Submission) { s.Applicant.Name = "" },
			field: "unit", msg: "Hãy chọn nơi nộp hồ sơ."},
		{name: "unit that does not apply it", at: ledger.Filing{Procedure: full, Unit: commune},
			field: "unit", msg: "UBND xã Đắk Lao không giải quyết thủ tục Đăng ký khai sinh."},
		{name: "commune procedure at a one-stop", at: ledger.Filing{Procedure: full, Unit: oneStop, UnitApplies: true},
			field: "unit", msg: "Bộ phận Một cửa huyện Đắk Mil không giải quyết thủ tục Đăng ký khai sinh."},
		{name: "district procedure at a commune", at: ledger.Filing{Procedure: district, Unit: commune, UnitApplies: true},
			field: "unit", msg: "UBND xã Đắk Lao không giải quyết thủ tục Đăng ký khai sinh."},
		{name: "no name", at: at, change: func(s *motcua.Submission) { s.Applicant.Name, s.Delivery = "  ", "" },
			field: "name", msg: "Hãy nhập họ và tên người nộp hồ sơ."},
		{name: "bad identity number", at: at, change: func(s *motcua.Submission) { s.Applicant.IDNumber, s.Applicant.Email = "12345", "x" },
			field: "id_number", msg: "Số định danh cá nhân (căn cước) gồm 12 chữ số; CMND cũ 9 chữ số; mã số thuế 10 hoặc 13 chữ số (0101234567-001)."},
		{name: "bad e-mail", at: at, change: func(s *motcua.Submission) { s.Applicant.Email, s.Delivery = "binh@localhost", "" },
			field: "email", msg: "Địa chỉ thư điện tử không hợp lệ (vd: ten@example.vn)."},
		{name: "post without an address", at: at, change: func(s *motcua.Submission) { s.Delivery, s.DeliveryTo, s.Files = motcua.DeliveryPost, " ", nil },
			field: "delivery_to", msg: "Hãy nhập địa chỉ nhận kết quả qua bưu chính."},
		{name: "no delivery", at: at, change: func(s *motcua.Submission) { s.Delivery, s.Files = "", nil },
			field: "delivery", msg: "Hãy chọn cách nhận kết quả."},
		{name: "full online without files", at: at, change: func(s *motcua.Submission) { s.Files, s.Key = nil, "" },
			field: "files", msg: "Thủ tục trực tuyến toàn trình: hãy tải lên các giấy tờ trong thành phần hồ sơ."},
		{name: "no key", at: at, change: func(s *motcua.Submission) { s.Key = "" },
			msg: "Thiếu khóa của biểu mẫu; hãy tải lại trang và nộp lại."},
		{name: "key too long", at: at, change: func(s *motcua.Submission) { s.Key = strings.Repeat("k", 101) },
			msg: "Khóa của biểu mẫu quá dài; hãy tải lại trang và nộp lại."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := good()
			if c.change != nil {
				c.change(&s)
			}
			err := ledger.ValidateSubmission(&s, c.at)
			if c.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if s.Applicant.Name != c.tidyName || s.Applicant.IDNumber != c.id {
					t.Errorf("applicant kept as %q, %q; want %q, %q", s.Applicant.Name, s.Applicant.IDNumber, c.tidyName, c.id)
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

// TestFilingUnit: where citizens file a procedure online, by its level,
// the unit's kind and the kind of the unit above it — the 2024 communes
// and one-stop sections, and since 07/2025 the service centres (Decree
// 118/2025): a commune's centre for commune procedures, the provincial
// centre and its branches for province procedures.
func TestFilingUnit(t *testing.T) {
	for _, c := range []struct {
		level        motcua.Level
		kind, parent motcua.UnitKind
		want         bool
	}{
		{motcua.LevelCommune, motcua.UnitCommune, motcua.UnitDistrict, true},
		{motcua.LevelCommune, motcua.UnitCommune, motcua.UnitProvince, true},
		{motcua.LevelCommune, motcua.UnitOneStop, motcua.UnitDistrict, false},
		{motcua.LevelDistrict, motcua.UnitOneStop, motcua.UnitDistrict, true},
		{motcua.LevelDistrict, motcua.UnitCommune, motcua.UnitDistrict, false},
		{motcua.LevelProvince, motcua.UnitOneStop, motcua.UnitDistrict, true},
		{motcua.LevelProvince, motcua.UnitOffice, motcua.UnitProvince, false},

		{motcua.LevelCommune, motcua.UnitCentre, motcua.UnitCommune, true},
		{motcua.LevelCommune, motcua.UnitCentre, motcua.UnitProvince, false},
		{motcua.LevelCommune, motcua.UnitBranch, motcua.UnitCentre, false},
		{motcua.LevelProvince, motcua.UnitCentre, motcua.UnitProvince, true},
		{motcua.LevelProvince, motcua.UnitBranch, motcua.UnitCentre, true},
		{motcua.LevelProvince, motcua.UnitCentre, motcua.UnitCommune, false},
		{motcua.LevelDistrict, motcua.UnitCentre, motcua.UnitProvince, false},
		{motcua.LevelDistrict, motcua.UnitBranch, motcua.UnitCentre, false},
	} {
		p := &motcua.Procedure{Level: c.level}
		if got := ledger.FilingUnit(p, &motcua.Unit{Kind: c.kind}, c.parent); got != c.want {
			t.Errorf("%s procedure at a %s under a %s: %v, want %v", c.level, c.kind, c.parent, got, c.want)
		}
	}
}

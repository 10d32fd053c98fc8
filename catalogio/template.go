package catalogio

import (
	"time"

	"github.com/motcua/motcua"
)

// templateSnapshot is the example of the template: procedure 1.001193,
// birth registration at commune level, as demo/data has it (one working
// day, four steps of 30, 300, 90 and 30 minutes, the portal's texts in
// short), announced by a decision whose number and dates are placeholders
// to replace.
func templateSnapshot() *motcua.CatalogSnapshot {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, motcua.VN) }
	const number, issuer = "123/QĐ-UBND", "Chủ tịch UBND tỉnh Lâm Đồng"
	s := &motcua.CatalogSnapshot{
		Decisions: []motcua.Decision{{Number: number, Issuer: issuer, SignedOn: day(2025, 6, 30), EffectiveFrom: day(2025, 7, 1),
			Summary: "Ví dụ: công bố danh mục thủ tục hành chính lĩnh vực Hộ tịch thực hiện tại cấp xã (thay bằng quyết định thật)",
			Status:  motcua.DecisionPublished}},
		Versions: []motcua.CatalogVersion{{Procedure: motcua.Procedure{Code: "1.001193", Version: 1,
			Name: "Thủ tục đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
			// The registration is free of levy (Luật Hộ tịch, Điều 11); a copy
			// of the extract asked for with it costs the national fee of
			// Circular 281/2016/TT-BTC, art. 4: 8.000 đồng per copy.
			Fees:       "Miễn lệ phí đăng ký khai sinh",
			FeesStated: true,
			FeeLines: []motcua.FeeLine{{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục (nếu người yêu cầu xin bản sao)",
				Amount: 8000, Basis: motcua.FeePerCopy, LegalBasis: "Thông tư 281/2016/TT-BTC, Điều 4", PayAt: motcua.FeePayAtIntake}},
			LegalBasis: "Luật Hộ tịch 60/2014/QH13; NĐ 123/2015/NĐ-CP; NĐ 120/2025/NĐ-CP; TT 04/2020/TT-BTP",
			ResultType: "Giấy khai sinh (bản chính); bản sao Giấy khai sinh nếu có yêu cầu",
			Applicants: "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài",
			Sequence: "- Người yêu cầu nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến.\n" +
				"- Công chức tư pháp - hộ tịch thẩm tra hồ sơ; hồ sơ đầy đủ, hợp lệ thì ghi Sổ đăng ký khai sinh và lấy Số định danh cá nhân.\n" +
				"- Lãnh đạo Ủy ban nhân dân cấp xã ký Giấy khai sinh; trả kết quả cho người yêu cầu.",
			Channels: "Trực tiếp: 1 ngày làm việc, miễn phí\nTrực tuyến: 1 ngày làm việc, miễn phí\nDịch vụ bưu chính: 1 ngày làm việc, miễn phí",
			Agency:   "Ủy ban nhân dân cấp xã",
			Documents: []motcua.RequiredDocument{
				{Name: "Tờ khai đăng ký khai sinh (theo mẫu)", Kind: motcua.DocOriginal, Count: 1, Template: "to-khai-dang-ky-khai-sinh.docx"},
				{Name: "Giấy chứng sinh (hoặc văn bản người làm chứng, giấy cam đoan về việc sinh)", Kind: motcua.DocOriginal, Count: 1},
				{Name: "Giấy tờ tùy thân của người yêu cầu (Căn cước/CCCD/hộ chiếu)", Kind: motcua.DocPresent, Count: 1},
				{Name: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)", Kind: motcua.DocOriginal, Count: 1},
				{Name: "Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)", Kind: motcua.DocOriginal, Count: 1},
			},
			Steps: []motcua.WorkflowStep{
				{Name: "Tiếp nhận, kiểm tra hồ sơ, cấp Giấy tiếp nhận và hẹn trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
				{Name: "Thẩm tra hồ sơ, ghi Sổ đăng ký khai sinh, cập nhật phần mềm hộ tịch, lấy số định danh cá nhân",
					Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 300},
				{Name: "Ký Giấy khai sinh", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 90},
				{Name: "Nhận kết quả từ đơn vị giải quyết, trả kết quả cho người yêu cầu", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
			},
			EffectiveFrom: day(2025, 7, 1), Change: motcua.ChangeAdd, Status: motcua.VersionPublished},
			DecisionNumber: number, DecisionIssuer: issuer}},
	}
	return Normalize(s)
}

package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
)

// The district's 2024 administrative reform, as the seed report tells it:
// Quyết định 3677/QĐ-UBND ngày 29/12/2023, 7 contents and 51 tasks, 36 of
// them done by 01/06/2024 (71 %); the directive documents it names; and a
// satisfaction survey. Task titles are samples (the plan's own list is not
// in the seed); the documents' numbers, dates and subjects are the seed's.

// planContents are the plan's seven contents with their number of tasks.
var planContents = []struct {
	title string
	tasks int
}{
	{"Công tác chỉ đạo, điều hành cải cách hành chính", 8},
	{"Cải cách thể chế", 7},
	{"Cải cách thủ tục hành chính", 8},
	{"Cải cách tổ chức bộ máy hành chính nhà nước", 7},
	{"Cải cách chế độ công vụ", 7},
	{"Cải cách tài chính công", 7},
	{"Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", 7},
}

// seedDocuments are the directive documents the seed names, issued by
// the district (and its steering committee).
var seedDocuments = []struct{ number, date, summary string }{
	{"3243/BCĐCCHC", "18/12/2023", "Triển khai thực hiện Thông báo số 489/TB-VPCP ngày 28/11/2023 của Văn phòng Chính phủ"},
	{"303/KH-UBND", "18/12/2023", "Hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Đắk Mil"},
	{"305/KH-UBND", "21/12/2023", "Rà soát, đơn giản hoá thủ tục hành chính trên địa bàn huyện Đắk Mil năm 2024"},
	{"3273/UBND-VP", "22/12/2023", "Phối hợp triển khai tái cấu trúc quy trình, cung cấp dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia"},
	{"3677/QĐ-UBND", "29/12/2023", "Kế hoạch Cải cách hành chính năm 2024"},
	{"51/UBND-VP", "08/01/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực Thư viện"},
	{"61/QĐ-UBND", "08/01/2024", "Công bố chỉ số CCHC của các xã, thị trấn trên địa bàn huyện Đắk Mil"},
	{"115/QĐ-UBND", "15/01/2024", "Công bố Danh mục văn bản quy phạm pháp luật của UBND huyện hết hiệu lực toàn bộ năm 2023"},
	{"168/UBND-VP", "22/01/2024", "Rà soát tài khoản trên Cổng dịch vụ công tỉnh; cung cấp đầu mối thông tin về dịch vụ công"},
	{"197/UBND-VP", "23/01/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực Dân tộc"},
	{"198/UBND-VP", "23/01/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực Gia đình"},
	{"27/KH-UBND", "24/01/2024", "Kiểm tra, rà soát và cập nhật văn bản quy phạm pháp luật trên địa bàn huyện Đắk Mil năm 2024"},
	{"28/KH-UBND", "24/01/2024", "Theo dõi tình hình thi hành pháp luật trên địa bàn huyện Đắk Mil năm 2024"},
	{"268/BCĐCCHC-NV", "30/01/2024", "Triển khai thực hiện các nhiệm vụ, giải pháp trọng tâm trong công tác CCHC năm 2024"},
	{"272/QĐ-UBND", "01/02/2024", "Công nhận 9/10 xã, thị trấn đạt chuẩn tiếp cận pháp luật năm 2023"},
	{"316/UBND-VP", "02/02/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực đăng ký biện pháp bảo đảm"},
	{"36/KH-UBND", "02/02/2024", "Triển khai công tác thi hành pháp luật về xử lý vi phạm hành chính trên địa bàn huyện Đắk Mil năm 2024"},
	{"44/BCĐCCHC-NV", "22/02/2024", "Đề xuất các giải pháp khắc phục và nâng cao chỉ số CCHC và Chỉ số SIPAS trên địa bàn huyện Đắk Mil"},
	{"64/KH-UBND", "29/02/2024", "Tổ chức Hội nghị đánh giá công tác CCHC và Chỉ số CCHC, Chỉ số SIPAS năm 2023, triển khai phương hướng, nhiệm vụ năm 2024"},
	{"547/BCĐCCHC-NV", "12/03/2024", "Triển khai, thực hiện kết luận của Ban Chỉ đạo CCHC của Chính phủ tại Thông báo số 53/TB-VPCP"},
	{"01/2024/QĐ-UBND", "12/03/2024", "Ban hành Quy chế làm việc của Ủy ban nhân dân huyện Đắk Mil, nhiệm kỳ 2021-2026"},
	{"560/UBND-VP", "15/03/2024", "Rà soát, đối chiếu, cung cấp số liệu về dịch vụ công trực tuyến"},
	{"629/UBND-NV", "19/03/2024", "Triển khai thực hiện các nội dung đề xuất, kiến nghị của Sở Nội vụ"},
	{"820/UBND-VP", "04/04/2024", "Đăng ký dịch vụ công trực tuyến đủ điều kiện không sử dụng hồ sơ giấy và ưu tiên giải quyết trước hạn"},
	{"113/KH-UBND", "08/04/2024", "Kiểm tra liên ngành công tác cải cách hành chính đối với các cơ quan, đơn vị và UBND các xã, thị trấn"},
	{"905/UBND-TNMT", "12/04/2024", "Tăng cường, chấn chỉnh trong công tác giải quyết thủ tục hành chính trong lĩnh vực đất đai năm 2024"},
	{"1362/QĐ-UBND", "17/04/2024", "Ban hành Quy chế tổ chức thực hiện Quyết định số 1205/QĐ-UBND ngày 19/7/2022 của UBND tỉnh Đắk Nông"},
	{"1086/UBND-NV", "02/05/2024", "Triển khai, quán triệt kết quả các Chỉ số PAR INDEX, SIPAS, PAPI năm 2023 của tỉnh Đắk Nông"},
	{"1147/QĐ-UBND", "07/05/2024", "Kiện toàn Ban Chỉ đạo cải cách hành chính huyện Đắk Mil"},
	{"150/KH-UBND", "07/05/2024", "Cải thiện và nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS) trên địa bàn huyện Đắk Mil năm 2024"},
	{"1528/QĐ-BCĐCCHC", "10/05/2024", "Kế hoạch hoạt động năm 2024 của Ban Chỉ đạo Cải cách hành chính huyện Đắk Mil"},
	{"1235/UBND-VP", "16/05/2024", "Triển khai ý kiến chỉ đạo của Phó Thủ tướng Chính phủ tại Thông báo số 210/TB-VPCP ngày 10/5/2024"},
	{"1395/UBND-VP", "30/05/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực khuyến nông"},
	{"1398/UBND-VP", "30/05/2024", "Niêm yết công khai và cập nhật quy trình thủ tục hành chính thuộc lĩnh vực chính sách"},
	{"162/TTr-NV", "04/06/2024", "Đề nghị bổ sung kinh phí khảo sát sự hài lòng của người dân và kinh phí hoạt động của Ban Chỉ đạo CCHC huyện"},
}

const (
	planDone  = 36 // tasks done by 01/06/2024
	planTasks = 51
)

// seedReform records the 2024 plan, the documents and a survey, as the
// district's leader.
func seedReform(ctx context.Context, db *store.DB, o *org) error {
	leader, err := db.Actor(ctx, o.ids["lanhdao.huyen"])
	if err != nil {
		return err
	}
	home, err := unitOfOffice(ctx, db, "noi_vu")
	if err != nil {
		return err
	}
	day := func(s string) time.Time {
		t, _ := time.ParseInLocation("02/01/2006", s, motcua.VN)
		return t
	}
	rng := rand.New(rand.NewPCG(2024, 8))
	plan := &reform.Plan{Year: 2024, Number: "3677/QĐ-UBND", Title: "Kế hoạch Cải cách hành chính năm 2024 của huyện Đắk Mil",
		IssuedOn: day("29/12/2023"), UnitID: o.district.ID}
	n := 0
	for ci, c := range planContents {
		content := reform.PlanContent{Title: c.title}
		for j := range c.tasks {
			task := reform.PlanTask{Title: fmt.Sprintf("Nhiệm vụ %d.%d thuộc nội dung “%s” (mẫu)", ci+1, j+1, c.title),
				OwnerUnitID: home.ID, DueOn: day("31/12/2024"), Status: reform.TaskNotStarted}
			if j%3 == 0 {
				task.DueOn = day("30/06/2024")
			}
			content.Tasks = append(content.Tasks, task)
			n++
		}
		plan.Contents = append(plan.Contents, content)
	}
	if n != planTasks {
		return fmt.Errorf("demo plan: %d tasks, want %d", n, planTasks)
	}
	if err := db.CreatePlan(ctx, leader, plan); err != nil {
		return err
	}
	// 36 tasks done between January and May, spread over the contents; a
	// few others under way.
	realNow := db.Now
	defer func() { db.Now = realNow }()
	db.Now = func() time.Time { return day("01/06/2024") }
	order := rng.Perm(planTasks)
	var all []reform.PlanTask
	for _, c := range plan.Contents {
		all = append(all, c.Tasks...)
	}
	for i, k := range order {
		status, note, on := reform.TaskInProgress, "Đang triển khai", time.Time{}
		switch {
		case i < planDone:
			status, note, on = reform.TaskDone, "Đã hoàn thành (dữ liệu mẫu)", day("03/01/2024").AddDate(0, 0, rng.IntN(140))
		case i >= planDone+8:
			continue
		}
		if err := db.ReportTask(ctx, leader, all[k].ID, status, note, on); err != nil {
			return err
		}
	}
	for _, d := range seedDocuments {
		doc := reform.Document{Number: d.number, IssuedOn: day(d.date), Issuer: "UBND huyện Đắk Mil", Summary: d.summary}
		if err := db.CreateDocument(ctx, leader, o.district.ID, &doc); err != nil {
			return err
		}
	}
	return seedSurvey(ctx, db, o, leader, rng)
}

// seedSurvey keys in paper forms of a 2024 survey of the communes.
func seedSurvey(ctx context.Context, db *store.DB, o *org, leader *motcua.Actor, rng *rand.Rand) error {
	s := &reform.Survey{Title: "Khảo sát sự hài lòng (SIPAS) 6 tháng đầu năm 2024 (dữ liệu mẫu)", UnitID: o.district.ID,
		From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2024, 6, 1, 0, 0, 0, 0, motcua.VN), Planned: 200}
	if err := db.CreateSurvey(ctx, leader, s); err != nil {
		return err
	}
	for i := range 200 {
		var a reform.SurveyAnswer
		for f := range a.Scores {
			a.Scores[f] = []int{5, 5, 4, 4, 4, 4, 3, 3, 2, 1}[rng.IntN(10)]
			a.Assessment[f] = 2 + rng.IntN(4)
		}
		a.Expectations = []int{rng.IntN(len(a.Scores))}
		if err := db.AddPaperResponse(ctx, leader, s.ID, o.communes[i%len(o.communes)].ID, a); err != nil {
			return err
		}
	}
	return nil
}

// unitOfOffice is the district office with the key.
func unitOfOffice(ctx context.Context, db *store.DB, key string) (*motcua.Unit, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if u.Office == key {
			return u, nil
		}
	}
	return nil, fmt.Errorf("demo: no office %q", key)
}

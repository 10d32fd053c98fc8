package motcua

import (
	"reflect"
	"testing"
)

func TestDiffVersionsNamesEveryChange(t *testing.T) {
	v1 := &Procedure{Name: "Đăng ký khai tử", Field: "Hộ tịch", Level: LevelCommune, Time: TimeLimit{Amount: 3, Unit: WorkingDays},
		OnlineLevel: OnlinePartial, Documents: []RequiredDocument{{Name: "Tờ khai", Kind: DocOriginal, Count: 1}},
		Steps: []WorkflowStep{{Name: "Tiếp nhận", Role: RoleCounter, Unit: AtIntake, Minutes: 90}}}
	if got := DiffVersions(v1, v1); len(got) != 0 {
		t.Errorf("a version differs from itself: %v", got)
	}
	v2 := *v1
	v2.Time.Amount = 5
	v2.OnlineLevel = OnlineFull
	v2.Documents = append([]RequiredDocument{{Name: "Tờ khai", Kind: DocOriginal, Count: 1, Template: "mau.docx"}},
		RequiredDocument{Name: "Giấy báo tử", Kind: DocCopy, Count: 1})
	v2.Steps = []WorkflowStep{{Name: "Tiếp nhận", Role: RoleCounter, Unit: AtIntake, Minutes: 60}}
	want := []FieldChange{
		{"Thời hạn giải quyết", "3 ngày làm việc", "5 ngày làm việc"},
		{"Dịch vụ công trực tuyến", "Một phần", "Toàn trình"},
		{"Thành phần hồ sơ 1", "Tờ khai — bản chính, 1 bản", "Tờ khai — bản chính, 1 bản, mẫu: mau.docx"},
		{"Thành phần hồ sơ 2", "", "Giấy báo tử — bản sao, 1 bản"},
		{"Bước 1 của quy trình", "Tiếp nhận — Cán bộ một cửa, bộ phận tiếp nhận, 1,5 giờ", "Tiếp nhận — Cán bộ một cửa, bộ phận tiếp nhận, 1 giờ"},
	}
	if got := DiffVersions(v1, &v2); !reflect.DeepEqual(got, want) {
		t.Errorf("diff:\n%q\nwant\n%q", got, want)
	}
}

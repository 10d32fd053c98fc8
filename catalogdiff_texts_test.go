package motcua

import (
	"reflect"
	"testing"
)

// TestDiffVersionsNamesTheCitizenTexts: a decision that changes who may
// file, the published sequence, the ways of filing or the competent office
// shows each change under the portal's heading.
func TestDiffVersionsNamesTheCitizenTexts(t *testing.T) {
	v1 := &Procedure{Name: "Thủ tục đăng ký khai sinh", Level: LevelCommune, Applicants: "Công dân Việt Nam",
		Channels: "Trực tiếp: 1 ngày làm việc, miễn phí", Agency: "Ủy ban nhân dân cấp xã"}
	v2 := *v1
	v2.Applicants = "Công dân Việt Nam, người Việt Nam định cư ở nước ngoài"
	v2.Sequence = "Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả."
	v2.Channels = "Trực tiếp: 1 ngày làm việc, miễn phí\nTrực tuyến: 1 ngày làm việc, miễn phí"
	v2.Agency = ""
	want := []FieldChange{
		{"Đối tượng thực hiện", v1.Applicants, v2.Applicants},
		{"Trình tự thực hiện", "", v2.Sequence},
		{"Cách thức thực hiện", v1.Channels, v2.Channels},
		{"Cơ quan thực hiện", v1.Agency, ""},
	}
	if got := DiffVersions(v1, &v2); !reflect.DeepEqual(got, want) {
		t.Errorf("diff:\n%q\nwant\n%q", got, want)
	}
}

package demo

import (
	"strings"
	"testing"
)

// TestProceduresCarryThePortalTexts: the demo catalogue fills đối tượng,
// cách thức and cơ quan thực hiện where data/procedure_texts.csv has them
// (birth registration among them) and leaves the others empty.
func TestProceduresCarryThePortalTexts(t *testing.T) {
	procs, err := Procedures()
	if err != nil {
		t.Fatal(err)
	}
	var with, without int
	for _, p := range procs {
		switch {
		case p.Code == "1.001193":
			if p.Applicants != "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài" || p.Agency != "Ủy ban nhân dân cấp xã" {
				t.Errorf("1.001193: applicants %q, agency %q", p.Applicants, p.Agency)
			}
			for _, way := range []string{"Trực tiếp: ", "Trực tuyến: ", "Dịch vụ bưu chính: "} {
				if !strings.Contains(p.Channels, way) {
					t.Errorf("1.001193: channels %q lack %q", p.Channels, way)
				}
			}
			with++
		case p.Applicants != "":
			with++
		case p.Sequence != "" || p.Channels != "" || p.Agency != "":
			t.Errorf("%s: texts without applicants", p.Code)
		default:
			without++
		}
	}
	if with < 5 || without == 0 {
		t.Errorf("%d procedures with the portal's texts, %d without; want a few of each", with, without)
	}
}

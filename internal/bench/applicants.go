package bench

import (
	"fmt"
	"math/rand/v2"

	"github.com/motcua/motcua"
)

// Applicants are invented from these lists.
var (
	family  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Y", "H'", "Lý", "Phan"}
	middle  = []string{"Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Hữu", "Thu", "Xuân"}
	given   = []string{"Anh", "Bình", "Cường", "Diệp", "Giang", "Hải", "Khoa", "Linh", "Nga", "Phong", "Quân", "Thảo", "Trung", "Yến", "Hà", "Sơn", "Tâm", "Vinh"}
	village = []string{"Thôn 1", "Thôn 3", "Thôn 7", "Thôn Xuân Lộc", "Bon Jun Juh", "Tổ dân phố 5", "Thôn Đức Lệ", "Thôn Tân Lập"}
)

// applicants makes applicants from every combination of the name lists.
type applicants struct {
	names []string
}

func newApplicants() *applicants {
	g := &applicants{}
	for _, f := range family {
		for _, m := range middle {
			for _, n := range given {
				g.names = append(g.names, f+" "+m+" "+n)
			}
		}
	}
	return g
}

func (g *applicants) make(rng *rand.Rand) motcua.Applicant {
	return motcua.Applicant{
		Name:     g.names[rng.IntN(len(g.names))],
		IDNumber: fmt.Sprintf("0670%08d", rng.IntN(1e8)),
		Address:  village[rng.IntN(len(village))] + ", huyện Đắk Mil, tỉnh Đắk Nông",
		Phone:    fmt.Sprintf("09%08d", rng.IntN(1e8)),
	}
}

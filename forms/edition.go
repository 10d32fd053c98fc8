package forms

import (
	"time"

	"github.com/motcua/motcua"
)

// Form names one of the one-stop-shop forms, whatever its number in a given
// circular: the receipt is form 01 in both editions, but the control slip is
// 05 under Circular 01/2018 and 06 under Circular 03/2025.
type Form int

// The forms, in the order of Circular 03/2025.
const (
	FormReceipt     Form = iota // giấy tiếp nhận hồ sơ và hẹn trả kết quả
	FormSupplement              // phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
	FormRefusal                 // phiếu từ chối tiếp nhận giải quyết hồ sơ
	FormApology                 // xin lỗi và hẹn lại / đề nghị gia hạn
	FormStop                    // thông báo dừng giải quyết hồ sơ (2025 only)
	FormControlSlip             // phiếu kiểm soát quá trình giải quyết hồ sơ
	FormRegister                // sổ theo dõi hồ sơ
	formCount
)

// Template is a form as one circular prints it: its number ("01") and title.
type Template struct {
	Number string
	Title  string
}

// Circular is an edition of the forms: the circular that sets them and the
// instant (Vietnam time) from which actions use them.
type Circular struct {
	Name      string // "03/2025/TT-VPCP"
	Since     time.Time
	templates [formCount]Template
}

// Template returns the form as this circular prints it; false when the
// circular has no such form (Circular 01/2018 has no stop notice).
func (c Circular) Template(f Form) (Template, bool) {
	if f < 0 || f >= formCount || c.templates[f].Number == "" {
		return Template{}, false
	}
	return c.templates[f], true
}

var circular2018 = Circular{
	Name:  "01/2018/TT-VPCP",
	Since: time.Date(2019, time.January, 6, 0, 0, 0, 0, motcua.VN),
	templates: [formCount]Template{
		FormReceipt:     {"01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"},
		FormSupplement:  {"02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"},
		FormRefusal:     {"03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"},
		FormApology:     {"04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"},
		FormControlSlip: {"05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"},
		FormRegister:    {"06", "Sổ theo dõi hồ sơ"},
	},
}

var circular2025 = Circular{
	Name:  "03/2025/TT-VPCP",
	Since: time.Date(2025, time.September, 15, 0, 0, 0, 0, motcua.VN),
	templates: [formCount]Template{
		FormReceipt:     {"01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"},
		FormSupplement:  {"02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"},
		FormRefusal:     {"03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"},
		FormApology:     {"04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"},
		FormStop:        {"05", "Thông báo dừng giải quyết hồ sơ"},
		FormControlSlip: {"06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"},
		FormRegister:    {"07", "Sổ theo dõi hồ sơ"},
	},
}

// Edition returns the circular in force for an action at the instant at.
// Actions before Circular 01/2018 took effect get its forms too: they are the
// oldest motcua knows, and history imported from that time still prints.
func Edition(at time.Time) Circular {
	if at.Before(circular2025.Since) {
		return circular2018
	}
	return circular2025
}

// templateAt returns the form to print for an action at the instant at, and
// the circular it comes from. A stop notice before 15/09/2025 still prints:
// Circular 01/2018 had no template for it, yet offices did stop dossiers
// (an applicant withdrawing one, say) and had to tell the applicant in
// writing; the 2025 template is the first official wording, so it serves for
// earlier stops too. Forms print their circular beside their number, so this
// "Mẫu số 05" is not taken for the 2018 control slip, which bore that number.
func templateAt(f Form, at time.Time) (Template, Circular) {
	c := Edition(at)
	if t, ok := c.Template(f); ok {
		return t, c
	}
	return circular2025.templates[f], circular2025
}

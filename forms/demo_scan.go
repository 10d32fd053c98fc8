package forms

import (
	"io"
	"time"

	"github.com/motcua/motcua"
)

// DemoScan writes the one-page PDF the demo attaches as a component's
// scan: it says what paper it stands for, whose, when it was received, and
// that it is sample data, so nobody takes a demo file for a citizen's.
func DemoScan(w io.Writer, component, applicant string, received time.Time) (err error) {
	defer wrapErr(&err, "forms.DemoScan(%q)", component)
	if err := check(w, received, "received", component, applicant); err != nil {
		return err
	}
	d, err := newDoc(a4, a4Margins, 12, "Bản số hóa mẫu: "+component)
	if err != nil {
		return err
	}
	d.font(bold, 14)
	d.centred("BẢN SỐ HÓA MẪU – DỮ LIỆU DEMO")
	d.gap(10)
	d.font(regular, 12)
	d.field("Thành phần hồ sơ:", motcua.NFC(component))
	d.field("Người nộp:", motcua.NFC(applicant))
	d.field("Ngày tiếp nhận:", motcua.FormatDate(received))
	d.gap(10)
	d.font(italic, 10.5)
	d.paragraph("Tệp này do chế độ mẫu tạo ra thay cho bản quét giấy tờ thật; người và giấy tờ đều không có thật.")
	return d.write(w)
}

package forms

import (
	"errors"
	"io"
	"time"
)

// SupplementData fills form 02, which asks the applicant to complete the
// dossier. Missing lists everything that is missing: the law allows one
// such request, so it must be complete.
type SupplementData struct {
	Header        Header
	Code          string // dossier code, required
	ApplicantName string
	ProcedureName string
	Missing       []string // at least one
	Reason        string
	At            time.Time // when the request is made
	Officer       string    // the officer who explains what is missing
}

// Supplement writes form 02 as an A5 PDF, in the edition in force at At.
func Supplement(w io.Writer, s SupplementData) (err error) {
	defer wrapErr(&err, "forms.Supplement(%q)", s.Code)
	if err := check(w, s.At, "At", s.Code); err != nil {
		return err
	}
	if len(nonEmpty(s.Missing)) == 0 {
		return errors.New("nothing missing")
	}
	d, err := newDoc(a5, a5Margins, 10, docTitle(FormSupplement, s.At, s.Code))
	if err != nil {
		return err
	}
	d.heading(s.Header, FormSupplement, s.At, true)
	d.addressee(s.ApplicantName)
	d.field("Mã hồ sơ:", s.Code)
	d.field("Nội dung yêu cầu giải quyết:", s.ProcedureName)
	d.paragraph("Qua xem xét, hồ sơ của Ông/Bà chưa đầy đủ, hợp lệ. " +
		"Đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")
	d.numbered(nonEmpty(s.Missing))
	d.field("Lý do:", s.Reason)
	d.paragraph("Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, " +
		"Ông/Bà liên hệ Bộ phận tiếp nhận và trả kết quả để được hướng dẫn.")
	d.signatures(signer{"Người hướng dẫn", signHint, s.Officer})
	return d.write(w)
}

// RefusalData fills form 03, which refuses to accept a dossier. A refused
// dossier gets no code.
type RefusalData struct {
	Header        Header
	ApplicantName string
	ProcedureName string
	Reasons       string
	At            time.Time // when the dossier is refused
	Officer       string
}

// Refusal writes form 03 as an A5 PDF, in the edition in force at At.
func Refusal(w io.Writer, r RefusalData) (err error) {
	defer wrapErr(&err, "forms.Refusal(%q)", r.ProcedureName)
	if err := check(w, r.At, "At"); err != nil {
		return err
	}
	d, err := newDoc(a5, a5Margins, 10, docTitle(FormRefusal, r.At, ""))
	if err != nil {
		return err
	}
	d.heading(r.Header, FormRefusal, r.At, true)
	d.addressee(r.ApplicantName)
	d.field("Nội dung yêu cầu giải quyết:", r.ProcedureName)
	d.paragraph("Qua xem xét, cơ quan tiếp nhận thông báo không tiếp nhận, " +
		"giải quyết hồ sơ này với lý do cụ thể như sau:")
	d.paragraph(orBlank(r.Reasons))
	d.paragraph("Xin thông báo để Ông/Bà được biết và thực hiện./.")
	d.signatures(signer{"Người tiếp nhận hồ sơ", signHint, r.Officer})
	return d.write(w)
}

// ApologyData fills form 04: the apology for a late result and the new date.
type ApologyData struct {
	Header        Header
	Code          string // dossier code, required
	ApplicantName string
	ProcedureName string
	ReceivedAt    time.Time
	DueAt         time.Time // the due date first promised
	Reason        string    // why the result is late
	NewDueAt      time.Time
	At            time.Time // when the apology is issued
	Signer        string    // the head of the unit at fault
}

// Apology writes form 04 as an A5 PDF, in the edition in force at At: a
// "Phiếu xin lỗi và hẹn lại ngày trả kết quả" before 15/09/2025, a "Văn bản
// xin lỗi và đề nghị gia hạn thời gian giải quyết" since.
func Apology(w io.Writer, a ApologyData) (err error) {
	defer wrapErr(&err, "forms.Apology(%q)", a.Code)
	if err := check(w, a.At, "At", a.Code); err != nil {
		return err
	}
	d, err := newDoc(a5, a5Margins, 10, docTitle(FormApology, a.At, a.Code))
	if err != nil {
		return err
	}
	d.heading(a.Header, FormApology, a.At, true)
	d.addressee(a.ApplicantName)
	d.dossier(a.Code, a.ProcedureName, a.ReceivedAt)
	d.field("Thời gian hẹn trả kết quả:", clock(a.DueAt))
	d.paragraph("Đến nay, hồ sơ của Ông/Bà chưa được giải quyết xong theo thời gian đã hẹn.")
	d.field("Lý do:", a.Reason)
	d.paragraph("Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi " +
		"Ông/Bà và xin hẹn lại thời gian trả kết quả:")
	d.paragraph(clock(a.NewDueAt))
	d.paragraph("Rất mong nhận được sự thông cảm của Ông/Bà./.")
	d.signatures(signer{"Thủ trưởng đơn vị", sealHint, a.Signer})
	return d.write(w)
}

// StopData fills form 05 of Circular 03/2025: the notice that the handling of
// a dossier stops, for example because the applicant withdrew it.
type StopData struct {
	Header        Header
	Code          string // dossier code, required
	ApplicantName string
	ProcedureName string
	ReceivedAt    time.Time
	Reason        string
	At            time.Time // when handling stops
	Signer        string
}

// Stop writes the stop notice as an A5 PDF. Before 15/09/2025 it uses the
// template of Circular 03/2025 all the same (see templateAt).
func Stop(w io.Writer, s StopData) (err error) {
	defer wrapErr(&err, "forms.Stop(%q)", s.Code)
	if err := check(w, s.At, "At", s.Code); err != nil {
		return err
	}
	d, err := newDoc(a5, a5Margins, 10, docTitle(FormStop, s.At, s.Code))
	if err != nil {
		return err
	}
	d.heading(s.Header, FormStop, s.At, true)
	d.addressee(s.ApplicantName)
	d.dossier(s.Code, s.ProcedureName, s.ReceivedAt)
	d.paragraph("Cơ quan có thẩm quyền thông báo dừng giải quyết hồ sơ nêu trên.")
	d.field("Lý do:", s.Reason)
	d.paragraph("Xin thông báo để Ông/Bà được biết./.")
	d.signatures(signer{"Thủ trưởng đơn vị", sealHint, s.Signer})
	return d.write(w)
}

// addressee writes the centred "Kính gửi" line of a letter to the applicant.
func (d *doc) addressee(name string) {
	d.centred("Kính gửi: Ông/Bà " + orBlank(name))
	d.gap(4)
}

// dossier writes the lines that identify a dossier in the notices.
func (d *doc) dossier(code, procedure string, receivedAt time.Time) {
	d.field("Mã hồ sơ:", code)
	d.field("Nội dung yêu cầu giải quyết:", procedure)
	d.field("Thời gian nhận hồ sơ:", clock(receivedAt))
}

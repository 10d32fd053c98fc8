package motcua_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// TestDossierNotice holds each change a dossier's applicant is told of, with
// its texts, and the changes that tell nothing.
func TestDossierNotice(t *testing.T) {
	const base = "https://motcua.example.vn/"
	vn := func(s string) time.Time {
		at, err := time.ParseInLocation("2006-01-02 15:04", s, motcua.VN)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	processing := motcua.Dossier{Code: "000.00.01.H01-240101-0001", ProcedureName: "Cấp giấy phép xây dựng",
		State: motcua.StateProcessing, DueAt: vn("2024-01-10 17:00"), TrackingSecret: "k3y"}
	with := func(change func(*motcua.Dossier)) *motcua.Dossier {
		d := processing
		change(&d)
		return &d
	}
	const track = "https://motcua.example.vn/tra-cuu?khoa=k3y&ma=000.00.01.H01-240101-0001"
	const rate = "https://motcua.example.vn/danh-gia?khoa=k3y&ma=000.00.01.H01-240101-0001"
	cases := []struct {
		name       string
		cur, next  *motcua.Dossier
		e          motcua.Event
		electronic string // the submission's page, when the result is electronic
		want       motcua.ApplicantNotice
		none       bool
	}{
		{name: "supplement asked", cur: &processing, next: with(func(d *motcua.Dossier) { d.State = motcua.StateSupplement }),
			e: motcua.Event{Type: motcua.EventSupplementRequested, Data: motcua.EventData{Missing: []string{"Bản vẽ", "Sổ đỏ"}}},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeSupplement, Subject: "Hồ sơ 000.00.01.H01-240101-0001 cần bổ sung",
				Body:    "Hồ sơ Cấp giấy phép xây dựng cần bổ sung giấy tờ; thời gian chờ bổ sung không tính vào thời hạn giải quyết. Cần bổ sung: Bản vẽ; Sổ đỏ. Tra cứu: " + track,
				SMSText: "Can bo sung giay to, tam dung tinh thoi han ho so 000.00.01.H01-240101-0001. Chi tiet:", SMSLink: track}},
		{name: "supplement asked by another event lists nothing", cur: &processing,
			next: with(func(d *motcua.Dossier) { d.State = motcua.StateSupplement }),
			e:    motcua.Event{Type: motcua.EventLateApproved, Data: motcua.EventData{Missing: []string{"Bản vẽ"}}},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeSupplement, Subject: "Hồ sơ 000.00.01.H01-240101-0001 cần bổ sung",
				Body:    "Hồ sơ Cấp giấy phép xây dựng cần bổ sung giấy tờ; thời gian chờ bổ sung không tính vào thời hạn giải quyết. Tra cứu: " + track,
				SMSText: "Can bo sung giay to, tam dung tinh thoi han ho so 000.00.01.H01-240101-0001. Chi tiet:", SMSLink: track}},
		{name: "apology", cur: &processing,
			next: with(func(d *motcua.Dossier) { d.Extensions, d.PromisedAt = 1, vn("2024-01-15 16:30") }),
			e:    motcua.Event{Type: motcua.EventExtended},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeApology, Subject: "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ 000.00.01.H01-240101-0001",
				Body:    "Hồ sơ Cấp giấy phép xây dựng chưa giải quyết kịp thời hạn. Chúng tôi thành thật xin lỗi; ngày hẹn trả kết quả mới là 16:30 15/01/2024. Tra cứu: " + track,
				SMSText: "Xin loi, hen tra moi 16:30 15/01/2024 (chua kip han) ho so 000.00.01.H01-240101-0001. Tra cuu:", SMSLink: track}},
		{name: "due moved by the calendar", cur: &processing,
			next: with(func(d *motcua.Dossier) { d.DueAt = vn("2024-01-11 17:00") }),
			e:    motcua.Event{Type: motcua.EventDueRecomputed},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeDueMoved, Subject: "Hồ sơ 000.00.01.H01-240101-0001 đổi ngày hẹn trả kết quả",
				Body:    "Do thay đổi lịch làm việc, ngày hẹn trả kết quả hồ sơ Cấp giấy phép xây dựng đổi từ 17:00 10/01/2024 sang 17:00 11/01/2024. Tra cứu: " + track,
				SMSText: "Hen tra ho so 000.00.01.H01-240101-0001 doi tu 10/01/2024 sang 17:00 11/01/2024 do lich nghi thay doi. Tra cuu:", SMSLink: track}},
		{name: "calendar change that keeps the due date", cur: &processing, next: with(func(*motcua.Dossier) {}),
			e: motcua.Event{Type: motcua.EventDueRecomputed}, none: true},
		{name: "result ready", cur: &processing,
			next: with(func(d *motcua.Dossier) { d.State, d.ResultAt = motcua.StateResultReady, vn("2024-01-09 10:05") }),
			e:    motcua.Event{Type: motcua.EventResultReady},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeResultReady, Subject: "Hồ sơ 000.00.01.H01-240101-0001 đã có kết quả",
				Body:    "Hồ sơ Cấp giấy phép xây dựng đã có kết quả từ 10:05 09/01/2024. Tra cứu: " + track,
				SMSText: "Ho so 000.00.01.H01-240101-0001 da co ket qua. Tra cuu:", SMSLink: track}},
		{name: "result ready with an electronic result, filed online", cur: &processing,
			next:       with(func(d *motcua.Dossier) { d.State, d.ResultAt = motcua.StateResultReady, vn("2024-01-09 10:05") }),
			e:          motcua.Event{Type: motcua.EventResultReady},
			electronic: "https://motcua.example.vn/ho-so-cua-toi/7",
			want: motcua.ApplicantNotice{Kind: motcua.NoticeResultReady, Subject: "Hồ sơ 000.00.01.H01-240101-0001 đã có kết quả",
				Body: "Hồ sơ Cấp giấy phép xây dựng đã có kết quả từ 10:05 09/01/2024. Tra cứu: " + track +
					" Bản điện tử của kết quả tải về tại mục “Hồ sơ của tôi”: https://motcua.example.vn/ho-so-cua-toi/7",
				SMSText: "Ho so 000.00.01.H01-240101-0001 da co ket qua. Tai ban dien tu tai Ho so cua toi:",
				SMSLink: "https://motcua.example.vn/ho-so-cua-toi/7"}},
		{name: "returned", cur: with(func(d *motcua.Dossier) { d.State = motcua.StateResultReady }),
			next: with(func(d *motcua.Dossier) { d.State = motcua.StateReturned }),
			e:    motcua.Event{Type: motcua.EventResultReturned},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeReturned, Subject: "Hồ sơ 000.00.01.H01-240101-0001 đã trả kết quả",
				Body:    "Kết quả hồ sơ Cấp giấy phép xây dựng đã được trả. Xin ông/bà dành một phút đánh giá mức độ hài lòng: " + rate,
				SMSText: "Ho so 000.00.01.H01-240101-0001 da tra ket qua. Danh gia:", SMSLink: rate}},
		{name: "stopped", cur: &processing, next: with(func(d *motcua.Dossier) { d.State = motcua.StateStopped }),
			e: motcua.Event{Type: motcua.EventStopped, Reason: "Không đủ điều kiện"},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeStopped, Subject: "Hồ sơ 000.00.01.H01-240101-0001 dừng giải quyết",
				Body:    "Hồ sơ Cấp giấy phép xây dựng đã dừng giải quyết. Lý do: Không đủ điều kiện. Tra cứu: " + track,
				SMSText: "Dung giai quyet ho so 000.00.01.H01-240101-0001. Ly do: Không đủ điều kiện. Chi tiet:", SMSLink: track}},
		{name: "withdrawn", cur: &processing, next: with(func(d *motcua.Dossier) { d.State = motcua.StateWithdrawn }),
			e: motcua.Event{Type: motcua.EventWithdrawn},
			want: motcua.ApplicantNotice{Kind: motcua.NoticeWithdrawn, Subject: "Hồ sơ 000.00.01.H01-240101-0001 đã được rút",
				Body:    "Đã ghi nhận việc rút hồ sơ Cấp giấy phép xây dựng. Tra cứu: " + track,
				SMSText: "Da ghi nhan viec rut ho so 000.00.01.H01-240101-0001. Tra cuu:", SMSLink: track}},
		{name: "a step forward tells nothing", cur: &processing, next: with(func(d *motcua.Dossier) { d.Step = 1 }),
			e: motcua.Event{Type: motcua.EventHandedOver}, none: true},
		{name: "a second supplement while paused tells nothing",
			cur:  with(func(d *motcua.Dossier) { d.State = motcua.StateSupplement }),
			next: with(func(d *motcua.Dossier) { d.State = motcua.StateSupplement }),
			e:    motcua.Event{Type: motcua.EventSupplementRequested}, none: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, ok := motcua.DossierNotice(c.cur, c.next, &c.e, base)
			if c.none {
				if ok {
					t.Fatalf("told %+v, want nothing", n)
				}
				return
			}
			if !ok {
				t.Fatal("told nothing")
			}
			if c.electronic != "" {
				n = n.WithElectronicResult(c.electronic)
			}
			c.want.Code = c.next.Code
			if n != c.want {
				t.Errorf("got  %+v\nwant %+v", n, c.want)
			}
		})
	}
}

// TestAnnouncedEvent: a leader's approval announces the late entry it
// approved; any other event, or an approval with nothing pending, itself.
func TestAnnouncedEvent(t *testing.T) {
	events := []motcua.Event{{Seq: 1, Type: motcua.EventAccepted}, {Seq: 2, Type: motcua.EventStopped, Reason: "late"}}
	pending := &motcua.Dossier{Pending: &motcua.PendingEntry{Seq: 2}}
	approval := &motcua.Event{Seq: 3, Type: motcua.EventLateApproved}
	if got := motcua.AnnouncedEvent(events, approval, pending); got != &events[1] {
		t.Errorf("approval announces %+v, want the pending entry", got)
	}
	if got := motcua.AnnouncedEvent(events, approval, &motcua.Dossier{}); got != approval {
		t.Errorf("approval with nothing pending announces %+v, want itself", got)
	}
	other := &motcua.Event{Seq: 3, Type: motcua.EventHandedOver}
	if got := motcua.AnnouncedEvent(events, other, pending); got != other {
		t.Errorf("another event announces %+v, want itself", got)
	}
}

// TestSubmissionNotice holds what the applicant of an online submission is
// told at each decision, with its texts and links.
func TestSubmissionNotice(t *testing.T) {
	const base = "https://motcua.example.vn/"
	const mine = "https://motcua.example.vn/ho-so-cua-toi/42"
	due, err := time.ParseInLocation("2006-01-02 15:04", "2024-01-10 17:00", motcua.VN)
	if err != nil {
		t.Fatal(err)
	}
	d := &motcua.Dossier{Code: "000.00.01.H01-240101-0001", DueAt: due, TrackingSecret: "k3y"}
	const track = "https://motcua.example.vn/tra-cuu?khoa=k3y&ma=000.00.01.H01-240101-0001"
	sub := func(state motcua.SubmissionState) *motcua.Submission {
		return &motcua.Submission{ID: 42, ProcedureName: "Đăng ký khai sinh", State: state, Missing: []string{"Giấy chứng sinh", "Sổ hộ khẩu"},
			Reason: "Bản chụp rõ nét."}
	}
	cases := []struct {
		name string
		s    *motcua.Submission
		d    *motcua.Dossier
		want motcua.ApplicantNotice
	}{
		{"received", sub(motcua.SubmissionPending), nil, motcua.ApplicantNotice{Kind: motcua.NoticeSubmissionReceived,
			Subject: "Đã nhận hồ sơ nộp trực tuyến",
			Body:    "Hồ sơ Đăng ký khai sinh (số nộp 42) đã được gửi tới Bộ phận Một cửa và đang chờ tiếp nhận. Thời hạn giải quyết chỉ bắt đầu tính khi hồ sơ được tiếp nhận.",
			SMSText: "Da nhan ho so nop truc tuyen so 42, dang cho Bo phan Mot cua tiep nhan. Theo doi:", SMSLink: mine}},
		{"additions asked", sub(motcua.SubmissionIncomplete), nil, motcua.ApplicantNotice{Kind: motcua.NoticeAdditionsAsked,
			Subject: "Hồ sơ nộp trực tuyến cần bổ sung",
			Body:    "Hồ sơ Đăng ký khai sinh (số nộp 42) cần bổ sung: Giấy chứng sinh; Sổ hộ khẩu. Bản chụp rõ nét. Hãy đăng nhập Cổng dịch vụ công để tải lên giấy tờ bổ sung.",
			SMSText: "Ho so nop truc tuyen so 42 can bo sung giay to. Xem va tai len tai:", SMSLink: mine}},
		{"accepted", sub(motcua.SubmissionAccepted), d, motcua.ApplicantNotice{Kind: motcua.NoticeSubmissionAccepted,
			Code: "000.00.01.H01-240101-0001", Subject: "Hồ sơ 000.00.01.H01-240101-0001 đã được tiếp nhận",
			Body:    "Hồ sơ Đăng ký khai sinh đã được tiếp nhận với mã 000.00.01.H01-240101-0001. Ngày hẹn trả kết quả: 17:00 10/01/2024. Tra cứu tiến độ: " + track,
			SMSText: "Da tiep nhan, hen tra ket qua 17:00 10/01/2024, ho so 000.00.01.H01-240101-0001. Tra cuu:", SMSLink: track}},
		{"refused", sub(motcua.SubmissionRefused), nil, motcua.ApplicantNotice{Kind: motcua.NoticeSubmissionRefused,
			Subject: "Hồ sơ nộp trực tuyến bị từ chối tiếp nhận",
			Body:    "Hồ sơ Đăng ký khai sinh (số nộp 42) không được tiếp nhận. Lý do: Bản chụp rõ nét.",
			SMSText: "Ho so nop truc tuyen so 42 khong duoc tiep nhan. Ly do: Bản chụp rõ nét.. Chi tiet:", SMSLink: mine}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if n := motcua.SubmissionNotice(c.s, c.d, base); n != c.want {
				t.Errorf("got  %+v\nwant %+v", n, c.want)
			}
		})
	}
}

// TestCodeNotice: the one-time code in the subject, the body and the SMS,
// with how long it lasts, and no link.
func TestCodeNotice(t *testing.T) {
	want := motcua.ApplicantNotice{Kind: motcua.NoticeCode, Subject: "Mã xác thực Một cửa điện tử: 042917",
		Body:    "Mã xác thực của bạn là 042917, dùng một lần, có hiệu lực 10 phút. Không đưa mã này cho bất kỳ ai.",
		SMSText: "Ma xac thuc Mot cua dien tu: 042917 (dung mot lan, hieu luc 10 phut). Khong dua ma nay cho bat ky ai."}
	if n := motcua.CodeNotice("042917", 10*time.Minute); n != want {
		t.Errorf("got  %+v\nwant %+v", n, want)
	}
}

// TestReviewAnswerNotice: the leader's words as the body; the SMS is the
// subject and the words, ending with their first link when they hold one.
func TestReviewAnswerNotice(t *testing.T) {
	const code = "000.00.01.H01-240101-0001"
	cases := []struct {
		answer, smsText, smsLink string
	}{
		{"Đơn vị xin tiếp thu và đã nhắc nhở công chức.",
			"Trả lời đánh giá hồ sơ " + code + ". Đơn vị xin tiếp thu và đã nhắc nhở công chức.", ""},
		{"Xem kết luận tại https://motcua.example.vn/kl/7 và phản hồi tại https://motcua.example.vn/ph nếu cần.",
			"Trả lời đánh giá hồ sơ " + code + ". Xem kết luận tại  và phản hồi tại https://motcua.example.vn/ph nếu cần.",
			"https://motcua.example.vn/kl/7"},
	}
	for _, c := range cases {
		want := motcua.ApplicantNotice{Kind: motcua.NoticeReviewAnswer, Code: code, Subject: "Trả lời đánh giá hồ sơ " + code,
			Body: c.answer, SMSText: c.smsText, SMSLink: c.smsLink}
		if n := motcua.ReviewAnswerNotice(code, c.answer); n != want {
			t.Errorf("got  %+v\nwant %+v", n, want)
		}
	}
}

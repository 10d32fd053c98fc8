package forms

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// The fixtures are one birth registration at the one-stop shop of Đắk Mil,
// received on Friday 27/11/2026 at 08:30 and due on 18/12/2026 at 16:00.
var (
	header = Header{
		Authority: "UBND HUYỆN ĐẮK MIL",
		Unit:      "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
		Place:     "Đắk Mil",
	}
	code       = "000.21.33.H17-261127-0001"
	applicant  = "Nguyễn Thị Hồng Nhung"
	procedure  = "Đăng ký khai sinh"
	receivedAt = time.Date(2026, time.November, 27, 8, 30, 0, 0, motcua.VN)
	dueAt      = time.Date(2026, time.December, 18, 16, 0, 0, 0, motcua.VN)
	trackURL   = "https://motcua.daknong.gov.vn/tra-cuu?ma=000.21.33.H17-261127-0001&k=8f3a9c2e71d4"
)

func sampleReceipt() ReceiptData {
	return ReceiptData{
		Header:        header,
		Code:          code,
		ApplicantName: applicant,
		IDNumber:      "066190001234",
		Address:       "Thôn 3, xã Đức Mạnh",
		Contact:       "0912 345 678",
		ProcedureName: procedure,
		Documents: []Document{
			{Name: "Tờ khai đăng ký khai sinh theo mẫu", Kind: "Bản chính", Count: 1},
			{Name: "Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp", Kind: "Bản chính", Count: 1},
			{Name: "Giấy chứng nhận kết hôn của cha, mẹ trẻ em", Kind: "Bản sao", Count: 2},
		},
		Sets:           1,
		LegalTime:      "15 ngày làm việc",
		ReceivedAt:     receivedAt,
		DueAt:          dueAt,
		ReturnPlace:    "Bộ phận Một cửa",
		Fees:           "Miễn lệ phí",
		RegisterBook:   "Quyển số 03/2026",
		EntryNo:        1234,
		Officer:        "Trần Văn Bình",
		TrackingURL:    trackURL,
		TrackingSecret: "K7M2QX9P",
	}
}

func sampleSupplement() SupplementData {
	return SupplementData{
		Header:        header,
		Code:          code,
		ApplicantName: applicant,
		ProcedureName: procedure,
		Missing: []string{
			"Giấy chứng sinh (bản chính)",
			"Văn bản ủy quyền có chứng thực của người đi đăng ký",
		},
		Reason:  "Hồ sơ thiếu giấy tờ bắt buộc theo quy định.",
		At:      receivedAt.Add(2 * time.Hour),
		Officer: "Trần Văn Bình",
	}
}

func sampleRefusal() RefusalData {
	return RefusalData{
		Header:        header,
		ApplicantName: applicant,
		ProcedureName: procedure,
		Reasons:       "Trẻ em sinh ra tại tỉnh khác; việc đăng ký khai sinh thuộc thẩm quyền của UBND cấp xã nơi cư trú của cha, mẹ.",
		At:            receivedAt,
		Officer:       "Trần Văn Bình",
	}
}

func sampleApology() ApologyData {
	return ApologyData{
		Header:        header,
		Code:          code,
		ApplicantName: applicant,
		ProcedureName: procedure,
		ReceivedAt:    receivedAt,
		DueAt:         dueAt,
		Reason:        "Chờ kết quả xác minh của cơ quan công an.",
		NewDueAt:      time.Date(2026, time.December, 25, 16, 0, 0, 0, motcua.VN),
		At:            time.Date(2026, time.December, 17, 9, 0, 0, 0, motcua.VN),
		Signer:        "Lê Văn Cường",
	}
}

func sampleStop() StopData {
	return StopData{
		Header:        header,
		Code:          code,
		ApplicantName: applicant,
		ProcedureName: procedure,
		ReceivedAt:    receivedAt,
		Reason:        "Người nộp hồ sơ có văn bản đề nghị rút hồ sơ.",
		At:            time.Date(2026, time.December, 2, 14, 15, 0, 0, motcua.VN),
		Signer:        "Lê Văn Cường",
	}
}

func sampleControlSlip() ControlSlipData {
	step := func(name, unit string, given time.Time, giver, receiver, grade string) ControlRow {
		return ControlRow{Step: name, Unit: unit, GivenAt: given, Giver: giver,
			ReceivedAt: given.Add(15 * time.Minute), Receiver: receiver,
			DueAt: given.AddDate(0, 0, 3), Grade: grade}
	}
	return ControlSlipData{
		Header:        header,
		Code:          code,
		ApplicantName: applicant,
		ProcedureName: procedure,
		ReceivedAt:    receivedAt,
		DueAt:         dueAt,
		Rows: []ControlRow{
			step("Tiếp nhận, chuyển hồ sơ", "Bộ phận Một cửa", receivedAt, "Trần Văn Bình", "Phạm Thị Dung", "Trước hạn"),
			step("Thẩm định hồ sơ", "Phòng Tư pháp", receivedAt.AddDate(0, 0, 3), "Phạm Thị Dung", "Lê Văn Cường", "Đúng hạn"),
			step("Phê duyệt kết quả", "Lãnh đạo UBND", receivedAt.AddDate(0, 0, 7), "Lê Văn Cường", "Trần Văn Bình", "Đúng hạn"),
		},
	}
}

// sampleRegister returns a month of n dossiers, several a working day.
func sampleRegister(n int) RegisterData {
	from := time.Date(2026, time.November, 1, 0, 0, 0, 0, motcua.VN)
	rows := make([]RegisterRow, n)
	for i := range rows {
		at := from.Add(time.Duration(i) * 13 * time.Minute)
		rows[i] = RegisterRow{
			No:            i + 1,
			Code:          fmt.Sprintf("000.21.33.H17-%s-%04d", at.Format("060102"), i+1),
			ProcedureName: procedure,
			Sets:          1,
			ApplicantName: applicant,
			Contact:       "0912 345 678",
			LeadUnit:      "Phòng Tư pháp",
			ReceivedAt:    at,
			DueAt:         at.AddDate(0, 0, 21),
			SentAt:        at.Add(time.Hour),
		}
		if i%3 == 0 {
			rows[i].ResultAt = at.AddDate(0, 0, 14)
			rows[i].ReturnedAt = at.AddDate(0, 0, 15)
		}
	}
	return RegisterData{Header: header, From: from, To: from.AddDate(0, 1, 0), Rows: rows}
}

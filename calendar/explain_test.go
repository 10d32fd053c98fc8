package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// explainCases hold whole explanations, checked line by line.
var explainCases = []struct {
	name string
	from string
	work time.Duration
	want []string
}{
	{"Tết 2024 and weekends are named", "2024-02-07 15:00", 3 * day, []string{
		"Bắt đầu tính thời gian: 07/02/2024 15:00 (Thứ Tư)",
		"07/02/2024 (Thứ Tư): làm việc 2 giờ",
		"08/02/2024 (Thứ Năm): nghỉ — Tết Nguyên đán",
		"09/02/2024 (Thứ Sáu): nghỉ — Tết Nguyên đán",
		"10/02/2024 (Thứ Bảy): nghỉ cuối tuần",
		"11/02/2024 (Chủ nhật): nghỉ cuối tuần",
		"12/02/2024 (Thứ Hai): nghỉ — Tết Nguyên đán",
		"13/02/2024 (Thứ Ba): nghỉ — Tết Nguyên đán",
		"14/02/2024 (Thứ Tư): nghỉ — Tết Nguyên đán",
		"15/02/2024 (Thứ Năm): làm việc 7 giờ 30 phút",
		"16/02/2024 (Thứ Sáu): làm việc 7 giờ 30 phút",
		"17/02/2024 (Thứ Bảy): nghỉ cuối tuần",
		"18/02/2024 (Chủ nhật): nghỉ cuối tuần",
		"19/02/2024 (Thứ Hai): làm việc 5 giờ 30 phút",
		"Hạn xử lý: 19/02/2024 15:00 (Thứ Hai)",
	}},
	{"swapped day and make-up Saturday are named", "2024-04-26 09:00", 3 * day, []string{
		"Bắt đầu tính thời gian: 26/04/2024 09:00 (Thứ Sáu)",
		"26/04/2024 (Thứ Sáu): làm việc 6 giờ",
		"27/04/2024 (Thứ Bảy): nghỉ cuối tuần",
		"28/04/2024 (Chủ nhật): nghỉ cuối tuần",
		"29/04/2024 (Thứ Hai): nghỉ — Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)",
		"30/04/2024 (Thứ Ba): nghỉ — Ngày Giải phóng miền Nam, thống nhất đất nước",
		"01/05/2024 (Thứ Tư): nghỉ — Ngày Quốc tế Lao động",
		"02/05/2024 (Thứ Năm): làm việc 7 giờ 30 phút",
		"03/05/2024 (Thứ Sáu): làm việc 7 giờ 30 phút",
		"04/05/2024 (Thứ Bảy): làm bù — Làm bù cho ngày 29/04/2024; làm việc 1 giờ 30 phút",
		"Hạn xử lý: 04/05/2024 09:00 (Thứ Bảy)",
	}},
	{"clock starts at the next opening", "2024-03-09 10:00", 30 * time.Minute, []string{
		"Bắt đầu tính thời gian: 11/03/2024 07:30 (Thứ Hai)",
		"11/03/2024 (Thứ Hai): làm việc 30 phút",
		"Hạn xử lý: 11/03/2024 08:00 (Thứ Hai)",
	}},
	{"no work is the next opening", "2024-03-04 18:00", 0, []string{
		"Bắt đầu tính thời gian: 05/03/2024 07:30 (Thứ Ba)",
		"05/03/2024 (Thứ Ba): làm việc 0 phút",
		"Hạn xử lý: 05/03/2024 07:30 (Thứ Ba)",
	}},
}

func TestExplainLines(t *testing.T) {
	for _, tt := range explainCases {
		t.Run(tt.name, func(t *testing.T) {
			e := vn.Explain(at(t, tt.from), tt.work)
			if got := e.Lines(); !slices.Equal(got, tt.want) {
				t.Errorf("Lines() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, line := range e.Lines() {
				assertNFC(t, line)
			}
		})
	}
}

func TestExplainDays(t *testing.T) {
	e := vn.Explain(at(t, "2024-02-07 15:00"), 3*day)
	expect(t, "Start", e.Start, "2024-02-07 15:00")
	expect(t, "Due", e.Due, "2024-02-19 15:00")
	if len(e.Days) != 13 {
		t.Fatalf("%d days, want 13 (07/02 to 19/02)", len(e.Days))
	}
	want := DayNote{Date: Date{2024, time.February, 8}, Skipped: true, Why: "Tết Nguyên đán"}
	if e.Days[1] != want {
		t.Errorf("Days[1] = %+v, want %+v", e.Days[1], want)
	}
	want = DayNote{Date: Date{2024, time.February, 19}, Worked: 5*time.Hour + 30*time.Minute}
	if e.Days[12] != want {
		t.Errorf("Days[12] = %+v, want %+v", e.Days[12], want)
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0 phút"},
		{30 * time.Minute, "30 phút"},
		{4 * time.Hour, "4 giờ"},
		{day, "7 giờ 30 phút"},
		{3 * day, "22 giờ 30 phút"},
		{time.Hour + 15*time.Second, "1 giờ 15 giây"},
		{-30 * time.Minute, "-30 phút"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

package sms

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFoldWritesVietnameseInGSM7(t *testing.T) {
	for in, want := range map[string]string{
		"Hồ sơ đã được tiếp nhận":     "Ho so da duoc tiep nhan",
		"ĐẮK LAO – “Một cửa” … ₫":     "DAK LAO - \"Mot cua\" ... ?",
		"Ủy ban nhân dân xã Đức Mạnh": "Uy ban nhan dan xa Duc Manh",
	} {
		if got := Fold(in); got != want || !IsGSM7(got) {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestComposeKeepsTheLinkWithinOnePart(t *testing.T) {
	link := "https://dichvucong.example.vn/tra-cuu?khoa=ABCDEFGH&ma=000.22.33.H17-240305-0001"
	long := strings.Repeat("Cần bổ sung giấy chứng nhận quyền sử dụng đất. ", 10)
	got := Compose(long, link)
	if n := utf8.RuneCountInString(got); n > MaxLen || !strings.HasSuffix(got, "... "+link) || !IsGSM7(got) {
		t.Errorf("Compose of a long text: %d characters: %q", n, got)
	}
	if got := Compose("Ngắn", link); got != "Ngan "+link {
		t.Errorf("Compose of a short text: %q", got)
	}
	if got := Compose("Xem chi tiết", "https://"+strings.Repeat("x", 200)); got != "Xem chi tiet" {
		t.Errorf("a link longer than an SMS is left out: %q", got)
	}
}

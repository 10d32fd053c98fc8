package payment

import (
	"net"
	"net/url"
	"time"

	"github.com/motcua/motcua"
)

// Formats shared by the gateways: the narrowest each accepts, so that one
// order reference and one description work everywhere and no character
// can be encoded two ways on the two sides of a signature.
const (
	MaxOrderIDLen = 32
	MaxInfoLen    = 255
)

// ValidOrderID reports whether id is 1–32 ASCII letters, digits or '-'.
func ValidOrderID(id string) bool {
	if id == "" || len(id) > MaxOrderIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !isAlnum(id[i]) && id[i] != '-' {
			return false
		}
	}
	return true
}

// ValidInfo reports whether s is a description every gateway signs the
// same way: 1–255 ASCII letters, digits, spaces and ". _ -" (VNPAY asks for
// Vietnamese without diacritics and without special characters).
func ValidInfo(s string) bool {
	if s == "" || len(s) > MaxInfoLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != ' ' && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Validate checks an order before any gateway sees it.
func (o Order) Validate() error {
	switch {
	case !ValidOrderID(o.ID):
		return ErrBadOrderID("id")
	case o.Amount <= 0 || o.Amount > MaxAmount:
		return ErrMalformedAmount("amount")
	case !ValidInfo(o.Info):
		return motcua.FieldError("info", "Nội dung thanh toán chỉ gồm chữ không dấu, chữ số, khoảng trắng và . _ - (tối đa %d ký tự).", MaxInfoLen)
	case !absoluteHTTP(o.ReturnURL):
		return motcua.FieldError("return_url", "Địa chỉ quay về phải là một URL http(s) đầy đủ.")
	case net.ParseIP(o.ClientIP) == nil:
		return motcua.FieldError("client_ip", "Địa chỉ IP của người nộp không hợp lệ.")
	case o.CreatedAt.IsZero():
		return motcua.FieldError("created_at", "Thiếu thời điểm tạo yêu cầu thanh toán.")
	case !o.ExpiresAt.IsZero() && !o.ExpiresAt.After(o.CreatedAt):
		return motcua.FieldError("expires_at", "Hạn thanh toán phải sau thời điểm tạo yêu cầu.")
	}
	return nil
}

func absoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// ExpiryOr returns the order's expiry, or CreatedAt+d when it has none.
func (o Order) ExpiryOr(d time.Duration) time.Time {
	if o.ExpiresAt.IsZero() {
		return o.CreatedAt.Add(d)
	}
	return o.ExpiresAt
}

package motcua

import (
	"errors"
	"fmt"
	"net/http"
)

// Error codes are stable: API clients match on them, the UI maps them to
// Vietnamese messages, and the HTTP layer maps them to status codes in one place.
const (
	EINVALID      = "invalid"      // malformed or missing input
	ENOTFOUND     = "not_found"    // the thing does not exist, or the caller may not know it exists
	ECONFLICT     = "conflict"     // someone else changed the thing first; reload and retry
	ENOTALLOWED   = "not_allowed"  // the action is not allowed in the current state
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EUNAUTHORIZED = "unauthorized" // the caller is not logged in
	ETOOMANY      = "too_many"     // too many attempts from this address or at this thing; wait
	EINTERNAL     = "internal"     // a bug or an outage; details go to the log only
)

// Error is an application error: a stable code and a message in Vietnamese
// that can be shown to the user as it is. Field names the input at fault, if any.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("motcua error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("motcua error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an application error with a formatted Vietnamese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the application error inside err,
// EINTERNAL for any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; internal errors get a
// generic message so that no detail leaks to users.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên."
}

// ErrorField returns the input field an application error is about, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// Wrap annotates *errp with a call-path prefix, keeping application errors
// recognisable through errors.As. Use as: defer motcua.Wrap(&err, "DB.Accept(%d)", id).
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}

// HTTPStatus maps an error to its HTTP status, in one place for UI and API.
func HTTPStatus(err error) int {
	switch ErrorCode(err) {
	case "":
		return http.StatusOK
	case EINVALID:
		return http.StatusUnprocessableEntity
	case ENOTFOUND:
		return http.StatusNotFound
	case ECONFLICT, ENOTALLOWED:
		return http.StatusConflict
	case EFORBIDDEN:
		return http.StatusForbidden
	case EUNAUTHORIZED:
		return http.StatusUnauthorized
	case ETOOMANY:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// ErrDossierNotFound is what a caller learns of a dossier that does not
// exist or lies outside their scope: the two must look alike.
func ErrDossierNotFound() error { return Errorf(ENOTFOUND, "Không tìm thấy hồ sơ.") }

// ErrDossierChanged is the optimistic-concurrency conflict.
func ErrDossierChanged(code string) error {
	if code != "" {
		code = " " + code
	}
	return Errorf(ECONFLICT, "Hồ sơ%s vừa được người khác cập nhật. Vui lòng tải lại trang và thực hiện lại.", code)
}

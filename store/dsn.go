package store

import (
	"net/url"
	"strings"
)

// RedactDSN hides a PostgreSQL password before the DSN is printed (secrets
// never reach logs): the userinfo's and those in the query string
// (?password=…, ?sslpassword=…), which pgx reads as well. A URL that does
// not parse is hidden whole.
func RedactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		if strings.Contains(dsn, "://") || strings.Contains(strings.ToLower(dsn), "password") {
			return "(chuỗi kết nối không đọc được nên được ẩn)"
		}
		return dsn // a file's path
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			q = url.Values{}
			u.RawQuery = "xxxxx"
		}
		hidden := false
		for key := range q {
			if strings.Contains(strings.ToLower(key), "password") {
				q[key] = []string{"xxxxx"}
				hidden = true
			}
		}
		if hidden {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

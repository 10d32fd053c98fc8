package registerio

import (
	"time"

	"github.com/motcua/motcua"
)

// dateLayout is the register's date and time, in Vietnam's time.
const dateLayout = "02/01/2006 15:04"

// parseDate reads "dd/mm/yyyy HH:MM". The common, well-formed value is read
// digit by digit (time.ParseInLocation was a fifth of reading a register);
// anything else goes to ParseInLocation, which also words the error.
func parseDate(v string) (time.Time, error) {
	if len(v) == len(dateLayout) && v[2] == '/' && v[5] == '/' && v[10] == ' ' && v[13] == ':' {
		day, ok1 := twoDigits(v[0:2])
		month, ok2 := twoDigits(v[3:5])
		century, ok3 := twoDigits(v[6:8])
		year, ok4 := twoDigits(v[8:10])
		hour, ok5 := twoDigits(v[11:13])
		minute, ok6 := twoDigits(v[14:16])
		y := century*100 + year
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && month >= 1 && month <= 12 && day >= 1 &&
			day <= daysIn(time.Month(month), y) && hour < 24 && minute < 60 {
			return time.Date(y, time.Month(month), day, hour, minute, 0, 0, motcua.VN), nil
		}
	}
	return time.ParseInLocation(dateLayout, v, motcua.VN)
}

func twoDigits(s string) (int, bool) {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// daysIn is the length of month m of year y.
func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

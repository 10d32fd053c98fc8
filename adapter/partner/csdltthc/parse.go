package csdltthc

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// workingTime finds "05 ngày làm việc", "4 giờ làm việc", "1,5 ngày làm việc".
var workingTime = regexp.MustCompile(`(\d+(?:[.,]\d+)?)\s*(ngày|giờ)\s+làm\s+việc`)

// parseTime reads a legal time as data when the text says exactly one: one
// amount of working days or hours, or "trong ngày" alone. Texts with
// several times (by channel, by case) or calendar days stay text.
func parseTime(text string) (motcua.TimeLimit, bool) {
	t := strings.ToLower(clean(text))
	found := workingTime.FindAllStringSubmatch(t, -1)
	if len(found) == 0 {
		if strings.Trim(t, " .") == "trong ngày" || strings.Trim(t, " .") == "ngay trong ngày" ||
			strings.Trim(t, " .") == "trong ngày làm việc" {
			return motcua.TimeLimit{Unit: motcua.SameDay}, true
		}
		return motcua.TimeLimit{}, false
	}
	first := found[0][1] + " " + found[0][2]
	for _, f := range found[1:] {
		if f[1]+" "+f[2] != first {
			return motcua.TimeLimit{}, false
		}
	}
	if strings.Contains(t, "trong ngày") || strings.Contains(t, "không quá") || strings.Contains(t, "trường hợp") {
		return motcua.TimeLimit{}, false // a second rule beside the amount: a person reads it
	}
	amount, err := strconv.ParseFloat(strings.ReplaceAll(found[0][1], ",", "."), 64)
	if err != nil || amount <= 0 || amount > motcua.MaxWorkingDays {
		return motcua.TimeLimit{}, false
	}
	unit := motcua.WorkingDays
	if found[0][2] == "giờ" {
		unit = motcua.WorkingHours
	}
	return motcua.TimeLimit{Amount: amount, Unit: unit}, true
}

// feeLine reads one line of the national fee text: "Lệ phí: 8.000 đồng/bản
// (Cấp bản sao trích lục)" or "Phí : 50.000 Đồng".
var feeLine = regexp.MustCompile(`^(lệ phí|phí)\s*:?\s*([0-9][0-9.]*)\s*đồng\s*(?:/\s*(bản|trang|bộ|hồ sơ|lần))?\s*(?:\((.+)\))?\s*\.?$`)

// freeWords are fee texts that say there is nothing to pay.
var freeWords = map[string]bool{"không": true, "không có": true, "miễn phí": true, "miễn lệ phí": true, "không thu": true,
	"không quy định": true, "miễn phí, lệ phí": true}

// parseFees reads the fee text as lines when every line of it is one
// amount of a fee or levy; lines of 0 đồng say there is nothing to pay.
// Anything else (tables, percentages, conditions) stays text. The national
// text does not say when a line is paid: lines are due at filing, as
// docs/national-catalogue.md says, for the reviewer to correct.
func parseFees(text string) ([]motcua.FeeLine, bool) {
	t := strings.ToLower(clean(text))
	if freeWords[strings.Trim(t, " .")] {
		return nil, true
	}
	if t == "" {
		return nil, false
	}
	var lines []motcua.FeeLine
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == '\n' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		m := feeLine.FindStringSubmatch(part)
		if m == nil {
			return nil, false
		}
		amount, err := strconv.ParseInt(strings.ReplaceAll(m[2], ".", ""), 10, 64)
		if err != nil || amount > motcua.MaxFeeAmount {
			return nil, false
		}
		if amount == 0 {
			continue
		}
		l := motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí", Amount: amount, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake}
		if m[1] == "phí" {
			l.Kind, l.Name = motcua.FeeCharge, "Phí"
		}
		switch m[3] {
		case "bản":
			l.Basis = motcua.FeePerCopy
		case "trang":
			l.Basis = motcua.FeePerPage
		case "bộ":
			l.Basis = motcua.FeePerSet
		case "lần":
			return nil, false
		}
		if m[4] != "" {
			l.Name = originalCase(text, m[4])
		}
		lines = append(lines, l)
	}
	return lines, len(lines) > 0 || strings.Contains(t, "0 đồng")
}

// originalCase finds lower in text and returns it as written there, so a
// name keeps its capitals.
func originalCase(text, lower string) string {
	t := clean(text)
	if i := strings.Index(strings.ToLower(t), lower); i >= 0 && len(strings.ToLower(t)) == len(t) {
		return strings.TrimSpace(t[i : i+len(lower)])
	}
	return strings.TrimSpace(lower)
}

package catalogio

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// xlsxReader turns the rows of the data sheets into a snapshot.
type xlsxReader struct {
	p             problems
	date1904      bool
	decisions     []motcua.Decision
	decisionNames []string
	effective     map[[2]string]time.Time // each decision's effective instant, for versions that leave theirs blank
	refused       map[[2]string]bool      // decisions whose rows have problems
	versions      []versionRow
	byKey         map[versionKey]int // first row of each version key, in versions
}

// versionRow is a row of “Thủ tục” with the document and step rows that
// name it; bad if the row itself has problems.
type versionRow struct {
	v        motcua.CatalogVersion
	row      int
	bad      bool
	docs     []positioned[motcua.RequiredDocument]
	steps    []positioned[motcua.WorkflowStep]
	stepRows int // rows of “Quy trình” naming it, good or bad
	fees     []positioned[motcua.FeeLine]
	free     bool // marked “Miễn phí, lệ phí”
}

type positioned[T any] struct {
	pos, row int
	item     T
}

// parseWorkbook reads the data sheets' raw cells, by layout name; date1904
// is the workbook's date system, for dates Excel stored as numbers.
func parseWorkbook(sheets map[string][][]string, date1904 bool) (*motcua.CatalogSnapshot, error) {
	x := &xlsxReader{date1904: date1904, effective: map[[2]string]time.Time{}, refused: map[[2]string]bool{},
		byKey: map[versionKey]int{}}
	tables := make([]*table, len(dataLayouts))
	for i, layout := range dataLayouts {
		rows, ok := sheets[layout.name]
		switch {
		case !ok && optionalSheets[layout.name]:
			continue
		case !ok:
			x.p.add("Thiếu trang “%s”", layout.name)
			continue
		}
		tables[i] = &table{layout: layout, rows: rows}
		tables[i].readHeader(&x.p)
	}
	if x.p.any() { // without every column, rows cannot be read
		return nil, x.p.err()
	}
	tables[0].each(x.decisionRow)
	tables[1].each(x.versionRow)
	tables[2].each(x.documentRow)
	tables[3].each(x.stepRow)
	if tables[4] != nil {
		tables[4].each(x.feeRow)
	}
	return x.finish()
}

func (x *xlsxReader) decisionRow(n int, c cells) {
	var why reasons
	var bad string
	d := motcua.Decision{Number: c.get(colNumber), Issuer: c.get(colIssuer), Summary: c.get(colSummary)}
	why.add(textProblem("số quyết định", d.Number, true))
	why.add(textProblem("cơ quan ban hành", d.Issuer, true))
	why.add(textProblem("trích yếu", d.Summary, false))
	d.SignedOn, bad = x.date("ngày ký", c.get(colSignedOn))
	why.add(bad)
	d.EffectiveFrom, bad = x.instant("hiệu lực từ", c.get(colEffective), true)
	why.add(bad)
	d.Status, bad = decisionStatuses.fromCode(c.get(colStatus))
	why.add(bad)
	key := [2]string{d.Number, d.Issuer}
	x.effective[key] = d.EffectiveFrom
	if len(why) > 0 {
		x.p.at(where(sheetDecisions, n), why...)
		x.refused[key] = true
		return
	}
	x.decisions = append(x.decisions, d)
	x.decisionNames = append(x.decisionNames, where(sheetDecisions, n))
}

func (x *xlsxReader) versionRow(n int, c cells) {
	v := motcua.CatalogVersion{Procedure: motcua.Procedure{Name: c.get(colName), Field: c.get(colField), Office: c.get(colOffice),
		Fees: c.get(colFees), LegalBasis: c.get(colLegalBasis), ResultType: c.get(colResult),
		Applicants: c.get(colApplicants), Sequence: c.get(colSequence), Channels: c.get(colChannels), Agency: c.get(colAgency)},
		DecisionNumber: c.get(colNumber), DecisionIssuer: c.get(colIssuer), Source: where(sheetVersions, n)}
	key, why := x.versionKey(c)
	if len(why) == 0 {
		if first, seen := x.byKey[key]; seen {
			why.add(fmt.Sprintf("trùng mã, cấp, phiên bản và trạng thái với dòng %d; các dòng ở trang “%s” và “%s” không biết thuộc dòng nào",
				x.versions[first].row, sheetDocuments, sheetSteps))
		} else {
			x.byKey[key] = len(x.versions)
		}
	}
	v.Code, v.Level, v.Version, v.Status = key.code, key.level, key.version, key.status
	var bad string
	v.Change, bad = changes.fromCode(c.get(colChange))
	why.add(bad)
	v.EffectiveFrom, bad = x.versionEffective(c.get(colEffective), v.DecisionNumber, v.DecisionIssuer)
	why.add(bad)
	v.Time.Unit, bad = timeUnits.fromCode(c.get(colUnit))
	why.add(bad)
	amount, badAmount := number("thời hạn", c.get(colAmount))
	v.Time.Amount = amount
	why.add(badAmount)
	if bad == "" && badAmount == "" {
		why.add(amountProblem(v.Time))
	}
	v.OnlineLevel, bad = onlineLevels.fromCode(c.get(colOnline))
	why.add(bad)
	v.OnlineFrom, bad = x.instant("trực tuyến từ", c.get(colOnlineFrom), false)
	why.add(bad)
	v.Competence, bad = competenceFrom(c.get(colCompetence), competences.fromCode)
	why.add(bad)
	free, bad := feesFreeFrom(c.get(colFeesFree))
	why.add(bad)
	why = append(why, versionTextProblems(&v)...)
	x.p.at(v.Source, why...)
	x.versions = append(x.versions, versionRow{v: v, row: n, bad: len(why) > 0, free: free})
}

// versionKey reads the four columns that name a version.
func (x *xlsxReader) versionKey(c cells) (versionKey, reasons) {
	var why reasons
	var bad string
	key := versionKey{code: c.get(colCode)}
	why.add(textProblem("mã thủ tục", key.code, true))
	key.level, bad = levels.fromCode(c.get(colLevel))
	why.add(bad)
	key.status, bad = versionStatuses.fromCode(c.get(colStatus))
	why.add(bad)
	key.version, bad = integer("phiên bản", c.get(colVersion), 0)
	why.add(bad)
	if bad == "" && key.status != "" {
		why.add(versionProblem(key.version, key.status))
	}
	return key, why
}

// versionEffective: a blank effective instant is the decision's.
func (x *xlsxReader) versionEffective(cell, number, issuer string) (time.Time, string) {
	if cell != "" || number == "" {
		return x.instant("hiệu lực từ", cell, true)
	}
	if t := x.effective[[2]string{number, issuer}]; !t.IsZero() {
		return t, ""
	}
	return time.Time{}, fmt.Sprintf("thiếu hiệu lực từ, và không lấy được từ quyết định %s của %s ở trang “%s”", number, issuer, sheetDecisions)
}

// owner is the index of the version a document or step row names, -1 if
// there is none.
func (x *xlsxReader) owner(c cells) (int, reasons) {
	key, why := x.versionKey(c)
	if len(why) > 0 {
		return -1, why
	}
	i, ok := x.byKey[key]
	if !ok {
		i = -1
		why.add(fmt.Sprintf("không có phiên bản nào của thủ tục %s ở trang “%s” có cấp %s, phiên bản %d, trạng thái %s",
			key.code, sheetVersions, levels.code(key.level), key.version, versionStatuses.code(key.status)))
	}
	return i, why
}

func (x *xlsxReader) documentRow(n int, c cells) {
	i, why := x.owner(c)
	pos, bad := integer("thứ tự", c.get(colPosition), -1)
	why.add(bad)
	d := motcua.RequiredDocument{Name: c.get(colName), Template: c.get(colTemplate)}
	why.add(textProblem("tên giấy tờ", d.Name, true))
	d.Kind, bad = documentKinds.fromCode(c.get(colKind))
	why.add(bad)
	d.Count, bad = integer("số lượng", c.get(colCount), 1)
	why.add(bad)
	if bad == "" {
		why.add(countProblem(d.Count))
	}
	why.add(textProblem("mẫu đơn", d.Template, false))
	if len(why) > 0 {
		x.p.at(where(sheetDocuments, n), why...)
		return
	}
	x.versions[i].docs = append(x.versions[i].docs, positioned[motcua.RequiredDocument]{pos, n, d})
}

func (x *xlsxReader) stepRow(n int, c cells) {
	i, why := x.owner(c)
	if i >= 0 {
		x.versions[i].stepRows++
	}
	pos, bad := integer("thứ tự", c.get(colPosition), -1)
	why.add(bad)
	st := motcua.WorkflowStep{Name: c.get(colStepName)}
	why.add(textProblem("tên bước", st.Name, true))
	st.Role, bad = roles.fromCode(c.get(colRole))
	why.add(bad)
	st.Unit, bad = stepUnits.fromCode(c.get(colStepUnit))
	why.add(bad)
	st.Minutes, bad = integer("số phút", c.get(colMinutes), -1)
	why.add(bad)
	if bad == "" {
		why.add(minutesProblem(st.Minutes))
	}
	if len(why) > 0 {
		x.p.at(where(sheetSteps, n), why...)
		return
	}
	x.versions[i].steps = append(x.versions[i].steps, positioned[motcua.WorkflowStep]{pos, n, st})
}

// finish orders documents and steps, checks the links between rows and
// returns the snapshot if nothing is wrong.
func (x *xlsxReader) finish() (*motcua.CatalogSnapshot, error) {
	s := &motcua.CatalogSnapshot{Decisions: x.decisions}
	at := places{decisions: x.decisionNames, decisionsList: "trang “" + sheetDecisions + "”", refused: x.refused}
	for _, vr := range x.versions {
		vr.v.Documents = ordered(vr.docs, sheetDocuments, &x.p)
		vr.v.Steps = ordered(vr.steps, sheetSteps, &x.p)
		x.feesOf(&vr)
		switch {
		case vr.bad: // its problems are reported; rows naming it may not have found it
		case vr.stepRows == 0:
			x.p.at(vr.v.Source, noSteps+" ở trang “"+sheetSteps+"”")
		case len(vr.v.Steps) > 0:
			s.Versions = append(s.Versions, vr.v)
			at.versions = append(at.versions, vr.v.Source)
		}
	}
	checkLinks(s, at, &x.p)
	if err := x.p.err(); err != nil {
		return nil, err
	}
	canonical(s)
	return s, nil
}

// ordered sorts a version's rows by position; two rows may not share one.
func ordered[T any](list []positioned[T], sheet string, p *problems) []T {
	slices.SortStableFunc(list, func(a, b positioned[T]) int { return a.pos - b.pos })
	out := make([]T, 0, len(list))
	for i, it := range list {
		if i > 0 && it.pos == list[i-1].pos {
			p.at(where(sheet, it.row), fmt.Sprintf("thứ tự %d trùng với dòng %d của cùng phiên bản", it.pos, list[i-1].row))
		}
		out = append(out, it.item)
	}
	return out
}

// number reads a decimal written with a point or a comma; blank is 0.
func number(what, s string) (float64, string) {
	if s == "" {
		return 0, ""
	}
	text := s
	if strings.Count(text, ",") == 1 && !strings.Contains(text, ".") {
		text = strings.Replace(text, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Sprintf("%s “%s” không phải là số", what, s)
	}
	return f, ""
}

// integer reads a whole number; blank is def, or missing if def < 0.
func integer(what, s string, def int) (int, string) {
	if s == "" {
		if def < 0 {
			return 0, "thiếu " + what
		}
		return def, ""
	}
	f, bad := number(what, s)
	if bad != "" || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, fmt.Sprintf("%s “%s” không phải là số nguyên", what, s)
	}
	return int(f), ""
}

// Layouts of dates and instants typed into a sheet, in Vietnam time.
var (
	dateLayouts    = []string{"2/1/2006", time.DateOnly}
	instantLayouts = []string{"2/1/2006", "2/1/2006 15:04", "2/1/2006 15:04:05", "15:04 2/1/2006",
		time.DateOnly, "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05"}
)

func (x *xlsxReader) date(what, s string) (time.Time, string) {
	t, ok := x.parseTime(s, dateLayouts)
	switch {
	case s == "":
		return time.Time{}, "thiếu " + what
	case !ok || !t.Equal(dateVN(t)):
		return time.Time{}, fmt.Sprintf("%s “%s” không hợp lệ: viết dd/mm/yyyy", what, s)
	}
	return t, ""
}

func (x *xlsxReader) instant(what, s string, required bool) (time.Time, string) {
	if s == "" {
		if required {
			return time.Time{}, "thiếu " + what
		}
		return time.Time{}, ""
	}
	t, ok := x.parseTime(s, instantLayouts)
	if !ok {
		return time.Time{}, fmt.Sprintf("%s “%s” không hợp lệ: viết dd/mm/yyyy hoặc dd/mm/yyyy HH:MM", what, s)
	}
	return t, ""
}

// parseTime reads text in one of the layouts, RFC 3339, or the serial
// number Excel stores when a date is typed into a cell not formatted as text.
func (x *xlsxReader) parseTime(s string, layouts []string) (time.Time, bool) {
	for _, layout := range layouts {
		if t, err := time.ParseInLocation(layout, s, motcua.VN); err == nil {
			return t, true
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(motcua.VN), true
	}
	// Only serials of 1990–2099: a year or a count typed in a text cell is
	// not taken for a date of the 1900s.
	serial, err := strconv.ParseFloat(s, 64)
	if err != nil || serial < 32874 || serial >= 73051 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(serial, x.date1904)
	if err != nil {
		return time.Time{}, false
	}
	t = t.Round(time.Second) // serials are binary fractions of a day
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, motcua.VN), true
}

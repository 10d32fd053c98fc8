package catalogio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// jsonBuilder turns decoded elements into a snapshot, collecting problems.
type jsonBuilder struct {
	s  motcua.CatalogSnapshot
	at places
	p  problems
}

func newJSONBuilder() *jsonBuilder {
	return &jsonBuilder{at: places{decisionsList: "“decisions”", refused: map[[2]string]bool{}}}
}

func (b *jsonBuilder) addDecision(i int, w *wireDecision) {
	name := decisionName(i, w.Number)
	d, why := decisionFrom(w)
	if len(why) > 0 {
		b.p.at(name, why...)
		b.at.refused[[2]string{d.Number, d.Issuer}] = true
		return
	}
	b.s.Decisions = append(b.s.Decisions, d)
	b.at.decisions = append(b.at.decisions, name)
}

func (b *jsonBuilder) addVersion(i int, w *wireVersion) {
	name := versionName(i, w.Code)
	v, why := versionFrom(&w.wireVersionHead)
	if len(w.Steps) == 0 {
		why.add(noSteps)
	}
	b.p.at(name, why...)
	bad := len(why) > 0
	for j := range w.Documents {
		d, why := documentFrom(&w.Documents[j])
		b.p.at(documentName(i, w.Code, j), why...)
		bad = bad || len(why) > 0
		v.Documents = append(v.Documents, d)
	}
	for j := range w.Steps {
		st, why := stepFrom(&w.Steps[j])
		b.p.at(stepName(i, w.Code, j), why...)
		bad = bad || len(why) > 0
		v.Steps = append(v.Steps, st)
	}
	if w.FeeLines != nil {
		v.FeesStated, v.FeeLines = true, []motcua.FeeLine{}
		if tooMany := feeLinesCountProblem(len(*w.FeeLines)); tooMany != "" {
			b.p.at(name, tooMany)
			bad = true
		}
		for j := range *w.FeeLines {
			l, why := feeLineFrom(&(*w.FeeLines)[j], false)
			b.p.at(feeLineName(i, w.Code, j), why...)
			bad = bad || len(why) > 0
			v.FeeLines = append(v.FeeLines, l)
		}
	}
	if bad {
		return
	}
	v.Source = fmt.Sprintf("versions[%d]", i)
	b.s.Versions = append(b.s.Versions, v)
	b.at.versions = append(b.at.versions, name)
}

// finish checks the links between elements; the snapshot, in canonical
// order, only if nothing is wrong.
func (b *jsonBuilder) finish() (*motcua.CatalogSnapshot, error) {
	checkLinks(&b.s, b.at, &b.p)
	if err := b.p.err(); err != nil {
		return nil, err
	}
	canonical(&b.s)
	return &b.s, nil
}

func decisionFrom(w *wireDecision) (motcua.Decision, reasons) {
	var why reasons
	d := motcua.Decision{Number: motcua.NFC(w.Number), Issuer: motcua.NFC(w.Issuer), Summary: motcua.NFC(w.Summary)}
	why.add(textProblem("số quyết định", d.Number, true))
	why.add(textProblem("cơ quan ban hành", d.Issuer, true))
	why.add(textProblem("trích yếu", d.Summary, false))
	var bad string
	d.SignedOn, bad = parseJSONDate("ngày ký", w.SignedOn)
	why.add(bad)
	d.EffectiveFrom, bad = parseJSONInstant("ngày có hiệu lực", w.EffectiveFrom, true)
	why.add(bad)
	d.Status, bad = decisionStatuses.fromValue(w.Status)
	why.add(bad)
	return d, why
}

func versionFrom(w *wireVersionHead) (motcua.CatalogVersion, reasons) {
	var why reasons
	v := motcua.CatalogVersion{Procedure: motcua.Procedure{Code: motcua.NFC(w.Code), Version: w.Version, Name: motcua.NFC(w.Name),
		Field: motcua.NFC(w.Field), Office: motcua.NFC(w.Office), Fees: motcua.NFC(w.Fees), LegalBasis: motcua.NFC(w.LegalBasis),
		ResultType: motcua.NFC(w.ResultType), Applicants: motcua.NFC(w.Applicants), Sequence: motcua.NFC(w.Sequence),
		Channels: motcua.NFC(w.Channels), Agency: motcua.NFC(w.Agency), Time: motcua.TimeLimit{Amount: w.Time.Amount}},
		DecisionNumber: motcua.NFC(w.DecisionNumber), DecisionIssuer: motcua.NFC(w.DecisionIssuer)}
	var bad string
	v.Level, bad = levels.fromValue(w.Level)
	why.add(bad)
	v.Status, bad = versionStatuses.fromValue(w.Status)
	why.add(bad)
	why.add(versionProblem(v.Version, v.Status))
	v.Change, bad = changes.fromValue(w.Change)
	why.add(bad)
	v.EffectiveFrom, bad = parseJSONInstant("ngày có hiệu lực", w.EffectiveFrom, true)
	why.add(bad)
	v.Time.Unit, bad = timeUnits.fromValue(w.Time.Unit)
	why.add(bad)
	if bad == "" {
		why.add(amountProblem(v.Time))
	}
	v.OnlineLevel, bad = onlineLevels.fromValue(w.OnlineLevel)
	why.add(bad)
	v.OnlineFrom, bad = parseJSONInstant("ngày bắt đầu trực tuyến", w.OnlineFrom, false)
	why.add(bad)
	v.Competence, bad = competenceFrom(w.Competence, competences.fromValue)
	why.add(bad)
	why = append(why, versionTextProblems(&v)...)
	return v, why
}

// versionTextProblems checks a version's text fields, in either format.
func versionTextProblems(v *motcua.CatalogVersion) reasons {
	var why reasons
	why.add(textProblem("mã thủ tục", v.Code, true))
	why.add(textProblem("tên thủ tục", v.Name, true))
	why.add(textProblem("lĩnh vực", v.Field, true))
	why.add(textProblem("cơ quan giải quyết", v.Office, false))
	why.add(textProblem("ghi chú phí, lệ phí", v.Fees, false))
	why.add(textProblem("căn cứ pháp lý", v.LegalBasis, false))
	why.add(textProblem("kết quả", v.ResultType, false))
	why.add(textProblem("đối tượng thực hiện", v.Applicants, false))
	why.add(textProblem("trình tự thực hiện", v.Sequence, false))
	why.add(textProblem("cách thức thực hiện", v.Channels, false))
	why.add(textProblem("cơ quan thực hiện", v.Agency, false))
	why.add(textProblem("số quyết định", v.DecisionNumber, false))
	why.add(textProblem("cơ quan ban hành quyết định", v.DecisionIssuer, false))
	if (v.DecisionNumber == "") != (v.DecisionIssuer == "") {
		why.add("số quyết định và cơ quan ban hành phải cùng có, hoặc cùng để trống nếu phiên bản không theo quyết định nào")
	}
	return why
}

func documentFrom(w *wireDocument) (motcua.RequiredDocument, reasons) {
	var why reasons
	d := motcua.RequiredDocument{Name: motcua.NFC(w.Name), Count: w.Count, Template: motcua.NFC(w.Template)}
	why.add(textProblem("tên giấy tờ", d.Name, true))
	var bad string
	d.Kind, bad = documentKinds.fromValue(w.Kind)
	why.add(bad)
	why.add(countProblem(d.Count))
	why.add(textProblem("mẫu đơn", d.Template, false))
	return d, why
}

func stepFrom(w *wireStep) (motcua.WorkflowStep, reasons) {
	var why reasons
	st := motcua.WorkflowStep{Name: motcua.NFC(w.Name), Minutes: w.Minutes}
	why.add(textProblem("tên bước", st.Name, true))
	var bad string
	st.Role, bad = roles.fromValue(w.Role)
	why.add(bad)
	st.Unit, bad = stepUnits.fromValue(w.Unit)
	why.add(bad)
	why.add(minutesProblem(st.Minutes))
	return st, why
}

func parseJSONDate(what, s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, "thiếu " + what
	}
	t, err := time.ParseInLocation(time.DateOnly, s, motcua.VN)
	if err != nil {
		return time.Time{}, fmt.Sprintf("%s “%s” không đúng dạng yyyy-mm-dd", what, s)
	}
	return t, ""
}

func parseJSONInstant(what, s string, required bool) (time.Time, string) {
	if s == "" {
		if required {
			return time.Time{}, "thiếu " + what
		}
		return time.Time{}, ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Sprintf("%s “%s” không đúng dạng RFC 3339, ví dụ 2025-07-01T00:00:00+07:00", what, s)
	}
	return t.In(motcua.VN), ""
}

// jsonProblem says in Vietnamese what encoding/json found wrong in data.
func jsonProblem(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errTrailing):
		return "có dữ liệu thừa sau giá trị JSON"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "tệp rỗng hoặc JSON bị cắt cụt"
	case errors.As(err, &syntax):
		line, col := position(data, syntax.Offset)
		return fmt.Sprintf("JSON sai cú pháp ở dòng %d, cột %d (%s)", line, col, syntax.Error())
	case errors.As(err, &typ):
		field := strings.TrimPrefix(typ.Field, "wireVersionHead.")
		if field == "" {
			return fmt.Sprintf("phải là %s, không phải %s", kindName(typ.Type), valueName(typ.Value))
		}
		return fmt.Sprintf("trường “%s” phải là %s, không phải %s", field, kindName(typ.Type), valueName(typ.Value))
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Sprintf("trường “%s” không có trong định dạng %s", strings.Trim(field, `"`), formatName)
	}
	return err.Error()
}

// position is the line and column (from 1) of a byte offset.
func position(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	return line, len(before) - bytes.LastIndexByte(before, '\n')
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "chuỗi"
	case reflect.Int, reflect.Int64:
		return "số nguyên"
	case reflect.Float64:
		return "số"
	case reflect.Slice:
		return "danh sách"
	}
	return "đối tượng"
}

func valueName(v string) string {
	switch {
	case v == "string":
		return "chuỗi"
	case v == "bool":
		return "giá trị đúng/sai"
	case v == "array":
		return "danh sách"
	case v == "object":
		return "đối tượng"
	case strings.HasPrefix(v, "number"):
		return "số" + strings.TrimPrefix(v, "number")
	}
	return v
}

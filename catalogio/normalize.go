package catalogio

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// Normalize returns what a file holds of s, as the readers return it: a
// deep copy with
//   - text through motcua.NFC (precomposed, trimmed, no control characters);
//   - instants in motcua.VN (the same instants), the zero time kept as
//     time.Time{}; SignedOn at 00:00 Vietnam time of its date;
//   - Time.Amount rounded to the 15 significant digits a spreadsheet holds;
//   - what no file carries left out: the IDs (ID, VersionID, DecisionID),
//     Decision.CreatedAt, PublishedAt and Changes, and CatalogVersion.Source;
//   - empty lists as empty, non-nil slices;
//   - decisions sorted by effective instant, number and issuer; versions by
//     code, level (xã, huyện, tỉnh), status (published first) and version.
//
// For every snapshot s that WriteJSON accepts, ReadJSON of what it wrote
// equals Normalize(s) but for Source, and so does ReadXLSX of what WriteXLSX
// wrote.
func Normalize(s *motcua.CatalogSnapshot) *motcua.CatalogSnapshot {
	out := &motcua.CatalogSnapshot{
		Decisions: make([]motcua.Decision, len(s.Decisions)),
		Versions:  make([]motcua.CatalogVersion, len(s.Versions)),
	}
	for i, d := range s.Decisions {
		out.Decisions[i] = motcua.Decision{Number: d.Number, Issuer: d.Issuer, SignedOn: d.SignedOn,
			EffectiveFrom: d.EffectiveFrom, Summary: d.Summary, Status: d.Status}
	}
	for i, v := range s.Versions {
		v.ID, v.VersionID, v.DecisionID, v.Source = 0, 0, 0, ""
		v.Documents = slices.Clone(v.Documents)
		v.Steps = slices.Clone(v.Steps)
		out.Versions[i] = v
	}
	canonical(out)
	return out
}

// canonical puts a snapshot in the form Normalize describes, in place,
// leaving IDs and Source as they are.
func canonical(s *motcua.CatalogSnapshot) {
	if s.Decisions == nil {
		s.Decisions = []motcua.Decision{}
	}
	if s.Versions == nil {
		s.Versions = []motcua.CatalogVersion{}
	}
	for i := range s.Decisions {
		d := &s.Decisions[i]
		d.Number, d.Issuer, d.Summary = motcua.NFC(d.Number), motcua.NFC(d.Issuer), motcua.NFC(d.Summary)
		d.SignedOn, d.EffectiveFrom = dateVN(d.SignedOn), inVN(d.EffectiveFrom)
	}
	for i := range s.Versions {
		canonicalVersion(&s.Versions[i])
	}
	slices.SortStableFunc(s.Decisions, compareDecisions)
	slices.SortStableFunc(s.Versions, compareVersions)
}

func canonicalVersion(v *motcua.CatalogVersion) {
	for _, text := range []*string{&v.Code, &v.Name, &v.Field, &v.Office, &v.LegalBasis, &v.ResultType,
		&v.Applicants, &v.Sequence, &v.Channels, &v.Agency, &v.DecisionNumber, &v.DecisionIssuer} {
		*text = motcua.NFC(*text)
	}
	canonicalFees(v)
	v.EffectiveFrom, v.OnlineFrom = inVN(v.EffectiveFrom), inVN(v.OnlineFrom)
	v.Time.Amount = spreadsheetNumber(v.Time.Amount)
	if v.Documents == nil {
		v.Documents = []motcua.RequiredDocument{}
	}
	for j := range v.Documents {
		d := &v.Documents[j]
		d.Name, d.Template = motcua.NFC(d.Name), motcua.NFC(d.Template)
	}
	if v.Steps == nil {
		v.Steps = []motcua.WorkflowStep{}
	}
	for j := range v.Steps {
		v.Steps[j].Name = motcua.NFC(v.Steps[j].Name)
	}
}

func compareDecisions(a, b motcua.Decision) int {
	return cmp.Or(a.EffectiveFrom.Compare(b.EffectiveFrom), cmp.Compare(a.Number, b.Number), cmp.Compare(a.Issuer, b.Issuer))
}

func compareVersions(a, b motcua.CatalogVersion) int {
	return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(levels.rank(a.Level), levels.rank(b.Level)),
		cmp.Compare(versionStatuses.rank(a.Status), versionStatuses.rank(b.Status)), cmp.Compare(a.Version, b.Version))
}

// spreadsheetNumber rounds to the 15 significant digits a spreadsheet cell
// holds: a legal time of 1/3 day is 0.333333333333333 in both formats.
func spreadsheetNumber(f float64) float64 {
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil { // NaN and infinities, which validation refuses
		return f
	}
	return rounded
}

// inVN is the same instant in Vietnam's zone; the zero time stays zero.
func inVN(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.In(motcua.VN)
}

// dateVN is 00:00 Vietnam time of t's date there.
func dateVN(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.In(motcua.VN).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, motcua.VN)
}

// places names the elements of one file in messages about how they relate.
type places struct {
	decisions     []string           // each decision, in snapshot order
	versions      []string           // each version, in snapshot order
	decisionsList string             // where decisions are listed
	refused       map[[2]string]bool // decisions in the file whose own problems are reported
}

// checkLinks checks what concerns several elements: no decision or version
// twice, every decision named exists.
func checkLinks(s *motcua.CatalogSnapshot, at places, p *problems) {
	decisions := map[[2]string]int{}
	for i, d := range s.Decisions {
		key := [2]string{d.Number, d.Issuer}
		if first, ok := decisions[key]; ok {
			p.at(at.decisions[i], fmt.Sprintf("trùng số và cơ quan ban hành với %s", lower(at.decisions[first])))
			continue
		}
		decisions[key] = i
	}
	versions := map[versionKey]int{}
	for i, v := range s.Versions {
		key := keyOf(&v)
		if first, ok := versions[key]; ok {
			p.at(at.versions[i], fmt.Sprintf("trùng mã, cấp, phiên bản và trạng thái với %s", lower(at.versions[first])))
		} else {
			versions[key] = i
		}
		ref := [2]string{v.DecisionNumber, v.DecisionIssuer}
		if _, ok := decisions[ref]; v.DecisionNumber != "" && !ok && !at.refused[ref] {
			p.at(at.versions[i], fmt.Sprintf("không có quyết định %s của %s trong %s", v.DecisionNumber, v.DecisionIssuer, at.decisionsList))
		}
	}
}

// versionKey is what tells versions apart in a file.
type versionKey struct {
	code    string
	level   motcua.Level
	version int
	status  motcua.VersionStatus
}

func keyOf(v *motcua.CatalogVersion) versionKey {
	return versionKey{v.Code, v.Level, v.Version, v.Status}
}

// lower puts the first letter of a place in lower case, for use mid-sentence:
// "Thủ tục thứ 2" → "thủ tục thứ 2".
func lower(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

package catalogio

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

func TestTemplateReadsBackAsTheExample(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	s, err := ReadXLSX(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Decisions) != 1 || len(s.Versions) != 1 {
		t.Fatalf("template holds %d decisions and %d versions, want 1 and 1", len(s.Decisions), len(s.Versions))
	}
	v := s.Versions[0]
	var minutes []int
	for _, st := range v.Steps {
		minutes = append(minutes, st.Minutes)
	}
	if v.Code != "1.001193" || v.Level != motcua.LevelCommune || v.Time != (motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}) ||
		v.DecisionNumber != s.Decisions[0].Number || v.Status != motcua.VersionPublished || v.Version != 1 {
		t.Errorf("example version %+v", v)
	}
	if want := []int{30, 300, 90, 30}; !slices.Equal(minutes, want) {
		t.Errorf("steps of %v minutes, want %v", minutes, want)
	}
	// A workflow the store would publish: the budgets sum to the legal time.
	if legal := int(v.Time.Duration(450*time.Minute) / time.Minute); v.StepsMinutes() != legal {
		t.Errorf("steps sum to %d minutes, legal time is %d", v.StepsMinutes(), legal)
	}
	if len(v.Documents) == 0 || v.Documents[0].Template == "" {
		t.Errorf("example documents %+v: want at least one with a template", v.Documents)
	}
	sameCatalog(t, s, templateSnapshot())
}

// documented lists what the guide sheet and docs/catalog-template.md must
// both mention: every sheet, column key and spreadsheet value.
func documented() []string {
	var out []string
	for _, layout := range dataLayouts {
		out = append(out, layout.name)
		for _, c := range layout.columns {
			out = append(out, c.key, c.title)
		}
	}
	for _, codes := range [][]string{levels.codes(false), versionStatuses.codes(false), changes.codes(false), timeUnits.codes(false),
		onlineLevels.codes(false), documentKinds.codes(false), roles.codes(false), stepUnits.codes(false),
		feeKinds.codes(false), feeBases.codes(false), feeCounts.codes(false), feePayAts.codes(false)} {
		out = append(out, codes...)
	}
	return out
}

func TestGuideSheetDocumentsEveryColumnAndValue(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{sheetGuide, sheetDecisions, sheetVersions, sheetDocuments, sheetSteps, sheetFees}) {
		t.Errorf("sheets %v", sheets)
	}
	rows, err := f.GetRows(sheetGuide)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "\t") + "\n")
	}
	for _, word := range documented() {
		if !strings.Contains(text.String(), word) {
			t.Errorf("the guide sheet does not mention %q", word)
		}
	}
}

func TestDocsDocumentEveryColumnAndValue(t *testing.T) {
	doc, err := os.ReadFile("../docs/catalog-template.md")
	if err != nil {
		t.Fatal(err)
	}
	words := documented()
	for _, key := range []string{"format", "format_version", "signed_on", "effective_from", "decision_number", "online_from",
		"legal_basis", "result_type", "template", "minutes", "competence", "fees", "fee_lines", "pay_at", "exemptions", "bands", "over", "max"} {
		words = append(words, `"`+key+`"`)
	}
	for _, v := range [][]string{{"commune", "district", "province"}, {"add", "amend", "repeal"}, {"day", "hour", "same_day"},
		{"full", "partial", "none"}, {"original", "copy", "either", "present"}, {"counter", "specialist", "leader"}, {"intake", "deciding"},
		{"residence", "location", "choice"}, {"charge", "levy"}, {"fixed", "per_copy", "per_page", "per_set", "table"}, {"intake", "result"}} {
		for _, value := range v {
			words = append(words, "`"+value+"`")
		}
	}
	for _, word := range words {
		if !bytes.Contains(doc, []byte(word)) {
			t.Errorf("docs/catalog-template.md does not mention %q", word)
		}
	}
}

// TestHeadersAreUnambiguous: a header names one column only, by title or key.
func TestHeadersAreUnambiguous(t *testing.T) {
	for _, layout := range dataLayouts {
		seen := map[string]string{}
		for _, c := range layout.columns {
			for _, name := range []string{c.key, codeKey(c.title)} {
				if other, ok := seen[name]; ok && other != c.key {
					t.Errorf("%s: %q names both %s and %s", layout.name, name, other, c.key)
				}
				seen[name] = c.key
			}
			if got := layout.find(c.title); got == nil || got.key != c.key {
				t.Errorf("%s: title %q is not found as %s", layout.name, c.title, c.key)
			}
		}
	}
}

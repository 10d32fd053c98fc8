package catalogio

import (
	"bytes"
	"testing"

	"github.com/motcua/motcua"
)

// TestCompetenceRoundTrip: each competence rule (the receiving authority,
// residence, land, choice) comes back from both formats as written, so a
// catalogue exported from a province of 2025 imports into itself with no
// change.
func TestCompetenceRoundTrip(t *testing.T) {
	s := Normalize(realistic())
	rules := []motcua.Competence{motcua.CompetenceHere, motcua.CompetenceResidence, motcua.CompetenceLocation, motcua.CompetenceChoice}
	for i := range s.Versions {
		s.Versions[i].Competence = rules[i%len(rules)]
	}
	if len(s.Versions) < len(rules) {
		t.Fatalf("the fixture has %d versions, want at least %d", len(s.Versions), len(rules))
	}
	fromJSON, err := ReadJSON(bytes.NewReader(writeJSON(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := ReadXLSX(bytes.NewReader(writeXLSX(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range s.Versions {
		if got := fromJSON.Versions[i].Competence; got != want.Competence {
			t.Errorf("json, version %d: competence %q, want %q", i, got, want.Competence)
		}
		if got := fromXLSX.Versions[i].Competence; got != want.Competence {
			t.Errorf("xlsx, version %d: competence %q, want %q", i, got, want.Competence)
		}
	}
}

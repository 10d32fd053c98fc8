package reform

import (
	"testing"

	"github.com/motcua/motcua"
)

// TestSIPASOnAHandComputedSample: four answers; the official (factor 3)
// satisfies 2 of 4 (50 %), the others 3 of 4 (75 %), 4 of 4 or 1 of 4.
func TestSIPASOnAHandComputedSample(t *testing.T) {
	s := SIPASOf([]motcua.Rating{
		{Scores: [5]int{5, 4, 2, 4, 3}},
		{Scores: [5]int{4, 4, 4, 5, 2}},
		{Scores: [5]int{3, 5, 5, 4, 2}},
		{Scores: [5]int{4, 4, 1, 4, 4}},
	})
	want := [5]float64{0.75, 1, 0.5, 1, 0.25}
	if s.N != 4 || s.Factors != want || s.Overall != (0.75+1+0.5+1+0.25)/5 {
		t.Fatalf("%+v", s)
	}
	if empty := SIPASOf(nil); empty.N != 0 || empty.Overall != 0 {
		t.Fatalf("no answers: %+v", empty)
	}
}

func TestSurveyDimensions(t *testing.T) {
	d := DimensionsOf([]SurveyAnswer{
		{Assessment: [5]int{4, 0, 2, 5, 3}, Expectations: []int{2}},
		{Assessment: [5]int{2, 3, 0, 5, 3}, Expectations: []int{2, 0}},
	})
	if d.Assessment != [5]float64{3, 3, 2, 5, 3} || d.Expectations != [5]int{1, 0, 2, 0, 0} {
		t.Fatalf("%+v", d)
	}
	if (SurveyAnswer{Rating: motcua.Rating{Scores: [5]int{3, 3, 3, 3, 3}}, Expectations: []int{7}}).Check() == nil {
		t.Fatal("an unknown factor was taken")
	}
}

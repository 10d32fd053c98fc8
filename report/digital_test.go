package report

import (
	"strconv"
	"testing"
)

// TestDigitalIndicatorsCountByTheNationalRules: 4.1 counts only dossiers
// whose result is a document; 4.2 reads the digitisation verdict; 4.3 a
// reused or national component; 4.4 a national component or a pushed
// result; a zero denominator shows "—".
func TestDigitalIndicatorsCountByTheNationalRules(t *testing.T) {
	tally := NewDigitalTally()
	for _, f := range []DigitalFacts{
		{ResultIsDocument: true, ElectronicResult: true, Digitised: true, Pushed: true}, // 4.1 4.2 4.4
		{ResultIsDocument: true, Missing: []string{"Giấy chứng sinh"}, Reused: true},    // 4.3
		{Digitised: true, Reused: true, National: true},                                 // not in 4.1; 4.2 4.3 4.4
		{ResultIsDocument: true, ElectronicResult: false, NoComponents: true},           // none
	} {
		tally.Add(f)
	}
	want := []string{"4.1 1/3 33,33 %", "4.2 2/4 50,00 %", "4.3 2/4 50,00 %", "4.4 2/4 50,00 %"}
	for i, ind := range tally.Indicators {
		got := ind.Code + " " + strconv.Itoa(ind.Numerator) + "/" + strconv.Itoa(ind.Denominator) + " " + ind.Rate()
		if got != want[i] {
			t.Errorf("%s, want %s", got, want[i])
		}
	}
	if r := NewDigitalTally().Indicators[0].Rate(); r != "—" {
		t.Errorf("0 / 0 = %q", r)
	}
	f := DigitalFacts{ResultIsDocument: true, Missing: []string{"Tờ khai", "Giấy chứng sinh"}}
	if got := f.Shortfall("4.2"); got != "thiếu tệp: Tờ khai; Giấy chứng sinh; chưa có kết quả điện tử" {
		t.Errorf("4.2 shortfall %q", got)
	}
	if got := (DigitalFacts{Digitised: true}).Shortfall("4.2"); got != "" {
		t.Errorf("a digitised dossier lacks %q", got)
	}
	if CheckDigitalCode("4.5") == nil || CheckDigitalCode("4.1") != nil {
		t.Error("CheckDigitalCode")
	}
}

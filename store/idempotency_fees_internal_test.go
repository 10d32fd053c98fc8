package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// TestIntakeHashWithoutFeesIsTheOldOne: an intake without fee quantities
// is written for its fingerprint byte for byte as before the field
// existed (a retry across the upgrade is the same request); copies change
// the fingerprint.
func TestIntakeHashWithoutFeesIsTheOldOne(t *testing.T) {
	in := motcua.Intake{ProcedureID: 7, UnitID: 3, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình"}, Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Count: 1}}}
	direct, _ := json.Marshal(in)
	fees := `"Fees":{"Copies":0,"Pages":0,"Sets":0,"Exempt":null},`
	if !strings.Contains(string(direct), fees) {
		t.Fatalf("the intake's JSON changed shape: %s", direct)
	}
	old := strings.Replace(string(direct), fees, "", 1)
	if got := intakeHash(in); got != requestHash(json.RawMessage(old)) {
		t.Fatalf("fingerprint without fees differs from the old shape %s", old)
	}
	withFees := in
	withFees.Fees.Copies = 2
	if intakeHash(in) == intakeHash(withFees) {
		t.Fatal("copies do not change the fingerprint")
	}
}

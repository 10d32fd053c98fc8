package catalogio

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// TestRoundTripOfRandomSnapshots checks the guarantee on catalogues no one
// would write by hand: decomposed and odd text, instants with nanoseconds
// in other zones, drafts numbered anyhow, fractions of days.
func TestRoundTripOfRandomSnapshots(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	for i := range 40 {
		s := randomSnapshot(r)
		want := Normalize(s)
		js := writeJSON(t, s)
		fromJSON, err := ReadJSON(bytes.NewReader(js))
		if err != nil {
			t.Fatalf("snapshot %d: %v", i, err)
		}
		sameCatalog(t, fromJSON, want)
		if again := writeJSON(t, want); !bytes.Equal(again, js) {
			t.Errorf("snapshot %d: writing the normalised snapshot gives other bytes", i)
		}
		fromBook, err := ReadXLSX(bytes.NewReader(writeXLSX(t, s)))
		if err != nil {
			t.Fatalf("snapshot %d: %v", i, err)
		}
		sameCatalog(t, fromBook, want)
	}
}

var textPieces = []string{"Thủ tục", "đăng ky\u0301", "Ư\u031b\u0323", " ", "  ", "\n", "\t", "=SUM(A1)", "<&>", "\"'", "📄",
	"_x0041_", "_x005F_", "\x01", "\u00a0", "1.001190", "0,5", "07/02/2024", "cong_bo", "Hộ tịch"}

func randomText(r *rand.Rand, required bool) string {
	var b strings.Builder
	for range r.Intn(5) {
		b.WriteString(textPieces[r.Intn(len(textPieces))])
	}
	if required && motcua.NFC(b.String()) == "" {
		return "A" + b.String()
	}
	return b.String()
}

func randomInstant(r *rand.Rand) time.Time {
	zones := []*time.Location{time.UTC, motcua.VN, time.FixedZone("EST", -5*3600)}
	sec := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix() + r.Int63n(50*365*86400)
	var nsec int64
	switch r.Intn(3) {
	case 0:
		sec -= sec % 86400 // often midnight, UTC or Vietnam's
		sec -= 7 * 3600 * int64(r.Intn(2))
	case 1:
		nsec = r.Int63n(1e9)
	}
	return time.Unix(sec, nsec).In(zones[r.Intn(len(zones))])
}

func pick[T ~string](r *rand.Rand, v vocab[T]) T { return v.choices[r.Intn(len(v.choices))].value }

func randomSnapshot(r *rand.Rand) *motcua.CatalogSnapshot {
	s := &motcua.CatalogSnapshot{}
	for i := range r.Intn(4) {
		s.Decisions = append(s.Decisions, motcua.Decision{Number: fmt.Sprintf("%d/QĐ-UBND%s", i+1, randomText(r, false)),
			Issuer: randomText(r, true), SignedOn: randomInstant(r), EffectiveFrom: randomInstant(r),
			Summary: randomText(r, false), Status: pick(r, decisionStatuses)})
	}
	seen := map[versionKey]bool{}
	for range r.Intn(7) {
		v := motcua.CatalogVersion{Procedure: motcua.Procedure{Code: []string{"1.001193", "2.000815", "1.00119\u0301"}[r.Intn(3)],
			Level: pick(r, levels), Status: pick(r, versionStatuses), Change: pick(r, changes), Name: randomText(r, true),
			Field: randomText(r, true), Office: randomText(r, false), Fees: randomText(r, false), LegalBasis: randomText(r, false),
			ResultType: randomText(r, false), EffectiveFrom: randomInstant(r), OnlineLevel: pick(r, onlineLevels)}}
		v.Version = 1 + r.Intn(3)
		if v.Status == motcua.VersionDraft {
			v.Version = r.Intn(2*maxVersion+1) - maxVersion
		}
		if key := keyOf(&v); seen[key] {
			continue
		} else {
			seen[key] = true
		}
		v.Time.Unit = pick(r, timeUnits)
		v.Time.Amount = []float64{0.5, 1, 2.25, 1.0 / 3, motcua.MaxWorkingDays}[r.Intn(5)]
		if v.Time.Unit == motcua.SameDay && r.Intn(2) == 0 {
			v.Time.Amount = 0
		}
		if r.Intn(2) == 0 {
			v.OnlineFrom = randomInstant(r)
		}
		if len(s.Decisions) > 0 && r.Intn(3) > 0 {
			d := s.Decisions[r.Intn(len(s.Decisions))]
			v.DecisionNumber, v.DecisionIssuer = d.Number, d.Issuer
		}
		for range r.Intn(4) {
			v.Documents = append(v.Documents, motcua.RequiredDocument{Name: randomText(r, true), Kind: pick(r, documentKinds),
				Count: 1 + r.Intn(3), Template: randomText(r, false)})
		}
		for range 1 + r.Intn(4) {
			v.Steps = append(v.Steps, motcua.WorkflowStep{Name: randomText(r, true), Role: pick(r, roles), Unit: pick(r, stepUnits),
				Minutes: r.Intn(1000)})
		}
		s.Versions = append(s.Versions, v)
	}
	return s
}

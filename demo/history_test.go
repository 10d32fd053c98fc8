package demo

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestHistoryEndsIn2024: the 733 dossiers in progress on 01/06/2024 are
// closed in the second half of 2024 while 01/01–01/06/2024 keeps the seed
// report's figures, so that in 2026 nothing imported is open: every
// commune's first worklist page and the deadline alerts hold live
// dossiers only (today's communes: the former ones ended on 01/07/2025).
func TestHistoryEndsIn2024(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir()+"/demo.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, motcua.VN)
	if _, err := Seed(t.Context(), db, Options{Password: "mat-khau-thu", Dossiers: 300, Now: now, History: true}); err != nil {
		t.Fatal(err)
	}
	half, err := db.II06a(t.Context(), report.Query{From: historyFrom, To: historyTo})
	if err != nil {
		t.Fatal(err)
	}
	h := half.Total
	if got, want := [5]int{h.ReceivedTotal, h.ResolvedEarly + h.ResolvedOnTime, h.ResolvedLate, h.InProgressTotal, h.Withdrawn},
		[5]int{seedReceived, seedOnTime, seedLate, seedInProgress, seedWithdrawn}; got != want {
		t.Errorf("01/01–01/06/2024: received, early+on time, late, in progress, withdrawn = %v, want %v", got, want)
	}
	rest, err := db.II06a(t.Context(), report.Query{From: historyTo, To: historyEnd})
	if err != nil {
		t.Fatal(err)
	}
	r := rest.Total
	if r.CarriedOver != seedInProgress || r.ReceivedTotal != seedInProgress || r.InProgressTotal != 0 ||
		r.ResolvedTotal+r.Withdrawn != seedInProgress || r.ResolvedLate == 0 || r.Withdrawn == 0 {
		t.Errorf("01/06–31/12/2024: carried over %d, received %d, resolved %d (late %d), withdrawn %d, in progress %d; want the %d carried over all closed",
			r.CarriedOver, r.ReceivedTotal, r.ResolvedTotal, r.ResolvedLate, r.Withdrawn, r.InProgressTotal, seedInProgress)
	}

	for _, c := range newCommunes {
		for _, role := range []motcua.Role{motcua.RoleCounter, motcua.RoleLeader} {
			username := userPrefix[role] + "." + c.slug
			a := demoActor(t, db, username)
			rows, _, err := db.Worklist(t.Context(), a, motcua.DossierFilter{Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Errorf("%s: an empty worklist proves nothing", username)
			}
			for _, d := range rows {
				if d.AcceptedAt.Before(historyEnd) {
					t.Errorf("%s's worklist lists %s from the 2024 history", username, d.Code)
				}
			}
			if role != motcua.RoleLeader {
				continue
			}
			al, err := db.Alerts(t.Context(), a, 0, now)
			if err != nil {
				t.Fatal(err)
			}
			for _, list := range [][]*motcua.Dossier{al.DueToday, al.Overdue, al.StepsLate, al.AwaitingApproval} {
				for _, d := range list {
					if d.AcceptedAt.Before(historyEnd) {
						t.Errorf("%s's deadline alerts list %s from the 2024 history", username, d.Code)
					}
				}
			}
		}
	}
}

func demoActor(t *testing.T, db *store.DB, username string) *motcua.Actor {
	t.Helper()
	a, err := storetest.Actor(t.Context(), db, username)
	if err != nil {
		t.Fatalf("demo user %s: %v", username, err)
	}
	return a
}

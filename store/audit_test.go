package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestAuditTrailDetectsTampering: changes and reads made for requests land
// in the chained trail with who and from where; concurrent writers chain
// without gaps; editing, deleting or dropping entries is found by
// VerifyAudit, and an anchor written down catches a rewritten tail.
func TestAuditTrailDetectsTampering(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := motcua.WithOrigin(t.Context(), &motcua.Origin{Source: "203.0.113.7", Route: "POST /dossiers", RequestID: "r1"})
		d, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Dossier(ctx, f.specialistA, d.ID); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				if _, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID)); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()

		check := whole(t, db, nil)
		var read motcua.AuditEntry
		err = db.SQL().QueryRow(db.Rebind(`SELECT actor, source, object FROM audit_log WHERE action = 'dossier.read'`)).
			Scan(&read.Actor, &read.Source, &read.Object)
		if err != nil || read.Object != d.Code || read.Source != "203.0.113.7" || !strings.HasSuffix(read.Actor, " "+f.specialistA.User.Username) {
			t.Fatalf("the read was logged as %+v, %v", read, err)
		}
		if n := count(t, db, "audit_log WHERE action = 'event.accepted'"); n != 9 {
			t.Fatalf("%d acceptances in the trail, want 9", n)
		}

		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.SQL().Exec(db.Rebind(q), args...); err != nil {
				t.Fatal(err)
			}
		}
		var object string
		if err := db.SQL().QueryRow(`SELECT object FROM audit_log WHERE id = 3`).Scan(&object); err != nil {
			t.Fatal(err)
		}
		exec(`UPDATE audit_log SET object = 'khác' WHERE id = 3`)
		broken(t, db, nil, "dòng 3: nội dung")
		exec(`UPDATE audit_log SET object = ? WHERE id = 3`, object)
		whole(t, db, nil)

		exec(`DELETE FROM audit_log WHERE id = 2`)
		broken(t, db, nil, "dòng 3: thiếu các dòng 2–2")

		last := check.LastID
		exec(`DELETE FROM audit_log WHERE id = ?`, last)
		broken(t, db, nil, "dòng cuối là")

		// A tail rewritten together with the head is whole in itself; the
		// anchor taken before shows it.
		prev := ""
		if err := db.SQL().QueryRow(db.Rebind(`SELECT hash FROM audit_log WHERE id = ?`), last-1).Scan(&prev); err != nil {
			t.Fatal(err)
		}
		exec(`UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1`, last-1, prev)
		broken(t, db, map[int64]string{last: check.Head}, "mốc dòng")
	})
}

func whole(t *testing.T, db *store.DB, anchors map[int64]string) store.AuditCheck {
	t.Helper()
	c, err := db.VerifyAudit(context.Background(), anchors)
	if err != nil || len(c.Problems) != 0 || c.Entries == 0 || c.Entries != c.LastID {
		t.Fatalf("trail of %d entries: %v, %v", c.Entries, c.Problems, err)
	}
	return c
}

func broken(t *testing.T, db *store.DB, anchors map[int64]string, want string) {
	t.Helper()
	c, err := db.VerifyAudit(context.Background(), anchors)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Problems {
		if strings.Contains(p, want) {
			return
		}
	}
	t.Fatalf("tampering not found (want %q): %v", want, c.Problems)
}

// TestRegisterOfThousandsIsAudited: printing a register of more dossiers
// than one statement's parameters logs a read for each.
func TestRegisterOfThousandsIsAudited(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := newFixture(t, db)
	setNow(db, monday.Add(time.Hour))
	entries := make([]motcua.RegisterEntry, 4000)
	for i := range entries {
		entries[i] = motcua.RegisterEntry{Row: i + 2, Code: fmt.Sprintf("%s-240304-%04d", f.a.Code, i+1), ProcedureCode: f.proc.Code,
			UnitCode: f.a.Code, Channel: motcua.ChannelCounter, Applicant: "Nguyễn Văn An", AcceptedAt: monday, DueAt: monday.AddDate(0, 0, 1)}
	}
	if _, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	before := reads(t, db)
	rows, err := db.Register(t.Context(), f.counterA, f.a.ID, monday, monday.AddDate(0, 0, 1))
	if err != nil || len(rows) != 4000 {
		t.Fatalf("register: %d rows, %v", len(rows), err)
	}
	if n := reads(t, db) - before; n != 4000 {
		t.Fatalf("%d reads audited, want 4000", n)
	}
	whole(t, db, nil)
}

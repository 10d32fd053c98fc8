package backup_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/backup"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestBackupUnderLoadRestores takes a backup while officers accept and
// decide dossiers and a leader files documents with attachments, restores
// it elsewhere and compares: the restored ledger is exactly the live one
// up to the snapshot (events are append-only), its projections equal its
// replay, its audit chain is a prefix of the live chain, and every
// attachment it names came back with its content.
func TestBackupUnderLoadRestores(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "motcua.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fs := &files.Store{Dir: filepath.Join(dir, "files"), MaxSize: 1 << 20}
	w := newWorld(t, db)

	load, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var accepted, filed atomic.Int64
	for range 3 {
		wg.Go(func() {
			for load.Err() == nil {
				d, err := db.Accept(ctx, w.counter, w.intake())
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := db.Act(ctx, w.counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady}); err != nil {
					t.Error(err)
					return
				}
				accepted.Add(1)
			}
		})
	}
	wg.Go(func() {
		for i := 0; load.Err() == nil; i++ {
			pdf := fmt.Appendf(nil, "%%PDF-1.7\n%% văn bản %d\n%%%%EOF\n", i)
			c, err := fs.Check(fmt.Sprintf("van-ban-%d.pdf", i), bytes.NewReader(pdf))
			if err == nil {
				err = fs.Save(c)
			}
			if err == nil {
				err = db.CreateDocument(ctx, w.leader, w.unit.ID, &reform.Document{Number: fmt.Sprintf("%d/QĐ-UBND", i+1),
					IssuedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN), Issuer: "UBND xã", Summary: "Văn bản thử", Attachment: c.SHA256, FileName: c.Name})
			}
			if err != nil {
				t.Error(err)
				return
			}
			filed.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	})
	for accepted.Load() < 200 || filed.Load() < 5 {
		time.Sleep(10 * time.Millisecond)
	}
	var archive bytes.Buffer
	m, err := backup.Write(ctx, db, fs.Dir, &archive)
	if err != nil {
		t.Fatal(err)
	}
	for accepted.Load() < int64(m.Dossiers)+100 {
		time.Sleep(10 * time.Millisecond) // the load goes on after the snapshot
	}
	stop()
	wg.Wait()
	if m.Dossiers == 0 || len(m.Files) == 0 || len(m.Missing) != 0 {
		t.Fatalf("manifest: %d dossiers, %d files, missing %v", m.Dossiers, len(m.Files), m.Missing)
	}

	target := filepath.Join(t.TempDir(), "restored.db")
	targetFiles := filepath.Join(t.TempDir(), "files")
	got, err := backup.Restore(ctx, bytes.NewReader(archive.Bytes()), target, targetFiles, false)
	if err != nil {
		t.Fatal(err)
	}
	restored, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	sameLedgerPrefix(t, db, restored, got)
	for _, sha := range got.Files {
		data, err := os.ReadFile(filepath.Join(targetFiles, sha[:2], sha))
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:]) != sha {
			t.Fatalf("file %s did not come back whole: %v", sha, err)
		}
	}
	if docs, _ := storetest.Count(ctx, restored, "documents"); docs != len(got.Files) {
		t.Fatalf("%d documents restored with %d attachments", docs, len(got.Files))
	}

	// A second restore onto the same path is refused, then kept aside.
	if _, err := backup.Restore(ctx, bytes.NewReader(archive.Bytes()), target, targetFiles, false); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("restore over an existing database: %v", err)
	}
}

// sameLedgerPrefix compares the restored database with the live one: the
// same events up to the restored last one, the same number of dossiers as
// the manifest, the audit chain a prefix of the live chain.
func sameLedgerPrefix(t *testing.T, live, restored *store.DB, m backup.Manifest) {
	t.Helper()
	dump := func(db *store.DB, upTo int64) (n int, digest string) {
		events, err := storetest.Events(context.Background(), db, upTo)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		for _, e := range events {
			fmt.Fprintf(h, "%d|%s|%d|%s|%d|%d|%s\n", e.ID, e.DossierCode, e.Seq, e.Type, e.At, e.RecordedAt, e.Data)
			n++
		}
		return n, hex.EncodeToString(h.Sum(nil))
	}
	last, _ := storetest.MaxID(context.Background(), restored, "events")
	rn, rd := dump(restored, last)
	ln, ld := dump(live, last)
	liveTotal, _ := storetest.Count(context.Background(), live, "events")
	if rn == 0 || rn != ln || rd != ld || liveTotal <= rn {
		t.Fatalf("restored %d events, live %d up to event %d (%d in all): the restored ledger is not the live one's prefix", rn, ln, last, liveTotal)
	}
	c, err := live.VerifyAudit(context.Background(), map[int64]string{m.AuditLast: m.AuditHead})
	if err != nil || len(c.Problems) != 0 || c.LastID <= m.AuditLast {
		t.Fatalf("the live chain does not extend the backed-up one: %v %v", c.Problems, err)
	}
	l, err := restored.CheckLedger(context.Background())
	if err != nil || len(l.Problems) != 0 || l.Dossiers != m.Dossiers {
		t.Fatalf("restored ledger: %d dossiers (manifest %d), %v %v", l.Dossiers, m.Dossiers, l.Problems, err)
	}
}

type world struct {
	unit            *motcua.Unit
	proc            *motcua.Procedure
	counter, leader *motcua.Actor
}

func newWorld(t *testing.T, db *store.DB) world {
	ctx := t.Context()
	u := &motcua.Unit{Code: "000.21.99.B01", Name: "Xã Sao Lưu", Kind: motcua.UnitCommune}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	actor := func(name string, role motcua.Role) *motcua.Actor {
		user := &motcua.User{Username: name, FullName: name, Grants: []motcua.Grant{{Role: role, UnitID: u.ID}}}
		if err := db.CreateUser(ctx, user, "mat-khau-sao-luu"); err != nil {
			t.Fatal(err)
		}
		a, err := db.Actor(ctx, user.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
	return world{unit: u, proc: p, counter: actor("mot.cua", motcua.RoleCounter), leader: actor("lanh.dao", motcua.RoleLeader)}
}

func (w world) intake() motcua.Intake {
	return motcua.Intake{ProcedureID: w.proc.ID, UnitID: w.unit.ID, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Trần Thị Hoa", IDNumber: "067012345678", Phone: "0912345678"}}
}

// Package backup writes and restores a whole SQLite deployment in one
// file: a consistent snapshot of the database taken while the server runs,
// the stored files it refers to, and a manifest with the checksums and the
// audit trail's head, so a restore can prove it brought back what was
// taken (issue 9).
package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Manifest describes a backup; it is the archive's first entry.
type Manifest struct {
	Format    int       `json:"format"`
	TakenAt   time.Time `json:"taken_at"`
	Database  string    `json:"database_sha256"`
	Dossiers  int       `json:"dossiers"`
	AuditLast int64     `json:"audit_last_id"`
	AuditHead string    `json:"audit_head"`
	Files     []string  `json:"files"`   // SHA-256 of each stored file included
	Missing   []string  `json:"missing"` // referred to by the database but absent from the file store
}

const (
	manifestName = "manifest.json"
	databaseName = "motcua.db"
	filesPrefix  = "files/"
)

// Write takes a backup of db and the files under filesDir to out. The
// database is snapshotted first: files are stored before the rows that
// name them commit, so every file the snapshot names is already on disk.
func Write(ctx context.Context, db *store.DB, filesDir string, out io.Writer) (m Manifest, err error) {
	defer motcua.Wrap(&err, "backup.Write")
	dir, err := os.MkdirTemp("", "motcua-backup-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(dir)
	snap := filepath.Join(dir, databaseName)
	if err := db.SnapshotTo(ctx, snap); err != nil {
		return m, err
	}
	m, err = describe(ctx, snap)
	if err != nil {
		return m, err
	}
	m.Format, m.TakenAt = 1, time.Now().UTC()
	if m.Database, err = fileSHA(snap); err != nil {
		return m, err
	}
	var present []string
	for _, sha := range m.Files {
		if _, err := os.Stat(storedPath(filesDir, sha)); err != nil {
			m.Missing = append(m.Missing, sha)
			continue
		}
		present = append(present, sha)
	}
	m.Files = present

	gz := gzip.NewWriter(out)
	tw := tar.NewWriter(gz)
	manifest, _ := json.MarshalIndent(m, "", "  ")
	if err := addBytes(tw, manifestName, manifest); err != nil {
		return m, err
	}
	if err := addFile(tw, databaseName, snap); err != nil {
		return m, err
	}
	for _, sha := range m.Files {
		if err := addFile(tw, filesPrefix+sha, storedPath(filesDir, sha)); err != nil {
			return m, err
		}
	}
	if err := tw.Close(); err != nil {
		return m, err
	}
	return m, gz.Close()
}

// describe opens the snapshot, checks its audit chain and reads what the
// manifest records of it.
func describe(ctx context.Context, path string) (m Manifest, err error) {
	snap, err := store.Open(ctx, path)
	if err != nil {
		return m, err
	}
	defer snap.Close()
	check, err := snap.VerifyAudit(ctx, nil)
	if err != nil {
		return m, err
	}
	if len(check.Problems) > 0 {
		return m, fmt.Errorf("the audit trail is broken before the backup: %s", check.Problems[0])
	}
	m.AuditLast, m.AuditHead = check.LastID, check.Head
	if m.Dossiers, err = snap.DossierCount(ctx); err != nil {
		return m, err
	}
	m.Files, err = snap.FileRefs(ctx)
	return m, err
}

// storedPath is where files.Store keeps content with this SHA-256.
func storedPath(dir, sha string) string {
	if len(sha) < 2 {
		return filepath.Join(dir, "invalid")
	}
	return filepath.Join(dir, sha[:2], sha)
}

func addBytes(tw *tar.Writer, name string, data []byte) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: time.Now()}); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}

func addFile(tw *tar.Writer, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime()}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

func fileSHA(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

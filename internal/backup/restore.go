package backup

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Restore brings a backup back to dbPath and filesDir, with the server
// stopped. Everything is checked before anything is replaced: the
// database's checksum, each file's, and that the restored audit trail is
// whole and ends where the backup's manifest says. An existing database
// is kept beside the restored one (PATH.before-restore-TIME), never
// overwritten; without replace it is an error.
func Restore(ctx context.Context, in io.Reader, dbPath, filesDir string, replace bool) (m Manifest, err error) {
	defer motcua.Wrap(&err, "backup.Restore")
	if _, err := os.Stat(dbPath); err == nil && !replace {
		return m, motcua.Errorf(motcua.EINVALID, "Đã có cơ sở dữ liệu %s; dừng máy chủ và dùng --replace để thay (bản cũ được giữ lại bên cạnh).", dbPath)
	}
	staging, err := os.MkdirTemp(filepath.Dir(dbPath), ".restore-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(staging)
	m, err = unpack(in, staging)
	if err != nil {
		return m, err
	}
	restored := filepath.Join(staging, databaseName)
	if sum, err := fileSHA(restored); err != nil || sum != m.Database {
		return m, fmt.Errorf("the database in the backup does not match its checksum (%v)", err)
	}
	if err := checkRestored(ctx, restored, m); err != nil {
		return m, err
	}
	for _, sha := range m.Files {
		if err := placeFile(filepath.Join(staging, "files", sha), storedPath(filesDir, sha)); err != nil {
			return m, err
		}
	}
	if _, err := os.Stat(dbPath); err == nil {
		aside := dbPath + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(dbPath, aside); err != nil {
			return m, err
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Rename(dbPath+suffix, aside+suffix)
		}
	}
	return m, os.Rename(restored, dbPath)
}

// unpack reads the archive into dir, checking each file against its name.
func unpack(in io.Reader, dir string) (m Manifest, err error) {
	gz, err := gzip.NewReader(in)
	if err != nil {
		return m, motcua.Errorf(motcua.EINVALID, "Tệp không phải bản sao lưu của motcua (gzip): %v", err)
	}
	tr := tar.NewReader(gz)
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, motcua.Errorf(motcua.EINVALID, "Bản sao lưu bị hỏng: %v", err)
		}
		switch name := h.Name; {
		case name == manifestName:
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(&m); err != nil {
				return m, motcua.Errorf(motcua.EINVALID, "Bản sao lưu có manifest hỏng: %v", err)
			}
		case name == databaseName:
			if err := writeFile(filepath.Join(dir, databaseName), tr); err != nil {
				return m, err
			}
		case strings.HasPrefix(name, filesPrefix) && isSHA(strings.TrimPrefix(name, filesPrefix)):
			sha := strings.TrimPrefix(name, filesPrefix)
			path := filepath.Join(dir, "files", sha)
			if err := writeFile(path, tr); err != nil {
				return m, err
			}
			if sum, err := fileSHA(path); err != nil || sum != sha {
				return m, fmt.Errorf("stored file %s does not match its checksum", sha)
			}
			seen[sha] = true
		default:
			return m, motcua.Errorf(motcua.EINVALID, "Bản sao lưu có mục lạ %q.", name)
		}
	}
	if m.Format != 1 {
		return m, motcua.Errorf(motcua.EINVALID, "Bản sao lưu không có manifest phiên bản 1.")
	}
	for _, sha := range m.Files {
		if !seen[sha] {
			return m, fmt.Errorf("the backup lacks stored file %s its manifest lists", sha)
		}
	}
	return m, nil
}

// checkRestored opens the restored database: its audit trail must be whole
// and end at the manifest's head, and its projections match the ledger.
func checkRestored(ctx context.Context, path string, m Manifest) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.VerifyAudit(ctx, map[int64]string{m.AuditLast: m.AuditHead})
	if err != nil {
		return err
	}
	if len(c.Problems) > 0 || m.AuditLast > 0 && c.LastID != m.AuditLast {
		return fmt.Errorf("the restored audit trail is not the one backed up: %v", c.Problems)
	}
	l, err := db.CheckLedger(ctx)
	if err != nil {
		return err
	}
	if len(l.Problems) > 0 || l.Dossiers != m.Dossiers {
		return fmt.Errorf("the restored ledger has %d dossiers (manifest %d): %v", l.Dossiers, m.Dossiers, l.Problems)
	}
	// Opening may have written (a calendar seed); keep it in the main file,
	// which alone moves into place.
	return db.Checkpoint(ctx)
}

func writeFile(path string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// placeFile moves a restored file into the file store, unless the same
// content is there already.
func placeFile(from, to string) error {
	if _, err := os.Stat(to); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return err
	}
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	in, err := os.Open(from) // another file system: copy
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile(to, in)
}

func isSHA(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

package store

import (
	"context"
	"os"

	"github.com/motcua/motcua"
)

// SnapshotTo writes a consistent copy of the SQLite database to path while
// others keep writing (VACUUM INTO reads one snapshot; in WAL mode writers
// do not wait for it). PostgreSQL deployments back up with their own tools
// (docs/deploy.md).
func (db *DB) SnapshotTo(ctx context.Context, path string) (err error) {
	defer motcua.Wrap(&err, "DB.SnapshotTo")
	if db.dialect != SQLite {
		return motcua.Errorf(motcua.EINVALID, "Sao lưu bằng motcua backup chỉ dành cho SQLite; với PostgreSQL hãy dùng pg_dump hoặc pg_basebackup (docs/deploy.md).")
	}
	if _, err := os.Stat(path); err == nil {
		return motcua.Errorf(motcua.EINVALID, "Tệp %s đã có; chọn tên khác.", path)
	}
	_, err = db.sql.ExecContext(ctx, `VACUUM INTO ?`, path)
	return err
}

// FileRefs lists the SHA-256 of every stored file the database refers to:
// citizens' uploads, the electronic results of dossiers, the scans of
// their components and the attachments of directive documents.
func (db *DB) FileRefs(ctx context.Context) (shas []string, err error) {
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		shas, err = column[string](tx, `SELECT sha256 FROM submission_files UNION SELECT sha256 FROM result_files UNION SELECT sha256 FROM component_files
			UNION SELECT attachment FROM documents WHERE attachment <> '' ORDER BY 1`)
		return err
	})
	return shas, err
}

package store

import (
	"context"

	"github.com/motcua/motcua"
)

// NationalFile is the file with SHA-256 sha that a national record links
// to (motcua.NationalFileURL): a component's scan, an online dossier's
// upload or a result file, of a dossier actor a may view. The national
// co-ordination system fetches it as an external system scoped to the
// province's units; any other caller, or a file of no dossier it may view,
// finds nothing. (A refused submission's uploads belong to no dossier and
// are not served.)
func (db *DB) NationalFile(ctx context.Context, a *motcua.Actor, sha string) (f *motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.NationalFile")
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT dossier_id, file_name, content_type, size FROM component_files WHERE sha256 = ?
			UNION ALL SELECT s.dossier_id, f.file_name, f.content_type, f.size FROM submission_files f
				JOIN submissions s ON s.id = f.submission_id WHERE f.sha256 = ? AND s.dossier_id <> 0
			UNION ALL SELECT dossier_id, file_name, content_type, size FROM result_files WHERE sha256 = ?
			LIMIT 50`, sha, sha, sha)
		if err != nil {
			return err
		}
		var found []struct {
			dossier int64
			file    motcua.SubmittedFile
		}
		for rows.Next() {
			var c struct {
				dossier int64
				file    motcua.SubmittedFile
			}
			if err := rows.Scan(&c.dossier, &c.file.FileName, &c.file.ContentType, &c.file.Size); err != nil {
				rows.Close()
				return err
			}
			c.file.SHA256 = sha
			found = append(found, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, c := range found { // the same bytes may be in dossiers of several units
			if _, err := visibleDossier(tx, a, c.dossier); err == nil {
				f = &c.file
				return nil
			}
		}
		return motcua.Errorf(motcua.ENOTFOUND, "Không có tệp này.")
	})
	return f, err
}

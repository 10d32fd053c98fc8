package store

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// The scans of a dossier's components (issue 18): the counter officer
// attaches, for each component received at the counter or by post, its
// file (PDF, JPEG, PNG; several images already merged into one PDF by the
// caller), at intake in the intake's transaction or later the same day
// (ledger.MayDigitise). The files must already be in the file store (a
// row never names a file not there); a row not written leaves its file to
// the nightly sweep. A component scanned again keeps both rows, the newest
// counts. Retention erases them with the applicant's data; backups
// include them (FileRefs).

// AcceptDigitised accepts a dossier with the scans of its components in
// one transaction: a scan refused refuses the intake, nothing is written.
// A form sent again (same key) answers with the first dossier and adds
// nothing.
func (db *DB) AcceptDigitised(ctx context.Context, a *motcua.Actor, in motcua.Intake, scans []motcua.ComponentFile) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.AcceptDigitised")
	if len(scans) == 0 {
		return db.Accept(ctx, a, in)
	}
	key := intakeKey{key: senderKey(a, in.Key), hash: intakeHash(in)}
	err = db.inTx(ctx, func(tx *Tx) error {
		var fresh bool
		if d, fresh, err = db.accept(tx, a, in, key); err != nil || !fresh {
			return err
		}
		if err := db.waitingNotice(tx, d); err != nil {
			return err
		}
		return insertScans(tx, a, d, scans, db.Now())
	})
	if isUniqueViolation(err) && key.key != "" { // the same form raced in twice
		return db.acceptedWithKey(ctx, a, key)
	}
	return d, err
}

// AttachScans adds scans to a dossier after its intake: by a counter
// officer of the receiving unit, on the day the intake was keyed.
func (db *DB) AttachScans(ctx context.Context, a *motcua.Actor, dossierID int64, scans []motcua.ComponentFile) (err error) {
	defer motcua.Wrap(&err, "DB.AttachScans(%d)", dossierID)
	if len(scans) == 0 {
		return motcua.FieldError("scan", "Chưa chọn tệp nào để số hóa.")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		d, err := visibleDossier(tx, a, dossierID)
		if err != nil {
			return err
		}
		if !a.CanReceive(d.ReceivingUnitID) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ một cửa của nơi tiếp nhận được số hóa thành phần hồ sơ.")
		}
		var keyed int64
		if err := tx.queryRow(`SELECT recorded_at FROM events WHERE dossier_id = ? AND seq = 1`, dossierID).Scan(&keyed); err != nil {
			return err
		}
		now := tx.db.Now()
		if err := ledger.MayDigitise(fromMS(keyed), now); err != nil {
			return err
		}
		return insertScans(tx, a, d, scans, now)
	})
}

// scanTypes are the files a scan may be, as files.Store sniffs them.
var scanTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// insertScans checks the scans against the dossier (its channel, its
// components, the limits) and writes them.
func insertScans(tx *Tx, a *motcua.Actor, d *motcua.Dossier, scans []motcua.ComponentFile, now time.Time) error {
	if d.Channel != motcua.ChannelCounter && d.Channel != motcua.ChannelPost {
		return motcua.FieldError("scan", "Hồ sơ nộp trực tuyến đã có tệp do người nộp tải lên; chỉ số hóa hồ sơ nhận trực tiếp hoặc qua bưu chính.")
	}
	var total int64
	if err := tx.queryRow(`SELECT COALESCE(SUM(size), 0) FROM component_files WHERE dossier_id = ? AND origin <> 'reused'`, d.ID).Scan(&total); err != nil {
		return err
	}
	reused := 0
	for i := range scans {
		s := &scans[i]
		if s.Component < 0 || s.Component >= len(d.Documents) {
			return motcua.FieldError("scan", "Hồ sơ không có thành phần số %d.", s.Component+1)
		}
		if err := validityProblem(s, d.Documents[s.Component].Name, now); err != nil {
			return err
		}
		if s.Reuse != "" {
			// A held file is already in the file store and was checked
			// when first kept; it adds no bytes, so it counts against no
			// limit (docs/citizen-store.md).
			if err := resolveReuse(tx, d, s); err != nil {
				return err
			}
			reused++
		} else if err := scanLimits(s, &total); err != nil {
			return err
		}
		s.Document, s.At, s.ByID, s.ByName = d.Documents[s.Component].Name, now, a.User.ID, a.User.FullName
		if s.Origin == "" {
			s.Origin = motcua.OriginScan
		}
		err := tx.queryRow(`INSERT INTO component_files (dossier_id, component, document, file_name, content_type, size, sha256, pages, by_id, by_name, at,
			origin, source, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.ID, s.Component, s.Document, s.FileName,
			s.ContentType, s.Size, s.SHA256, s.Pages, s.ByID, s.ByName, ms(now), string(s.Origin), s.Source, ms(s.ValidUntil)).Scan(&s.ID)
		if err != nil {
			return err
		}
	}
	detail := ""
	if reused > 0 {
		detail = "reused:" + strconv.Itoa(reused)
	}
	tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "dossier.scan.attached", Object: d.Code + " scans:" + strconv.Itoa(len(scans)), Detail: detail})
	return tx.redigitise(d.ID) // digitised, reused: the indicators' counters
}

// scanLimits checks a new file against the limits (type as sniffed, per
// file, the dossier's total so far).
func scanLimits(s *motcua.ComponentFile, total *int64) error {
	if !scanTypes[s.ContentType] || len(s.SHA256) != 64 || strings.Trim(s.SHA256, "0123456789abcdef") != "" {
		return motcua.FieldError("scan", "Tệp “%s” không phải PDF, JPEG hoặc PNG đã kiểm tra.", s.FileName)
	}
	if s.Size > motcua.MaxComponentFile {
		return motcua.FieldError("scan", "Tệp “%s” lớn hơn %s MB, vượt giới hạn cho phép.", s.FileName, motcua.FormatInt(motcua.MaxComponentFile>>20))
	}
	if *total += s.Size; *total > motcua.MaxDossierScans {
		return motcua.FieldError("scan", "Tổng dung lượng bản số hóa của hồ sơ vượt %s MB; hãy quét với độ phân giải thấp hơn.",
			motcua.FormatInt(motcua.MaxDossierScans>>20))
	}
	return nil
}

// componentFiles reads the scans of a dossier, the newest of each
// component only unless all, ordered by component.
func componentFiles(tx *Tx, dossierID int64, where string, args ...any) ([]motcua.ComponentFile, error) {
	rows, err := tx.query(`SELECT id, component, document, file_name, content_type, size, sha256, pages, by_id, by_name, at, origin, source, valid_until
		FROM component_files WHERE dossier_id = ?`+where+` ORDER BY component, id`, append([]any{dossierID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.ComponentFile
	for rows.Next() {
		var f motcua.ComponentFile
		var at, validUntil int64
		if err := rows.Scan(&f.ID, &f.Component, &f.Document, &f.FileName, &f.ContentType, &f.Size, &f.SHA256, &f.Pages, &f.ByID, &f.ByName, &at,
			&f.Origin, &f.Source, &validUntil); err != nil {
			return nil, err
		}
		f.At, f.ValidUntil = fromMS(at), fromMS(validUntil)
		if n := len(out); n > 0 && out[n-1].Component == f.Component {
			out[n-1] = f // a component scanned again: the newest counts
			continue
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// viewableDossier reads a dossier the actor may see.
func viewableDossier(tx *Tx, a *motcua.Actor, dossierID int64) (*motcua.Dossier, error) {
	d, err := visibleDossier(tx, a, dossierID)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ComponentFiles lists the scans of a dossier the officer may see, the
// newest of each component. Listing reads no personal data beyond the
// dossier page's own (logged) read; opening one is ComponentFile.
func (db *DB) ComponentFiles(ctx context.Context, a *motcua.Actor, dossierID int64) (files []motcua.ComponentFile, err error) {
	defer motcua.Wrap(&err, "DB.ComponentFiles(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		if _, err := viewableDossier(tx, a, dossierID); err != nil {
			return err
		}
		files, err = componentFiles(tx, dossierID, "")
		return err
	})
	return files, err
}

// ComponentFile returns one scan of a dossier the officer may see and
// logs the read: the scan is the applicant's papers.
func (db *DB) ComponentFile(ctx context.Context, a *motcua.Actor, dossierID, fileID int64) (f *motcua.ComponentFile, err error) {
	defer motcua.Wrap(&err, "DB.ComponentFile(%d, %d)", dossierID, fileID)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, err := viewableDossier(tx, a, dossierID)
		if err != nil {
			return err
		}
		files, err := componentFiles(tx, dossierID, ` AND id = ?`, fileID)
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy tệp này.")
		}
		f = &files[0]
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "dossier.scan.read",
			Object: d.Code + " scan:" + strconv.FormatInt(fileID, 10)})
		return nil
	})
	return f, err
}

// Digitisation tells whether a dossier the officer may see counts as
// digitised for indicator 4.2 (ledger.Digitised): its components' files
// are the officer's scans, or for an online dossier the citizen's uploads;
// its electronic result is the one the counting result carries.
func (db *DB) Digitisation(ctx context.Context, a *motcua.Actor, dossierID int64) (dg ledger.Digitisation, err error) {
	defer motcua.Wrap(&err, "DB.Digitisation(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		d, err := viewableDossier(tx, a, dossierID)
		if err != nil {
			return err
		}
		dg, err = digitisation(tx, d)
		return err
	})
	return dg, err
}

func digitisation(tx *Tx, d *motcua.Dossier) (ledger.Digitisation, error) {
	filed := map[int]bool{}
	scans, err := componentFiles(tx, d.ID, "")
	if err != nil {
		return ledger.Digitisation{}, err
	}
	for _, s := range scans {
		filed[s.Component] = true
	}
	uploaded, err := column[string](tx, `SELECT f.document FROM submission_files f JOIN submissions s ON s.id = f.submission_id WHERE s.dossier_id = ?`, d.ID)
	if err != nil {
		return ledger.Digitisation{}, err
	}
	for i, c := range d.Documents {
		if slices.Contains(uploaded, c.Name) {
			filed[i] = true
		}
	}
	var resultType string
	if err := tx.queryRow(`SELECT result_type FROM procedure_versions WHERE id = ?`, d.VersionID).Scan(&resultType); err != nil {
		return ledger.Digitisation{}, err
	}
	events, err := listEvents(tx, d.ID)
	if err != nil {
		return ledger.Digitisation{}, err
	}
	result, err := countingResult(tx, d.ID, events)
	if err != nil {
		return ledger.Digitisation{}, err
	}
	return ledger.Digitised(d.Documents, filed, ledger.ResultIsDocument(resultType), result != nil), nil
}

// DigitisedComponents counts, for each dossier of rows the officer may
// see, its components that have a file: the scans' distinct components,
// or every component of an online dossier (each was built from an
// upload). The register (form 07) prints it; rows come from Register,
// whose read is audited.
func (db *DB) DigitisedComponents(ctx context.Context, a *motcua.Actor, rows []*motcua.Dossier) (counts map[int64]int, err error) {
	defer motcua.Wrap(&err, "DB.DigitisedComponents(%d)", len(rows))
	counts = map[int64]int{}
	var ids []any
	for _, d := range rows {
		switch {
		case !a.CanView(d):
			return nil, motcua.ErrDossierNotFound()
		case d.Channel == motcua.ChannelOnline:
			counts[d.ID] = len(d.Documents)
		default:
			ids = append(ids, d.ID)
		}
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), 500)]
			ids = ids[len(chunk):]
			rs, err := tx.query(`SELECT dossier_id, COUNT(DISTINCT component) FROM component_files WHERE dossier_id IN (`+marks(len(chunk))+`) GROUP BY dossier_id`, chunk...)
			if err != nil {
				return err
			}
			for rs.Next() {
				var id int64
				var n int
				if err := rs.Scan(&id, &n); err != nil {
					rs.Close()
					return err
				}
				counts[id] = n
			}
			if err := cmp.Or(rs.Err(), rs.Close()); err != nil {
				return err
			}
		}
		return nil
	})
	return counts, err
}

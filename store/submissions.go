package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Submit records a citizen's online submission (domain.md §5: not yet a
// dossier). It is checked once, in the transaction that records it
// (checkSubmission): no filing path can skip a rule. Its files are already
// stored by content. A second post with the same key (a retry, a double
// click) returns the first submission.
func (db *DB) Submit(ctx context.Context, c motcua.Contact, s *motcua.Submission) (err error) {
	defer motcua.Wrap(&err, "DB.Submit")
	return db.submit(ctx, c, s, nil)
}

// submit is Submit with documents reused from what is held for the
// applicant (store/citizen_store_online.go), resolved in its transaction.
func (db *DB) submit(ctx context.Context, c motcua.Contact, s *motcua.Submission, reuse []ReusedUpload) (err error) {
	return db.submitThen(ctx, c, s, reuse, nil)
}

// submitThen is submit with then, when not nil, run in its transaction
// after a new submission is written.
func (db *DB) submitThen(ctx context.Context, c motcua.Contact, s *motcua.Submission, reuse []ReusedUpload, then func(*Tx) error) (err error) {
	var key intakeKey
	err = db.inTx(ctx, func(tx *Tx) error {
		first := len(s.Files)
		held, err := addReused(tx, c, s, reuse)
		if err != nil {
			return err
		}
		if err := db.checkSubmission(tx.ctx, s); err != nil {
			return err
		}
		markVNeID(s)
		key = intakeKey{key: contactKey(c, s.Key), hash: submissionHash(s)}
		if found, err := submissionWithKey(tx, key, s); found || err != nil {
			return err
		}
		if err := writeSubmission(tx, c, s, key, true); err != nil {
			return err
		}
		if then != nil {
			if err := then(tx); err != nil {
				return err
			}
		}
		return markReused(tx, s.Files[first:], held)
	})
	return db.racedSubmission(ctx, err, key, s)
}

// checkSubmission finds where s is filed now — the procedure's version in
// force, the unit (for a procedure with a competence rule and no unit
// chosen, the counter of the unit the applicant's fact leads to), whether
// the unit applies the procedure, what the competence rule decides on —
// and applies the rules of online filing there (ledger.ValidateSubmission).
func (db *DB) checkSubmission(ctx context.Context, s *motcua.Submission) error {
	p, err := db.Procedure(ctx, s.ProcedureID)
	if err != nil {
		return motcua.FieldError("procedure", "%s", motcua.ErrorMessage(err))
	}
	s.ProcedureCode, s.ProcedureName = p.Code, p.Name
	if s.UnitID == 0 {
		if s.UnitID, err = db.competentCounter(ctx, p, ledger.RuleFacts(s.Competence, p.Competence).Locality(p.Competence)); err != nil {
			return err
		}
	}
	at := ledger.Filing{Procedure: p, At: db.now()}
	if u, err := db.Unit(ctx, s.UnitID); err == nil {
		at.Unit = u
		if at.Parent, err = db.parentKind(ctx, u); err != nil {
			return err
		}
		if at.UnitApplies, err = db.applies(ctx, p.ID, u.ID, db.now()); err != nil {
			return err
		}
	}
	if err := db.filingCompetence(ctx, s, &at); err != nil {
		return err
	}
	if err := ledger.ValidateSubmission(s, at); err != nil {
		return err
	}
	return submissionFees(p, s)
}

// sameSubmission fills s with the submission first sent with key, if
// any; a key first used for a different submission is a conflict.
func (db *DB) sameSubmission(ctx context.Context, key intakeKey, s *motcua.Submission) (found bool, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		found, err = submissionWithKey(tx, key, s)
		return err
	})
	return found, err
}

// submissionWithKey is sameSubmission in tx.
func submissionWithKey(tx *Tx, key intakeKey, s *motcua.Submission) (found bool, err error) {
	var id int64
	var hash string
	err = tx.queryRow(`SELECT id, key_hash FROM submissions WHERE key = ?`, key.key).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := sameRequest(hash, key.hash); err != nil {
		return true, err
	}
	list, err := listSubmissions(tx, `s.id = ?`, id)
	if err != nil || len(list) == 0 {
		return false, err
	}
	*s = *list[0]
	return true, nil
}

// insertSubmission writes a new submission and its files; the citizen is
// told it arrived when tell is set.
func (db *DB) insertSubmission(ctx context.Context, c motcua.Contact, s *motcua.Submission, key intakeKey, tell bool) error {
	err := db.inTx(ctx, func(tx *Tx) error { return writeSubmission(tx, c, s, key, tell) })
	return db.racedSubmission(ctx, err, key, s)
}

// racedSubmission answers a write that lost the race for its key (the same
// form posted twice at once) with the submission that won.
func (db *DB) racedSubmission(ctx context.Context, err error, key intakeKey, s *motcua.Submission) error {
	if !isUniqueViolation(err) {
		return err
	}
	if found, err := db.sameSubmission(ctx, key, s); found || err != nil {
		return err
	}
	return fmt.Errorf("submission key %q: taken, then not found", key.key)
}

// writeSubmission is insertSubmission in tx.
func writeSubmission(tx *Tx, c motcua.Contact, s *motcua.Submission, key intakeKey, tell bool) error {
	now := tx.db.now()
	s.Key, s.Contact, s.State, s.CreatedAt, s.UpdatedAt = key.key, c, motcua.SubmissionPending, now, now
	a := s.Applicant
	f := s.Competence
	if err := tx.queryRow(`INSERT INTO submissions (key, key_hash, contact, procedure_id, unit_id, applicant_name, applicant_id_number,
		applicant_address, applicant_phone, applicant_email, note, delivery, delivery_to, state, created_at, updated_at,
		residence_unit_id, location_unit_id, chosen_unit_id, return_unit_id, fee_copies, fee_pages, vneid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		key.key, key.hash, c.String(), s.ProcedureID, s.UnitID, a.Name, a.IDNumber, a.Address, a.Phone, a.Email, s.Note,
		string(s.Delivery), s.DeliveryTo, string(s.State), ms(now), ms(now),
		f.ResidenceUnitID, f.LocationUnitID, f.ChosenUnitID, s.ReturnUnitID, s.Fees.Copies, s.Fees.Pages, boolInt(s.VNeID)).Scan(&s.ID); err != nil {
		return err
	}
	if err := insertFiles(tx, s.ID, s.Files); err != nil {
		return err
	}
	if !tell {
		return nil
	}
	return tx.db.queueSubmissionNotice(tx, s, nil, now)
}

// queueSubmissionNotice queues what s's new state tells its contact
// (motcua.SubmissionNotice): about dossier d once accepted as d, else
// about the submission.
func (db *DB) queueSubmissionNotice(tx *Tx, s *motcua.Submission, d *motcua.Dossier, now time.Time) error {
	n := motcua.SubmissionNotice(s, d, db.PublicURL)
	about := n.Code
	if about == "" {
		about = "submission:" + strconv.FormatInt(s.ID, 10)
	}
	return queueNotice(tx, s.Contact, about, n, now)
}

func insertFiles(tx *Tx, submissionID int64, files []motcua.SubmittedFile) error {
	for i := range files {
		f := &files[i]
		if f.At.IsZero() {
			f.At = tx.db.now()
		}
		if err := tx.queryRow(`INSERT INTO submission_files (submission_id, document, file_name, content_type, size, sha256, at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, submissionID, f.Document, f.FileName, f.ContentType, f.Size, f.SHA256, ms(f.At)).Scan(&f.ID); err != nil {
			return err
		}
	}
	return nil
}

// MySubmissions lists a citizen's submissions, newest first.
func (db *DB) MySubmissions(ctx context.Context, c motcua.Contact) ([]*motcua.Submission, error) {
	return db.submissions(ctx, `s.contact = ? ORDER BY s.created_at DESC LIMIT 200`, c.String())
}

// MySubmission returns one of a citizen's submissions; another's is "not found".
func (db *DB) MySubmission(ctx context.Context, c motcua.Contact, id int64) (*motcua.Submission, error) {
	list, err := db.submissions(ctx, `s.id = ? AND s.contact = ?`, id, c.String())
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errSubmissionNotFound
	}
	return list[0], nil
}

var errSubmissionNotFound = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy hồ sơ nộp trực tuyến này.")

// SubmissionQueue lists the submissions awaiting a decision at the units
// where the officer receives dossiers, oldest first.
func (db *DB) SubmissionQueue(ctx context.Context, a *motcua.Actor) ([]*motcua.Submission, error) {
	var units []any
	for id := range a.Units {
		if a.CanReceive(id) {
			units = append(units, id)
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	return db.submissions(ctx, `s.unit_id IN (`+marks(len(units))+`) AND s.state IN ('pending', 'incomplete') ORDER BY s.created_at LIMIT 500`, units...)
}

// Submission returns a submission the officer may see, and logs the read
// of its personal data (in the access log under what "submission", with
// the submission's id where dossiers have theirs).
func (db *DB) Submission(ctx context.Context, a *motcua.Actor, id int64) (*motcua.Submission, error) {
	list, err := db.submissions(ctx, `s.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 || !a.CanViewSubmission(list[0]) {
		return nil, errSubmissionNotFound
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "submission.read", Object: "submission:" + strconv.FormatInt(id, 10)})
		return nil
	})
	return list[0], err
}

const submissionColumns = `s.id, s.key, s.contact, s.procedure_id, p.code, v.name, s.unit_id, s.applicant_name, s.applicant_id_number,
	s.applicant_address, s.applicant_phone, s.applicant_email, s.note, s.delivery, s.delivery_to, s.state, s.missing, s.reason,
	s.dossier_id, COALESCE(d.code, ''), COALESCE(d.state, ''), s.decided_by, s.created_at, s.updated_at,
	s.residence_unit_id, s.location_unit_id, s.chosen_unit_id, s.return_unit_id, s.fee_copies, s.fee_pages, s.vneid, s.national_code`

// submissions reads submissions matching where (with its ORDER BY), and
// their files.
func (db *DB) submissions(ctx context.Context, where string, args ...any) (out []*motcua.Submission, err error) {
	defer motcua.Wrap(&err, "DB.submissions")
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = listSubmissions(tx, where, args...)
		return err
	})
	return out, err
}

// listSubmissions is submissions in tx.
func listSubmissions(tx *Tx, where string, args ...any) (out []*motcua.Submission, err error) {
	rows, err := tx.query(`SELECT `+submissionColumns+` FROM submissions s JOIN procedures p ON p.id = s.procedure_id
		JOIN procedure_versions v ON v.id = (SELECT MAX(id) FROM procedure_versions WHERE procedure_id = s.procedure_id AND status = 'published')
		LEFT JOIN dossiers d ON d.id = s.dossier_id WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanSubmission(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, s := range out {
		if s.Files, err = submissionFiles(tx, s.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanSubmission(row interface{ Scan(...any) error }) (*motcua.Submission, error) {
	var s motcua.Submission
	var contact, missing string
	var created, updated int64
	var vneid int
	a := &s.Applicant
	if err := row.Scan(&s.ID, &s.Key, &contact, &s.ProcedureID, &s.ProcedureCode, &s.ProcedureName, &s.UnitID, &a.Name, &a.IDNumber,
		&a.Address, &a.Phone, &a.Email, &s.Note, &s.Delivery, &s.DeliveryTo, &s.State, &missing, &s.Reason,
		&s.DossierID, &s.DossierCode, &s.DossierState, &s.DecidedBy, &created, &updated,
		&s.Competence.ResidenceUnitID, &s.Competence.LocationUnitID, &s.Competence.ChosenUnitID, &s.ReturnUnitID,
		&s.Fees.Copies, &s.Fees.Pages, &vneid, &s.NationalCode); err != nil {
		return nil, err
	}
	s.VNeID = vneid != 0
	s.Contact, _ = motcua.ParseContact(contact)
	s.CreatedAt, s.UpdatedAt = fromMS(created), fromMS(updated)
	return &s, json.Unmarshal([]byte(missing), &s.Missing)
}

func submissionFiles(tx *Tx, id int64) ([]motcua.SubmittedFile, error) {
	rows, err := tx.query(`SELECT id, document, file_name, content_type, size, sha256, at FROM submission_files WHERE submission_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.SubmittedFile
	for rows.Next() {
		var f motcua.SubmittedFile
		var at int64
		if err := rows.Scan(&f.ID, &f.Document, &f.FileName, &f.ContentType, &f.Size, &f.SHA256, &at); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// SubmittedFileOf returns a file of a submission, for its owner (contact
// set) or an officer who may see the submission (a set).
func (db *DB) SubmittedFileOf(ctx context.Context, a *motcua.Actor, c motcua.Contact, submissionID, fileID int64) (*motcua.SubmittedFile, error) {
	var s *motcua.Submission
	var err error
	if a != nil {
		s, err = db.Submission(ctx, a, submissionID)
	} else {
		s, err = db.MySubmission(ctx, c, submissionID)
	}
	if err != nil {
		return nil, err
	}
	for i := range s.Files {
		if s.Files[i].ID == fileID {
			return &s.Files[i], nil
		}
	}
	return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy tệp này.")
}

// decideSubmission changes an open submission's state in tx, if nobody
// decided it meanwhile.
func decideSubmission(tx *Tx, s *motcua.Submission, from []motcua.SubmissionState) error {
	missing, _ := json.Marshal(s.Missing)
	if s.Missing == nil {
		missing = []byte("[]")
	}
	res, err := tx.exec(`UPDATE submissions SET state = ?, missing = ?, reason = ?, dossier_id = ?, decided_by = ?, updated_at = ?
		WHERE id = ? AND state IN (?, ?)`, string(s.State), string(missing), s.Reason, s.DossierID, s.DecidedBy, ms(s.UpdatedAt),
		s.ID, string(from[0]), string(from[len(from)-1]))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return motcua.Errorf(motcua.ECONFLICT, "Hồ sơ nộp trực tuyến số %d vừa được người khác xử lý; hãy tải lại trang.", s.ID)
	}
	if s.DossierID != 0 { // accepted: its uploads now count for the dossier
		return tx.redigitise(s.DossierID)
	}
	return nil
}

// submissionOpen loads a submission the officer may decide, still open.
func (db *DB) submissionOpen(ctx context.Context, a *motcua.Actor, id int64) (*motcua.Submission, error) {
	s, err := db.Submission(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanDecideSubmission(s) {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Bạn không có quyền tiếp nhận hồ sơ tại đơn vị này.")
	}
	if !s.Open() {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ nộp trực tuyến số %d đã được xử lý (%s).", s.ID, s.State.Label())
	}
	return s, nil
}

// AcceptSubmission accepts an online submission as a dossier (channel
// online, its files as the documents received): the clock starts and the
// code is issued, in the same transaction as the submission's new state.
func (db *DB) AcceptSubmission(ctx context.Context, a *motcua.Actor, id int64) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.AcceptSubmission(%d)", id)
	s, err := db.Submission(ctx, a, id)
	if err != nil {
		return nil, err
	}
	in := motcua.Intake{ProcedureID: s.ProcedureID, UnitID: s.UnitID, Channel: motcua.ChannelOnline, Applicant: s.Applicant,
		Sets: 1, Note: s.Note, Competence: s.Competence, ReturnUnitID: s.ReturnUnitID,
		Fees: motcua.FeeQuantities{Copies: s.Fees.Copies, Pages: s.Fees.Pages}}
	if s.VNeID { // filed from a VNeID-verified session for that very number
		in.Identity = &motcua.IdentityFacts{Type: motcua.IdentityCitizen, VNeID: true}
	}
	key := intakeKey{key: submissionKey(s.ID)} // the system's own key: no sender could have written it
	if in.Applicant.Email == "" {
		in.Applicant.Email = s.Contact.Email
	}
	if in.Applicant.Phone == "" {
		in.Applicant.Phone = s.Contact.Phone
	}
	for _, f := range s.Files {
		in.Documents = append(in.Documents, motcua.ReceivedDocument{Name: f.Document, Kind: motcua.DocCopy, Count: 1})
	}
	if s.State == motcua.SubmissionAccepted { // a second click: the same dossier
		return db.Dossier(ctx, a, s.DossierID)
	}
	if s, err = db.submissionOpen(ctx, a, id); err != nil {
		return nil, err
	}
	if s.State != motcua.SubmissionPending {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ nộp trực tuyến số %d đang chờ người nộp bổ sung; chỉ tiếp nhận khi đã đủ.", s.ID)
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var fresh bool
		if d, fresh, err = db.accept(tx, a, in, key); err != nil || !fresh {
			return err
		}
		from := []motcua.SubmissionState{s.State}
		s.State, s.DossierID, s.DecidedBy, s.UpdatedAt = motcua.SubmissionAccepted, d.ID, a.User.ID, db.now()
		if err := decideSubmission(tx, s, from); err != nil {
			return err
		}
		return db.queueSubmissionNotice(tx, s, d, db.now())
	})
	if isUniqueViolation(err) { // a second officer's click raced this one: the same dossier
		return db.acceptedWithKey(ctx, a, key)
	}
	return d, err
}

// AskAdditions asks the applicant, once, for everything missing (form 02's
// rule at intake): the submission waits for the citizen's files.
func (db *DB) AskAdditions(ctx context.Context, a *motcua.Actor, id int64, missing []string, note string) (err error) {
	defer motcua.Wrap(&err, "DB.AskAdditions(%d)", id)
	var clean []string
	for _, m := range missing {
		if m = strings.TrimSpace(motcua.NFC(m)); m != "" {
			clean = append(clean, m)
		}
	}
	if len(clean) == 0 {
		return motcua.FieldError("missing", "Hãy liệt kê đầy đủ các giấy tờ cần bổ sung (mỗi dòng một giấy tờ).")
	}
	s, err := db.submissionOpen(ctx, a, id)
	if err != nil {
		return err
	}
	if len(s.Missing) > 0 {
		return motcua.Errorf(motcua.ENOTALLOWED, "Đã yêu cầu bổ sung một lần (%s). Chỉ được yêu cầu một lần, liệt kê đầy đủ; hãy tiếp nhận hoặc từ chối.",
			strings.Join(s.Missing, "; "))
	}
	from := []motcua.SubmissionState{s.State}
	s.State, s.Missing, s.Reason, s.DecidedBy, s.UpdatedAt = motcua.SubmissionIncomplete, clean, strings.TrimSpace(note), a.User.ID, db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		if err := decideSubmission(tx, s, from); err != nil {
			return err
		}
		if err := nationalSubmissionChanged(tx, s.ID); err != nil { // a national dossier: the nation shows it waiting
			return err
		}
		return db.queueSubmissionNotice(tx, s, nil, db.now())
	})
}

// AddFiles adds the citizen's additions to an incomplete submission; it
// goes back to the one-stop's queue.
func (db *DB) AddFiles(ctx context.Context, c motcua.Contact, id int64, files []motcua.SubmittedFile) (err error) {
	defer motcua.Wrap(&err, "DB.AddFiles(%d)", id)
	s, err := db.MySubmission(ctx, c, id)
	if err != nil {
		return err
	}
	if s.State != motcua.SubmissionIncomplete {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ này không chờ bổ sung (%s).", s.State.Label())
	}
	if len(files) == 0 {
		return motcua.FieldError("files", "Hãy chọn ít nhất một tệp để bổ sung.")
	}
	s.State, s.UpdatedAt = motcua.SubmissionPending, db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		if err := insertFiles(tx, s.ID, files); err != nil {
			return err
		}
		return decideSubmission(tx, s, []motcua.SubmissionState{motcua.SubmissionIncomplete})
	})
}

// RefuseSubmission refuses an online submission with reasons (form 03's
// rule): outside the unit's competence or ineligible.
func (db *DB) RefuseSubmission(ctx context.Context, a *motcua.Actor, id int64, reason string) (err error) {
	defer motcua.Wrap(&err, "DB.RefuseSubmission(%d)", id)
	if reason = strings.TrimSpace(motcua.NFC(reason)); reason == "" {
		return motcua.FieldError("reason", "Phải ghi rõ lý do từ chối tiếp nhận.")
	}
	s, err := db.submissionOpen(ctx, a, id)
	if err != nil {
		return err
	}
	from := []motcua.SubmissionState{s.State}
	s.State, s.Reason, s.DecidedBy, s.UpdatedAt = motcua.SubmissionRefused, reason, a.User.ID, db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		if err := decideSubmission(tx, s, from); err != nil {
			return err
		}
		if err := nationalSubmissionChanged(tx, s.ID); err != nil { // NgayTuChoi: the nation counts refusals too
			return err
		}
		return db.queueSubmissionNotice(tx, s, nil, db.now())
	})
}

// parentKind is the kind of the unit above u ("" at the top): a service
// centre files for its parent.
func (db *DB) parentKind(ctx context.Context, u *motcua.Unit) (motcua.UnitKind, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return "", err
	}
	return t.parentKind(u), nil
}

// submissionContact is the contact of the submission a dossier came
// from, if it came from one.
func submissionContact(tx *Tx, dossierID int64) (motcua.Contact, bool, error) {
	var contact string
	err := tx.queryRow(`SELECT contact FROM submissions WHERE dossier_id = ?`, dossierID).Scan(&contact)
	if errors.Is(err, sql.ErrNoRows) {
		return motcua.Contact{}, false, nil
	} else if err != nil {
		return motcua.Contact{}, false, err
	}
	c, err := motcua.ParseContact(contact)
	return c, err == nil, nil
}

// UnitsApplying lists the units where a citizen may file p online now
// (ledger.FilingUnit): the communes and their service centres for a
// commune procedure, the one-stop sections (and, for a province procedure,
// the provincial centre and its branches) for others, where p applies.
func (db *DB) UnitsApplying(ctx context.Context, p *motcua.Procedure) ([]*motcua.Unit, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	var out []*motcua.Unit
	for _, u := range t.all {
		if !ledger.FilingUnit(p, u, t.parentKind(u)) {
			continue
		}
		if ok, err := db.applies(ctx, p.ID, u.ID, db.now()); err != nil {
			return nil, err
		} else if ok && u.ValidTo.IsZero() {
			out = append(out, u)
		}
	}
	return withoutServedCommunes(out, t), nil
}

// withoutServedCommunes leaves out a commune whose own service centre is
// among the units: since 07/2025 the centre receives for it, and nobody
// works the commune's counter (Decree 118/2025/NĐ-CP).
func withoutServedCommunes(units []*motcua.Unit, t *unitTree) []*motcua.Unit {
	served := map[int64]bool{}
	for _, u := range units {
		if u.Kind == motcua.UnitCentre && t.parentKind(u) == motcua.UnitCommune {
			served[u.ParentID] = true
		}
	}
	return slices.DeleteFunc(units, func(u *motcua.Unit) bool { return u.Kind == motcua.UnitCommune && served[u.ID] })
}

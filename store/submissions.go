package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Submit records a citizen's online submission (domain.md §5: not yet a
// dossier). Its files are already stored by content. A second post with the
// same key (a retry, a double click) returns the first submission.
func (db *DB) Submit(ctx context.Context, c motcua.Contact, s *motcua.Submission) (err error) {
	defer motcua.Wrap(&err, "DB.Submit")
	if s.Key == "" {
		return motcua.Errorf(motcua.EINVALID, "Thiếu khóa của biểu mẫu; hãy tải lại trang và nộp lại.")
	}
	if len(s.Key) > 100 {
		return motcua.Errorf(motcua.EINVALID, "Khóa của biểu mẫu quá dài; hãy tải lại trang và nộp lại.")
	}
	key := intakeKey{key: contactKey(c, s.Key), hash: submissionHash(s)}
	if found, err := db.sameSubmission(ctx, key, s); found || err != nil {
		return err
	}
	if err := db.CheckSubmission(ctx, s); err != nil {
		return err
	}
	return db.insertSubmission(ctx, c, s, key, true)
}

// sameSubmission fills s with the submission first sent with key, if
// any; a key first used for a different submission is a conflict.
func (db *DB) sameSubmission(ctx context.Context, key intakeKey, s *motcua.Submission) (found bool, err error) {
	var id int64
	var hash string
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT id, key_hash FROM submissions WHERE key = ?`, key.key).Scan(&id, &hash)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := sameRequest(hash, key.hash); err != nil {
		return true, err
	}
	list, err := db.submissions(ctx, `s.id = ?`, id)
	if err != nil || len(list) == 0 {
		return false, err
	}
	*s = *list[0]
	return true, nil
}

// insertSubmission writes a new submission and its files; the citizen is
// told it arrived when tell is set.
func (db *DB) insertSubmission(ctx context.Context, c motcua.Contact, s *motcua.Submission, key intakeKey, tell bool) error {
	now := db.now()
	s.Key, s.Contact, s.State, s.CreatedAt, s.UpdatedAt = key.key, c, motcua.SubmissionPending, now, now
	err := db.inTx(ctx, func(tx *Tx) error {
		a := s.Applicant
		if err := tx.queryRow(`INSERT INTO submissions (key, key_hash, contact, procedure_id, unit_id, applicant_name, applicant_id_number,
			applicant_address, applicant_phone, applicant_email, note, delivery, delivery_to, state, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			key.key, key.hash, c.String(), s.ProcedureID, s.UnitID, a.Name, a.IDNumber, a.Address, a.Phone, a.Email, s.Note,
			string(s.Delivery), s.DeliveryTo, string(s.State), ms(now), ms(now)).Scan(&s.ID); err != nil {
			return err
		}
		if err := insertFiles(tx, s.ID, s.Files); err != nil {
			return err
		}
		if !tell {
			return nil
		}
		return queueNoticesSMS(tx, c, "submission:"+strconv.FormatInt(s.ID, 10), "Đã nhận hồ sơ nộp trực tuyến",
			fmt.Sprintf("Hồ sơ %s (số nộp %d) đã được gửi tới Bộ phận Một cửa và đang chờ tiếp nhận. Thời hạn giải quyết chỉ bắt đầu tính khi hồ sơ được tiếp nhận.",
				s.ProcedureName, s.ID),
			fmt.Sprintf("Da nhan ho so nop truc tuyen so %d, dang cho Bo phan Mot cua tiep nhan. Theo doi:", s.ID), tx.db.mineURL(s.ID), now)
	})
	if isUniqueViolation(err) { // the same form raced in twice
		if found, err := db.sameSubmission(ctx, key, s); found || err != nil {
			return err
		}
		return fmt.Errorf("submission key %q: taken, then not found", key.key)
	}
	return err
}

// CheckSubmission applies the rules of online filing: a procedure in
// force that is offered online, at a unit that applies it, the applicant
// named, a postal address for delivery by post, and — for full-process
// procedures — documents uploaded.
func (db *DB) CheckSubmission(ctx context.Context, s *motcua.Submission) error {
	p, err := db.Procedure(ctx, s.ProcedureID)
	if err != nil {
		return motcua.FieldError("procedure", "%s", motcua.ErrorMessage(err))
	}
	s.ProcedureCode, s.ProcedureName = p.Code, p.Name
	if p.OnlineLevel != motcua.OnlineFull && p.OnlineLevel != motcua.OnlinePartial {
		return motcua.FieldError("procedure", "Thủ tục %s chưa được cung cấp trực tuyến; hãy nộp tại Bộ phận Một cửa hoặc qua bưu chính.", p.Name)
	}
	u, err := db.Unit(ctx, s.UnitID)
	if err != nil {
		return motcua.FieldError("unit", "Hãy chọn nơi nộp hồ sơ.")
	}
	if ok, err := db.applies(ctx, p.ID, u.ID, db.now()); err != nil {
		return err
	} else if !ok || !filingUnit(p, u) {
		return motcua.FieldError("unit", "%s không giải quyết thủ tục %s.", u.Name, p.Name)
	}
	s.Applicant.Name = strings.TrimSpace(motcua.NFC(s.Applicant.Name))
	if s.Applicant.Name == "" {
		return motcua.FieldError("name", "Hãy nhập họ và tên người nộp hồ sơ.")
	}
	// The checks of the counter's intake (ledger.CleanIntake), on the
	// portal's fields: a submission the counter could not accept is refused now.
	var idProblem string
	if s.Applicant.IDNumber, idProblem = ledger.CleanIdentityNumber(s.Applicant.IDNumber); idProblem != "" {
		return motcua.FieldError("id_number", "%s", idProblem)
	}
	if problem := ledger.EmailProblem(s.Applicant.Email); problem != "" {
		return motcua.FieldError("email", "%s", problem)
	}
	switch s.Delivery {
	case motcua.DeliveryOnline, motcua.DeliveryCounter:
	case motcua.DeliveryPost:
		if strings.TrimSpace(s.DeliveryTo) == "" {
			return motcua.FieldError("delivery_to", "Hãy nhập địa chỉ nhận kết quả qua bưu chính.")
		}
	default:
		return motcua.FieldError("delivery", "Hãy chọn cách nhận kết quả.")
	}
	// Completeness is the one-stop's to judge (it may ask once for what is
	// missing): many listed documents apply only in some cases.
	if p.OnlineLevel == motcua.OnlineFull && len(s.Files) == 0 {
		return motcua.FieldError("files", "Thủ tục trực tuyến toàn trình: hãy tải lên các giấy tờ trong thành phần hồ sơ.")
	}
	return nil
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
	s.dossier_id, COALESCE(d.code, ''), COALESCE(d.state, ''), s.decided_by, s.created_at, s.updated_at`

// submissions reads submissions matching where (with its ORDER BY), and
// their files.
func (db *DB) submissions(ctx context.Context, where string, args ...any) (out []*motcua.Submission, err error) {
	defer motcua.Wrap(&err, "DB.submissions")
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT `+submissionColumns+` FROM submissions s JOIN procedures p ON p.id = s.procedure_id
			JOIN procedure_versions v ON v.id = (SELECT MAX(id) FROM procedure_versions WHERE procedure_id = s.procedure_id AND status = 'published')
			LEFT JOIN dossiers d ON d.id = s.dossier_id WHERE `+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s, err := scanSubmission(rows)
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, s := range out {
			if s.Files, err = submissionFiles(tx, s.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func scanSubmission(row interface{ Scan(...any) error }) (*motcua.Submission, error) {
	var s motcua.Submission
	var contact, missing string
	var created, updated int64
	a := &s.Applicant
	if err := row.Scan(&s.ID, &s.Key, &contact, &s.ProcedureID, &s.ProcedureCode, &s.ProcedureName, &s.UnitID, &a.Name, &a.IDNumber,
		&a.Address, &a.Phone, &a.Email, &s.Note, &s.Delivery, &s.DeliveryTo, &s.State, &missing, &s.Reason,
		&s.DossierID, &s.DossierCode, &s.DossierState, &s.DecidedBy, &created, &updated); err != nil {
		return nil, err
	}
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
		Sets: 1, Note: s.Note}
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
		return queueNoticesSMS(tx, s.Contact, d.Code, "Hồ sơ "+d.Code+" đã được tiếp nhận",
			fmt.Sprintf("Hồ sơ %s đã được tiếp nhận với mã %s. Ngày hẹn trả kết quả: %s. Tra cứu tiến độ: %s",
				s.ProcedureName, d.Code, motcua.FormatDateTime(d.DueAt), motcua.TrackURL(db.PublicURL, d)),
			fmt.Sprintf("Da tiep nhan, hen tra ket qua %s, ho so %s. Tra cuu:", motcua.FormatDateTime(d.DueAt), d.Code),
			motcua.TrackURL(db.PublicURL, d), db.now())
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
		return queueNoticesSMS(tx, s.Contact, "submission:"+strconv.FormatInt(s.ID, 10), "Hồ sơ nộp trực tuyến cần bổ sung",
			fmt.Sprintf("Hồ sơ %s (số nộp %d) cần bổ sung: %s. %s Hãy đăng nhập Cổng dịch vụ công để tải lên giấy tờ bổ sung.",
				s.ProcedureName, s.ID, strings.Join(clean, "; "), s.Reason),
			fmt.Sprintf("Ho so nop truc tuyen so %d can bo sung giay to. Xem va tai len tai:", s.ID), db.mineURL(s.ID), db.now())
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
		return queueNoticesSMS(tx, s.Contact, "submission:"+strconv.FormatInt(s.ID, 10), "Hồ sơ nộp trực tuyến bị từ chối tiếp nhận",
			fmt.Sprintf("Hồ sơ %s (số nộp %d) không được tiếp nhận. Lý do: %s", s.ProcedureName, s.ID, reason),
			fmt.Sprintf("Ho so nop truc tuyen so %d khong duoc tiep nhan. Ly do: %s. Chi tiet:", s.ID, reason), db.mineURL(s.ID), db.now())
	})
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

// UnitsApplying lists the units where a citizen may file p online now: the
// communes for a commune procedure, the one-stop sections above them for
// others, where p applies.
func (db *DB) UnitsApplying(ctx context.Context, p *motcua.Procedure) ([]*motcua.Unit, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	var out []*motcua.Unit
	for _, u := range units {
		if !filingUnit(p, u) {
			continue
		}
		if ok, err := db.applies(ctx, p.ID, u.ID, db.now()); err != nil {
			return nil, err
		} else if ok && u.ValidTo.IsZero() {
			out = append(out, u)
		}
	}
	return out, nil
}

// filingUnit reports whether citizens file p at u: commune procedures at
// the communes, the others at one-stop sections.
func filingUnit(p *motcua.Procedure, u *motcua.Unit) bool {
	if p.Level == motcua.LevelCommune {
		return u.Kind == motcua.UnitCommune
	}
	return u.Kind == motcua.UnitOneStop
}

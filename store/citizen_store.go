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

// The citizen's store, the local part (issue 18, item 5): what this
// one-stop already holds for an identity number and may be reused at a
// later intake instead of a new copy. Three sources, all read from
// dossiers not erased that carry the identity number:
//   - the newest file of each component of those dossiers (component_files);
//   - the uploads of the online submissions that became those dossiers;
//   - their electronic results that still count (not revoked, not
//     superseded).
// Each must still be valid now (valid_until 0 or not past). A file held
// twice (a document reused from dossier to dossier) is listed once, its
// newest holding. Retention erases them with the dossiers
// (store/retention.go), so an erased applicant holds nothing.

// maxHeld bounds the list: a citizen with more documents than this sees
// the newest.
const maxHeld = 100

// heldSource is one kind of held document: the Ref prefix naming it and
// its query (the dossier as d; the identity number and now as arguments),
// which keeps only what still counts.
type heldSource struct {
	prefix, query string
}

var heldSources = []heldSource{
	{"c:", `SELECT c.id, c.origin, c.document, c.file_name, c.content_type, c.size, c.sha256, c.at, c.valid_until, d.code, ''
		FROM component_files c JOIN dossiers d ON d.id = c.dossier_id
		WHERE d.applicant_id_number = ? AND d.erased_at = 0 AND (c.valid_until = 0 OR c.valid_until >= ?)
		AND c.id = (SELECT MAX(n.id) FROM component_files n WHERE n.dossier_id = c.dossier_id AND n.component = c.component)`},
	{"u:", `SELECT f.id, f.origin, f.document, f.file_name, f.content_type, f.size, f.sha256, f.at, f.valid_until, d.code, ''
		FROM submission_files f JOIN submissions s ON s.id = f.submission_id JOIN dossiers d ON d.id = s.dossier_id
		WHERE d.applicant_id_number = ? AND d.erased_at = 0 AND (f.valid_until = 0 OR f.valid_until >= ?)`},
	{"r:", `SELECT r.id, 'result', CASE WHEN v.result_type = '' THEN v.name ELSE v.result_type END, f.file_name, f.content_type, f.size, f.sha256,
		r.issued_at, r.valid_until, d.code, r.code
		FROM issued_results r JOIN dossiers d ON d.id = r.dossier_id JOIN result_files f ON f.id = r.result_file_id
		JOIN procedure_versions v ON v.id = d.version_id
		WHERE d.applicant_id_number = ? AND d.erased_at = 0 AND r.revoked_at IS NULL AND r.superseded_by_id IS NULL
		AND (r.valid_until = 0 OR r.valid_until >= ?)`},
}

// HeldDocuments lists what this one-stop holds for an identity number and
// may still be reused now, newest first. Only a counter officer (who
// receives dossiers somewhere) may ask, and every ask is audited under
// the masked number: it reads personal documents.
func (db *DB) HeldDocuments(ctx context.Context, a *motcua.Actor, idNumber string) (list []motcua.HeldDocument, err error) {
	defer motcua.Wrap(&err, "DB.HeldDocuments")
	if a.Client != nil || len(a.UnitsWith(motcua.RoleCounter)) == 0 {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ tiếp nhận hồ sơ được xem giấy tờ đã lưu của người nộp.")
	}
	id, err := heldIdentity(idNumber)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		list, err = heldDocuments(tx, id, "", 0, nil)
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "citizen_store.read", Object: "id:" + motcua.Mask(id),
			Detail: strconv.Itoa(len(list)) + " documents"})
		return err
	})
	return list, err
}

// heldIdentity checks the identity number asked about: one the intake
// accepts (ledger.CleanIdentityNumber), not empty.
func heldIdentity(s string) (string, error) {
	id, problem := ledger.CleanIdentityNumber(motcua.NFC(s))
	switch {
	case id == "":
		return "", motcua.FieldError("id_number", "Hãy nhập số định danh cá nhân hoặc mã số thuế của người nộp để xem giấy tờ đã lưu.")
	case problem != "":
		return "", motcua.FieldError("id_number", "%s", problem)
	}
	return id, nil
}

// heldDocuments reads the documents held for the identity number and
// valid now; with a ref, only that one (prefix and id); with contact, only
// those of dossiers whose applicant gave that phone or e-mail.
func heldDocuments(tx *Tx, idNumber, prefix string, refID int64, contact *motcua.Contact) ([]motcua.HeldDocument, error) {
	now := tx.db.Now()
	var out []motcua.HeldDocument
	for _, src := range heldSources {
		if prefix != "" && src.prefix != prefix {
			continue
		}
		q, args := src.query, []any{idNumber, ms(now)}
		if prefix != "" {
			q += ` AND ` + map[string]string{"c:": "c", "u:": "f", "r:": "r"}[prefix] + `.id = ?`
			args = append(args, refID)
		}
		if contact != nil {
			cond, cargs := contactMatch(*contact)
			q += ` AND ` + cond
			args = append(args, cargs...)
		}
		found, err := readHeld(tx, src.prefix, q, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
	}
	return newestDistinct(out), nil
}

// contactMatch is the condition that the dossier's applicant gave the
// contact: the online rule (HeldOnline). The counter keeps the phone as
// typed ("0912 345 678", "+84912345678"); the session's is normalised.
func contactMatch(c motcua.Contact) (string, []any) {
	if c.Email != "" {
		return `LOWER(d.applicant_email) = ?`, []any{strings.ToLower(c.Email)}
	}
	intl := "+84" + strings.TrimPrefix(c.Phone, "0")
	return `REPLACE(REPLACE(REPLACE(d.applicant_phone, ' ', ''), '.', ''), '-', '') IN (?, ?)`, []any{c.Phone, intl}
}

func readHeld(tx *Tx, prefix, q string, args ...any) ([]motcua.HeldDocument, error) {
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.HeldDocument
	for rows.Next() {
		var h motcua.HeldDocument
		var id, at, until int64
		if err := rows.Scan(&id, &h.Origin, &h.Name, &h.FileName, &h.ContentType, &h.Size, &h.SHA256, &at, &until, &h.DossierCode, &h.ResultCode); err != nil {
			return nil, err
		}
		h.Ref, h.HeldAt, h.ValidUntil = prefix+strconv.FormatInt(id, 10), fromMS(at), fromMS(until)
		out = append(out, h)
	}
	return out, rows.Err()
}

// newestDistinct keeps the newest holding of each file, newest first,
// at most maxHeld.
func newestDistinct(list []motcua.HeldDocument) []motcua.HeldDocument {
	slices.SortStableFunc(list, func(x, y motcua.HeldDocument) int {
		// Kept at the same instant: the later row (a longer id, then the greater) first.
		return cmp.Or(y.HeldAt.Compare(x.HeldAt), cmp.Compare(len(y.Ref), len(x.Ref)), strings.Compare(y.Ref, x.Ref))
	})
	seen := map[string]bool{}
	out := list[:0]
	for _, h := range list {
		if !seen[h.SHA256] {
			seen[h.SHA256] = true
			out = append(out, h)
		}
	}
	return out[:min(len(out), maxHeld)]
}

// heldByRef resolves a Ref chosen at intake: the document must be held
// for the identity number (and, online, the contact) and valid now.
func heldByRef(tx *Tx, idNumber, ref string, contact *motcua.Contact) (*motcua.HeldDocument, error) {
	refused := motcua.FieldError("reuse", "Giấy tờ đã lưu được chọn không thuộc người nộp có số định danh này hoặc đã hết hiệu lực; hãy số hóa bản giấy.")
	if idNumber == "" {
		return nil, motcua.FieldError("reuse", "Hồ sơ chưa có số định danh của người nộp nên không dùng lại được giấy tờ đã lưu.")
	}
	prefix, id := ref[:min(len(ref), 2)], ref[min(len(ref), 2):]
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || !slices.ContainsFunc(heldSources, func(s heldSource) bool { return s.prefix == prefix }) {
		return nil, refused
	}
	list, err := heldDocuments(tx, idNumber, prefix, n, contact)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, refused
	}
	return &list[0], nil
}

// reuseSource is what a reused file's source says: the Ref, resolvable,
// then after "@" where it came from (the earlier dossier's code, or the
// result code), which the dossier page shows (ReuseSourceText).
func reuseSource(h *motcua.HeldDocument) string {
	return h.Ref + "@" + cmp.Or(h.ResultCode, h.DossierCode)
}

// resolveReuse fills a component file chosen from what is held: the
// held file's facts, origin reused, its validity unless the officer gave
// one.
func resolveReuse(tx *Tx, d *motcua.Dossier, s *motcua.ComponentFile) error {
	h, err := heldByRef(tx, d.Applicant.IDNumber, s.Reuse, nil)
	if err != nil {
		return err
	}
	if !scanTypes[h.ContentType] { // an upload of another kind: not a component's file
		return motcua.FieldError("reuse", "Giấy tờ đã lưu “%s” không phải PDF, JPEG hoặc PNG nên không dùng làm bản số hóa; hãy số hóa bản giấy.", h.FileName)
	}
	s.FileName, s.ContentType, s.Size, s.SHA256, s.Pages = h.FileName, h.ContentType, h.Size, h.SHA256, 0
	s.Origin, s.Source = motcua.OriginReused, reuseSource(h)
	if s.ValidUntil.IsZero() {
		s.ValidUntil = h.ValidUntil
	}
	return nil
}

// ReuseSourceText is a reused or national file's source in the
// interface's words: "hồ sơ <code>", "kết quả <code>", or the national
// store's document id.
func ReuseSourceText(o motcua.FileOrigin, source string) string {
	switch o {
	case motcua.OriginReused:
		ref, where, _ := strings.Cut(source, "@")
		if where == "" {
			return ""
		}
		if strings.HasPrefix(ref, "r:") {
			return "Tái sử dụng kết quả mã " + where
		}
		return "Tái sử dụng từ hồ sơ " + where
	case motcua.OriginNational:
		return motcua.OriginNational.Label() + ", tài liệu " + source
	}
	return ""
}

// HeldOnline lists, for a citizen signed in to the portal, what is held
// for the identity number they typed — only from dossiers whose applicant
// gave the contact the session proved (phone or e-mail): the session
// proves a contact, not an identity, and a stranger who knows someone's
// number must not see their papers. The read is audited.
func (db *DB) HeldOnline(ctx context.Context, c motcua.Contact, idNumber string) (list []motcua.HeldDocument, err error) {
	defer motcua.Wrap(&err, "DB.HeldOnline")
	if c.String() == "" {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "Hãy xác thực bằng thư điện tử hoặc số điện thoại để dùng giấy tờ đã lưu.")
	}
	id, err := heldIdentity(idNumber)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		list, err = heldDocuments(tx, id, "", 0, &c)
		tx.audit(motcua.AuditEntry{Actor: "citizen:" + motcua.Mask(c.String()), Action: "citizen_store.read", Object: "id:" + motcua.Mask(id),
			Detail: strconv.Itoa(len(list)) + " documents"})
		return err
	})
	return list, err
}

// validityProblem refuses a validity the officer gave that has already
// passed: a paper no longer valid is not received as valid.
func validityProblem(s *motcua.ComponentFile, document string, now time.Time) error {
	if !s.ValidUntil.IsZero() && s.ValidUntil.Before(now) {
		return motcua.FieldError("valid_until", "Thời hạn hiệu lực của “%s” (%s) đã qua.", document, s.ValidUntil.In(motcua.VN).Format("02/01/2006"))
	}
	return nil
}

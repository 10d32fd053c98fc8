package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// SubjectQuery names one applicant by what they gave: an identity number,
// a phone number or an e-mail address (any of them; empty ones are not
// used).
type SubjectQuery struct {
	IDNumber, Phone, Email string
}

// SubjectData is everything held about one applicant (Personal Data
// Protection Law: the subject's right to know): their dossiers with every
// event and electronic result, the online submissions, refusals at intake, ratings, the notices
// sent to them, and who read or changed their dossiers.
type SubjectData struct {
	GeneratedAt time.Time            `json:"generated_at"`
	Query       SubjectQuery         `json:"query"`
	Dossiers    []SubjectDossier     `json:"dossiers"`
	Submissions []*motcua.Submission `json:"submissions"`
	Refusals    []SubjectRefusal     `json:"refusals_at_intake"`
	Notices     []SubjectNotice      `json:"notices"`
}

// SubjectDossier is one dossier with its history and its audit trail.
type SubjectDossier struct {
	Dossier *motcua.Dossier        `json:"dossier"`
	Events  []motcua.Event         `json:"events"`
	Rating  *motcua.Rating         `json:"rating,omitempty"`
	Results []motcua.SubmittedFile `json:"electronic_results,omitempty"`   // attached with the result (store/result_files.go)
	Scans   []motcua.ComponentFile `json:"digitised_components,omitempty"` // the components' scans (store/component_files.go)
	Access  []motcua.AuditEntry    `json:"access"`                         // who read or changed it, when, from where
}

// SubjectRefusal is a refusal at intake naming the applicant.
type SubjectRefusal struct {
	At        time.Time        `json:"at"`
	Applicant motcua.Applicant `json:"applicant"`
	Reason    string           `json:"reason"`
}

// SubjectNotice is a notice sent to the applicant's contact.
type SubjectNotice struct {
	At        time.Time `json:"at"`
	Channel   string    `json:"channel"`
	Recipient string    `json:"recipient"`
	Subject   string    `json:"subject"`
}

// Subject gathers what is held about an applicant. It is a read of
// personal data like any other: audited, for the data-protection officer
// answering a request.
func (db *DB) Subject(ctx context.Context, q SubjectQuery) (s *SubjectData, err error) {
	defer motcua.Wrap(&err, "DB.Subject")
	q = SubjectQuery{IDNumber: strings.TrimSpace(q.IDNumber), Phone: strings.TrimSpace(q.Phone), Email: strings.ToLower(strings.TrimSpace(q.Email))}
	cond, args := subjectMatch(q)
	if cond == "" {
		return nil, motcua.FieldError("query", "Cần số định danh, số điện thoại hoặc thư điện tử của người yêu cầu.")
	}
	s = &SubjectData{GeneratedAt: db.Now(), Query: q}
	var ids []int64
	err = db.inTx(ctx, func(tx *Tx) error {
		if ids, err = column[int64](tx, `SELECT id FROM dossiers WHERE erased_at = 0 AND (`+cond+`) ORDER BY id`, args...); err != nil {
			return err
		}
		for _, id := range ids {
			d, err := getDossier(tx, `d.id = ?`, id)
			if err != nil {
				return err
			}
			sd := SubjectDossier{Dossier: d}
			if sd.Events, err = listEvents(tx, id); err != nil {
				return err
			}
			if sd.Access, err = scanAudit(tx, `WHERE object = ? ORDER BY id`, d.Code); err != nil {
				return err
			}
			sd.Rating = ratingOf(tx, id)
			if sd.Results, err = resultFiles(tx, id, ""); err != nil {
				return err
			}
			if sd.Scans, err = componentFiles(tx, id, ""); err != nil {
				return err
			}
			s.Dossiers = append(s.Dossiers, sd)
			tx.audit(motcua.AuditEntry{Action: "subject.export", Object: d.Code})
		}
		if s.Refusals, err = subjectRefusals(tx, q); err != nil {
			return err
		}
		s.Notices, err = subjectNotices(tx, q)
		return err
	})
	if err != nil {
		return nil, err
	}
	var contacts []any
	for _, c := range []string{q.Phone, q.Email} {
		if c != "" {
			contacts = append(contacts, c)
		}
	}
	var parts []string
	var subArgs []any
	if q.IDNumber != "" {
		parts, subArgs = append(parts, `s.applicant_id_number = ?`), append(subArgs, q.IDNumber)
	}
	if len(contacts) > 0 {
		parts, subArgs = append(parts, `s.contact IN (`+marks(len(contacts))+`)`), append(subArgs, contacts...)
	}
	where := strings.Join(parts, " OR ")
	s.Submissions, err = db.submissions(ctx, `(`+where+`) ORDER BY s.id`, subArgs...)
	return s, err
}

// subjectMatch is the condition on applicant columns for the query.
func subjectMatch(q SubjectQuery) (string, []any) {
	var parts []string
	var args []any
	for _, m := range []struct{ column, value string }{{"applicant_id_number", q.IDNumber}, {"applicant_phone", q.Phone}, {"LOWER(applicant_email)", q.Email}} {
		if m.value != "" {
			parts, args = append(parts, m.column+" = ?"), append(args, m.value)
		}
	}
	return strings.Join(parts, " OR "), args
}

func ratingOf(tx *Tx, dossierID int64) *motcua.Rating {
	var r motcua.Rating
	var at int64
	err := tx.queryRow(`SELECT access_score, procedure_score, official_score, result_score, feedback_score, comment, at FROM ratings WHERE dossier_id = ?`,
		dossierID).Scan(&r.Scores[0], &r.Scores[1], &r.Scores[2], &r.Scores[3], &r.Scores[4], &r.Comment, &at)
	if err != nil {
		return nil
	}
	return &r
}

func subjectRefusals(tx *Tx, q SubjectQuery) (out []SubjectRefusal, err error) {
	var parts []string
	var args []any
	for _, m := range []struct{ column, value string }{{"applicant_id_number", q.IDNumber}, {"applicant_phone", q.Phone}} {
		if m.value != "" {
			parts, args = append(parts, m.column+" = ?"), append(args, m.value)
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	rows, err := tx.query(`SELECT at, applicant_name, applicant_id_number, applicant_address, applicant_phone, reason FROM intake_refusals
		WHERE erased_at = 0 AND (`+strings.Join(parts, " OR ")+`) ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r SubjectRefusal
		var at int64
		if err := rows.Scan(&at, &r.Applicant.Name, &r.Applicant.IDNumber, &r.Applicant.Address, &r.Applicant.Phone, &r.Reason); err != nil {
			return nil, err
		}
		r.At = fromMS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

func subjectNotices(tx *Tx, q SubjectQuery) (out []SubjectNotice, err error) {
	var contacts []any
	for _, c := range []string{q.Phone, q.Email} {
		if c != "" {
			contacts = append(contacts, c)
		}
	}
	if len(contacts) == 0 {
		return nil, nil
	}
	rows, err := tx.query(`SELECT created_at, channel, recipient, subject FROM notifications WHERE recipient IN (`+marks(len(contacts))+`) ORDER BY id`, contacts...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n SubjectNotice
		var at int64
		if err := rows.Scan(&at, &n.Channel, &n.Recipient, &n.Subject); err != nil {
			return nil, err
		}
		n.At = fromMS(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
)

// Rate records a citizen's rating of a returned dossier's service (the
// five SIPAS factors, domain.md §12), once per dossier, by the holder of
// its code and secret. An unsatisfied answer opens a review for the
// deciding unit's leaders.
func (db *DB) Rate(ctx context.Context, code, secret string, r motcua.Rating) (err error) {
	defer motcua.Wrap(&err, "DB.Rate")
	if err := r.Check(); err != nil {
		return err
	}
	d, err := db.trackFull(ctx, code, secret)
	if err != nil {
		return err
	}
	if d.State != motcua.StateReturned {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s chưa trả kết quả; có thể đánh giá sau khi nhận kết quả.", d.Code)
	}
	now := db.now()
	err = db.inTx(ctx, func(tx *Tx) error {
		s := r.Scores
		if _, err := tx.exec(`INSERT INTO ratings (dossier_id, unit_id, access_score, procedure_score, official_score, result_score,
			feedback_score, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.DecidingUnitID, s[0], s[1], s[2], s[3], s[4],
			strings.TrimSpace(motcua.NFC(r.Comment)), ms(now)); err != nil {
			return err
		}
		if !r.Unsatisfied() {
			return nil
		}
		_, err := tx.exec(`INSERT INTO reviews (dossier_id, unit_id, opened_at) VALUES (?, ?, ?)`, d.ID, d.DecidingUnitID, ms(now))
		return err
	})
	db.tracks.forget(d.Code)
	if isUniqueViolation(err) {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s đã được đánh giá. Mỗi hồ sơ được đánh giá một lần.", d.Code)
	}
	return err
}

// Rated reports whether a dossier has been rated.
func (db *DB) Rated(ctx context.Context, dossierID int64) (bool, error) {
	var n int
	err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM ratings WHERE dossier_id = ?`, dossierID).Scan(&n)
	})
	return n > 0, err
}

// OpenReviews lists the unsatisfied ratings awaiting an answer from the
// leader's units, oldest first.
func (db *DB) OpenReviews(ctx context.Context, a *motcua.Actor) (out []motcua.Review, err error) {
	defer motcua.Wrap(&err, "DB.OpenReviews")
	var units []any
	for id := range a.Units {
		if a.CanAnswerReview(id) {
			units = append(units, id)
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT r.id, r.dossier_id, d.code, r.unit_id, r.opened_at, g.access_score, g.procedure_score,
			g.official_score, g.result_score, g.feedback_score, g.comment
			FROM reviews r JOIN dossiers d ON d.id = r.dossier_id JOIN ratings g ON g.dossier_id = r.dossier_id
			WHERE r.closed_at = 0 AND r.unit_id IN (`+marks(len(units))+`) ORDER BY r.opened_at`, units...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v motcua.Review
			var opened int64
			s := &v.Rating.Scores
			if err := rows.Scan(&v.ID, &v.DossierID, &v.DossierCode, &v.UnitID, &opened, &s[0], &s[1], &s[2], &s[3], &s[4], &v.Rating.Comment); err != nil {
				return err
			}
			v.OpenedAt = fromMS(opened)
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// AnswerReview closes a review with the leader's response, which is sent to
// the applicant.
func (db *DB) AnswerReview(ctx context.Context, a *motcua.Actor, id int64, response string) (err error) {
	defer motcua.Wrap(&err, "DB.AnswerReview(%d)", id)
	if response = strings.TrimSpace(motcua.NFC(response)); response == "" {
		return motcua.FieldError("response", "Hãy ghi nội dung trả lời, biện pháp khắc phục cho người dân.")
	}
	now := db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		var unit, dossierID int64
		if err := tx.queryRow(`SELECT unit_id, dossier_id FROM reviews WHERE id = ? AND closed_at = 0`, id).Scan(&unit, &dossierID); err != nil {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy phản ánh đang chờ trả lời này.")
		}
		if !a.CanAnswerReview(unit) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo đơn vị được trả lời phản ánh này.")
		}
		res, err := tx.exec(`UPDATE reviews SET closed_at = ?, closed_by = ?, response = ? WHERE id = ? AND closed_at = 0`, ms(now), a.User.ID, response, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return motcua.Errorf(motcua.ECONFLICT, "Phản ánh này vừa được trả lời; hãy tải lại trang.")
		}
		d, err := getDossier(tx, `d.id = ?`, dossierID)
		if err != nil {
			return err
		}
		to, ok, err := submissionContact(tx, d.ID)
		if err != nil {
			return err
		}
		if !ok {
			to = motcua.Contact{Email: d.Applicant.Email}
			to.Phone, _ = motcua.NormalizePhone(d.Applicant.Phone)
		}
		return queueNotice(tx, to, d.Code, motcua.ReviewAnswerNotice(d.Code, response), now)
	})
}

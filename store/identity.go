package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// How an applicant's identity was established (issue 20, indicator 4.5),
// earned in the store and never taken from a form: a portal session signed
// in through VNeID keeps the number the provider verified, and a
// submission filed from it for that same number is marked; a counter
// officer's lookup in the population database is recorded, and a dossier
// the same officer accepts within the hour for that number and the name
// the database gave is marked as using population data.

// populationLookupTTL is how long a lookup vouches for the data typed from it.
const populationLookupTTL = time.Hour

// OpenVNeIDSession opens a portal session for a contact proved by a VNeID
// sign-in, keeping the personal identification number VNeID verified; it
// returns the session token for the cookie.
func (db *DB) OpenVNeIDSession(ctx context.Context, c motcua.Contact, idNumber string) (token string, err error) {
	defer motcua.Wrap(&err, "DB.OpenVNeIDSession")
	id, problem := ledger.CleanIdentityNumber(motcua.NFC(idNumber))
	if id == "" || problem != "" || !motcua.PersonalNumber(id) {
		return "", motcua.Errorf(motcua.EINVALID, "Tài khoản VNeID không cung cấp số định danh cá nhân hợp lệ (12 chữ số).")
	}
	raw := make([]byte, 32)
	rand.Read(raw)
	token = base64.RawURLEncoding.EncodeToString(raw)
	return token, db.inTx(ctx, func(tx *Tx) error {
		if err := insertCitizenSession(tx, token, c, db.now()); err != nil {
			return err
		}
		_, err := tx.exec(`UPDATE citizen_sessions SET vneid_number = ? WHERE token_hash = ?`, id, tokenHash(token))
		return err
	})
}

// SessionVNeID returns the personal identification number a live portal
// session verified with VNeID; "" for a session opened another way.
func (db *DB) SessionVNeID(ctx context.Context, token string) (number string, err error) {
	var expires int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT vneid_number, expires_at FROM citizen_sessions WHERE token_hash = ?`, tokenHash(token)).Scan(&number, &expires)
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires <= ms(db.now())) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("DB.SessionVNeID: %w", err)
	}
	return number, nil
}

// markVNeID decides a submission's VNeID fact: its applicant's (cleaned)
// number is the one its session verified.
func markVNeID(s *motcua.Submission) {
	id, _ := ledger.CleanIdentityNumber(motcua.NFC(s.Applicant.IDNumber))
	s.VNeID = s.SessionVNeID != "" && id == s.SessionVNeID
}

// LookUpResident asks the population database about a personal
// identification number for a counter officer, records the lookup (which
// acceptance reads, populationFact) and audits it under the masked number,
// found or not.
func (db *DB) LookUpResident(ctx context.Context, a *motcua.Actor, reg motcua.PopulationRegistry, idNumber string) (r *motcua.Resident, err error) {
	defer motcua.Wrap(&err, "DB.LookUpResident")
	if !a.CanLookUpPopulation() {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ tiếp nhận hồ sơ được tra cứu Cơ sở dữ liệu quốc gia về dân cư.")
	}
	id, problem := ledger.CleanIdentityNumber(motcua.NFC(idNumber))
	if id == "" || problem != "" || !motcua.PersonalNumber(id) {
		return nil, motcua.FieldError("applicant_id_number", "Hãy nhập số định danh cá nhân (12 chữ số) của người nộp để tra cứu Cơ sở dữ liệu quốc gia về dân cư.")
	}
	if reg == nil {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Chưa kết nối Cơ sở dữ liệu quốc gia về dân cư.")
	}
	r, lookErr := reg.Resident(ctx, id)
	outcome := "found"
	switch {
	case errors.Is(lookErr, motcua.ErrResidentNotFound):
		outcome = "not found"
	case lookErr != nil:
		outcome = "unavailable"
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "population.lookup", Object: "id:" + motcua.Mask(id), Detail: outcome})
		if lookErr != nil {
			return nil
		}
		return recordLookup(tx, a.User.ID, id, r.Name)
	})
	switch {
	case err != nil:
		return nil, err
	case outcome == "not found":
		return nil, motcua.FieldError("applicant_id_number", "Cơ sở dữ liệu quốc gia về dân cư không có công dân với số định danh %s.", motcua.Mask(id))
	case lookErr != nil:
		// The message for the officer, the cause for the log (it never
		// holds the number: the adapter keeps it out of its errors).
		return nil, fmt.Errorf("%w: %w", errPopulationUnavailable, lookErr)
	}
	return r, nil
}

var errPopulationUnavailable = motcua.Errorf(motcua.ENOTALLOWED,
	"Không kết nối được Cơ sở dữ liệu quốc gia về dân cư; hãy nhập thông tin theo giấy tờ của người nộp hoặc thử lại sau.")

// recordLookup keeps the officer's lookup for populationLookupTTL, and
// drops every expired one: personal data kept no longer than it vouches
// (the table holds about an hour of lookups).
func recordLookup(tx *Tx, userID int64, id, name string) error {
	now := tx.db.now()
	if _, err := tx.exec(`DELETE FROM population_lookups WHERE looked_up_at < ?`, ms(now.Add(-populationLookupTTL))); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO population_lookups (user_id, id_number, name, looked_up_at) VALUES (?, ?, ?, ?)`,
		userID, id, motcua.NFC(name), ms(now))
	return err
}

// identityFacts completes an intake's identity facts in the transaction
// that accepts it: the VNeID fact the submission brought (in.Identity) and
// the population fact the officer earned (populationFact).
func identityFacts(tx *Tx, a *motcua.Actor, in motcua.Intake) (*motcua.IdentityFacts, error) {
	facts := in.Identity
	db, err := populationFact(tx, a, in.Applicant)
	if err != nil || db == "" {
		return facts, err
	}
	if facts == nil {
		facts = &motcua.IdentityFacts{Type: motcua.IdentityCitizen}
	}
	facts.Database = db
	return facts, nil
}

// populationFact is motcua.PopulationDatabase when the officer looked the
// applicant's number up within the hour and the name accepted is the one
// the database gave; "" otherwise.
func populationFact(tx *Tx, a *motcua.Actor, ap motcua.Applicant) (string, error) {
	if !a.CanLookUpPopulation() || !motcua.PersonalNumber(ap.IDNumber) {
		return "", nil
	}
	rows, err := tx.query(`SELECT name FROM population_lookups WHERE user_id = ? AND id_number = ? AND looked_up_at >= ?`,
		a.User.ID, ap.IDNumber, ms(tx.db.now().Add(-populationLookupTTL)))
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
		if sameName(name, ap.Name) {
			return motcua.PopulationDatabase, nil
		}
	}
	return "", rows.Err()
}

// sameName compares names as written, diacritics included (Bình is not
// Bính), ignoring case and runs of spaces.
func sameName(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(motcua.NFC(s)), " ") }
	return strings.EqualFold(norm(a), norm(b))
}

// acceptedFacts reads what getDossier takes from a dossier's acceptance
// event in one read: its bill and its identity facts (nil when none).
func acceptedFacts(tx *Tx, dossierID int64) (*motcua.FeeBill, *motcua.IdentityFacts, error) {
	var data string
	err := tx.queryRow(`SELECT data FROM events WHERE dossier_id = ? AND seq = 1`, dossierID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	var accepted struct {
		Fees     *motcua.FeeBill       `json:"fees"`
		Identity *motcua.IdentityFacts `json:"identity"`
	}
	if err := json.Unmarshal([]byte(data), &accepted); err != nil {
		return nil, nil, fmt.Errorf("dossier %d accepted event: %w", dossierID, err)
	}
	return accepted.Fees, accepted.Identity, nil
}

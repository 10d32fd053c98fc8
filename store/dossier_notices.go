package store

import (
	"github.com/motcua/motcua"
)

// dossierNotices queues what the change from cur to next, through event e,
// tells the applicant (motcua.DossierNotice decides it and writes it). It
// goes to the contact the submission was filed from, else to the e-mail and
// phone given at the counter; a result ready with an electronic result
// attached to e, for a dossier filed online, says where its contact
// downloads it.
func (db *DB) dossierNotices(tx *Tx, cur, next *motcua.Dossier, e *motcua.Event) error {
	n, ok := motcua.DossierNotice(cur, next, e, db.PublicURL)
	if !ok {
		return nil
	}
	to, online, err := submissionContact(tx, next.ID)
	if err != nil {
		return err
	}
	if !online {
		to = motcua.Contact{Email: next.Applicant.Email}
		if phone, err := motcua.NormalizePhone(next.Applicant.Phone); err == nil {
			to.Phone = phone
		}
	}
	if n.Kind == motcua.NoticeResultReady {
		if n, err = db.withElectronicResult(tx, n, next.ID, e.Seq, online); err != nil {
			return err
		}
	}
	return queueNotice(tx, to, n.Code, n, db.now())
}

// withElectronicResult adds to a result-ready notice the page where the
// electronic result of event seq is downloaded, when one is attached and
// the dossier was filed online: only the submission's contact may open it,
// on their own page.
func (db *DB) withElectronicResult(tx *Tx, n motcua.ApplicantNotice, dossierID int64, seq int, online bool) (motcua.ApplicantNotice, error) {
	electronic, err := hasResultFile(tx, dossierID, seq)
	if err != nil || !electronic || !online {
		return n, err
	}
	var subID int64
	if err := tx.queryRow(`SELECT id FROM submissions WHERE dossier_id = ?`, dossierID).Scan(&subID); err != nil {
		return n, err
	}
	return n.WithElectronicResult(db.mineURL(subID)), nil
}

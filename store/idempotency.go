package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/motcua/motcua"
)

// Idempotency keys live in one column per table, so each is namespaced by
// who sent it: an officer's keys cannot name another officer's request, an
// API client's cannot name another client's, a citizen's cannot name
// another contact's, and none from outside can take the form of a key the
// system derives itself ("submission:N"), which has no sender prefix.

// senderKey namespaces an intake key sent by the actor: "partner:<client>:"
// for an API client (the form inbound registrations have always had),
// "user:<id>:" for an officer. An empty key stays empty: no idempotency.
func senderKey(a *motcua.Actor, key string) string {
	switch {
	case key == "":
		return ""
	case a.Client != nil:
		return clientKey(a.Client.ID, key)
	}
	return "user:" + strconv.FormatInt(a.User.ID, 10) + ":" + key
}

// clientKey namespaces a key an API client sent.
func clientKey(clientID int64, key string) string {
	return "partner:" + strconv.FormatInt(clientID, 10) + ":" + key
}

// contactKey namespaces the key of a citizen's online form by the contact
// that signed in.
func contactKey(c motcua.Contact, key string) string {
	return "contact:" + c.String() + ":" + key
}

// submissionKey is the key the system gives the acceptance of an online
// submission: a second officer's click is the same dossier.
func submissionKey(id int64) string {
	return "submission:" + strconv.FormatInt(id, 10)
}

// errKeyReused answers a key sent again with a different request: the
// first answer would be silently wrong, a new one would break the promise.
var errKeyReused = motcua.Errorf(motcua.ECONFLICT,
	"Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một yêu cầu có nội dung khác; hãy tải lại biểu mẫu (hoặc dùng khóa mới) rồi gửi lại.")

// sameRequest reports whether a request hashed to hash is the one stored
// under its key as stored. An empty hash on either side (a system key, or a
// row written before hashes were kept) matches.
func sameRequest(stored, hash string) error {
	if stored != "" && hash != "" && stored != hash {
		return errKeyReused
	}
	return nil
}

// requestHash is the SHA-256 of v's JSON, the fingerprint of a request.
func requestHash(v any) string {
	b, _ := json.Marshal(v) // plain fields, times and strings: it cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// intakeHash fingerprints an intake as sent, without its key.
func intakeHash(in motcua.Intake) string {
	in.Key = ""
	if in.Fees.Copies == 0 && in.Fees.Pages == 0 && in.Fees.Sets == 0 && len(in.Fees.Exempt) == 0 {
		// No fee quantities: the outer field hides the embedded one and is
		// left out, so the fingerprints of intakes keyed before issue 19 stay.
		return requestHash(struct {
			motcua.Intake
			Fees *motcua.FeeQuantities `json:",omitempty"`
		}{Intake: in})
	}
	return requestHash(in)
}

// submissionHash fingerprints what a submission asks for: the procedure,
// the place, the applicant, the delivery and the files' contents (in a
// fixed order: a form's files arrive in any).
func submissionHash(s *motcua.Submission) string {
	type file struct{ Document, SHA256 string }
	files := make([]file, 0, len(s.Files))
	for _, f := range s.Files {
		files = append(files, file{f.Document, f.SHA256})
	}
	slices.SortFunc(files, func(a, b file) int {
		return cmp.Or(cmp.Compare(a.Document, b.Document), cmp.Compare(a.SHA256, b.SHA256))
	})
	var facts *motcua.CompetenceFacts // left out when none: the fingerprints of older filings stay
	if s.Competence != (motcua.CompetenceFacts{}) {
		facts = &s.Competence
	}
	return requestHash(struct {
		ProcedureID, UnitID int64
		Applicant           motcua.Applicant
		Note, Delivery, To  string
		Files               []file
		Competence          *motcua.CompetenceFacts `json:",omitempty"`
		Return              int64                   `json:",omitempty"`
		Copies, Pages       int                     `json:",omitempty"` // left out when none, as Competence
	}{s.ProcedureID, s.UnitID, s.Applicant, s.Note, string(s.Delivery), s.DeliveryTo, files, facts, s.ReturnUnitID,
		s.Fees.Copies, s.Fees.Pages})
}

package motcua

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// An online submission (Nộp trực tuyến, domain.md §5) is what a citizen
// files through the portal. It is not a dossier: the clock does not run and
// no code is issued until the one-stop accepts it. The one-stop may ask
// once for everything missing, or refuse with reasons.

// SubmissionState is where a submission stands.
type SubmissionState string

const (
	SubmissionPending    SubmissionState = "pending"    // Chờ tiếp nhận
	SubmissionIncomplete SubmissionState = "incomplete" // Chờ bổ sung: the one-stop asked for additions
	SubmissionAccepted   SubmissionState = "accepted"   // Đã tiếp nhận: a dossier now
	SubmissionRefused    SubmissionState = "refused"    // Từ chối tiếp nhận
)

// Label is the state in Vietnamese.
func (s SubmissionState) Label() string {
	switch s {
	case SubmissionPending:
		return "Chờ tiếp nhận"
	case SubmissionIncomplete:
		return "Chờ bổ sung"
	case SubmissionAccepted:
		return "Đã tiếp nhận"
	case SubmissionRefused:
		return "Từ chối tiếp nhận"
	}
	return string(s)
}

// Delivery is how the applicant wants the result.
type Delivery string

const (
	DeliveryOnline  Delivery = "online"  // Nhận kết quả trực tuyến
	DeliveryCounter Delivery = "counter" // Nhận tại Bộ phận một cửa
	DeliveryPost    Delivery = "post"    // Nhận qua bưu chính, at Address
)

// Label is the delivery in Vietnamese.
func (d Delivery) Label() string {
	switch d {
	case DeliveryOnline:
		return "Nhận kết quả trực tuyến"
	case DeliveryCounter:
		return "Nhận tại Bộ phận Một cửa"
	case DeliveryPost:
		return "Nhận qua dịch vụ bưu chính"
	}
	return string(d)
}

// Contact is the e-mail address or phone number a citizen proved with a
// one-time code; notices go there.
type Contact struct {
	Email string
	Phone string
}

// String is the contact as the citizen typed it.
func (c Contact) String() string {
	if c.Email != "" {
		return c.Email
	}
	return c.Phone
}

// ParseContact reads an e-mail address or a Vietnamese phone number.
func ParseContact(s string) (Contact, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "@") {
		a, err := mail.ParseAddress(s)
		if err != nil || a.Name != "" || !strings.Contains(a.Address[strings.LastIndex(a.Address, "@"):], ".") {
			return Contact{}, FieldError("contact", "Địa chỉ thư điện tử %q không hợp lệ.", s)
		}
		return Contact{Email: strings.ToLower(a.Address)}, nil
	}
	phone, err := NormalizePhone(s)
	if err != nil {
		return Contact{}, FieldError("contact", "Hãy nhập địa chỉ thư điện tử hoặc số điện thoại di động (10 chữ số).")
	}
	return Contact{Phone: phone}, nil
}

// NormalizePhone turns "0912 345 678" or "+84912345678" into 0912345678.
func NormalizePhone(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || (r == '+' && b.Len() == 0):
		default:
			return "", fmt.Errorf("phone %q: unexpected %q", s, r)
		}
	}
	p := b.String()
	if strings.HasPrefix(p, "84") && len(p) == 11 {
		p = "0" + p[2:]
	}
	if len(p) != 10 || p[0] != '0' {
		return "", fmt.Errorf("phone %q: want 10 digits starting with 0", s)
	}
	return p, nil
}

// Submission is an online filing awaiting, or past, the one-stop's decision.
type Submission struct {
	ID            int64
	Key           string // idempotency key of the form: a retried post is the same submission
	Contact       Contact
	ProcedureID   int64
	ProcedureCode string
	ProcedureName string
	UnitID        int64 // where it is filed (the receiving unit)
	Applicant     Applicant
	Note          string
	Delivery      Delivery
	DeliveryTo    string // the postal address when Delivery is post
	// Competence is what the applicant says that decides the competent
	// unit, for a procedure with a competence rule (the fact the rule
	// reads only); ReturnUnitID is where they collect the result when
	// Delivery is counter (0: where it is filed).
	Competence   CompetenceFacts
	ReturnUnitID int64
	// Fees are the copies and pages asked for, which the version's fee
	// lines count (issue 19); no exemption is claimed online, and sets
	// are the one set filed. The bill is computed at acceptance.
	Fees  FeeQuantities
	Files []SubmittedFile
	// VNeID: the applicant's identity number is the one the filing portal
	// session verified with VNeID; the store decides it at filing
	// (SessionVNeID against Applicant.IDNumber), never the form.
	VNeID bool
	// SessionVNeID is the number the filing session verified with VNeID,
	// handed from the session to the store; never kept or shown.
	SessionVNeID string `json:"-"`
	State        SubmissionState
	Missing      []string // what the one-stop asked for (incomplete)
	Reason       string   // the refusal's reasons, or the request's note
	DossierID    int64    // once accepted
	DossierCode  string
	DossierState State // the dossier's state once accepted, from the ledger's projection
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DecidedBy    int64 // the officer who accepted, asked or refused
	// NationalCode is the national dossier code of a dossier filed on the
	// National Public Service Portal (pushed or pulled, partner/dvcqg);
	// "" for the portal's own submissions.
	NationalCode string
}

// StatusLabel is where the filing stands as the citizen reads it: the
// dossier's state once accepted, else the submission's.
func (s *Submission) StatusLabel() string {
	if s.State == SubmissionAccepted && s.DossierState != "" {
		return s.DossierState.Label()
	}
	return s.State.Label()
}

// SubmittedFile is one uploaded document of a submission.
type SubmittedFile struct {
	ID          int64
	Document    string // which required document it is (its name in the catalogue)
	FileName    string
	ContentType string // as sniffed from the content, not as the browser said
	Size        int64
	SHA256      string // hex; also where the file is stored
	At          time.Time
}

// Open reports whether the one-stop still has to decide.
func (s *Submission) Open() bool {
	return s.State == SubmissionPending || s.State == SubmissionIncomplete
}

// Initials shortens a name to its initials ("Nguyễn Văn An" → "N. V. A."):
// all the tracking page shows of an applicant.
func Initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(NFC(name)) {
		r := []rune(w)
		parts = append(parts, strings.ToUpper(string(r[0]))+".")
	}
	return strings.Join(parts, " ")
}

// WeakFactor reports whether a tracking factor is the last four digits of
// a phone (guessable, so bounded) rather than the receipt's secret.
func WeakFactor(secret string) bool {
	secret = strings.TrimSpace(secret)
	return len(secret) == 4 && strings.Trim(secret, "0123456789") == ""
}

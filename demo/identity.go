package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/store"
)

// Identity in the demo (issue 20, indicator 4.5): some online dossiers are
// filed from portal sessions opened through VNeID, and some counter
// dossiers are filled from a lookup in the population database, so the
// scorecard's 4.5a and 4.5b have something true to count. Both go through
// the store's real paths (OpenVNeIDSession then Submit and
// AcceptSubmission; LookUpResident before AcceptDigitised): the facts are
// earned, never written. Which dossiers is decided by their applicants'
// numbers, not by the generator's random numbers, so every other fact of
// the demo stays what it was.

// demoIDPrefix begins the demo applicants' numbers (generator.applicant).
const demoIDPrefix = "0670"

// Registry is the demo's population database (dữ liệu mẫu). It knows the
// 12-digit numbers beginning with 0670 — the demo applicants' numbers —
// and no other: a number some dossier already names is that applicant
// (Applicants), any other one resident invented from the number, always
// the same. serve --demo offers it at the counter when no real database
// is configured; it never stands in for one.
type Registry struct {
	// Applicants, when set, answers with the applicant the demo already
	// holds for a number (found false: none); nil: every number invented.
	Applicants func(ctx context.Context, idNumber string) (ap motcua.Applicant, found bool, err error)
}

var _ motcua.PopulationRegistry = Registry{}

// NewRegistry is the registry answering from the applicants of db.
func NewRegistry(db *store.DB) Registry {
	return Registry{Applicants: db.LatestApplicant}
}

// Resident answers for a demo number.
func (reg Registry) Resident(ctx context.Context, idNumber string) (*motcua.Resident, error) {
	if len(idNumber) != 12 || !strings.HasPrefix(idNumber, demoIDPrefix) || strings.Trim(idNumber, "0123456789") != "" {
		return nil, motcua.ErrResidentNotFound
	}
	r := invented(idNumber)
	if reg.Applicants == nil {
		return r, nil
	}
	ap, found, err := reg.Applicants(ctx, idNumber)
	if err != nil {
		return nil, err
	}
	if found {
		r.Name, r.Residence = ap.Name, ap.Address
		r.Sex = sexOf(ap.Name)
	}
	return r, nil
}

// invented is the resident the registry makes up for a number: names from
// the generator's lists, a birth date and a residence in a demo commune,
// drawn from the number's hash.
func invented(idNumber string) *motcua.Resident {
	h := fnv.New64a()
	h.Write([]byte(idNumber))
	n := h.Sum64()
	pick := func(s []string) string {
		v := s[n%uint64(len(s))]
		n /= uint64(len(s))
		return v
	}
	name := pick(familyNames) + " " + pick(middleNames) + " " + pick(givenNames)
	year := 1950 + int(n%55)
	n /= 55
	born := time.Date(year, time.Month(1+n%12), 1+int(n/12%28), 0, 0, 0, 0, motcua.VN)
	n /= 12 * 28
	residence := pick(villages) + ", " + lowerFirst(newCommunes[n%uint64(len(newCommunes))].name) + ", tỉnh Lâm Đồng"
	return &motcua.Resident{IDNumber: idNumber, Name: name, BirthDate: born, BirthYear: year, Sex: sexOf(name), Residence: residence}
}

// sexOf guesses from the middle name as the demo's names are made ("Thị",
// "Ngọc": a woman); the demo's residents are invented anyway.
func sexOf(name string) string {
	for _, w := range strings.Fields(name) {
		if w == "Thị" || w == "Ngọc" {
			return "Nữ"
		}
	}
	return "Nam"
}

// The applicant's number picks the dossiers by its last digit: below
// vneidShare online (seven in ten: signing in to the portal is mostly
// through VNeID), below populationShare at a counter (three in ten).
const vneidShare, populationShare = '7', '3'

// usesIdentity reports whether the dossier of applicant ap received by
// channel goes through an identity path: a VNeID session online, a
// population lookup at a counter.
func usesIdentity(ap motcua.Applicant, channel motcua.Channel) bool {
	id, share := ap.IDNumber, byte(populationShare)
	if channel == motcua.ChannelOnline {
		share = vneidShare
	}
	return len(id) == 12 && id[11] < share
}

// lookUp asks the demo's population database about the applicant as the
// counter officer would before accepting; the database answers with the
// very applicant the generator invented, so the data accepted is the
// data looked up (and the dossier is recorded as using it).
func (g *generator) lookUp(ctx context.Context, counter *motcua.Actor, in *motcua.Intake) error {
	if in.Channel != motcua.ChannelCounter || !usesIdentity(in.Applicant, in.Channel) {
		return nil
	}
	applicant := in.Applicant
	reg := Registry{Applicants: func(context.Context, string) (motcua.Applicant, bool, error) { return applicant, true, nil }}
	r, err := g.db.LookUpResident(ctx, counter, reg, in.Applicant.IDNumber)
	if err != nil {
		return fmt.Errorf("look up a demo resident: %w", err)
	}
	in.Applicant.Name, in.Applicant.Address = r.Name, r.Residence
	return nil
}

// viaVNeID files an online dossier as a citizen signed in with VNeID
// would, and has the counter accept it; nil when the dossier is not one
// to file so (its applicant's number, or a procedure not filed online
// at the unit as the demo's online dossiers otherwise are).
func (g *generator) viaVNeID(ctx context.Context, counter *motcua.Actor, p *motcua.Procedure, in motcua.Intake, t time.Time) (*motcua.Dossier, error) {
	if in.Channel != motcua.ChannelOnline || !usesIdentity(in.Applicant, in.Channel) || p.Competence != motcua.CompetenceHere ||
		(p.OnlineLevel != motcua.OnlineFull && p.OnlineLevel != motcua.OnlinePartial) {
		return nil, nil
	}
	c := motcua.Contact{Phone: in.Applicant.Phone}
	token, err := g.db.OpenVNeIDSession(ctx, c, in.Applicant.IDNumber)
	if err != nil {
		return nil, err
	}
	verified, err := g.db.SessionVNeID(ctx, token)
	if err != nil {
		return nil, err
	}
	files, err := g.uploads(in, t)
	if err != nil {
		return nil, err
	}
	s := &motcua.Submission{Key: "demo-vneid-" + in.Applicant.IDNumber + "-" + fmt.Sprint(t.UnixMilli()), ProcedureID: p.ID, UnitID: in.UnitID,
		Delivery: motcua.DeliveryOnline, Applicant: in.Applicant, Files: files, SessionVNeID: verified}
	if err := g.db.Submit(ctx, c, s); motcua.ErrorCode(err) == motcua.EINVALID {
		return nil, nil // not filed online at this unit: the demo's plain online dossier instead
	} else if err != nil {
		return nil, err
	}
	return g.db.AcceptSubmission(ctx, counter, s.ID)
}

// uploads are the citizen's files, one per component brought: sample
// pages in the file store when the demo has one, else entries naming a
// sample page no store holds (the seed tests, which open no file).
func (g *generator) uploads(in motcua.Intake, t time.Time) ([]motcua.SubmittedFile, error) {
	var out []motcua.SubmittedFile
	for i, doc := range in.Documents {
		name := fmt.Sprintf("tai-len-%d.pdf", i+1)
		sum := sha256.Sum256([]byte(doc.Name))
		f := motcua.SubmittedFile{FileName: name, ContentType: "application/pdf", Size: 1, SHA256: hex.EncodeToString(sum[:])}
		if g.digital != nil {
			var buf bytes.Buffer
			if err := forms.DemoScan(&buf, doc.Name, in.Applicant.Name, t); err != nil {
				return nil, err
			}
			var err error
			if f, err = g.digital.save(name, &buf); err != nil {
				return nil, err
			}
		}
		f.Document = doc.Name
		out = append(out, f)
	}
	return out, nil
}

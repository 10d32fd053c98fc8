package demo

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

// The digital dossier in the demo (issue 18): given a file store, most of
// today's dossiers received at a counter or by post get a scan of each
// component at intake, and most results that are documents are issued as
// electronic results with a code, so the report's group-4 indicators and
// the dossier pages have something true to show. The files are sample
// pages saying so (forms.DemoScan). The seeded results are not signed:
// the demo's keys are made after the units; results issued while trying
// the demo are.

// digital draws its own random numbers: the dossiers, their dates and
// fates stay those of a demo seeded without files.
type digital struct {
	files  *files.Store
	public string // the verification page's address, printed on results
	rng    *rand.Rand
}

func newDigital(opt Options) *digital {
	if opt.Files == nil {
		return nil
	}
	return &digital{files: opt.Files, public: cmp.Or(opt.PublicURL, "http://localhost:8080"), rng: rand.New(rand.NewPCG(2025, 7))}
}

// scans are the component files of a dossier received at t, or none: the
// online dossiers carry the citizen's uploads, the 2024 history none, and
// about one counter dossier in five is left for the officer to scan.
func (dg *digital) scans(in motcua.Intake, t time.Time) ([]motcua.ComponentFile, error) {
	if dg == nil || t.Before(changeDay) || in.Channel == motcua.ChannelOnline || dg.rng.IntN(5) == 0 {
		return nil, nil
	}
	var out []motcua.ComponentFile
	for i, c := range in.Documents {
		var buf bytes.Buffer
		if err := forms.DemoScan(&buf, c.Name, in.Applicant.Name, t); err != nil {
			return nil, err
		}
		f, err := dg.save(fmt.Sprintf("ban-so-hoa-%d.pdf", i+1), &buf)
		if err != nil {
			return nil, err
		}
		out = append(out, motcua.ComponentFile{SubmittedFile: f, Component: i})
	}
	return out, nil
}

// result is the electronic result to issue with a result-ready action, or
// nil: a result that is not a document, the history, one in four left
// without.
func (dg *digital) result(ctx context.Context, db *store.DB, p *motcua.Procedure, d *motcua.Dossier, at time.Time) (*store.ResultIssue, error) {
	if dg == nil || at.Before(changeDay) || !ledger.ResultIsDocument(p.ResultType) || dg.rng.IntN(4) == 0 {
		return nil, nil
	}
	unit, err := db.Unit(ctx, d.DecidingUnitID)
	if err != nil {
		return nil, err
	}
	code := motcua.NewResultCode()
	var buf bytes.Buffer
	err = forms.ResultSheet(&buf, forms.ResultSheetData{Unit: unit.Name, Code: code, DossierCode: d.Code, ProcedureName: d.ProcedureName,
		Kind: p.ResultType, IssuedAt: at, VerifyURL: motcua.VerifyURL(dg.public, code),
		Content: "Kết quả mẫu của chế độ demo: " + p.ResultType + " cấp cho " + d.Applicant.Name + "."})
	if err != nil {
		return nil, err
	}
	f, err := dg.save("ket-qua-"+code+".pdf", &buf)
	if err != nil {
		return nil, err
	}
	f.Document = store.ResultDocument
	return &store.ResultIssue{File: &f, Code: code}, nil
}

// save checks bytes into the file store.
func (dg *digital) save(name string, buf *bytes.Buffer) (motcua.SubmittedFile, error) {
	c, err := dg.files.Check(name, buf)
	if err != nil {
		return motcua.SubmittedFile{}, err
	}
	if err := dg.files.Save(c); err != nil {
		return motcua.SubmittedFile{}, err
	}
	return motcua.SubmittedFile{FileName: c.Name, ContentType: c.ContentType, Size: c.Size(), SHA256: c.SHA256}, nil
}

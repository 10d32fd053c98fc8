package web_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestNationalFileGoesToTheNationalSideOnly: the file a national record
// links to is served, byte for byte, to an external system whose scope
// holds the dossier, with its key; a system scoped elsewhere finds
// nothing, a system without the read grant is refused, and neither an
// officer's session nor no key opens it.
func TestNationalFileGoesToTheNationalSideOnly(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	pdf := []byte("%PDF-1.4\n% tờ khai\n%%EOF\n")
	checked, err := e.site.Files.Check("to-khai.pdf", bytes.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	sha := checked.SHA256
	if err := e.site.Files.Save(checked); err != nil {
		t.Fatal(err)
	}
	counter, err := e.db.Actor(ctx, fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := motcua.Intake{ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Trần Thị Bình"}, Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}}
	d, err := e.db.AcceptDigitised(ctx, counter, in, []motcua.ComponentFile{{Component: 0,
		SubmittedFile: motcua.SubmittedFile{FileName: "to-khai.pdf", ContentType: "application/pdf", Size: int64(len(pdf)), SHA256: sha}}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := e.db.NationalRecord(ctx, d.ID)
	if err != nil || len(rec.Components) == 0 || rec.Components[0].FileURL == "" {
		t.Fatalf("the record links no file: %+v, %v", rec, err)
	}
	link := e.srv.URL + motcua.NationalFilePath + "/" + sha
	client := func(unit string, actions ...motcua.ClientAction) string {
		key, _, err := e.db.CreateClient(ctx, store.ClientSpec{Name: "Cổng DVC quốc gia " + unit + string(rune('a'+len(actions))), UnitCodes: []string{unit}, Actions: actions})
		if err != nil {
			t.Fatal(err)
		}
		return key
	}
	fetch := func(auth string) (int, []byte) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, body
	}
	if status, body := fetch("Bearer " + client(fx.District.Code, motcua.ClientRead)); status != http.StatusOK || !bytes.Equal(body, pdf) {
		t.Fatalf("the national side, scoped to the district: %d %q", status, body)
	}
	officer := e.login(t, fx.CounterA)
	for name, auth := range map[string]string{"no key": "", "an officer's session": "Bearer " + officer.cookie,
		"a key scoped to B": "Bearer " + client(fx.UnitB.Code, motcua.ClientRead), "a key without read": "Bearer " + client(fx.UnitA.Code, motcua.ClientEvents),
		"a made-up key": "Bearer mc_" + sha[:32]} {
		if status, body := fetch(auth); status == http.StatusOK || bytes.Equal(body, pdf) {
			t.Errorf("%s opened the file: %d", name, status)
		}
	}
}

package catalogio

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func TestJSONRoundTrip(t *testing.T) {
	s := realistic()
	got, err := ReadJSON(bytes.NewReader(writeJSON(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, Normalize(s))
	for i, v := range got.Versions {
		if !strings.HasPrefix(v.Source, "versions[") {
			t.Errorf("version %d: Source %q, want versions[i]", i, v.Source)
		}
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	s := realistic()
	got, err := ReadXLSX(bytes.NewReader(writeXLSX(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, Normalize(s))
	for i, v := range got.Versions {
		if want := fmt.Sprintf("Thủ tục, dòng %d", i+2); v.Source != want {
			t.Errorf("version %d: Source %q, want %q", i, v.Source, want)
		}
	}
}

// TestNormalize pins what the round trip guarantee is relative to.
func TestNormalize(t *testing.T) {
	n := Normalize(realistic())
	var order []string
	for _, v := range n.Versions {
		order = append(order, fmt.Sprintf("%s/%s/%s/%d", v.Code, v.Level, v.Status, v.Version))
	}
	want := []string{"1.001193/commune/published/1", "1.001193/commune/published/2", "1.001193/commune/draft/-9",
		"2.000815/commune/published/1", "2.000815/commune/published/2", "2.000884/district/published/1"}
	if !slices.Equal(order, want) {
		t.Errorf("versions in order %v, want %v", order, want)
	}
	if n.Decisions[0].Number != "12/QĐ-UBND" || n.Decisions[0].ID != 0 || !n.Decisions[0].CreatedAt.IsZero() || n.Decisions[0].Changes != nil {
		t.Errorf("first decision %+v: want 12/QĐ-UBND without id, creation time or changes", n.Decisions[0])
	}
	first := n.Versions[0]
	if first.ID != 0 || first.VersionID != 0 || first.Documents == nil || first.EffectiveFrom.Location() != motcua.VN ||
		first.EffectiveFrom.Nanosecond() != 123e6 || !first.OnlineFrom.IsZero() {
		t.Errorf("first version %+v: want no ids, empty documents, instant in VN with its milliseconds", first.Procedure)
	}
	if n.Versions[1].DecisionID != 0 || n.Versions[1].Source != "" {
		t.Errorf("amendment keeps DecisionID %d or Source %q", n.Versions[1].DecisionID, n.Versions[1].Source)
	}
	if signed := n.Decisions[0].SignedOn; signed != time.Date(2024, 12, 20, 0, 0, 0, 0, motcua.VN) {
		t.Errorf("signed on %v, want 20/12/2024 00:00 in VN", signed)
	}
}

// TestWritersAreDeterministic: the same catalogue, given in another order,
// with other ids and in another time zone, is written as the same bytes.
func TestWritersAreDeterministic(t *testing.T) {
	a, b := realistic(), realistic()
	slices.Reverse(b.Decisions)
	slices.Reverse(b.Versions)
	for i := range b.Versions {
		v := &b.Versions[i]
		v.ID, v.EffectiveFrom = int64(100+i), v.EffectiveFrom.In(time.FixedZone("CET", 3600))
	}
	if ja, jb := writeJSON(t, a), writeJSON(t, b); !bytes.Equal(ja, jb) {
		t.Errorf("JSON differs:\n%s\n---\n%s", ja, jb)
	}
	// excelize writes fixed document dates and no zip timestamps, so the
	// bytes are equal too; were that to change, equal re-read snapshots are
	// what matters.
	xa, xb := writeXLSX(t, a), writeXLSX(t, b)
	ra, err := ReadXLSX(bytes.NewReader(xa))
	if err != nil {
		t.Fatal(err)
	}
	rb, err := ReadXLSX(bytes.NewReader(xb))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, ra, rb)
	if !bytes.Equal(xa, xb) {
		t.Error("the same catalogue gave two different workbooks")
	}
}

// TestWritersRefuseWhatReadersRefuse: a file is never written that cannot
// be read back.
func TestWritersRefuseWhatReadersRefuse(t *testing.T) {
	s := realistic()
	s.Versions[0].Steps[1].Role = motcua.RoleAdmin
	s.Versions[2].DecisionNumber, s.Versions[2].DecisionIssuer = "404/QĐ-UBND", issuer
	for name, write := range map[string]func(*bytes.Buffer) error{
		"json": func(b *bytes.Buffer) error { return WriteJSON(b, s) },
		"xlsx": func(b *bytes.Buffer) error { return WriteXLSX(b, s) },
	} {
		var b bytes.Buffer
		err := write(&b)
		wantProblems(t, err, "(1.001193), bước 2: vai trò “admin” không hợp lệ (counter, specialist, leader)",
			"(2.000884): không có quyết định 404/QĐ-UBND")
		if b.Len() > 0 {
			t.Errorf("%s: %d bytes written for a refused snapshot", name, b.Len())
		}
	}
}

func TestNFDTextBecomesNFC(t *testing.T) {
	const nfd = "Thu\u0309 tu\u0323c đăng ky\u0301 khai sinh" // "Thủ tục đăng ký khai sinh", decomposed
	s := realistic()
	s.Versions[0].Name = nfd
	s.Versions[0].Steps[0].Name = "  Tie\u0302\u0301p nha\u0323\u0302n  "
	want := Normalize(s)
	if want.Versions[2].Name != "Thủ tục đăng ký khai sinh" {
		t.Fatalf("Normalize left %q", want.Versions[2].Name)
	}

	js := strings.Replace(string(writeJSON(t, s)), "Thủ tục đăng ký khai sinh", nfd, -1)
	got, err := ReadJSON(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, want)

	// Keys typed decomposed or padded still link rows: a version to its
	// decision, a step to its version.
	book := editBook(t, realistic(), func(e *bookEditor) {
		e.set(sheetVersions, 4, colName, nfd)
		e.set(sheetVersions, 4, colIssuer, "Chu\u0309 ti\u0323ch UBND ti\u0309nh Đă\u0301k Nông")
		e.set(sheetSteps, 2, colStepName, "Tie\u0302\u0301p nha\u0323\u0302n")
		e.set(sheetSteps, 2, colCode, " 1.001193\t")
	})
	got, err = ReadXLSX(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	if got.Versions[2].Name != "Thủ tục đăng ký khai sinh" || got.Versions[0].Steps[0].Name != "Tiếp nhận" {
		t.Errorf("XLSX read %q and %q, want NFC", got.Versions[2].Name, got.Versions[0].Steps[0].Name)
	}
}

package store_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/store"
)

// scan is a checked scan of component i as the file store would give it.
func scan(i int, name string, size int64, sha byte) motcua.ComponentFile {
	return motcua.ComponentFile{Component: i, SubmittedFile: motcua.SubmittedFile{FileName: name, ContentType: "application/pdf",
		Size: size, SHA256: strings.Repeat(strconv.FormatInt(int64(sha), 16), 64)[:64]}}
}

// twoComponents is the fixture's intake with two components received.
func (f *fixture) twoComponents() motcua.Intake {
	in := f.intake(f.a.ID)
	in.Documents = append(in.Documents, motcua.ReceivedDocument{Name: "Giấy chứng sinh", Kind: motcua.DocOriginal, Count: 1})
	return in
}

// TestScansAtIntakeAndLaterTheSameDayOnly: a counter dossier accepted with
// the scan of one component is marked digitised by its officer at intake;
// the other component is scanned the same evening; the next day a scan is
// refused with the reason and nothing is written. The dossier counts as
// digitised once every component has its file and its electronic result
// is attached. Another unit's officer neither lists nor opens the scans;
// each open is audited; backups name the files and retention erases them.
func TestScansAtIntakeAndLaterTheSameDayOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{scan(0, "to-khai.pdf", 1000, 0xa)})
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.ComponentFiles(ctx, f.counterA, d.ID)
		if err != nil || len(list) != 1 || list[0].Document != "Tờ khai đăng ký khai sinh" || list[0].ByID != f.counterA.User.ID ||
			list[0].ByName != f.counterA.User.FullName || !list[0].At.Equal(monday) {
			t.Fatalf("scans after intake: %+v, %v", list, err)
		}
		dg, err := db.Digitisation(ctx, f.counterA, d.ID)
		if err != nil || dg.Complete || !slices.Equal(dg.Missing, []string{"Giấy chứng sinh"}) || !dg.ResultMissing {
			t.Fatalf("digitisation after intake: %+v, %v", dg, err)
		}

		setNow(db, monday.Add(9*time.Hour)) // 18:00, the same day
		if err := db.AttachScans(ctx, f.counterB, d.ID, []motcua.ComponentFile{scan(1, "b.pdf", 10, 0xb)}); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another unit's officer attaches: %v", err)
		}
		if err := db.AttachScans(ctx, f.specialistA, d.ID, []motcua.ComponentFile{scan(1, "b.pdf", 10, 0xb)}); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a specialist attaches: %v", err)
		}
		if err := db.AttachScans(ctx, f.counterA, d.ID, []motcua.ComponentFile{scan(5, "x.pdf", 10, 0xb)}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a scan of a component not received: %v", err)
		}
		if err := db.AttachScans(ctx, f.counterA, d.ID, []motcua.ComponentFile{scan(1, "chung-sinh.pdf", 2000, 0xb)}); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(0, 0, 1).Add(-8*time.Hour)) // Tue 01:00
		err = db.AttachScans(ctx, f.counterA, d.ID, []motcua.ComponentFile{scan(0, "to-khai-2.pdf", 10, 0xc)})
		if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), "trong ngày làm việc tiếp nhận (04/03/2024)") {
			t.Fatalf("a scan the next day: %v", err)
		}
		if n := count(t, db, "component_files"); n != 2 {
			t.Fatalf("%d scans stored, want 2", n)
		}
		if _, err := db.ComponentFiles(ctx, f.counterB, d.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another unit lists the scans: %v", err)
		}
		list, _ = db.ComponentFiles(ctx, f.counterA, d.ID)
		if len(list) != 2 || list[1].FileName != "chung-sinh.pdf" {
			t.Fatalf("scans %+v", list)
		}
		if _, err := db.ComponentFile(ctx, f.counterB, d.ID, list[1].ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another unit opens a scan: %v", err)
		}
		if _, err := db.ComponentFile(ctx, f.counterA, d.ID, list[1].ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "audit_log WHERE action = 'dossier.scan.read'"); n != 1 {
			t.Errorf("%d reads of a scan audited, want 1", n)
		}
		dg, _ = db.Digitisation(ctx, f.counterA, d.ID)
		if dg.Complete || len(dg.Missing) != 0 || !dg.ResultMissing {
			t.Fatalf("digitisation with every component scanned, no result: %+v", dg)
		}
		s := &scenario{t: t, db: db, d: d}
		at := monday.AddDate(0, 0, 1)
		setNow(db, at)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		setNow(db, at.Add(3*time.Hour))
		result := &motcua.SubmittedFile{FileName: "giay-khai-sinh.pdf", ContentType: "application/pdf", Size: 4321, SHA256: strings.Repeat("cd", 32)}
		if s.d, err = db.ActWithResult(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: s.d.Version, Type: motcua.EventResultReady}, result); err != nil {
			t.Fatal(err)
		}
		if dg, _ = db.Digitisation(ctx, f.counterA, d.ID); !dg.Complete {
			t.Fatalf("digitisation with scans and an electronic result: %+v", dg)
		}
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)

		refs, err := db.FileRefs(ctx)
		if err != nil || !slices.Contains(refs, list[0].SHA256) || !slices.Contains(refs, list[1].SHA256) {
			t.Fatalf("the backup's files %v lack the scans, %v", refs, err)
		}
		if err := db.SetRetention(ctx, f.proc.Code, 12); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(1, 0, 2))
		e, err := db.EraseExpired(ctx, db.Now())
		if err != nil || e.Dossiers != 1 || !slices.Contains(e.Files, list[0].SHA256) {
			t.Fatalf("erased %+v, %v", e, err)
		}
		if n := count(t, db, "component_files"); n != 0 {
			t.Errorf("%d scans kept after the retention ran out", n)
		}
	})
}

// TestScansRefusedStoreNothing: an online dossier is not scanned at the
// counter; a file over the limit, a dossier's scans over theirs and a
// disguised file are refused, the intake with them too, and nothing is
// written.
func TestScansRefusedStoreNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		big := scan(0, "lon.pdf", motcua.MaxComponentFile+1, 0xa)
		if _, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{big}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a scan over the limit: %v", err)
		}
		many, scans := f.intake(f.a.ID), []motcua.ComponentFile(nil)
		for i := range 6 { // 6 × 9 MB: each within its limit, together over the dossier's
			if i > 0 {
				many.Documents = append(many.Documents, motcua.ReceivedDocument{Name: "Giấy tờ " + strconv.Itoa(i), Kind: motcua.DocCopy, Count: 1})
			}
			scans = append(scans, scan(i, "trang.pdf", 9<<20, byte(0xa+i)))
		}
		if _, err := db.AcceptDigitised(ctx, f.counterA, many, scans); motcua.ErrorCode(err) != motcua.EINVALID ||
			!strings.Contains(motcua.ErrorMessage(err), "Tổng dung lượng") {
			t.Fatalf("a dossier's scans over the limit: %v", err)
		}
		disguised := scan(0, "to-khai.pdf", 10, 0xa)
		disguised.ContentType = "text/html"
		if _, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{disguised}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a scan of another type: %v", err)
		}
		if n, m := count(t, db, "dossiers"), count(t, db, "component_files"); n != 0 || m != 0 {
			t.Fatalf("refused intakes wrote %d dossiers, %d scans", n, m)
		}

		// The file store refuses a disguised file before any row is
		// considered, and leaves nothing on disk.
		fs := &files.Store{Dir: t.TempDir(), MaxSize: motcua.MaxComponentFile}
		if _, err := fs.Check("chung-sinh.jpg", strings.NewReader("<html><script>alert(1)</script></html>")); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a disguised file: %v", err)
		}
		if entries, _ := os.ReadDir(fs.Dir); len(entries) != 0 {
			t.Fatalf("the refused file left %d entries", len(entries))
		}

		c := motcua.Contact{Phone: "0987654321"}
		sub := f.submission("online-scan")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		online, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AttachScans(ctx, f.counterA, online.ID, []motcua.ComponentFile{scan(0, "a.pdf", 10, 0xa)}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a scan of an online dossier: %v", err)
		}
		dg, err := db.Digitisation(ctx, f.counterA, online.ID)
		if err != nil || len(dg.Missing) != 0 || dg.NoComponents {
			t.Fatalf("an online dossier's components are its uploads: %+v, %v", dg, err)
		}
	})
}

// TestSeveralImagesOfAComponentAreOnePDF: three photographs of one
// component, merged by the file store, are attached as one PDF of three
// pages, read back from the store.
func TestSeveralImagesOfAComponentAreOnePDF(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		fs := &files.Store{Dir: t.TempDir(), MaxSize: motcua.MaxComponentFile}
		var images []*files.Checked
		for i := range 3 {
			c, err := fs.Check("trang-"+strconv.Itoa(i+1)+".png", bytes.NewReader(pngPage(t, 40+i, 60)))
			if err != nil {
				t.Fatal(err)
			}
			images = append(images, c)
		}
		merged, err := fs.MergeImages("Tờ khai đăng ký khai sinh.pdf", images)
		if err != nil {
			t.Fatal(err)
		}
		if err := fs.Save(merged); err != nil {
			t.Fatal(err)
		}
		sc := motcua.ComponentFile{Component: 0, Pages: 3, SubmittedFile: motcua.SubmittedFile{FileName: merged.Name,
			ContentType: merged.ContentType, Size: merged.Size(), SHA256: merged.SHA256}}
		d, err := db.AcceptDigitised(ctx, f.counterA, f.intake(f.a.ID), []motcua.ComponentFile{sc})
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.ComponentFiles(ctx, f.counterA, d.ID)
		if err != nil || len(list) != 1 || list[0].Pages != 3 || list[0].ContentType != "application/pdf" {
			t.Fatalf("scans %+v, %v", list, err)
		}
		file, err := fs.Open(list[0].SHA256)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(file)
		file.Close()
		if n := pdftest.Open(t, data).NumPage(); n != 3 {
			t.Fatalf("the merged scan has %d pages, want 3", n)
		}
		if n := pdftest.ImageXObjects(t, data); n != 3 {
			t.Fatalf("the merged scan holds %d images, want 3", n)
		}
	})
}

// pngPage is a w × h PNG with a stripe: a photographed page.
func pngPage(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for x := range w {
		img.SetGray(x, x%h, color.Gray{Y: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

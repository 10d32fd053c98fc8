package cchc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/report"
)

func facts() reform.ReportFacts {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, motcua.VN) }
	plan := &reform.Plan{Number: "3677/QĐ-UBND", IssuedOn: day(2023, 12, 29), Title: "Kế hoạch Cải cách hành chính năm 2024"}
	n := 0
	for c := range 7 {
		content := reform.PlanContent{Title: "Nội dung " + string(rune('1'+c))}
		for range []int{8, 7, 8, 7, 7, 7, 7}[c] {
			task := reform.PlanTask{Status: reform.TaskInProgress}
			if n < 36 {
				task.Status, task.DoneOn = reform.TaskDone, day(2024, 4, 1)
			}
			content.Tasks = append(content.Tasks, task)
			n++
		}
		plan.Contents = append(plan.Contents, content)
	}
	row := report.Row{CarriedOver: 412, ReceivedOnline: 1606, ReceivedCounter: 17023, ReceivedPostal: 626, ResolvedEarly: 9000,
		ResolvedOnTime: 8281, ResolvedLate: 693, InProgressOnTime: 500, InProgressOverdue: 233, Withdrawn: 960}
	row.Sum()
	return reform.ReportFacts{Issuer: "Ủy ban nhân dân huyện Đắk Mil", Superior: "UBND tỉnh Đắk Nông", Place: "Đắk Mil", From: day(2024, 1, 1), To: day(2024, 6, 1),
		Documents: []reform.Document{{Number: "64/KH-UBND", Type: reform.DocPlan, IssuedOn: day(2024, 2, 29), Summary: "Tổ chức Hội nghị đánh giá công tác CCHC"},
			{Number: "629/UBND-NV", Type: reform.DocLetter, IssuedOn: day(2024, 3, 19), Summary: "Triển khai kiến nghị của Sở Nội vụ"}},
		Plan: plan, Dossiers: row, OnlineFull: 124, OnlinePartial: 77,
		Satisfaction: reform.SIPASOf([]motcua.Rating{{Scores: [5]int{5, 4, 2, 4, 3}}, {Scores: [5]int{4, 4, 4, 5, 2}}})}
}

// TestDraftFillsEveryFigureFromTheFacts: the plan's 36 of 51 (71 %), the
// documents, the dossier figures of Biểu II.06a, the online services and
// the satisfaction index are in the draft; narrative is left marked; a
// task's status changes the draft.
func TestDraftFillsEveryFigureFromTheFacts(t *testing.T) {
	f := facts()
	md := New(f).Markdown()
	for _, want := range []string{"6 tháng đầu năm 2024", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"đã ban hành 2 văn bản", "(01 kế hoạch, 01 công văn)", "Kế hoạch 64/KH-UBND ngày 29/02/2024",
		"Quyết định số 3677/QĐ-UBND ngày 29/12/2023", "gồm 7 nội dung với 51 nhiệm vụ", "đã thực hiện 36/51 nhiệm vụ, đạt 71% kế hoạch",
		"Tổng số hồ sơ tiếp nhận: 19.667", "trước hạn 9.000, đúng hạn 8.281, quá hạn 693", "đang giải quyết 733", "rút hồ sơ 960",
		"tiếp nhận mới: 8,34 %", "124 thủ tục toàn trình, 77 thủ tục một phần", "SIPAS, 2 phiếu", Placeholder("ưu điểm; tồn tại, hạn chế và nguyên nhân")} {
		if !strings.Contains(md, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	f.Plan.Contents[6].Tasks[6].Status, f.Plan.Contents[6].Tasks[6].DoneOn = reform.TaskDone, f.From
	if !strings.Contains(New(f).Markdown(), "đã thực hiện 37/51 nhiệm vụ, đạt 73% kế hoạch") {
		t.Fatal("a task done did not change the draft")
	}
}

// TestDOCXReadsBack: the Word file is a valid package whose text is the
// draft's.
func TestDOCXReadsBack(t *testing.T) {
	d := New(facts())
	var buf bytes.Buffer
	if err := d.DOCX(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
		if f.Name != "word/document.xml" {
			continue
		}
		r, _ := f.Open()
		dec := xml.NewDecoder(r)
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("document.xml is not XML: %v", err)
			}
			switch v := tok.(type) {
			case xml.StartElement:
				inText = v.Name.Local == "t"
			case xml.EndElement:
				if v.Name.Local == "p" {
					text.WriteString("\n")
				}
				inText = false
			case xml.CharData:
				if inText {
					text.Write(v)
				}
			}
		}
	}
	if !names["[Content_Types].xml"] || !names["_rels/.rels"] {
		t.Fatalf("parts: %v", names)
	}
	got := text.String()
	for _, want := range []string{"BÁO CÁO", "Quyết định số 3677/QĐ-UBND", "36/51", "Tổng số hồ sơ tiếp nhận: 19.667", "TM. ỦY BAN NHÂN DÂN"} {
		if !strings.Contains(got, want) {
			t.Errorf("the DOCX lacks %q:\n%s", want, got)
		}
	}
}

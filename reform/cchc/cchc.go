// Package cchc drafts the periodic administrative-reform report (báo cáo
// kết quả công tác cải cách hành chính, like the seed) in the layout of an
// administrative document (Decree 30/2020: national motto, issuer, number
// and symbol, place and date, title, addressee, sections, signature). It
// fills every figure from the data the system holds and leaves the
// narrative as marked placeholders for the officer. It is pure: the store
// gathers the reform.ReportFacts.
package cchc

import (
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// Placeholder marks text the officer writes.
func Placeholder(what string) string { return "[" + what + " — cán bộ soạn thảo bổ sung]" }

// Paragraph is one paragraph of the draft; Heading ones are bold.
type Paragraph struct {
	Text    string
	Heading bool
	Center  bool
}

// Draft is the report: its header block and its paragraphs.
type Draft struct {
	Superior, Issuer string
	Number           string // "Số: …/BC-UBND"
	PlaceDate        string
	Title, Subtitle  string
	Addressee        string
	Body             []Paragraph
	Recipients       []string
	Signature        []string
}

// New drafts the report of f.
func New(f reform.ReportFacts) Draft {
	period := periodName(f.From, f.To)
	d := Draft{Superior: strings.ToUpper(f.Superior), Issuer: strings.ToUpper(f.Issuer), Number: "Số: …/BC-UBND",
		PlaceDate: f.Place + ", ngày … tháng … năm " + fmt.Sprint(f.To.AddDate(0, 0, -1).Year()),
		Title:     "BÁO CÁO", Subtitle: "Kết quả thực hiện công tác cải cách hành chính " + period,
		Addressee:  "Kính gửi: " + Placeholder("cơ quan nhận báo cáo, ví dụ Sở Nội vụ"),
		Recipients: []string{"Như trên;", "Lưu: VT."}, Signature: []string{"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", Placeholder("họ tên người ký")}}
	h := func(s string) { d.Body = append(d.Body, Paragraph{Text: s, Heading: true}) }
	p := func(s string) { d.Body = append(d.Body, Paragraph{Text: s}) }
	h("I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")
	h("1. Công tác chỉ đạo, điều hành")
	p(fmt.Sprintf("Trong kỳ báo cáo (%s – %s) đã ban hành %s văn bản chỉ đạo, điều hành công tác cải cách hành chính%s.",
		motcua.FormatDate(f.From), motcua.FormatDate(f.To.AddDate(0, 0, -1)), motcua.FormatInt(int64(len(f.Documents))), byType(f.Documents)))
	for _, doc := range f.Documents {
		p(fmt.Sprintf("- %s %s ngày %s: %s.", doc.Type.Label(), doc.Number, motcua.FormatDate(doc.IssuedOn), strings.TrimSuffix(doc.Summary, ".")))
	}
	if f.Plan != nil {
		per, all := f.Plan.ProgressAt(f.To.Add(-time.Nanosecond))
		p(fmt.Sprintf("%s số %s ngày %s về %s, gồm %d nội dung với %d nhiệm vụ; đến %s đã thực hiện %s/%s nhiệm vụ, đạt %d%% kế hoạch.",
			reform.TypeOfNumber(f.Plan.Number).Label(), f.Plan.Number, motcua.FormatDate(f.Plan.IssuedOn), f.Plan.Title, len(f.Plan.Contents), all.Total,
			motcua.FormatDate(f.To.AddDate(0, 0, -1)), motcua.FormatInt(int64(all.Done)), motcua.FormatInt(int64(all.Total)), all.Percent()))
		for i, c := range f.Plan.Contents {
			p(fmt.Sprintf("- %s: %s nhiệm vụ hoàn thành.", c.Title, per[i]))
		}
	} else {
		p("Chưa có kế hoạch cải cách hành chính của năm trong hệ thống. " + Placeholder("tình hình xây dựng kế hoạch"))
	}
	p(Placeholder("công tác kiểm tra, tuyên truyền, hội nghị"))
	h("2. Cải cách thủ tục hành chính")
	r := f.Dossiers
	p(fmt.Sprintf("Tổng số hồ sơ tiếp nhận: %s (kỳ trước chuyển sang %s; tiếp nhận mới %s, trong đó trực tuyến %s, trực tiếp %s, qua bưu chính %s). "+
		"Đã giải quyết %s hồ sơ (trước hạn %s, đúng hạn %s, quá hạn %s), tỷ lệ giải quyết trước và đúng hạn %s; đang giải quyết %s (trong hạn %s, quá hạn %s); "+
		"rút hồ sơ %s. Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận mới: %s.",
		n(r.ReceivedTotal), n(r.CarriedOver), n(r.ReceivedOnline+r.ReceivedCounter+r.ReceivedPostal), n(r.ReceivedOnline), n(r.ReceivedCounter),
		n(r.ReceivedPostal), n(r.ResolvedTotal), n(r.ResolvedEarly), n(r.ResolvedOnTime), n(r.ResolvedLate), r.OnTimeRate(),
		n(r.InProgressTotal), n(r.InProgressOnTime), n(r.InProgressOverdue), n(r.Withdrawn), r.OnlineShare()))
	p(fmt.Sprintf("Dịch vụ công trực tuyến: %s thủ tục toàn trình, %s thủ tục một phần.", n(f.OnlineFull), n(f.OnlinePartial)))
	if s := f.Satisfaction; s.N > 0 {
		var factors []string
		for i, v := range s.Factors {
			factors = append(factors, motcua.SIPASFactors[i]+" "+pct(v))
		}
		p(fmt.Sprintf("Mức độ hài lòng (SIPAS, %s phiếu): chỉ số chung %s; %s.", n(s.N), pct(s.Overall), strings.Join(factors, "; ")))
	} else {
		p("Chưa có phiếu đánh giá mức độ hài lòng trong kỳ. " + Placeholder("kết quả khảo sát nếu có"))
	}
	for _, area := range []string{"3. Cải cách tổ chức bộ máy hành chính nhà nước", "4. Cải cách chế độ công vụ", "5. Cải cách tài chính công",
		"6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"} {
		h(area)
		p(Placeholder("kết quả thực hiện"))
	}
	h("II. ĐÁNH GIÁ CHUNG")
	p(Placeholder("ưu điểm; tồn tại, hạn chế và nguyên nhân"))
	h("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ ĐỀ XUẤT, KIẾN NGHỊ")
	p(Placeholder("phương hướng, nhiệm vụ; đề xuất, kiến nghị"))
	return d
}

func n(v int) string { return motcua.FormatInt(int64(v)) }

// pct writes a share 0–1 as "71,43 %".
func pct(v float64) string { return motcua.FormatPercent(int64(v*1_000_000+0.5), 1_000_000) }

// byType says how many documents of each kind: " (02 quyết định, 05 công văn)".
func byType(docs []reform.Document) string {
	count := map[reform.DocumentType]int{}
	for _, d := range docs {
		count[d.Type]++
	}
	var parts []string
	for _, t := range reform.DocumentTypes {
		if count[t] > 0 {
			parts = append(parts, fmt.Sprintf("%02d %s", count[t], strings.ToLower(t.Label())))
		}
	}
	if parts == nil {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// periodName names a period as reports do: "6 tháng đầu năm 2024", "năm
// 2024", else "từ … đến …".
func periodName(from, to time.Time) string {
	y := from.Year()
	jan := time.Date(y, 1, 1, 0, 0, 0, 0, motcua.VN)
	switch {
	case from.Equal(jan) && to.Equal(jan.AddDate(1, 0, 0)):
		return fmt.Sprintf("năm %d", y)
	case from.Equal(jan) && (to.Equal(jan.AddDate(0, 6, 0)) || to.Equal(jan.AddDate(0, 5, 0))):
		return fmt.Sprintf("6 tháng đầu năm %d", y)
	}
	return "từ ngày " + motcua.FormatDate(from) + " đến ngày " + motcua.FormatDate(to.AddDate(0, 0, -1))
}

// Markdown writes the draft as Markdown.
func (d Draft) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|:-:|:-:|\n| **%s** | **Độc lập - Tự do - Hạnh phúc** |\n| %s | *%s* |\n\n",
		d.Superior, d.Issuer, d.Number, d.PlaceDate)
	fmt.Fprintf(&b, "## %s\n\n**%s**\n\n%s\n\n", d.Title, d.Subtitle, d.Addressee)
	for _, p := range d.Body {
		if p.Heading {
			fmt.Fprintf(&b, "**%s**\n\n", p.Text)
		} else {
			fmt.Fprintf(&b, "%s\n\n", p.Text)
		}
	}
	fmt.Fprintf(&b, "*Nơi nhận:*\n\n")
	for _, r := range d.Recipients {
		fmt.Fprintf(&b, "- %s\n", r)
	}
	fmt.Fprintf(&b, "\n**%s**\n", strings.Join(d.Signature, "**\n\n**"))
	return b.String()
}

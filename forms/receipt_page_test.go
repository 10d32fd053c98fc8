package forms

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// birthDocuments are the five lines of the catalogue's birth registration,
// as the counter receives them by default.
var birthDocuments = []Document{
	{Name: "Tờ khai đăng ký khai sinh (theo mẫu)", Kind: "Bản chính", Count: 1},
	{Name: "Giấy chứng sinh (hoặc văn bản người làm chứng, giấy cam đoan về việc sinh)", Kind: "Bản chính", Count: 1},
	{Name: "Giấy tờ tùy thân của người yêu cầu (Căn cước/CCCD/hộ chiếu)", Kind: "Xuất trình", Count: 1},
	{Name: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)", Kind: "Bản chính", Count: 1},
	{Name: "Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)", Kind: "Bản chính", Count: 1},
}

// otherDocuments are five more lines of the kind other civil-status
// procedures ask for.
var otherDocuments = []Document{
	{Name: "Giấy chứng nhận kết hôn của cha, mẹ trẻ em (nếu có)", Kind: "Bản sao", Count: 1},
	{Name: "Giấy tờ chứng minh nơi cư trú của người yêu cầu", Kind: "Xuất trình", Count: 1},
	{Name: "Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con", Kind: "Bản chính", Count: 1},
	{Name: "Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", Kind: "Bản chính", Count: 1},
	{Name: "Chứng cứ chứng minh quan hệ cha, mẹ, con", Kind: "Bản sao", Count: 2},
}

// fullReceipt is a receipt with every field filled as a real counter fills
// it: a two-line address, phone and e-mail, the tracking code and secret.
func fullReceipt(docs int) ReceiptData {
	r := sampleReceipt()
	r.Address = "Thôn Đức Thành, xã Đức Mạnh, huyện Đắk Mil, tỉnh Đắk Nông (nay là xã Đức Mạnh, tỉnh Lâm Đồng)"
	r.Contact = "0912 345 678 · nguyen.hong.nhung@example.com.vn"
	r.ProcedureName = "Thủ tục đăng ký khai sinh (1.001193)"
	r.TrackingSecret = "K7M2QX9P"
	r.Documents = nil
	all := append(append([]Document{}, birthDocuments...), otherDocuments...)
	for i := range docs {
		d := all[i%len(all)]
		if i >= len(all) {
			d.Name = fmt.Sprintf("%s – lần %d", d.Name, i/len(all)+1)
		}
		r.Documents = append(r.Documents, d)
	}
	return r
}

// TestReceiptFitsOnePage: up to ten document lines, form 01 is one A5 page
// with the signatures on it; more flows on to a second page, readably.
func TestReceiptFitsOnePage(t *testing.T) {
	for _, n := range []int{5, 10} {
		data := render(t, func(w io.Writer) error { return Receipt(w, fullReceipt(n)) })
		pages := pdftest.Pages(t, data)
		if len(pages) != 1 {
			t.Errorf("%d documents: %d pages, want 1; page %d holds:\n%s", n, len(pages), len(pages), strings.Join(pages[len(pages)-1], "\n"))
		}
		pdftest.InOrder(t, pdftest.Text(t, data), "Mã hồ sơ:", "Mã tra cứu: K7M2QX9P", "Thành phần hồ sơ",
			birthDocuments[0].Name, "Xuất trình", "Thời gian trả kết quả", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình")
	}
	data := render(t, func(w io.Writer) error { return Receipt(w, fullReceipt(18)) })
	pages := pdftest.Pages(t, data)
	if len(pages) != 2 {
		t.Fatalf("18 documents: %d pages, want 2", len(pages))
	}
	last := strings.Join(pages[1], " ")
	for _, want := range []string{"NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình"} {
		if !strings.Contains(last, want) {
			t.Errorf("page 2 lacks %q:\n%s", want, last)
		}
	}
}

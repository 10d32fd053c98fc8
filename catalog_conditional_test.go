package motcua

import "testing"

// TestConditionalDocumentsAreTheCatalogueWords: a document the catalogue
// qualifies with a case applies only in that case.
func TestConditionalDocumentsAreTheCatalogueWords(t *testing.T) {
	for name, want := range map[string]bool{
		"Tờ khai đăng ký khai sinh (theo mẫu)":                             false,
		"Giấy chứng sinh (hoặc văn bản người làm chứng)":                   false,
		"Giấy tờ tùy thân của người yêu cầu (Căn cước/CCCD/hộ chiếu)":      false,
		"Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)":                true,
		"Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)":        true,
		"Giấy chứng nhận kết hôn của cha, mẹ trẻ em (nếu có)":              true,
		"Giấy tờ chứng minh (Trong trường hợp người nộp là người giám hộ)": true,
	} {
		if got := (RequiredDocument{Name: name}).Conditional(); got != want {
			t.Errorf("Conditional(%q) = %v, want %v", name, got, want)
		}
	}
}

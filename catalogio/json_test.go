package catalogio

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestJSONGolden pins the format: a change to testdata/catalog.json is a
// change to a documented file format.
func TestJSONGolden(t *testing.T) {
	got := writeJSON(t, realistic())
	const golden = "testdata/catalog.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteJSON differs from %s (go test -update to accept):\n%s", golden, got)
	}
}

// editJSON writes the realistic catalogue and lets edit change the decoded
// document before encoding it again.
func editJSON(t *testing.T, edit func(doc map[string]any)) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(writeJSON(t, realistic()), &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The realistic catalogue in file order: 0–2 are 1.001193 (versions 1, 2
// and the draft), 3–4 are 2.000815 (version 1 and its repeal), 5 is 2.000884.
func version(doc map[string]any, i int) map[string]any {
	return doc["versions"].([]any)[i].(map[string]any)
}

func step(doc map[string]any, i, j int) map[string]any {
	return version(doc, i)["steps"].([]any)[j].(map[string]any)
}

func decision(doc map[string]any, i int) map[string]any {
	return doc["decisions"].([]any)[i].(map[string]any)
}

func TestReadJSONNamesElementAndReason(t *testing.T) {
	tests := []struct {
		name string
		edit func(doc map[string]any)
		want string
	}{
		{"unknown top-level key", func(d map[string]any) { d["procedures"] = []any{} },
			"trường “procedures” không có trong định dạng motcua-catalog"},
		{"unknown key in a step", func(d map[string]any) { step(d, 2, 1)["boss"] = true },
			"Thủ tục thứ 3 (1.001193), bước 2: trường “boss” không có trong định dạng"},
		{"bad level", func(d map[string]any) { version(d, 5)["level"] = "huyen" },
			"Thủ tục thứ 6 (2.000884): cấp “huyen” không hợp lệ (commune, district, province)"},
		{"bad step role", func(d map[string]any) { step(d, 0, 3)["role"] = "director" },
			"Thủ tục thứ 1 (1.001193), bước 4: vai trò “director” không hợp lệ (counter, specialist, leader)"},
		{"minutes as text", func(d map[string]any) { step(d, 1, 0)["minutes"] = "30" },
			"Thủ tục thứ 2 (1.001193), bước 1: trường “minutes” phải là số nguyên, không phải chuỗi"},
		{"minutes with a fraction", func(d map[string]any) { step(d, 1, 0)["minutes"] = 30.5 },
			"Thủ tục thứ 2 (1.001193), bước 1: trường “minutes” phải là số nguyên, không phải số 30.5"},
		{"version as text", func(d map[string]any) { version(d, 5)["version"] = "1" },
			"Thủ tục thứ 6 (2.000884): trường “version” phải là số nguyên, không phải chuỗi"},
		{"decision not in the file", func(d map[string]any) { version(d, 4)["decision_number"] = "999/QĐ-UBND" },
			"Thủ tục thứ 5 (2.000815): không có quyết định 999/QĐ-UBND của Chủ tịch UBND tỉnh Đắk Nông trong “decisions”"},
		{"date as dd/mm/yyyy", func(d map[string]any) { decision(d, 0)["signed_on"] = "20/12/2024" },
			"Quyết định thứ 1 (12/QĐ-UBND): ngày ký “20/12/2024” không đúng dạng yyyy-mm-dd"},
		{"instant without zone", func(d map[string]any) { version(d, 5)["effective_from"] = "2022-08-15 00:00" },
			"Thủ tục thứ 6 (2.000884): ngày có hiệu lực “2022-08-15 00:00” không đúng dạng RFC 3339"},
		{"no steps", func(d map[string]any) { version(d, 3)["steps"] = []any{} },
			"Thủ tục thứ 4 (2.000815): chưa có bước nào của quy trình nội bộ"},
		{"same version twice", func(d map[string]any) { version(d, 1)["version"] = 1 },
			"Thủ tục thứ 2 (1.001193): trùng mã, cấp, phiên bản và trạng thái với thủ tục thứ 1 (1.001193)"},
		{"published version 0", func(d map[string]any) { version(d, 5)["version"] = 0 },
			"Thủ tục thứ 6 (2.000884): phiên bản 0 không hợp lệ: phiên bản đã công bố đánh số từ 1"},
		{"zero hours", func(d map[string]any) { version(d, 5)["time"] = map[string]any{"amount": 0, "unit": "hour"} },
			"Thủ tục thứ 6 (2.000884): thời hạn phải là số dương"},
		{"no format", func(d map[string]any) { delete(d, "format") },
			"Tệp không phải danh mục thủ tục của motcua"},
		{"format version 2", func(d map[string]any) { d["format_version"] = 2 },
			"Phiên bản định dạng 2 không được hỗ trợ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadJSON(strings.NewReader(editJSON(t, tt.edit)))
			if s != nil {
				t.Error("a snapshot was returned with the error")
			}
			wantProblems(t, err, tt.want)
		})
	}
}

func TestReadJSONReportsEveryProblem(t *testing.T) {
	js := editJSON(t, func(d map[string]any) {
		version(d, 5)["level"] = "huyen"
		step(d, 0, 3)["role"] = "director"
		step(d, 1, 0)["minutes"] = "30"
		decision(d, 1)["status"] = "final"
	})
	_, err := ReadJSON(strings.NewReader(js))
	wantProblems(t, err, "Tệp có 4 lỗi:", "cấp “huyen”", "vai trò “director”", "trường “minutes”",
		"Quyết định thứ 2 (345/QĐ-UBND): trạng thái “final” không hợp lệ (published, draft)")
}

func TestReadJSONSyntax(t *testing.T) {
	for name, tt := range map[string]struct{ text, want string }{
		"broken":   {"{\n  \"format\": \"motcua-catalog\",\n  \"decisions\": [}\n", "JSON sai cú pháp ở dòng 3, cột 18"},
		"empty":    {"", "tệp rỗng hoặc JSON bị cắt cụt"},
		"trailing": {`{"format": "motcua-catalog", "format_version": 1} {}`, "có dữ liệu thừa sau giá trị JSON"},
		"an array": {`[]`, "Tệp không phải danh mục thủ tục của motcua"},
	} {
		_, err := ReadJSON(strings.NewReader(tt.text))
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", name, err, tt.want)
		}
	}
}

package csdltthc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/motcua/motcua"
)

// MaxFile bounds an export file; the whole national catalogue of a
// province is a few megabytes.
const MaxFile = 20 << 20

// maxProblems bounds the problems one error lists.
const maxProblems = 30

// ReadFile reads an export file and returns its records, in file order. A
// file that is not the documented shape is refused with the reason.
func ReadFile(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFile+1))
	if err != nil {
		return nil, fmt.Errorf("csdltthc: read file: %w", err)
	}
	if len(data) > MaxFile {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp xuất từ CSDL quốc gia về TTHC quá lớn (tối đa %d MB).", MaxFile>>20)
	}
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\uFEFF"))
	var records []Record
	if bytes.HasPrefix(data, []byte("[")) {
		err = json.Unmarshal(data, &records)
	} else {
		var f file
		if err = json.Unmarshal(data, &f); err == nil {
			records = f.DanhSachTTHC
		}
	}
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp không đúng định dạng xuất của CSDL quốc gia về TTHC (JSON): %s.", jsonWhere(data, err))
	}
	if len(records) == 0 {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp không có thủ tục nào (danh sách DanhSachTTHC trống).")
	}
	return records, nil
}

// jsonWhere says where a JSON error is, by line, in words.
func jsonWhere(data []byte, err error) string {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
		if e.Field != "" {
			return fmt.Sprintf("dòng %d: trường %s phải là %s", lineAt(data, off), e.Field, typeWord(e.Type.Kind().String()))
		}
	}
	if off >= 0 {
		return fmt.Sprintf("lỗi cú pháp ở dòng %d", lineAt(data, off))
	}
	return "không đọc được"
}

func typeWord(kind string) string {
	switch kind {
	case "string":
		return "chuỗi văn bản"
	case "slice":
		return "danh sách"
	case "struct":
		return "đối tượng"
	}
	return kind
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return 1 + strings.Count(string(data[:off]), "\n")
}

// Select keeps the records of the given codes, in the order asked, and
// refuses codes the records do not have. No codes: every record.
func Select(records []Record, codes []string) ([]Record, error) {
	if len(codes) == 0 {
		return records, nil
	}
	byCode := map[string]Record{}
	at := map[string]int{}
	for i, r := range records {
		code := strings.TrimSpace(r.MaTTHC)
		if first, dup := at[code]; dup && slices.Contains(codes, code) {
			return nil, motcua.Errorf(motcua.EINVALID, "Mã %s có ở hai mục, thứ %d và thứ %d; hãy bỏ một.", code, first, i+1)
		}
		byCode[code], at[code] = r, i+1
	}
	var out []Record
	var unknown []string
	for _, c := range codes {
		r, ok := byCode[c]
		if !ok {
			unknown = append(unknown, c)
			continue
		}
		out = append(out, r)
	}
	if len(unknown) > 0 {
		return nil, unknownCodes(unknown)
	}
	return out, nil
}

func unknownCodes(codes []string) error {
	return motcua.Errorf(motcua.ENOTFOUND, "Không có thủ tục mang mã %s trong CSDL quốc gia về TTHC (tệp hoặc dịch vụ đã chọn).", strings.Join(codes, ", "))
}

// ParseCodes reads a list of national codes ("1.001193, 2.000123"),
// refusing what is not a code and dropping repeats.
func ParseCodes(text string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' || r == '\r' }) {
		if !codePattern.MatchString(f) {
			return nil, motcua.FieldError("codes", "Mã thủ tục %q không hợp lệ: mã quốc gia có dạng 1.001193.", f)
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out, nil
}

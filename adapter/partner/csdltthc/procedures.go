package csdltthc

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/motcua/motcua"
)

// File is one export file to read: its name says its kind.
type File struct {
	Name string
	Body io.Reader
}

// ReadFiles reads export files — a .json list of records, or .docx
// per-procedure exports (ChiTietTTHC_{code}.doc saved as .docx), one record
// each — in order.
func ReadFiles(files []File) ([]Record, error) {
	if len(files) == 0 {
		return nil, motcua.FieldError("file", "Hãy chọn tệp xuất từ CSDL quốc gia về TTHC (.json hoặc .docx).")
	}
	var out []Record
	for _, f := range files {
		var records []Record
		var err error
		switch strings.ToLower(filepath.Ext(f.Name)) {
		case ".json":
			records, err = ReadFile(f.Body)
		case ".docx", ".doc":
			var rec Record
			if rec, err = readDocxFrom(f); err == nil {
				records = []Record{rec}
			}
		default:
			err = motcua.FieldError("file", "%s: tệp phải có đuôi .json (danh sách thủ tục) hoặc .docx (tệp chi tiết một thủ tục).", f.Name)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, records...)
	}
	return out, nil
}

func readDocxFrom(f File) (Record, error) {
	data, err := io.ReadAll(io.LimitReader(f.Body, MaxFile+1))
	if err != nil {
		return Record{}, fmt.Errorf("csdltthc: read %s: %w", f.Name, err)
	}
	if len(data) > MaxFile {
		return Record{}, motcua.Errorf(motcua.EINVALID, "%s: tệp quá lớn (tối đa %d MB).", f.Name, MaxFile>>20)
	}
	return ReadDocx(bytes.NewReader(data), int64(len(data)), f.Name)
}

// FromFiles reads export files, keeps the given codes (none: all) and
// converts them.
func FromFiles(files []File, codes []string) ([]*motcua.NationalProcedure, error) {
	records, err := ReadFiles(files)
	if err == nil {
		records, err = Select(records, codes)
	}
	if err != nil {
		return nil, err
	}
	return Convert(records)
}

// Procedures fetches the given codes from the service and converts them.
func (c *Client) Procedures(ctx context.Context, codes []string) ([]*motcua.NationalProcedure, error) {
	records, err := c.Fetch(ctx, codes)
	if err != nil {
		return nil, err
	}
	return Convert(records)
}

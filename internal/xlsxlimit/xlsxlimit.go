// Package xlsxlimit opens workbooks from outside within bounds. An XLSX
// file is a zip: a few megabytes can declare gigabytes of XML (a "zip
// bomb"), which excelize would unpack and the readers would hold. The zip's
// central directory declares each part's sizes before anything is
// unpacked, and archive/zip refuses a part that unpacks to more than it
// declared, so checking the declarations bounds the work.
package xlsxlimit

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// Limits bound what a workbook may unpack to.
type Limits struct {
	Entries int   // parts in the zip
	Total   int64 // bytes unpacked, all parts together
	Part    int64 // bytes unpacked, one part
	// Ratio bounds how many times a part may grow when unpacked (for
	// parts over ratioFloor): a spreadsheet's XML packs some ten to
	// thirty times; a thousand times is a bomb.
	Ratio uint64
	// InMemory is the largest sheet excelize keeps in memory; a larger
	// one is unpacked to a temporary file and read from there.
	InMemory int64
}

// ratioFloor: small parts (styles, an empty sheet) may pack very well.
const ratioFloor = 1 << 20

// Check reads the central directory of the zip in data and refuses a
// workbook past lim, in Vietnamese, without unpacking anything.
func Check(data []byte, lim Limits) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return motcua.Errorf(motcua.EINVALID, "Tệp không phải bảng tính Excel (.xlsx) đọc được (%v).", err)
	}
	if len(z.File) > lim.Entries {
		return bomb("có %s thành phần (tối đa %s)", motcua.FormatInt(int64(len(z.File))), motcua.FormatInt(int64(lim.Entries)))
	}
	var total uint64
	for _, f := range z.File {
		size := f.UncompressedSize64
		if total += size; total > uint64(lim.Total) || total < size {
			return bomb("giải nén ra hơn %s MB (tối đa %s MB)", motcua.FormatInt(int64(total>>20)), motcua.FormatInt(lim.Total>>20))
		}
		if size > uint64(lim.Part) {
			return bomb("có phần “%s” giải nén ra %s MB (tối đa %s MB)", f.Name, motcua.FormatInt(int64(size>>20)), motcua.FormatInt(lim.Part>>20))
		}
		if size > ratioFloor && size/max(f.CompressedSize64, 1) > lim.Ratio {
			return bomb("có phần “%s” nén %s lần (tối đa %s lần)", f.Name, motcua.FormatInt(int64(size/max(f.CompressedSize64, 1))), motcua.FormatInt(int64(lim.Ratio)))
		}
	}
	return nil
}

func bomb(format string, args ...any) error {
	return motcua.Errorf(motcua.EINVALID, "Bảng tính bị từ chối: tệp %s — quá lớn để xử lý an toàn. Hãy chia nhỏ tệp hoặc lưu lại từ Excel.",
		fmt.Sprintf(format, args...))
}

// Open checks data against lim, then opens it with excelize bounded the
// same way.
func Open(data []byte, lim Limits) (*excelize.File, error) {
	if err := Check(data, lim); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.Total, UnzipXMLSizeLimit: min(lim.InMemory, lim.Total)})
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp không phải bảng tính Excel (.xlsx) đọc được (%v).", err)
	}
	return f, nil
}

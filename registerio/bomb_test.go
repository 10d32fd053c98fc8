package registerio

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/xlsxlimit/bombtest"
)

// TestZipBombRegisterIsRefusedUnopened: a register whose sheet unpacks to
// some 100 MB from a few hundred kilobytes is refused in Vietnamese before
// a row is read, having allocated little more than the file itself.
func TestZipBombRegisterIsRefusedUnopened(t *testing.T) {
	bomb := bombtest.Workbook(t, "So", motcua.RegisterColumns, `<c t="inlineStr"><is><t>x</t></is></c>`, 2_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rows := 0
	err := ScanXLSX(bytes.NewReader(bomb), func(motcua.RegisterEntry, *motcua.RowError) error { rows++; return nil })
	runtime.ReadMemStats(&after)
	if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), "quá lớn để xử lý an toàn") || rows != 0 {
		t.Fatalf("a zip bomb of %d bytes: %d rows, %v", len(bomb), rows, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*len(bomb)+(1<<20)) {
		t.Errorf("refusing a bomb of %d KB allocated %d KB", len(bomb)>>10, alloc>>10)
	}
}

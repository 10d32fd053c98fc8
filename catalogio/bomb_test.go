package catalogio

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/xlsxlimit/bombtest"
)

// TestZipBombIsRefusedUnopened: a catalogue workbook whose "Thủ tục"
// sheet unpacks to some 100 MB from a few hundred kilobytes is refused in
// Vietnamese, having allocated little more than the file itself (it used
// to be unpacked and held row by row: 1.3 GB for a 1.7 MB file).
func TestZipBombIsRefusedUnopened(t *testing.T) {
	bomb := bombtest.Workbook(t, sheetVersions, []string{"Mã TTHC"}, `<c t="inlineStr"><is><t>x</t></is></c>`, 2_000_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ReadXLSX(bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	if motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), "quá lớn để xử lý an toàn") {
		t.Fatalf("a zip bomb of %d bytes: %v", len(bomb), err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*len(bomb)+(1<<20)) {
		t.Errorf("refusing a bomb of %d KB allocated %d KB", len(bomb)>>10, alloc>>10)
	}
}

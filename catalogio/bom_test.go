package catalogio

import (
	"bytes"
	"testing"
)

// TestJSONWithBOMReadsBack: a catalogue file saved by an editor that puts
// a byte order mark first (Notepad's UTF-8) reads as the same catalogue.
func TestJSONWithBOMReadsBack(t *testing.T) {
	want := realistic()
	got, err := ReadJSON(bytes.NewReader(append([]byte("\ufeff"), writeJSON(t, want)...)))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, Normalize(want))
}

package motcua

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeLayoutNamesEveryFolder (issue 16): the layout table of
// README.md names every top-level folder and every package under
// internal/ and adapter/, so a newcomer reading it finds where things go.
func TestReadmeLayoutNamesEveryFolder(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	layout := section(string(readme), "## Layout")
	if layout == "" {
		t.Fatal("README.md has no Layout section")
	}
	for _, dir := range folders(t, ".", "internal", "adapter") {
		name := filepath.Base(dir)
		if !strings.Contains(layout, "`"+dir+"/") && !strings.Contains(layout, "`"+name+"`") {
			t.Errorf("README's layout does not name %s/", dir)
		}
	}
}

// section is the text of a Markdown section up to the next heading of the
// same level.
func section(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := doc[i+len(heading)+2:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// folders lists the folders directly below each of roots, skipping hidden
// ones and testdata.
func folders(t *testing.T, roots ...string) []string {
	var out []string
	for _, root := range roots {
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "testdata" {
				continue
			}
			if root == "." && (e.Name() == "internal" || e.Name() == "adapter") {
				out = append(out, e.Name())
				continue
			}
			out = append(out, filepath.ToSlash(filepath.Join(root, e.Name())))
		}
	}
	return out
}

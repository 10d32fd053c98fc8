package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlOutsideStore finds what would put SQL outside this package tree: the
// raw handle or the placeholder rewriter (meant for store/storetest), or a
// statement written as a string literal.
var sqlOutsideStore = regexp.MustCompile("\\.SQL\\(\\)|\\.Rebind\\(|[`\"](SELECT|INSERT INTO|DELETE FROM|PRAGMA) |[`\"]UPDATE [a-z_]+ SET ")

// TestNoSQLOutsideStore (issue 16): every SQL text lives under store/, so a
// schema change is caught by the store's own tests.
func TestNoSQLOutsideStore(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel == "store" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(text), "\n") {
			if sqlOutsideStore.MatchString(line) {
				found = append(found, rel+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("SQL outside store/: %s", f)
	}
}

// TestNoSQLOutsideStoreSees: the pattern catches each form it is meant to.
func TestNoSQLOutsideStoreSees(t *testing.T) {
	for _, line := range []string{"db.SQL().Exec(x)", "q := db.Rebind(q)", "`SELECT id FROM users`", "\"DELETE FROM notices\"", "`UPDATE users SET x = 1`"} {
		if !sqlOutsideStore.MatchString(line) {
			t.Errorf("not seen: %s", line)
		}
	}
	if sqlOutsideStore.MatchString(`"Select a unit"`) {
		t.Error("an English sentence taken for SQL")
	}
}

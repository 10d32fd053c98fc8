package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// TestSettingsPrecedence: the file gives defaults, the environment
// overrides the file, the command line overrides both; a misspelt setting
// in the file is an error, not a silent default.
func TestSettingsPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "motcua.conf")
	os.WriteFile(file, []byte("# a province\naddr = 0.0.0.0:9000\nbase-url = \"https://motcua.example.vn\"\nlog-format = json\n"), 0o600)
	t.Setenv("MOTCUA_LOG_FORMAT", "text")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	base := fs.String("base-url", "", "")
	format := fs.String("log-format", "text", "")
	if err := parseFlags(fs, []string{"--config", file, "--addr", "127.0.0.1:7000"}); err != nil {
		t.Fatal(err)
	}
	if *addr != "127.0.0.1:7000" || *base != "https://motcua.example.vn" || *format != "text" {
		t.Fatalf("addr %q, base-url %q, log-format %q", *addr, *base, *format)
	}
	os.WriteFile(file, []byte("adress = 0.0.0.0:9000\n"), 0o600)
	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.String("addr", "", "")
	if err := parseFlags(fs, []string{"--config", file}); err == nil {
		t.Fatal("a misspelt setting was ignored")
	}
}

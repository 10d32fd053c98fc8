package pdftest

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Signatures are checked by an independent verifier, poppler's pdfsig,
// never by the code that signed them; pdfsig trusts the CAs of an NSS
// database (certutil). CI installs both (.ci/run: poppler-utils,
// libnss3-tools); a test needing them fails, not skips, without them.

// Tool runs a poppler or NSS command-line tool and returns what it
// printed. pdfsig exits non-zero on a signature it finds invalid: its
// output says why, so only the other tools' failures fail the test.
func Tool(tb testing.TB, tool string, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		tb.Fatalf("%s is not installed (apt-get install poppler-utils libnss3-tools): %v", tool, err)
	}
	cmd := exec.Command(tool, args...)
	cmd.Env = append(os.Environ(), "TZ=UTC") // pdfsig prints the signing time in local time
	out, err := cmd.CombinedOutput()
	if err != nil && tool != "pdfsig" {
		tb.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// TrustingNSSDir is a new NSS database that trusts ca for signing, for
// pdfsig -nssdir "sql:"+dir.
func TrustingNSSDir(tb testing.TB, ca *x509.Certificate) string {
	tb.Helper()
	dir := tb.TempDir()
	Tool(tb, "certutil", "-N", "-d", "sql:"+dir, "--empty-password")
	pemPath := WriteTemp(tb, "ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw}))
	Tool(tb, "certutil", "-A", "-d", "sql:"+dir, "-n", "motcua-demo", "-t", "C,C,C", "-i", pemPath)
	return dir
}

// Pdfsig is pdfsig's report on the signatures of a PDF held in memory;
// with a CA, pdfsig trusts it (and only it) when it checks the chain.
func Pdfsig(tb testing.TB, pdf []byte, trusted *x509.Certificate) string {
	tb.Helper()
	path := WriteTemp(tb, "signed.pdf", pdf)
	if trusted == nil {
		return Tool(tb, "pdfsig", path)
	}
	return Tool(tb, "pdfsig", "-nssdir", "sql:"+TrustingNSSDir(tb, trusted), path)
}

// WantLines fails the test for each line missing from a tool's output.
func WantLines(tb testing.TB, out string, lines ...string) {
	tb.Helper()
	for _, l := range lines {
		if !strings.Contains(out, l) {
			tb.Errorf("pdfsig output lacks %q:\n%s", l, out)
		}
	}
}

// WriteTemp writes data to a file named name in a new temporary
// directory of the test.
func WriteTemp(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

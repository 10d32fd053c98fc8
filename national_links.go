package motcua

import "strings"

// NationalFilePath is where the national co-ordination system fetches the
// files a national record links to (components, and results issued
// without a code): by the file's SHA-256, which is also where the file
// store keeps it, so the link names no dossier and cannot be guessed. The
// partner adapter serves it to the national system only.
const NationalFilePath = "/lien-thong/dvcqg/tep"

// NationalFileURL is the absolute link to a file for the national record;
// "" when there is no file.
func NationalFileURL(base, sha256 string) string {
	if sha256 == "" {
		return ""
	}
	return strings.TrimRight(base, "/") + NationalFilePath + "/" + sha256
}

package motcua

import (
	"net/url"
	"strconv"
	"strings"
)

// TrackPath is the portal's tracking page; the receipt's QR code opens it.
const TrackPath = "/tra-cuu"

// RatePath is the portal's page for rating a returned dossier.
const RatePath = "/danh-gia"

// MinePath is the portal's list of a citizen's own submissions; each has
// its page below it.
const MinePath = "/ho-so-cua-toi"

// TrackURL is a dossier's tracking link, as printed in its QR code and sent
// in notices: the code with the secret that proves the holder got it from
// the receipt.
func TrackURL(base string, d *Dossier) string { return link(base, TrackPath, d) }

// RateURL is the link to rate a returned dossier, sent with the result.
func RateURL(base string, d *Dossier) string { return link(base, RatePath, d) }

// MineURL is the page of an online submission, which only the contact it
// was filed from may open.
func MineURL(base string, submissionID int64) string {
	return strings.TrimSuffix(base, "/") + MinePath + "/" + strconv.FormatInt(submissionID, 10)
}

func link(base, path string, d *Dossier) string {
	return strings.TrimSuffix(base, "/") + path + "?" + url.Values{"ma": {d.Code}, "khoa": {d.TrackingSecret}}.Encode()
}

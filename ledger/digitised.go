package ledger

import (
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// The digital dossier (issue 18): when a component may still be digitised,
// and whether a dossier counts as digitised for indicator 4.2 of Decision
// 766 ("dossiers with files attached to their components and, where the
// result is a document, an electronic result", 766-and-national-sync.md).

// MayDigitise allows a scan of a component at now for a dossier whose
// intake was keyed at keyed: on the same calendar day in Vietnam's time,
// the working day of the intake. Later the scan is refused with the
// reason: the paper went on with the dossier, and a scan made days after
// proves nothing about what was received.
func MayDigitise(keyed, now time.Time) error {
	ky, km, kd := keyed.In(motcua.VN).Date()
	ny, nm, nd := now.In(motcua.VN).Date()
	if ky == ny && km == nm && kd == nd {
		return nil
	}
	return motcua.FieldError("scan", "Chỉ số hóa thành phần hồ sơ trong ngày làm việc tiếp nhận (%s); hồ sơ này đã quá thời hạn số hóa.",
		motcua.FormatDate(keyed))
}

// Digitisation is what indicator 4.2 reads of one dossier.
type Digitisation struct {
	Complete bool
	// Missing names the components without a file; NoComponents is a
	// dossier that recorded none (nothing to prove it was digitised).
	Missing      []string
	NoComponents bool
	// ResultMissing: the result is a document and no electronic result is
	// attached (yet).
	ResultMissing bool
}

// Digitised applies the national rule: every component has a file and,
// where the procedure's result is a document, the dossier has an
// electronic result. filed[i] tells whether component i has a file.
func Digitised(components []motcua.ReceivedDocument, filed map[int]bool, resultIsDocument, electronicResult bool) Digitisation {
	var d Digitisation
	for i, c := range components {
		if !filed[i] {
			d.Missing = append(d.Missing, c.Name)
		}
	}
	d.NoComponents = len(components) == 0
	d.ResultMissing = resultIsDocument && !electronicResult
	d.Complete = !d.NoComponents && len(d.Missing) == 0 && !d.ResultMissing
	return d
}

// documentWords are what a result that is a document is called in the
// catalogue's "kết quả thực hiện" (folded). Every result of the demo
// catalogue names one; a change of records in a database does not.
var documentWords = []string{"giay", "van ban", "quyet dinh", "trich luc", "ban sao", "ban dich", "bien ban", "phieu",
	"hop dong", "di chuc", "thong bao", "chung nhan", "chung thuc", "xac nhan", "giay phep"}

// ResultIsDocument tells whether a procedure's result (the catalogue's
// text) is a document, which then needs an electronic result for 4.2.
// A result the catalogue leaves empty counts as a document: the stricter
// reading, so that a gap in the catalogue never flatters the figure.
func ResultIsDocument(resultType string) bool {
	folded := motcua.Fold(resultType)
	if strings.TrimSpace(folded) == "" {
		return true
	}
	for _, w := range documentWords {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

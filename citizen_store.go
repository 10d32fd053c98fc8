package motcua

import (
	"context"
	"io"
	"time"
)

// The citizen's store (issue 18, item 5; 766 indicators 4.3 and 4.4):
// what a person once submitted or received is kept under their identity
// number, with its validity, and reused at a later intake instead of being
// asked for again.

// FileOrigin tells where a component's file came from.
type FileOrigin string

const (
	OriginScan     FileOrigin = "scan"     // scanned at the counter or from the post
	OriginUpload   FileOrigin = "upload"   // uploaded by the citizen online
	OriginReused   FileOrigin = "reused"   // a document the one-stop already held (indicator 4.3)
	OriginNational FileOrigin = "national" // taken from the national data store (indicator 4.4)
	OriginResult   FileOrigin = "result"   // an electronic result the one-stop issued
)

// Label is the origin in the interface's words.
func (o FileOrigin) Label() string {
	switch o {
	case OriginScan:
		return "Số hóa tại bộ phận một cửa"
	case OriginUpload:
		return "Người nộp tải lên"
	case OriginReused:
		return "Tái sử dụng dữ liệu đã số hóa"
	case OriginNational:
		return "Lấy từ Kho dữ liệu của công dân trên Cổng DVCQG"
	case OriginResult:
		return "Kết quả điện tử đã cấp"
	}
	return string(o)
}

// Reusing reports whether a file with this origin counts as reused
// digitised data (indicator 4.3): taken from what is held, locally or in
// the national store.
func (o FileOrigin) Reusing() bool { return o == OriginReused || o == OriginNational }

// HeldDocument is one document held for an identity number: a component
// file of an earlier dossier, an online upload, an electronic result
// issued, or a document of the citizen's national data store.
type HeldDocument struct {
	// Ref names it for a later intake: "c:<id>" a component file, "u:<id>"
	// an upload, "r:<id>" an issued result, "n:<id>" the national store's.
	Ref         string
	Name        string // the component's name, or the result's kind
	Origin      FileOrigin
	FileName    string
	ContentType string
	Size        int64
	SHA256      string // empty for a national document not yet fetched
	DossierCode string // the dossier it was given with or issued for
	ResultCode  string // for an issued result
	HeldAt      time.Time
	ValidUntil  time.Time // zero: no end
}

// ValidAt reports whether the document may still be reused at t.
func (h HeldDocument) ValidAt(t time.Time) bool {
	return h.ValidUntil.IsZero() || !t.After(h.ValidUntil)
}

// PushedResult is what the citizen's national data store receives of an
// electronic result: the link to the file and what identifies it.
type PushedResult struct {
	IDNumber    string
	Code        string // the result code (mã kết quả)
	Name        string // the kind of result
	Link        string // where the file is fetched (the verification page with the code)
	SHA256      string
	IssuedAt    time.Time
	Issuer      string // the issuing unit's code
	ValidUntil  time.Time
	DossierCode string
}

// NationalStore is the citizen's data store on the national portal (Kho
// quản lý dữ liệu điện tử của tổ chức, cá nhân), as motcua uses it; its
// adapter is adapter/partner/khodl.
type NationalStore interface {
	// Held lists the documents the store keeps for an identity number
	// (Ref "n:<id>", no SHA256 until fetched).
	Held(ctx context.Context, idNumber string) ([]HeldDocument, error)
	// Open fetches one document's file by its store id.
	Open(ctx context.Context, idNumber, id string) (io.ReadCloser, error)
	// Push sends a result's link to the applicant's store.
	Push(ctx context.Context, r PushedResult) error
}

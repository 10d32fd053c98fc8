// Package httpstatus remembers the status a handler wrote, for the
// middlewares that log, count or audit responses.
package httpstatus

import "net/http"

// Writer passes everything through to the ResponseWriter it wraps and keeps
// the status: 200 unless the handler wrote another.
type Writer struct {
	http.ResponseWriter
	Status int
}

// Wrap starts recording the status written to w.
func Wrap(w http.ResponseWriter) *Writer {
	return &Writer{ResponseWriter: w, Status: http.StatusOK}
}

func (w *Writer) WriteHeader(status int) {
	w.Status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the writer below.
func (w *Writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }

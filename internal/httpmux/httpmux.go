// Package httpmux names where HTTP routes are registered, once for the web
// pages, the API and the metrics endpoint.
package httpmux

import "net/http"

// Mux is where routes are registered: the server's *http.ServeMux, or a
// test's recorder that lists every route to check its policy.
type Mux interface {
	Handle(pattern string, handler http.Handler)
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

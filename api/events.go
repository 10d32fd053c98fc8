package api

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Feed is one page of the event feed.
type Feed struct {
	Events []motcua.CloudEvent `json:"events"`
	Next   string              `json:"next"` // pass as after= to read on; the same when nothing new
}

// events is GET /api/v1/events?after=CURSOR&limit=N: the ledger's events
// about dossiers in the caller's scope, in a stable order, for systems
// that cannot receive webhooks. No event is skipped when writers commit
// concurrently.
func (s *Server) events(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	after, err := store.ParseCursor(q.Get("after"))
	if err != nil {
		writeError(w, err)
		return
	}
	limit := 100
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > store.MaxFeedPage {
			writeError(w, motcua.FieldError("limit", "limit phải từ 1 đến %d.", store.MaxFeedPage))
			return
		}
	}
	events, next, err := s.db.Feed(r.Context(), a, after, limit)
	if err != nil {
		writeError(w, err)
		return
	}
	if events == nil {
		events = []motcua.CloudEvent{}
	}
	writeJSON(w, http.StatusOK, Feed{Events: events, Next: next.String()})
}

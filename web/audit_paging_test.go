package web_test

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

// TestAuditPagePagesThroughKeepingFilters: 120 entries match the filters
// (among others that do not): "Cũ hơn »" walks 50, 50, 20 entries, each page
// older than the last and inside the filters; "« Mới hơn" walks back to the
// same pages; links carry the filters as a real query, not one escaped value.
func TestAuditPagePagesThroughKeepingFilters(t *testing.T) {
	e := newEnv(t)
	last, err := storetest.MaxID(t.Context(), e.db, "audit_log")
	if err != nil {
		t.Fatal(err)
	}
	var entries []storetest.UnchainedEntry // numbered from last+1
	for i := int64(1); i <= 240; i++ {
		object, actor := "HS-PAGING", "user:990 lantrang"
		if i%2 == 0 {
			object, actor = "HS-OTHER", "user:991 khac"
		}
		entries = append(entries, storetest.UnchainedEntry{Actor: actor, Action: "dossier.read", Object: object})
	}
	if err := storetest.AppendUnchained(t.Context(), e.db, sample.Now, entries); err != nil {
		t.Fatal(err)
	}
	admin := e.login(t, fx.Admin)
	filters := url.Values{"object": {"HS-PAGING"}, "actor": {"user:990"}, "from": {"01/03/2024"}}
	first := admin.get(t, "/audit?"+filters.Encode())
	wantStatus(t, first, 200)
	wantLacks(t, first, "« Mới hơn")

	var pages [][]int64
	p := first
	for {
		ids := auditIDs(t, p)
		if n := len(pages); n > 0 && (len(ids) == 0 || ids[0] >= pages[n-1][len(pages[n-1])-1]) {
			t.Fatalf("page %d starts at %v, not below page %d's %v", n+1, ids, n, pages[n-1])
		}
		pages = append(pages, ids)
		wantContains(t, p, "HS-PAGING")
		wantLacks(t, p, "HS-OTHER", "user:991")
		older := pagerLink(t, p, "Cũ hơn »")
		if older == "" {
			break
		}
		if len(pages) > 5 {
			t.Fatal("paging does not end")
		}
		keepsFilters(t, older, filters)
		p = admin.get(t, older)
		wantStatus(t, p, 200)
	}
	if len(pages) != 3 || len(pages[0]) != 50 || len(pages[1]) != 50 || len(pages[2]) != 20 {
		t.Fatalf("pages of %d, %d…: %v", len(pages[0]), len(pages), pages)
	}
	if pages[0][0] != last+239 || pages[2][19] != last+1 {
		t.Fatalf("pages run from %d to %d, want the newest to the oldest", pages[0][0]-last, pages[2][19]-last)
	}
	for n := 2; n >= 1; n-- { // back from the last page
		newer := pagerLink(t, p, "« Mới hơn")
		keepsFilters(t, newer, filters)
		p = admin.get(t, newer)
		if got := auditIDs(t, p); !slices.Equal(got, pages[n-1]) {
			t.Fatalf("« Mới hơn from page %d shows %v, want page %d's %v", n+1, got, n, pages[n-1])
		}
	}
	wantLacks(t, p, "« Mới hơn")
}

// auditIDs are the ids of the trail's rows on the page, in order.
func auditIDs(t *testing.T, p page) []int64 {
	t.Helper()
	var ids []int64
	for _, row := range all(t, p, "#audit-entries tbody tr") {
		if id, err := strconv.ParseInt(textOfNode(row, "td"), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// pagerLink is the href of the link with the text, "" when there is none.
func pagerLink(t *testing.T, p page, text string) string {
	t.Helper()
	for _, a := range all(t, p, "a[href]") {
		if htmlcheck.Text(a) == text {
			return htmlcheck.Attr(a, "href")
		}
	}
	return ""
}

func keepsFilters(t *testing.T, link string, filters url.Values) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Path != "/audit" {
		t.Fatalf("pager link %q: %v", link, err)
	}
	q := u.Query()
	for k := range filters {
		if q.Get(k) != filters.Get(k) {
			t.Fatalf("pager link %q drops or changes %s (%q)", link, k, filters.Get(k))
		}
	}
	if !strings.Contains(link, "before=") && !strings.Contains(link, "after=") {
		t.Fatalf("pager link %q has no cursor", link)
	}
}

package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// Intake with scans (issue 18): a counter intake of three components,
// each scanned as a 1 MB PDF, answered under budgetScanIntake server side.
const (
	budgetScanIntake = 300 * time.Millisecond
	scanComponents   = 3
	scanBytes        = 1 << 20
	maxScanIntakes   = 200 // 600 MB of scans at most, in a temporary directory
)

// scanResult is the intake-with-scans measurement.
type scanResult struct {
	n, errs  int
	lat      []time.Duration // server side, sorted
	firstErr error
}

// measureScans has one counter officer of a commune centre accept
// dossiers of a commune procedure with at least three components through
// the real handler stack (POST /intake, multipart, as the intake page
// sends it), each component with its own 1 MB PDF scan, one after another
// for d (at most maxScanIntakes) after a warm-up. The time measured is the
// server's: from the handler's start to its answer, which includes reading
// the upload from the loopback connection, checking and hashing each file
// into the content-addressed store, and the transaction writing the
// dossier, its scans and the audit trail. The files go to a temporary
// directory removed afterwards.
func measureScans(ctx context.Context, db *store.DB, o *org, pw string, d time.Duration) (*scanResult, error) {
	centre := o.communes[0]
	i := slices.IndexFunc(o.commune, func(p *proc) bool { return len(p.docs) >= scanComponents })
	if i < 0 {
		return nil, fmt.Errorf("no commune procedure with %d components", scanComponents)
	}
	p := o.commune[i].p
	dir, err := os.MkdirTemp("", "motcua-bench-files-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	// Intakes are sent one after another: the handler's time of the last
	// one is read once its answer has arrived (stored before it is sent).
	var last atomic.Int64
	mux := http.NewServeMux()
	site := web.Mount(mux, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	site.Files = &files.Store{Dir: dir, MaxSize: motcua.MaxComponentFile}
	h := site.Handler(mux)
	addr, stop, err := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		h.ServeHTTP(w, r)
		last.Store(int64(time.Since(t0)))
	}))
	if err != nil {
		return nil, err
	}
	defer stop()
	c, err := counterClient(ctx, "http://"+addr, o.counter[centre.ID].Username, pw)
	if err != nil {
		return nil, err
	}

	form := url.Values{"procedure": {strconv.FormatInt(p.ID, 10)}, "unit": {strconv.FormatInt(centre.ID, 10)},
		"channel": {string(motcua.ChannelCounter)}, "sets": {"1"}, "residence": {strconv.FormatInt(centre.ParentID, 10)}}
	for k := range scanComponents {
		form.Add("doc", strconv.Itoa(k))
		form.Set("count_"+strconv.Itoa(k), "1")
	}
	filler := bytes.Repeat([]byte("0123456789abcdef"), scanBytes/16)
	res := &scanResult{}
	begin := time.Now().Add(warmup(d))
	end := begin.Add(d)
	for n := 0; ctx.Err() == nil && time.Now().Before(end) && res.n < maxScanIntakes; n++ {
		form.Set("name", "Người Nộp Thử "+strconv.Itoa(n))
		body, contentType := scanForm(form, n, filler)
		measured := time.Now().After(begin)
		err := c.post("/intake", contentType, body, http.StatusSeeOther)
		switch {
		case !measured:
		case err != nil:
			res.errs++
			if res.firstErr == nil {
				res.firstErr = err
			}
		default:
			res.n++
			res.lat = append(res.lat, time.Duration(last.Load()))
		}
	}
	slices.Sort(res.lat)
	return res, ctx.Err()
}

// scanForm is the intake form with a new PDF of about 1 MB (filler) for
// each component: the content-addressed store keeps one copy of equal
// files, so a file sent again would not be written again.
func scanForm(form url.Values, n int, filler []byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for k := range scanComponents {
		part, _ := w.CreateFormFile("scan_"+strconv.Itoa(k), "quet-"+strconv.Itoa(k)+".pdf")
		fmt.Fprintf(part, "%%PDF-1.7\n%% intake %d component %d\n", n, k)
		part.Write(filler)
		io.WriteString(part, "\n%%EOF\n")
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// officerClient is a logged-in officer's browser session: a cookie jar,
// same-origin requests, redirects not followed.
type officerClient struct {
	base string
	c    *http.Client
}

func counterClient(ctx context.Context, base, username, pw string) (*officerClient, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	c := &officerClient{base: base, c: &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	login := url.Values{"username": {username}, "password": {pw}, "next": {"/worklist"}}
	if err := c.post("/login", "application/x-www-form-urlencoded", strings.NewReader(login.Encode()), http.StatusSeeOther); err != nil {
		return nil, fmt.Errorf("log in %s (--password?): %w", username, err)
	}
	return c, nil
}

// post sends a form as the site's own page would and checks the status.
func (c *officerClient) post(path, contentType string, body io.Reader, want int) error {
	req, err := http.NewRequest(http.MethodPost, c.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		page, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		return fmt.Errorf("POST %s: %d, want %d: %s", path, res.StatusCode, want, pageError(page))
	}
	io.Copy(io.Discard, res.Body)
	return nil
}

// pageError is the message of a page's error paragraph, if any.
func pageError(page []byte) string {
	_, after, ok := bytes.Cut(page, []byte(`id="error">`))
	if !ok {
		return "(no error message on the page)"
	}
	msg, _, _ := bytes.Cut(after, []byte("<"))
	return string(msg)
}

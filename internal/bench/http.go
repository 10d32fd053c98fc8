package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// httpResult is what a load run measured.
type httpResult struct {
	Requests int             // completed with the expected status
	Errors   int             // other statuses, and I/O errors
	Elapsed  time.Duration   // measured window (after warm-up)
	Latency  []time.Duration // one per completed request, sorted
	FirstErr string
	CPU      float64 // cores busy during the window (process CPU time / wall time)
}

func (r *httpResult) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// serve serves h on a fresh 127.0.0.1 port until the returned stop
// function is called.
func serve(h http.Handler) (addr string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	return ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}, nil
}

// drive runs a closed-loop load: clients keep-alive connections, each
// sending the next request as soon as the previous response is read. The
// client is a minimal HTTP/1.1 reader (status line, headers, Content-Length
// or chunked body) so that little of the two cores goes to the load
// generator itself. Requests during the warm-up are not counted.
func drive(ctx context.Context, addr string, clients int, warmup, d time.Duration, want int,
	request func(rng *rand.Rand, buf []byte) []byte) (*httpResult, error) {
	workers := make([]*httpWorker, clients)
	var wg sync.WaitGroup
	conns := make([]net.Conn, clients)
	for i := range conns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			for _, c := range conns[:i] {
				c.Close()
			}
			return nil, err
		}
		conns[i] = c
	}
	begin := time.Now().Add(warmup)
	end := begin.Add(d)
	cpu := cpuMeter(begin, end)
	for i := range workers {
		w := &httpWorker{lat: make([]time.Duration, 0, 1<<16)}
		workers[i] = w
		conn := conns[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			rng := rand.New(rand.NewPCG(uint64(i), 77))
			br := bufio.NewReaderSize(conn, 16<<10)
			var buf []byte
			for ctx.Err() == nil {
				buf = request(rng, buf[:0])
				t0 := time.Now()
				if t0.After(end) {
					return
				}
				if _, err := conn.Write(buf); err != nil {
					w.fail(err)
					return
				}
				status, err := readResponse(br)
				t1 := time.Now()
				if err != nil {
					w.fail(err)
					return
				}
				if t0.Before(begin) {
					continue
				}
				if status != want {
					w.errs++
					if w.firstErr == nil {
						w.firstErr = fmt.Errorf("status %d", status)
					}
					continue
				}
				w.n++
				w.lat = append(w.lat, t1.Sub(t0))
			}
		}()
	}
	wg.Wait()
	r := &httpResult{Elapsed: d, CPU: cpu()}
	for _, w := range workers {
		r.Requests += w.n
		r.Errors += w.errs
		r.Latency = append(r.Latency, w.lat...)
		if w.firstErr != nil && r.FirstErr == "" {
			r.FirstErr = w.firstErr.Error()
		}
	}
	slices.Sort(r.Latency)
	return r, ctx.Err()
}

// httpWorker is one client connection's tally.
type httpWorker struct {
	n, errs  int
	lat      []time.Duration
	firstErr error
}

func (w *httpWorker) fail(err error) {
	w.errs++
	if w.firstErr == nil {
		w.firstErr = err
	}
}

var errResponse = errors.New("malformed HTTP response")

// readResponse reads one HTTP/1.1 response and discards its body.
func readResponse(br *bufio.Reader) (int, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, errResponse
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, errResponse
	}
	length, chunked := -1, false
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(line) <= 2 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		v = bytes.TrimSpace(v)
		switch {
		case equalFold(k, "content-length"):
			if length, err = strconv.Atoi(string(v)); err != nil {
				return 0, errResponse
			}
		case equalFold(k, "transfer-encoding"):
			chunked = equalFold(v, "chunked")
		}
	}
	switch {
	case chunked:
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				return 0, err
			}
			size, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.SplitN(line, []byte(";"), 2)[0])), 16, 64)
			if err != nil {
				return 0, errResponse
			}
			if size == 0 {
				for { // trailers, then the blank line
					line, err := br.ReadSlice('\n')
					if err != nil {
						return 0, err
					}
					if len(line) <= 2 {
						return status, nil
					}
				}
			}
			if _, err := br.Discard(int(size) + 2); err != nil {
				return 0, err
			}
		}
	case length >= 0:
		_, err := br.Discard(length)
		return status, err
	}
	return 0, fmt.Errorf("%w: no length (keep-alive needs Content-Length or chunked)", io.ErrUnexpectedEOF)
}

func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// percentile of sorted durations, q in [0, 1].
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q * float64(len(sorted)-1))
	return sorted[i]
}

// cpuMeter samples the process's CPU time at begin and end (in the
// background) and returns a function reporting the cores used in between.
func cpuMeter(begin, end time.Time) func() float64 {
	var cpu0, cpu1 time.Duration
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(time.Until(begin))
		cpu0 = cpuTime()
		time.Sleep(time.Until(end))
		cpu1 = cpuTime()
	}()
	return func() float64 {
		<-done
		return float64(cpu1-cpu0) / float64(end.Sub(begin))
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

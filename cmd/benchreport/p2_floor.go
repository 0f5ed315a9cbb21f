package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/botsdk/botsdk/pkg/mock"
)

// floor pages through the check-in's last items responses as the thinnest
// client would, with net/http alone and botctl's schedule: the first page by
// itself, then the others by offset with at most conc requests awaiting
// their answers at once (a request's turn ends when its answer's headers
// arrive) and conc + 1 pages fetched at once, each body read to its end and
// dropped (no decoding, no output). It returns the wall time from the
// first request to the last body's end: what the server's latency, its
// building and writing of the pages, loopback and Go's scheduling cost any
// client, botctl's export being the same requests plus botctl's own work.
// It runs in this process, beside the mock. held is the median time the
// mock held an answer (see p2Run.Held).
func (s *p2Server) floor(ctx context.Context, items, conc, pageSize int) (wall, held time.Duration, err error) {
	s.held.reset()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = conc + 1
	tr.MaxConnsPerHost = conc + 1
	turns := make(chan struct{}, conc)
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	from := s.count - items
	get := func(off int) error {
		q := url.Values{"date_start": {p2DateStart}, "date_end": {p2DateEnd}, "limit": {strconv.Itoa(pageSize)}, "offset": {strconv.Itoa(off)}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/checkins/"+s.checkin+"/responses/?"+q.Encode(), nil)
		if err != nil {
			return err
		}
		req.Header.Set("X-API-KEY", mock.DefaultCredentials().DailyBotKey)
		turns <- struct{}{}
		resp, err := client.Do(req)
		<-turns
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("floor: GET offset %d: %s", off, resp.Status)
		}
		return nil
	}
	start := time.Now()
	if err := get(from); err != nil {
		return 0, 0, err
	}
	offsets := make(chan int)
	errs := make(chan error, conc+1)
	var wg sync.WaitGroup
	for range conc + 1 {
		wg.Go(func() {
			for off := range offsets {
				if err := get(off); err != nil {
					errs <- err
					return
				}
			}
		})
	}
feed:
	for off := from + pageSize; off < s.count; off += pageSize {
		select {
		case offsets <- off:
		case err = <-errs:
			break feed
		}
	}
	close(offsets)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return time.Since(start), s.held.median(), err
}

// heldAnswers collects, for one run, how long the server held each answer:
// from the request's arrival at its handler to the answer's first write.
type heldAnswers struct {
	mu sync.Mutex
	d  []time.Duration
}

// add records one answer's time.
func (h *heldAnswers) add(d time.Duration) {
	h.mu.Lock()
	h.d = append(h.d, d)
	h.mu.Unlock()
}

// reset forgets the answers recorded, for the next run.
func (h *heldAnswers) reset() {
	h.mu.Lock()
	h.d = h.d[:0]
	h.mu.Unlock()
}

// median is the run's median, 0 before any answer.
func (h *heldAnswers) median() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.d) == 0 {
		return 0
	}
	xs := make([]float64, len(h.d))
	for i, d := range h.d {
		xs[i] = float64(d)
	}
	return time.Duration(p24Summarise(xs).Median)
}

// firstWrite is an http.ResponseWriter that notes when the answer's first
// header or body write happened.
type firstWrite struct {
	http.ResponseWriter
	at time.Time
}

// mark notes the time of the first write, once.
func (w *firstWrite) mark() {
	if w.at.IsZero() {
		w.at = time.Now()
	}
}

// WriteHeader marks the first write and passes the status on.
func (w *firstWrite) WriteHeader(code int) {
	w.mark()
	w.ResponseWriter.WriteHeader(code)
}

// Write marks the first write and passes b on.
func (w *firstWrite) Write(b []byte) (int, error) {
	w.mark()
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.NewResponseController reach the server's writer.
func (w *firstWrite) Unwrap() http.ResponseWriter { return w.ResponseWriter }

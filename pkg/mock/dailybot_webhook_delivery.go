package mock

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
)

// maxQueuedDeliveries bounds the webhook queue; deliveries beyond it are
// dropped (and logged) rather than piling up behind a slow receiver.
const maxQueuedDeliveries = 1024

// webhookDelivery is one POST to a subscriber.
type webhookDelivery struct {
	url, bearer, event string
	payload            []byte
}

// webhookDispatcher sends deliveries in the order they were queued, one at a
// time, from a worker goroutine that runs only while the queue is not empty:
// a mock that delivers nothing runs no goroutine, and one that is dropped
// without close leaks none once its queue drains. close cancels the delivery
// in flight and drops the rest.
type webhookDispatcher struct {
	client *http.Client
	cfg    *config

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	queue   []webhookDelivery
	running bool
	closed  bool
}

func newWebhookDispatcher(cfg *config) *webhookDispatcher {
	// A copy of the client that does not follow redirects: a loopback
	// receiver must not be able to bounce the mock to another host.
	client := *cfg.webhookClient
	if !cfg.remoteWebhooks {
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &webhookDispatcher{client: &client, cfg: cfg, ctx: ctx, cancel: cancel}
}

// enqueue queues d and starts the worker if it is idle.
func (d *webhookDispatcher) enqueue(w webhookDelivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	if len(d.queue) >= maxQueuedDeliveries {
		d.cfg.logger.Warn("mock: webhook queue full, delivery dropped", "event", w.event, "url", w.url)
		return
	}
	d.queue = append(d.queue, w)
	if !d.running {
		d.running = true
		d.wg.Add(1)
		go d.run()
	}
}

func (d *webhookDispatcher) run() {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(d.queue) == 0 || d.closed {
			d.running = false
			d.mu.Unlock()
			return
		}
		w := d.queue[0]
		d.queue = d.queue[1:]
		d.mu.Unlock()
		d.send(w)
	}
}

// send POSTs one delivery; DailyBot does not document retries, so a failed
// delivery is logged and dropped.
func (d *webhookDispatcher) send(w webhookDelivery) {
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, w.url, bytes.NewReader(w.payload))
	if err != nil {
		d.cfg.logger.Warn("mock: webhook delivery", "event", w.event, "url", w.url, "error", err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "botsdk-mock/dailybot")
	if w.bearer != "" {
		req.Header.Set("X-BEARER", w.bearer)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			d.cfg.logger.Warn("mock: webhook delivery", "event", w.event, "url", w.url, "error", err)
		}
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	d.cfg.logger.Info("mock: webhook delivered", "event", w.event, "url", w.url, "status", resp.StatusCode)
}

// close cancels the delivery in flight, drops queued ones and waits for the
// worker to stop. Deliveries queued later are dropped.
func (d *webhookDispatcher) close() {
	d.mu.Lock()
	d.closed = true
	d.queue = nil
	d.mu.Unlock()
	d.cancel()
	d.wg.Wait()
}

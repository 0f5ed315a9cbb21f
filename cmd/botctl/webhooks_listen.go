package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/assistbot"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// addWebhookListenCmds adds `dailybot webhooks listen` and `assistbot
// webhooks listen` to the API commands root holds.
func addWebhookListenCmds(root *cobra.Command, a *app) {
	for _, api := range []string{"dailybot", "assistbot"} {
		apiCmd := findChild(root, api)
		if apiCmd == nil {
			continue
		}
		group := findChild(apiCmd, "webhooks")
		if group == nil {
			group = &cobra.Command{Use: "webhooks", Short: "Receive webhook deliveries"}
			apiCmd.AddCommand(group)
		}
		listen := newWebhooksListenCmd(a, api)
		group.AddCommand(listen)
		listHandWritten(apiCmd, "webhooks listen", listen)
	}
}

// handWritten marks a command that is no operation of the API's spec.
const handWritten = "botctl/hand-written"

// listHandWritten adds cmd, a hand-written command at path below apiCmd, to
// the API's --help: its command list (aligned with the generated lines)
// and its first example.
func listHandWritten(apiCmd *cobra.Command, path string, cmd *cobra.Command) {
	cmd.Annotations = map[string]string{handWritten: "true"}
	head, list, ok := strings.Cut(apiCmd.Long, "\n\nCommands:\n")
	if !ok {
		return
	}
	// The generated lines are "  words<spaces>description": align with the
	// first one's description column.
	width := len(path) + 2
	if first, _, _ := strings.Cut(list, "\n"); strings.HasPrefix(first, "  ") {
		words := strings.TrimPrefix(first, "  ")
		if i := strings.Index(words, "  "); i >= 0 {
			width = max(width, len(words)-len(strings.TrimLeft(words[i:], " ")))
		}
	}
	apiCmd.Long = head + "\n\nCommands:\n" + list + "\n  " + path + strings.Repeat(" ", width-len(path)) + cmd.Short
	first, _, _ := strings.Cut(cmd.Example, "\n")
	apiCmd.Example += "\n" + first
}

func findChild(cmd *cobra.Command, name string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

// rawDelivery is a delivery as received, kept for the output line and for
// forwarding; the verifying handlers read the body from a copy.
type rawDelivery struct {
	header http.Header
	body   []byte
}

type deliveryKey struct{}

func newWebhooksListenCmd(a *app, api string) *cobra.Command {
	cmd := &cobra.Command{
		Use:  "listen",
		Args: cobra.NoArgs,
	}
	if api == "dailybot" {
		cmd.Short = "Receive, verify and print DailyBot webhook deliveries on loopback"
		cmd.Long = `Listen on a loopback address for DailyBot webhook deliveries, check each one's X-BEARER
against --bearer (DAILYBOT_WEBHOOK_BEARER; no check when neither is set) and print each
event to stdout as one JSON line: {"api", "event", "event_timestamp", "hook_id",
"hook_name", "received_at", "raw"}, raw being the delivery's body as sent. A refused
delivery (wrong bearer, not an event) is answered 401 or 400 and reported on stderr.

--forward-to URL posts each verified delivery on, with its original headers.
--subscribe registers the listener through the API (a random bearer unless --bearer)
and removes the subscription when botctl stops (SIGINT or SIGTERM; exit 0). DailyBot
must be able to reach the listener: against the live API use a tunnel; the mock
(botctl mock, --base-url its DailyBot URL) delivers to loopback.`
		cmd.Example = `  botctl dailybot webhooks listen --subscribe --base-url http://127.0.0.1:8080/dailybot/v1 --api-key mock-dailybot-key
  botctl dailybot webhooks listen --addr 127.0.0.1:9000 --bearer s3cret --forward-to http://127.0.0.1:3000/hooks`
	} else {
		cmd.Short = "Receive, verify and print AssistBot webhook deliveries on loopback"
		cmd.Long = `Listen on a loopback address for AssistBot webhook deliveries, check each one's
X-AssistBot-Key signature (HMAC-SHA256 of the body keyed with the API key,
ASSISTBOT_API_KEY or --api-key) and print each event to stdout as one JSON line:
{"api", "type", "generated_by", "received_at", "raw"}, raw being the payload as sent.
A refused delivery is answered 401 or 400 and reported on stderr. --forward-to URL
posts each verified delivery on, with its original headers.

AssistBot has no API to register a webhook (it is set in the company settings), so
there is no --subscribe; SIGINT or SIGTERM stops the listener (exit 0).`
		cmd.Example = `  botctl assistbot webhooks listen --addr 127.0.0.1:9000
  botctl assistbot webhooks listen --forward-to http://127.0.0.1:3000/assistbot`
	}
	fl := cmd.Flags()
	addr := fl.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free port)")
	forward := fl.String("forward-to", "", "post each verified delivery on to this URL, with its original headers")
	var bearer, events *string
	var subscribe *bool
	if api == "dailybot" {
		bearer = fl.String("bearer", "", "the X-BEARER deliveries must carry (default: DAILYBOT_WEBHOOK_BEARER; random with --subscribe)")
		subscribe = fl.Bool("subscribe", false, "subscribe the listener through the API, and unsubscribe on exit")
		events = fl.String("events", "", "with --subscribe: comma-separated events to subscribe to (default: every event)")
	}
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if err := a.refuseDryRun("webhooks listen", "it serves deliveries (and --subscribe registers through the API)"); err != nil {
			return err
		}
		if err := a.refuseShaping("webhooks listen", "it prints each delivery's line as received"); err != nil {
			return err
		}
		if err := checkLoopback(*addr); err != nil {
			return err
		}
		if *forward != "" {
			u, err := urlParse(*forward)
			if err != nil {
				return usagef("--forward-to %q: %v", *forward, err)
			}
			*forward = u
		}
		l := &listener{a: a, api: api, forward: *forward, client: &http.Client{Timeout: 30 * time.Second}}
		var handler http.Handler
		var err error
		logger := slog.New(slog.NewTextHandler(a.env.stderr, nil))
		var secret string
		switch api {
		case "dailybot":
			secret = *bearer
			if secret == "" {
				secret = strings.TrimSpace(a.env.getenv("DAILYBOT_WEBHOOK_BEARER"))
			}
			if secret == "" && *subscribe {
				secret = randomBearer()
			}
			handler, err = dailybot.NewWebhookHandler(secret, l.dailybotEvent, dailybot.WithWebhookLogger(logger))
		default:
			var creds []string
			if creds, err = a.credentials("assistbot", false); err != nil {
				return err
			}
			handler, err = assistbot.NewWebhookHandler(creds[0], l.assistbotEvent, assistbot.WithWebhookLogger(logger))
		}
		if err != nil {
			return err
		}
		ctx, stop := signalContext(cmd.Context())
		defer stop()
		var lc net.ListenConfig
		ln, err := lc.Listen(ctx, "tcp", *addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", *addr, err)
		}
		self := "http://" + ln.Addr().String() + "/"
		srv := &http.Server{Handler: l.keepRaw(handler), ReadHeaderTimeout: 10 * time.Second}
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		defer func() {
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdownCtx)
			<-served
		}()
		if api == "dailybot" && secret == "" {
			fmt.Fprintln(a.env.stderr, "warning: no --bearer: every delivery is accepted unchecked")
		}
		if api == "dailybot" && *subscribe {
			unsubscribe, err := l.subscribe(ctx, self, secret, *events)
			if err != nil {
				return err
			}
			defer func() {
				// The command's context is done by now; the unsubscription gets its own.
				uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
				defer cancel()
				if uerr := unsubscribe(uctx); uerr != nil {
					fmt.Fprintf(a.env.stderr, "error: unsubscribe: %v\n", uerr)
				} else {
					fmt.Fprintln(a.env.stderr, "botctl: unsubscribed")
				}
			}()
		}
		fmt.Fprintf(a.env.stderr, "botctl: listening for %s webhooks on %s (Ctrl+C stops)\n", api, self)
		if a.mock != nil {
			fmt.Fprintf(a.env.stderr, "botctl: fire events on the embedded mock with: botctl mock trigger EVENT --addr %s\n",
				strings.TrimPrefix(a.mock.URL, "http://"))
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(a.env.stderr, "botctl: stopping the listener")
			return nil // SIGINT or SIGTERM ends a listener normally
		case err := <-served:
			served <- err
			return fmt.Errorf("serve: %w", err)
		}
	}
	return cmd
}

// signalContext is ctx, ended by SIGINT or SIGTERM too.
func signalContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

// listener prints and forwards verified deliveries; one line at a time.
type listener struct {
	a       *app
	api     string
	forward string
	client  *http.Client
	mu      sync.Mutex
}

// keepRaw keeps each request's headers and body for the event callbacks and
// hands next a fresh copy of the body.
func (l *listener) keepRaw(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			fmt.Fprintf(l.a.env.stderr, "botctl: refused a delivery: %v\n", err)
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ctx := context.WithValue(r.Context(), deliveryKey{}, &rawDelivery{header: r.Header.Clone(), body: body})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (l *listener) dailybotEvent(ctx context.Context, ev *dailybot.WebhookEvent) error {
	raw := ctx.Value(deliveryKey{}).(*rawDelivery)
	line := map[string]any{"api": "dailybot", "event": ev.Event, "hook_id": ev.Hook.ID, "hook_name": ev.Hook.Name,
		"received_at": time.Now().UTC().Format(time.RFC3339Nano), "raw": json.RawMessage(raw.body)}
	if !ev.Timestamp.IsZero() {
		line["event_timestamp"] = ev.Timestamp.UTC().Format(time.RFC3339Nano)
	}
	return l.emit(ctx, line, raw)
}

func (l *listener) assistbotEvent(ctx context.Context, ev assistbot.WebhookEvent) error {
	raw := ctx.Value(deliveryKey{}).(*rawDelivery)
	line := map[string]any{"api": "assistbot", "type": ev.Type, "generated_by": ev.GeneratedBy,
		"received_at": time.Now().UTC().Format(time.RFC3339Nano), "raw": json.RawMessage(raw.body)}
	return l.emit(ctx, line, raw)
}

// emit prints the line and forwards the delivery. A failed forward is
// reported on stderr; the delivery is still acknowledged, as it was received.
func (l *listener) emit(ctx context.Context, line map[string]any, raw *rawDelivery) error {
	b, err := json.Marshal(line)
	if err != nil {
		// raw is valid JSON (the handler parsed it); this cannot happen.
		return err
	}
	l.mu.Lock()
	_, err = fmt.Fprintf(l.a.env.stdout, "%s\n", b)
	l.mu.Unlock()
	if err != nil {
		return err
	}
	if l.forward != "" {
		if err := l.forwardDelivery(ctx, raw); err != nil {
			fmt.Fprintf(l.a.env.stderr, "error: forward to %s: %v\n", l.forward, err)
		}
	}
	return nil
}

func (l *listener) forwardDelivery(ctx context.Context, raw *rawDelivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, l.forward, bytes.NewReader(raw.body))
	if err != nil {
		return err
	}
	for k, v := range raw.header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Host", "Connection", "Accept-Encoding":
			continue
		}
		req.Header[k] = v
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("answered %d", resp.StatusCode)
	}
	return nil
}

// subscribe registers url with DailyBot and returns the call that removes
// the subscription.
func (l *listener) subscribe(ctx context.Context, self, bearer, events string) (func(context.Context) error, error) {
	c, err := l.a.client(ctx, "dailybot", false)
	if err != nil {
		return nil, err
	}
	db, ok := c.rawClient.(*dailybot.Client)
	if !ok {
		return nil, errors.New("botctl: no DailyBot client")
	}
	params := dailybot.SubscribeWebhookParams{HookURL: self, Name: "botctl webhooks listen", Bearer: botsdk.NewSecret(bearer)}
	for _, e := range strings.Split(events, ",") {
		if e = strings.TrimSpace(e); e != "" {
			params.Events = append(params.Events, dailybot.EventName(e))
		}
	}
	sub, err := db.Webhooks.Subscribe(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	id, hookURL := sub.SubscriptionID(), sub.DeliveryURL()
	if hookURL == "" {
		hookURL = self
	}
	fmt.Fprintf(l.a.env.stderr, "botctl: subscribed %s (hook %s)\n", self, id)
	return func(ctx context.Context) error { return db.Webhooks.Unsubscribe(ctx, id, hookURL) }, nil
}

// checkLoopback refuses a listen address that is not loopback: the listener
// prints what it receives, and is meant for one machine.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: want host:port: %v", addr, err)
	}
	if ip := net.ParseIP(host); strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback() {
		return nil
	}
	return usagef("--addr %q: the listener listens on loopback only (127.0.0.1, ::1, localhost)", addr)
}

// urlParse accepts an absolute http(s) URL.
func urlParse(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", errors.New("want an absolute http(s) URL")
	}
	return u.String(), nil
}

// randomBearer is a fresh 128-bit bearer for a --subscribe without --bearer.
func randomBearer() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

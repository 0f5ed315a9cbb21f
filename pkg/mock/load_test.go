package mock

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/botaz"
	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// TestLoad's size. The defaults are the short form CI runs (two cases of one
// second each); -load.duration=30s is the long form. Under -short, the flags
// not given become 200 ms and 16 clients.
var (
	loadDuration = flag.Duration("load.duration", time.Second, "TestLoad: how long each case sends requests")
	loadClients  = flag.Int("load.clients", 64, "TestLoad: how many clients send requests at once")
)

// flagSet reports whether the named flag was given on the command line.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// loadOpsPerSecond bounds each client's loop by count as well as by time: far
// more operations than one client gets through in a second, even without -race.
const loadOpsPerSecond = 20_000

// loadMaxLive caps the objects one client keeps alive per API, so that the
// mock's state stays bounded however long the run.
const loadMaxLive = 16

// TestLoad runs -load.clients clients for -load.duration, each creating,
// updating and deleting DailyBot check-ins and Bot.Az messages through
// pkg/dailybot and pkg/botaz against a mock, once without faults and once
// with every fault the mock injects. Afterwards it checks the mock's state
// against what the clients were told: every acknowledged write is there
// exactly once with its value, every acknowledged delete is gone, and nothing
// the server refused is there.
//
// A write is acknowledged when the client returned no error. A create (a
// POST, never resent once it may have reached the server) answered with an
// error (*botsdk.APIError: an injected 5xx or 429) is refused and must not be
// in the state, because the mock decides its faults before it touches state.
// Any other failed write has an unknown outcome: a create whose answer was
// reset or cut may have happened without its id reaching the client, and an
// update or delete is retried after a lost answer, so the error of its last
// attempt (a 404 for a delete an earlier attempt made) does not say whether
// an earlier one took effect. Unknown writes may or may not be in the state;
// they are counted apart and are neither lost nor duplicated. Run with -race.
func TestLoad(t *testing.T) {
	duration, clients := *loadDuration, *loadClients
	if testing.Short() && !flagSet("load.duration") { // the quick loop: a taste of each case
		duration = 200 * time.Millisecond
	}
	if testing.Short() && !flagSet("load.clients") {
		clients = 16
	}
	require.Positive(t, duration, "-load.duration")
	require.Positive(t, clients, "-load.clients")
	cases := []struct {
		name   string
		faults []Option
	}{
		{name: "off"},
		{name: "on", faults: []Option{
			WithSeed(7),
			WithLatency(time.Millisecond, 2*time.Millisecond),
			WithFailRate(0.05),
			WithThrottleEvery(50),
			WithConnectionResets(0.02),
			WithTruncatedBodies(0.02),
		}},
	}
	for _, tc := range cases {
		t.Run("faults="+tc.name, func(t *testing.T) {
			srv := NewTestServer(t, tc.faults...)
			env := newLoadEnv(t, srv, clients)
			// Growth is measured from here: the seeded mock is not the load's.
			before := memNow()
			start := time.Now()
			deadline := start.Add(duration)
			// The safety net: a request still running well after the deadline
			// is cut off and counted as unknown.
			ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(30*time.Second))
			defer cancel()

			workers := make([]*loadWorker, clients)
			maxOps := int(duration.Seconds()*loadOpsPerSecond) + 1
			var wg sync.WaitGroup
			for i := range workers {
				workers[i] = env.worker(t, i)
				wg.Add(1)
				go func() {
					defer wg.Done()
					w := workers[i]
					for n := 0; n < maxOps && time.Now().Before(deadline); n++ {
						w.step(ctx)
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)

			var sum loadTally
			for _, w := range workers {
				sum.add(w.tally)
			}
			v := verifyLoad(t, srv, workers)
			if len(tc.faults) == 0 {
				assert.Zero(t, sum.errors, "without faults every operation succeeds")
				readBackLoad(ctx, t, env, srv, workers)
			}
			grow := memNow().since(before)
			t.Logf("load: faults=%s clients=%d duration=%s ops=%d ops_per_s=%.0f errors=%d refused=%d unknown=%d "+
				"unknown_present=%d lost=%d duplicated=%d undeleted=%d phantom=%d rss_growth=%s heap_growth=%s",
				tc.name, clients, duration, sum.ops, float64(sum.ops)/elapsed.Seconds(), sum.errors, sum.refused, sum.unknown,
				v.unknownPresent, v.lost, v.duplicated, v.undeleted, v.phantom, grow.rss, grow.heap)
			assert.Zero(t, v.lost, "acknowledged writes missing or with a value no write gave them")
			assert.Zero(t, v.duplicated, "objects present more than once")
			assert.Zero(t, v.undeleted, "acknowledged deletes still present")
			assert.Zero(t, v.phantom, "refused creates present, or objects no client made")
		})
	}
}

// loadEnv is what every worker of one case shares: the clients' HTTP
// transport and the seeded ids the writes refer to.
type loadEnv struct {
	srv      *Server
	client   *http.Client // one connection pool for every worker
	template string       // a check-in template id
	agent    string       // the credentials' Bot.Az agent
	visitors []string     // Bot.Az visitor ids, sorted
}

func newLoadEnv(t *testing.T, srv *Server, clients int) *loadEnv {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: 2 * clients}
	// Cleanups run last-in first-out: the idle connections close before the
	// server does, so no client goroutine outlives the test.
	t.Cleanup(tr.CloseIdleConnections)
	bz := botazOf(srv)
	bz.mu.RLock()
	visitors := make([]string, 0, len(bz.state.visitors))
	for id := range bz.state.visitors {
		visitors = append(visitors, id)
	}
	bz.mu.RUnlock()
	slices.Sort(visitors)
	return &loadEnv{
		srv:      srv,
		client:   &http.Client{Transport: tr},
		template: seededIDs(srv).template,
		agent:    srv.Mock.cfg.creds.BotAzUserID,
		visitors: visitors,
	}
}

// botazOf returns the Bot.Az part of srv's mock.
func botazOf(srv *Server) *botazAPI { return srv.Mock.services["botaz"].(*botazAPI) }

// loadRetry retries like the default policy but waits milliseconds, and caps
// Retry-After (the mock's 429 asks for 1 s) at 20 ms, so that a short run
// spends its time on requests rather than on waits.
func loadRetry() botsdk.RetryPolicy {
	return botsdk.RetryPolicy{MaxRetries: 3, BaseDelay: 2 * time.Millisecond, MaxDelay: 20 * time.Millisecond}
}

func (e *loadEnv) worker(t *testing.T, n int) *loadWorker {
	creds := e.srv.Mock.cfg.creds
	opts := []botsdk.Setting{botsdk.HTTPClient(e.client), botsdk.Retry(loadRetry())}
	db, err := dailybot.New(creds.DailyBotKey, dailybot.WithSettings(append(opts, botsdk.BaseURL(e.srv.BaseURL("dailybot")))...))
	require.NoError(t, err)
	bz, err := botaz.New(creds.BotAzUserID, creds.BotAzToken, botaz.WithSettings(append(opts, botsdk.BaseURL(e.srv.BaseURL("botaz")))...))
	require.NoError(t, err)
	return &loadWorker{
		n: n, env: e, db: db, bz: bz,
		rng:     rand.New(rand.NewPCG(uint64(n), 0x10ad)),
		visitor: e.visitors[n%len(e.visitors)],
	}
}

// loadKind is the kind of object a load write touches.
type loadKind int

const (
	loadCheckin loadKind = iota // a DailyBot check-in; its value is its name
	loadMessage                 // a Bot.Az message; its value is its text
)

// loadOutcome is what the client learnt about one write.
type loadOutcome int

const (
	loadNotTried loadOutcome = iota // no such write was sent (deletes)
	loadAcked                       // success: the write happened
	loadRefused                     // a create answered with an error: nothing changed
	loadUnknown                     // no complete answer: it may have happened
)

// outcomeOf classifies a write's error; see TestLoad for why only a create
// can be known to be refused.
func outcomeOf(err error, create bool) loadOutcome {
	var apiErr *botsdk.APIError
	switch {
	case err == nil:
		return loadAcked
	case create && errors.As(err, &apiErr):
		return loadRefused
	}
	return loadUnknown
}

// loadObject is one object a worker tried to create. Its key is unique in
// the run and is the start of every value it is given ("<key> v<n>"), so
// the state can be matched to the records whether or not the id is known.
type loadObject struct {
	kind    loadKind
	key     string
	id      string // empty when the create's answer never arrived
	create  loadOutcome
	del     loadOutcome
	version int
	// values are the values the object may hold now: the last acknowledged
	// one, then those of the unacknowledged updates sent since.
	values []string
}

// loadTally counts one worker's operations.
type loadTally struct {
	ops, errors, refused, unknown int
}

func (t *loadTally) add(o loadTally) {
	t.ops += o.ops
	t.errors += o.errors
	t.refused += o.refused
	t.unknown += o.unknown
}

func (t *loadTally) count(o loadOutcome) {
	t.ops++
	switch o {
	case loadRefused:
		t.errors++
		t.refused++
	case loadUnknown:
		t.errors++
		t.unknown++
	}
}

// loadWorker is one client: a DailyBot and a Bot.Az client and the records of
// what it wrote. Only its own goroutine touches it until the run ends.
type loadWorker struct {
	n       int
	env     *loadEnv
	db      *dailybot.Client
	bz      *botaz.Client
	rng     *rand.Rand
	visitor string

	objects []*loadObject
	live    [2][]*loadObject // per kind: created with a known id, no delete tried
	tally   loadTally
}

// step makes one write: a create while the worker has few live objects of the
// drawn kind, otherwise mostly updates, with creates and deletes in balance.
func (w *loadWorker) step(ctx context.Context) {
	kind := loadKind(w.rng.IntN(2))
	live := w.live[kind]
	r := w.rng.IntN(4)
	switch {
	case len(live) < 2 || (r == 0 && len(live) < loadMaxLive):
		w.create(ctx, kind)
	case r == 3:
		w.remove(ctx, kind, w.rng.IntN(len(live)))
	default:
		w.update(ctx, live[w.rng.IntN(len(live))])
	}
}

func (w *loadWorker) create(ctx context.Context, kind loadKind) {
	o := &loadObject{kind: kind, key: fmt.Sprintf("load c%02d n%d", w.n, len(w.objects))}
	value := o.key + " v0"
	var (
		id  *string
		err error
	)
	switch kind {
	case loadCheckin:
		var c *dailybot.Checkin
		if c, err = w.db.Checkins.Create(ctx, dailybot.CreateCheckinParams{Name: value, Template: w.env.template}); err == nil {
			id = c.ID
		}
	case loadMessage:
		var m *botaz.Message
		if m, err = w.bz.Messages.Send(ctx, botaz.SendMessageParams{UserID: w.env.agent, VisitorID: w.visitor, Text: value}); err == nil {
			id = m.ID
		}
	}
	o.create = outcomeOf(err, true)
	w.tally.count(o.create)
	o.values = []string{value}
	w.objects = append(w.objects, o)
	if o.create == loadAcked {
		if id == nil || *id == "" {
			// A success without an id cannot be followed up; treat it as
			// unknown so that the verification still looks for it.
			o.create = loadUnknown
			return
		}
		o.id = *id
		w.live[kind] = append(w.live[kind], o)
	}
}

func (w *loadWorker) update(ctx context.Context, o *loadObject) {
	o.version++
	value := o.key + " v" + strconv.Itoa(o.version)
	var err error
	switch o.kind {
	case loadCheckin:
		_, err = w.db.Checkins.Update(ctx, o.id, dailybot.UpdateCheckinParams{Name: &value})
	case loadMessage:
		_, err = w.bz.Messages.Edit(ctx, o.id, botaz.EditMessageParams{Text: value})
	}
	out := outcomeOf(err, false)
	w.tally.count(out)
	switch out {
	case loadAcked:
		o.values = []string{value}
	case loadUnknown:
		o.values = append(o.values, value)
	}
}

func (w *loadWorker) remove(ctx context.Context, kind loadKind, i int) {
	o := w.live[kind][i]
	var err error
	switch kind {
	case loadCheckin:
		err = w.db.Checkins.Delete(ctx, o.id)
	case loadMessage:
		_, err = w.bz.Messages.Delete(ctx, o.id)
	}
	o.del = outcomeOf(err, false)
	w.tally.count(o.del)
	w.live[kind] = slices.Delete(w.live[kind], i, i+1)
}

// loadFound is an object of the run found in the mock's state.
type loadFound struct{ id, value string }

// loadVerdict counts how the mock's state differs from what the clients
// were told; every field but unknownPresent must be zero.
type loadVerdict struct {
	lost           int // an acknowledged create or update missing, or holding a value nobody wrote
	duplicated     int // extra copies of an object
	undeleted      int // present after an acknowledged delete
	phantom        int // present after a refused create, or unknown to every client
	unknownPresent int // creates with an unknown outcome that did happen
	problems       []string
}

// verifyLoad compares the mock's state, read from its stores, with the
// workers' records.
func verifyLoad(t *testing.T, srv *Server, workers []*loadWorker) loadVerdict {
	t.Helper()
	found := [2]map[string][]loadFound{snapshotCheckins(t, srv), snapshotMessages(t, srv)}
	var v loadVerdict
	for _, w := range workers {
		for _, o := range w.objects {
			got := found[o.kind][o.key]
			delete(found[o.kind], o.key)
			v.judge(o, got)
		}
	}
	for _, rest := range found {
		for key, got := range rest {
			v.phantom += len(got)
			v.problem("%s: present, but no client made it: %v", key, got)
		}
	}
	for _, p := range v.problems[:min(len(v.problems), 20)] {
		t.Error(p)
	}
	return v
}

// problem notes one difference, for the test's log.
func (v *loadVerdict) problem(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// judge checks one object's copies in the state against its record.
func (v *loadVerdict) judge(o *loadObject, got []loadFound) {
	if len(got) > 1 {
		v.duplicated += len(got) - 1
		v.problem("%s: %d copies: %v", o.key, len(got), got)
	}
	holds := func() bool {
		return len(got) > 0 && (o.id == "" || got[0].id == o.id) && slices.Contains(o.values, got[0].value)
	}
	switch {
	case o.create == loadRefused:
		if len(got) > 0 {
			v.phantom++
			v.problem("%s: its create was refused, but it is present: %v", o.key, got)
		}
	case o.create == loadUnknown:
		if len(got) > 0 {
			v.unknownPresent++
			if !holds() {
				v.lost++
				v.problem("%s: present as %v, want one of %q", o.key, got, o.values)
			}
		}
	case o.del == loadAcked:
		if len(got) > 0 {
			v.undeleted++
			v.problem("%s (id %s): deleted, but present: %v", o.key, o.id, got)
		}
	case o.del == loadUnknown:
		if len(got) > 0 && !holds() {
			v.lost++
			v.problem("%s (id %s): present as %v, want one of %q", o.key, o.id, got, o.values)
		}
	default: // created, not deleted
		if !holds() {
			v.lost++
			v.problem("%s (id %s): present as %v, want one of %q", o.key, o.id, got, o.values)
		}
	}
}

// loadKey returns the object key a value starts with, or "" for a value that
// is no load write's (seeded data).
func loadKey(value string) string {
	if !strings.HasPrefix(value, "load c") {
		return ""
	}
	i := strings.LastIndex(value, " v")
	if i < 0 {
		return value
	}
	return value[:i]
}

// snapshotCheckins returns the run's check-ins in the DailyBot store by key,
// after checking that the list and the id index agree.
func snapshotCheckins(t *testing.T, srv *Server) map[string][]loadFound {
	t.Helper()
	s := dailybotOf(srv).store
	s.mu.RLock()
	defer s.mu.RUnlock()
	assert.Len(t, s.ciByID, len(s.checkins), "check-in list and id index disagree")
	out := map[string][]loadFound{}
	for _, c := range s.checkins {
		assert.Same(t, c, s.ciByID[c.settings.ID], "check-in %s is not the one its id finds", c.settings.ID)
		if key := loadKey(c.settings.Name); key != "" {
			out[key] = append(out[key], loadFound{c.settings.ID, c.settings.Name})
		}
	}
	return out
}

// snapshotMessages returns the run's messages in the Bot.Az store by key,
// after checking that every message is in its visitor's chat exactly once
// and every chat entry is a message.
func snapshotMessages(t *testing.T, srv *Server) map[string][]loadFound {
	t.Helper()
	a := botazOf(srv)
	a.mu.RLock()
	defer a.mu.RUnlock()
	inChats := map[string]int{}
	for _, ids := range a.state.chats {
		for _, id := range ids {
			inChats[id]++
		}
	}
	out := map[string][]loadFound{}
	for id, m := range a.state.messages {
		assert.Equal(t, 1, inChats[id], "message %s in chats", id)
		delete(inChats, id)
		if key := loadKey(m.Text); key != "" {
			out[key] = append(out[key], loadFound{id, m.Text})
		}
	}
	assert.Empty(t, inChats, "chat entries without a message")
	return out
}

// readBackLoad checks the state through the API as well, when no faults can
// get in the way: the check-in list pages hold each check-in of the store
// once, and every live message reads back with its value.
func readBackLoad(ctx context.Context, t *testing.T, env *loadEnv, srv *Server, workers []*loadWorker) {
	t.Helper()
	w := env.worker(t, 0)
	listed := map[string]int{}
	for c, err := range w.db.Checkins.List(ctx, dailybot.ListCheckinsParams{}) {
		require.NoError(t, err)
		require.NotNil(t, c.ID)
		listed[*c.ID]++
	}
	s := dailybotOf(srv).store
	s.mu.RLock()
	stored := len(s.checkins)
	for _, c := range s.checkins {
		assert.Equal(t, 1, listed[c.settings.ID], "check-in %s in the list pages", c.settings.ID)
	}
	s.mu.RUnlock()
	assert.Len(t, listed, stored)

	for _, wk := range workers {
		for _, o := range wk.live[loadMessage] {
			m, err := w.bz.Messages.Get(ctx, o.id)
			if assert.NoError(t, err) && assert.NotNil(t, m.Text) {
				assert.Equal(t, o.values[0], *m.Text)
			}
		}
	}
}

// memSample is the process's memory at one moment.
type memSample struct {
	rss  int64  // VmRSS from /proc/self/status, -1 where unavailable
	heap uint64 // runtime.MemStats.HeapAlloc after a collection
}

// memGrowth is the change between two samples, formatted in MiB.
type memGrowth struct{ rss, heap string }

func memNow() memSample {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{rss: vmRSS(), heap: ms.HeapAlloc}
}

func (m memSample) since(before memSample) memGrowth {
	mib := func(d float64) string { return fmt.Sprintf("%+.1fMiB", d/(1<<20)) }
	g := memGrowth{rss: "n/a", heap: mib(float64(m.heap) - float64(before.heap))}
	if m.rss >= 0 && before.rss >= 0 {
		g.rss = mib(float64(m.rss - before.rss))
	}
	return g
}

// vmRSS reads the resident set size from /proc/self/status, in bytes; -1
// where there is no such file (not Linux).
func vmRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return -1
		}
		return kb << 10
	}
	return -1
}

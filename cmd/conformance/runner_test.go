//go:build unix

package main

import (
	"context"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/botsdk/botsdk/pkg/mock"
	"github.com/botsdk/botsdk/specs"
)

// TestRunnerCoversEveryOperation runs the plans through recorders straight
// in front of the mock (no Prism): the built botctl covers every operation
// of the four specs with a success call and every error call, the
// placeholders resolve, and nothing is reported. Prism's part is `make
// conformance`.
func TestRunnerCoversEveryOperation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds botctl and runs it about 150 times")
	}
	botctl := filepath.Join(t.TempDir(), "botctl")
	build := exec.Command("go", "build", "-o", botctl, "../botctl")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := mock.Start(ctx, "", mock.WithSeed(1), mock.WithCheckinResponses(200))
	require.NoError(t, err)
	defer func() { assert.NoError(t, srv.Close()) }()
	sink, err := serve(ctx, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	require.NoError(t, err)

	results := make([]*apiResult, len(specs.Names()))
	var wg sync.WaitGroup
	for i, name := range specs.Names() {
		p, err := loadPlan(name)
		require.NoError(t, err)
		u, err := url.Parse(srv.BaseURL(name))
		require.NoError(t, err)
		rec := newRecorder(u)
		base, err := serve(ctx, rec)
		require.NoError(t, err)
		a := &apiRunner{plan: p, rec: rec, base: base, botctl: botctl, env: botctlEnv(nil), sink: sink,
			timeout: time.Minute, verbose: t.Logf}
		results[i] = &apiResult{Name: name, Webhooks: p.Webhooks}
		wg.Go(func() { results[i].Ops = a.run(ctx) })
	}
	wg.Wait()
	for _, r := range results {
		for _, o := range r.Ops {
			assert.True(t, o.Covered(), "%s %s: %v", r.Name, o.Op.ID, o.Problems)
			assert.Empty(t, o.Violations, "%s %s", r.Name, o.Op.ID)
			if pathArgIndex(o.Op) >= 0 {
				want := 2
				if o.NoCredential {
					want = 1 // the unknown id only
				}
				assert.Equal(t, want, o.ErrorAnswers, "%s %s: wrong credential and unknown id", r.Name, o.Op.ID)
			}
		}
	}
	var total tally
	for _, r := range results {
		total.add(r.tally())
	}
	assert.True(t, total.ok(), "%+v", total)
	assert.Equal(t, specOperations(t), total.Ops, "every operation of the specs is run")
}

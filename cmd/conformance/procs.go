//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// child is a process the harness started in its own process group, so that
// stopping it stops what it started too (npx's node, Prism's workers).
type child struct {
	name string
	cmd  *exec.Cmd
	log  string // the file its output goes to
	done chan struct{}
	err  error // Wait's, once done is closed

	lines    chan string   // its output's lines, until it is muted
	quiet    chan struct{} // closed by mute
	muteOnce sync.Once
}

// mute stops passing c's lines on (they still go to its log).
func (c *child) mute() { c.muteOnce.Do(func() { close(c.quiet) }) }

// startChild starts name (for messages) as argv with its stdout and stderr
// written to logPath and, line by line, to c.lines until c.mute.
func startChild(name, logPath string, argv ...string) (*child, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, log: logPath, done: make(chan struct{}), lines: make(chan string), quiet: make(chan struct{})}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			_, _ = fmt.Fprintln(logFile, sc.Text())
			select {
			case c.lines <- sc.Text():
			case <-c.quiet:
			}
		}
		_, _ = io.Copy(logFile, pr) // a line over the buffer: keep the rest
	}()
	go func() {
		c.err = cmd.Wait()
		_ = pw.Close()
		<-copied
		_ = logFile.Close()
		close(c.done)
	}()
	return c, nil
}

// stop ends c's process group: SIGTERM, then SIGKILL after grace.
func (c *child) stop(grace time.Duration) {
	c.mute()
	select {
	case <-c.done:
		return
	default:
	}
	_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
}

// children are the processes a run started, stopped together.
type children struct {
	mu   sync.Mutex
	list []*child
}

func (cs *children) add(c *child) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.list = append(cs.list, c)
}

// stopAll stops every child, the last started first.
func (cs *children) stopAll() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for i := len(cs.list) - 1; i >= 0; i-- {
		cs.list[i].stop(5 * time.Second)
	}
	cs.list = nil
}

// ansi matches terminal colour codes, which Prism may write.
var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// waitForLine waits until a line of lines matches re and returns its
// submatches; it fails when c exits first or ctx ends (the deadline).
func waitForLine(ctx context.Context, c *child, re *regexp.Regexp) ([]string, error) {
	for {
		select {
		case line := <-c.lines:
			if m := re.FindStringSubmatch(ansi.ReplaceAllString(line, "")); m != nil {
				return m, nil
			}
		case <-c.done:
			return nil, fmt.Errorf("%s exited before it was ready (%v); see %s", c.name, c.err, c.log)
		case <-ctx.Done():
			return nil, fmt.Errorf("%s not ready: %w; see %s", c.name, ctx.Err(), c.log)
		}
	}
}

// waitHTTP polls url until it answers with any status, or ctx ends.
func waitHTTP(ctx context.Context, url string) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s does not answer: %w", url, errors.Join(ctx.Err(), err))
		case <-tick.C:
		}
	}
}

// mockBaseLine reads the base URL lines of botctl mock's banner
// ("  dailybot   http://127.0.0.1:8080/dailybot/v1") until the blank line
// after them.
var mockBaseLine = regexp.MustCompile(`^\s+(assistbot|dailybot|botaz|botopen)\s+(http://\S+)$`)

// startMock starts `botctl mock` on a free loopback port and returns its
// base URL per API, read from its banner.
func startMock(ctx context.Context, cs *children, botctl, logPath string, args ...string) (map[string]string, error) {
	c, err := startChild("botctl mock", logPath, append([]string{botctl, "mock", "--addr", "127.0.0.1:0"}, args...)...)
	if err != nil {
		return nil, err
	}
	cs.add(c)
	defer c.mute()
	bases := map[string]string{}
	for len(bases) < 4 {
		m, err := waitForLine(ctx, c, mockBaseLine)
		if err != nil {
			return nil, err
		}
		bases[m[1]] = m[2]
	}
	for _, base := range bases {
		if err := waitHTTP(ctx, base); err != nil {
			return nil, err
		}
	}
	return bases, nil
}

// prismListening is Prism's line once it serves.
var prismListening = regexp.MustCompile(`Prism is listening on (http://\S+)`)

// startPrism starts `prism proxy --errors` for specPath in front of
// upstream on a free loopback port and returns Prism's root URL.
func startPrism(ctx context.Context, cs *children, prism []string, specPath, upstream, logPath string) (string, error) {
	argv := append(append([]string{}, prism...), "proxy", specPath, upstream, "--errors", "--host", "127.0.0.1", "--port", "0")
	c, err := startChild("prism proxy "+specPath, logPath, argv...)
	if err != nil {
		return "", err
	}
	cs.add(c)
	defer c.mute()
	m, err := waitForLine(ctx, c, prismListening)
	if err != nil {
		return "", err
	}
	root := strings.TrimRight(m[1], "/")
	return root, waitHTTP(ctx, root+"/")
}

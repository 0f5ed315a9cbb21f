package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// p3Server is a server process under load: the mock (botctl mock) or Prism.
type p3Server struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	// base is the URL the DailyBot paths go under.
	base string
}

// startP3Server starts argv (with the free loopback port in place of the
// "PORT" word) in its own process group and waits, at most 60 s, until
// readyPath under base answers at all. The process is stopped by stop.
func startP3Server(ctx context.Context, name string, argv []string, basePath, readyPath string, log io.Writer) (*p3Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := make([]string, len(argv))
	for i, a := range argv {
		switch a {
		case "PORT":
			a = strconv.Itoa(port)
		case "ADDR":
			a = "127.0.0.1:" + strconv.Itoa(port)
		}
		args[i] = a
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Stdout = io.Discard // Prism logs every request; reading it is part of its cost as shipped
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &p3Server{name: name, cmd: cmd, done: make(chan struct{}),
		base: "http://127.0.0.1:" + strconv.Itoa(port) + basePath}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if err := s.waitReady(ctx, readyPath); err != nil {
		s.stop()
		return nil, err
	}
	fmt.Fprintf(log, "benchreport: P3: %s listening at %s\n", name, s.base)
	return s, nil
}

// waitReady polls readyPath every 100 ms until it answers, the process
// exits, ctx ends or 60 s pass.
func (s *p3Server) waitReady(ctx context.Context, readyPath string) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+readyPath, nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			client.CloseIdleConnections()
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer within 60 s: %w", s.name, ctx.Err())
		case <-s.done:
			return fmt.Errorf("%s exited before answering: %v", s.name, s.cmd.ProcessState)
		case <-tick.C:
		}
	}
}

// stop ends the server's process group (SIGTERM, then SIGKILL after 5 s) and
// waits for the process.
func (s *p3Server) stop() {
	pgid := -s.cmd.Process.Pid
	_ = syscall.Kill(pgid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(pgid, syscall.SIGKILL)
		<-s.done
	}
}

// freePort returns a loopback port free at the time of the call.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer ln.Close()
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("free port: not a TCP address")
	}
	return addr.Port, nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/pkg/botsdk"
	"github.com/botsdk/botsdk/pkg/dailybot"
)

// rawClient is what a command needs of an API client: the raw request path
// (auth, retries, logging, rate limit, error mapping) and its redaction.
type rawClient interface {
	Do(ctx context.Context, method, path string, query url.Values, body, out any) (*botsdk.Response, error)
	Redact(ctx context.Context, b []byte) []byte
}

// run is every operation command's RunE: build the request from the
// command line, let the operation's hooks adjust it, validate it, then
// send it through the API client's raw path and print the answer.
func (c *opCommand) run(cmd *cobra.Command, args []string) error {
	ctx := cmd.Context()
	r, err := c.buildRequest(args)
	if err != nil {
		return err
	}
	c.pagingQuery(r)
	for _, h := range c.op.Hooks {
		if before := hookNamed(h).before; before != nil {
			if err := before(ctx, c, r); err != nil {
				return err
			}
		}
	}
	for _, h := range c.op.Hooks {
		if run := hookNamed(h).run; run != nil {
			if done, err := run(ctx, c, r); done || err != nil {
				return err
			}
		}
	}
	if err := c.validate(ctx, r); err != nil {
		return err
	}
	cl, err := c.app.rawClient(ctx, c.api.Name)
	if err != nil {
		return err
	}
	ctx = botsdk.WithSecrets(ctx, r.secrets...)
	if c.op.Result.List {
		return c.printItems(ctx, cl, c.items(ctx, cl, r))
	}
	raw, err := c.send(ctx, cl, r, r.query)
	if err != nil {
		return err
	}
	if c.op.Result.Unwrap != "" {
		raw = keyOf(raw, c.op.Result.Unwrap)
	}
	return c.printOne(ctx, cl, raw)
}

// send sends r with query and returns the answer's bytes.
func (c *opCommand) send(ctx context.Context, cl rawClient, r *request, query url.Values) (json.RawMessage, error) {
	body, err := r.bodyBytes()
	if err != nil {
		return nil, err
	}
	var in any
	if body != nil {
		in = json.RawMessage(body)
	}
	var raw json.RawMessage
	_, err = cl.Do(ctx, c.op.Method, r.path, query, in, &raw)
	return raw, err
}

// items lists the answer's items as the server sent them: every page with
// --all, else the first; DailyBot's pages through its client's own paging
// (next URLs, --concurrency prefetch), page-numbered ones page by page.
func (c *opCommand) items(ctx context.Context, cl rawClient, r *request) iter.Seq2[json.RawMessage, error] {
	res := c.op.Result
	if db, ok := cl.(*dailybot.Client); ok && res.Paged {
		if c.app.g.all {
			return db.Items(ctx, r.path, r.query)
		}
		return func(yield func(json.RawMessage, error) bool) {
			page, err := db.Page(ctx, r.path, r.query)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range page.Results {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
	return func(yield func(json.RawMessage, error) bool) {
		query := url.Values{}
		for k, v := range r.query {
			query[k] = v
		}
		page := 1
		if v, err := strconv.Atoi(query.Get(res.Start)); err == nil && res.Start == "page" {
			page = v
		}
		for {
			if res.Start == "page" {
				query.Set("page", strconv.Itoa(page))
			}
			raw, err := c.send(ctx, cl, r, query)
			if err != nil {
				yield(nil, err)
				return
			}
			var list []json.RawMessage
			if err := json.Unmarshal(keyOf(raw, res.Items), &list); err != nil {
				yield(nil, fmt.Errorf("%s: the answer's %q is not a list: %w", c.api.Name, res.Items, err))
				return
			}
			for _, it := range list {
				if !yield(it, nil) {
					return
				}
			}
			if !c.app.g.all || res.Start != "page" || !morePages(raw, page, len(list)) {
				return
			}
			page++
		}
	}
}

// morePages reads a page-numbered answer's paging keys (Bot Open's page,
// pages, total, limit, hasNextPage): whether a page follows page.
func morePages(raw json.RawMessage, page, items int) bool {
	type counts struct{ Pages, Total, Limit int }
	var p struct {
		counts
		HasNextPage any
		// Transcripts keep the counts in paginationDetails.
		PaginationDetails *counts
	}
	_ = json.Unmarshal(raw, &p)
	if p.PaginationDetails != nil {
		p.counts = *p.PaginationDetails
	}
	switch {
	case items == 0:
		return false
	case p.Pages > 0:
		return page < p.Pages
	case p.Total > 0 && p.Limit > 0 && page >= (p.Total+p.Limit-1)/p.Limit:
		return false
	}
	return p.HasNextPage == true || p.HasNextPage == float64(1)
}

// keyOf returns the value of key in the JSON object raw, as sent; raw
// itself for "".
func keyOf(raw json.RawMessage, key string) json.RawMessage {
	if key == "" {
		return raw
	}
	var obj map[string]json.RawMessage
	_ = json.Unmarshal(raw, &obj)
	return obj[key]
}

// pagingQuery puts the paging flags in the query: --page-size as the
// page size, --offset or --page as the first page.
func (c *opCommand) pagingQuery(r *request) {
	res := c.op.Result
	if res.Size != "" && c.app.g.pageSize > 0 {
		r.query.Set(res.Size, strconv.Itoa(c.app.g.pageSize))
	}
	if res.Start != "" && c.cmd.Flags().Changed(res.Start) {
		v, _ := c.cmd.Flags().GetInt(res.Start)
		r.query.Set(res.Start, strconv.Itoa(v))
	}
}

// declarePagingFlag declares the flag that picks the first page: --offset
// (items to skip) or --page (a page number).
func (c *opCommand) declarePagingFlag() {
	switch c.op.Result.Start {
	case "offset":
		c.cmd.Flags().Int("offset", 0, "items to skip")
	case "page":
		c.cmd.Flags().Int("page", 0, "the page to return, or with --all the page to start at (default 1)")
	}
}

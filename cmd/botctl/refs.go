package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/lazyre"
	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// namedNouns are the nouns whose ids a command also takes as an e-mail or an
// exact full name (people) or name (teams), resolved with their list call.
var namedNouns = []string{"user", "team"}

// uuidShaped matches an id that needs no look-up.
var uuidShaped = lazyre.New(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// listedItem is an item of a list call as ids are found: its noun, its id
// (uuid, else id, as text), e-mail and name (full_name, name or title).
type listedItem struct {
	kind, idText, Email, nameText string
}

// readItem reads raw, an item of noun's list; an item with no id has an
// empty idText.
func readItem(noun string, raw json.RawMessage) listedItem {
	var m map[string]any
	_ = json.Unmarshal(raw, &m) // not an object: no id, never offered
	text := func(k string) string { s, _ := m[k].(string); return s }
	out := listedItem{kind: noun, Email: text("email"), nameText: cmp.Or(text("full_name"), text("name"), text("title"))}
	for _, id := range []any{m["uuid"], m["id"]} {
		switch v := id.(type) {
		case string:
			out.idText = cmp.Or(out.idText, v)
		case float64:
			out.idText = cmp.Or(out.idText, strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	return out
}

// describe is an item as a candidate: "Ana Lima <ana@example.com> (id)".
func (it listedItem) describe() string {
	s := it.nameText
	if it.Email != "" {
		s = strings.TrimSpace(s + " <" + it.Email + ">")
	}
	return fmt.Sprintf("%s %s (%s)", it.kind, cmp.Or(s, "(no name)"), it.idText)
}

// listItems returns every item of the list that supplies noun's ids in api,
// its path parameters taken from given (by field name); nil with no error
// when the API has no such list or given lacks one. Results are kept for the
// rest of the command, so a name given twice costs one list.
func (a *app) listItems(ctx context.Context, api, noun string, given map[string]string) ([]listedItem, error) {
	var table *optable.API
	for _, t := range a.tables {
		if t.Name == api {
			table = t
		}
	}
	list := table.ListOf(noun)
	if list == nil {
		return nil, nil
	}
	path, query := list.Path, url.Values{}
	for _, f := range list.Fields {
		switch {
		case f.In == "path" && given[f.Name] == "":
			return nil, nil
		case f.In == "path":
			path = strings.ReplaceAll(path, "{"+f.Name+"}", url.PathEscape(given[f.Name]))
		case f.Name == "include_email" && f.Kind == "boolean":
			query.Set(f.Name, "true") // e-mails are asked for; the API sends them to those who may see them
		}
	}
	key := api + " " + path + "?" + query.Encode()
	if items, ok := a.lists[key]; ok {
		return items, nil
	}
	cl, err := a.client(ctx, api, list.Keyless)
	if err != nil {
		return nil, err
	}
	var body any
	if list.Body {
		body = map[string]any{}
	}
	var items []listedItem
	for raw, err := range cl.Items(ctx, list.Method, path, query, body) {
		if err != nil {
			return nil, fmt.Errorf("list %ss to find one by name: %w", noun, err)
		}
		if it := readItem(noun, raw); it.idText != "" {
			items = append(items, it)
		}
	}
	if a.lists == nil {
		a.lists = map[string][]listedItem{}
	}
	a.lists[key] = items
	return items, nil
}

// givenArgs are the arguments given so far by their fields' names.
func (c *opCommand) givenArgs(args []string) map[string]string {
	given := map[string]string{}
	for _, f := range c.op.Fields {
		if f.Arg > 0 && f.Arg <= len(args) && !f.Variadic {
			given[f.Name] = args[f.Arg-1]
		}
	}
	return given
}

// completeIDs offers the ids of f's nouns, from their list calls, with
// their names as descriptions; on any error it offers nothing.
func (c *opCommand) completeIDs(cmd *cobra.Command, f *optable.Field, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	var out []cobra.Completion
	for _, noun := range f.Refs {
		items, err := c.app.listItems(ctx, c.api.Name, noun, c.givenArgs(args))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		for _, it := range items {
			if strings.HasPrefix(it.idText, toComplete) {
				out = append(out, cobra.CompletionWithDesc(it.idText, strings.TrimSpace(it.nameText+" "+it.Email)))
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// registerCompletions completes each argument and flag whose ids a list
// call supplies.
func (c *opCommand) registerCompletions() {
	c.cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		n := len(args) + 1
		for i := range c.op.Fields {
			if f := &c.op.Fields[i]; f.Arg == n || f.Variadic && f.Arg > 0 && f.Arg < n {
				if len(f.Refs) > 0 {
					return c.completeIDs(cmd, f, args, toComplete)
				}
			}
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		if len(f.Refs) > 0 && c.cmd.Flags().Lookup(f.Flag) != nil && f.Flag != "" {
			_ = c.cmd.RegisterFlagCompletionFunc(f.Flag, func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if i := strings.LastIndex(toComplete, ","); i >= 0 && c.flags[f.Name].list() {
					// A list's next item: complete it after what was typed.
					prefix := toComplete[:i+1]
					out, d := c.completeIDs(cmd, f, args, toComplete[i+1:])
					for j := range out {
						out[j] = prefix + out[j]
					}
					return out, d
				}
				return c.completeIDs(cmd, f, args, toComplete)
			})
		}
	}
}

// resolveNames replaces each e-mail or name given for a user or team id (in
// args, or in a flag's values) by the id, looked up with the list call, in
// r; an id shaped as a uuid passes as is, without a look-up. The client
// checks r first, so a bad request is refused before any list call. An
// ambiguous name, or an unknown e-mail or name of several words, is a usage
// error listing the candidates. Keys of --data are sent as given.
func (c *opCommand) resolveNames(ctx context.Context, cl *client, r *request, args []string) error {
	type given struct {
		f     *optable.Field
		texts []string
	}
	var todo []given
	for i := range c.op.Fields {
		f := &c.op.Fields[i]
		ff := c.flags[f.Name]
		if ff == nil || !slices.ContainsFunc(f.Refs, func(n string) bool { return slices.Contains(namedNouns, n) }) {
			continue
		}
		var texts []string
		switch {
		case f.Arg > 0 && f.Variadic:
			texts = args[f.Arg-1:]
		case f.Arg > 0:
			texts = args[f.Arg-1 : f.Arg]
		case c.cmd.Flags().Changed(f.Flag):
			for _, v := range ff.vals {
				s, _ := v.(string)
				texts = append(texts, s)
			}
		}
		if slices.ContainsFunc(texts, func(s string) bool { return !uuidShaped.Get().MatchString(strings.TrimSpace(s)) }) {
			todo = append(todo, given{f, texts})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if err := checkOnly(ctx, cl, c.op.Method, r); err != nil {
		return err
	}
	nouns := func(f *optable.Field) []string {
		return slices.DeleteFunc(slices.Clone(f.Refs), func(n string) bool { return !slices.Contains(namedNouns, n) })
	}
	for _, g := range todo {
		ff := c.flags[g.f.Name]
		ff.vals = nil
		for _, text := range g.texts {
			id := text
			if !uuidShaped.Get().MatchString(strings.TrimSpace(text)) {
				var err error
				if id, err = c.findByName(ctx, g.f, nouns(g.f), strings.TrimSpace(text), args); err != nil {
					return err
				}
			}
			if err := ff.add(id); err != nil {
				return usagef("%s: %v", c.nameOf(g.f), err)
			}
		}
		switch g.f.In {
		case "path":
			r.path = c.op.Path
			for _, f := range c.op.Fields {
				if pf := c.flags[f.Name]; f.In == "path" && pf != nil && len(pf.vals) > 0 {
					r.path = strings.ReplaceAll(r.path, "{"+f.Name+"}", url.PathEscape(fmt.Sprint(pf.value())))
				}
			}
		case "query":
			r.query.Del(g.f.Name)
			for _, x := range ff.vals {
				r.query.Add(g.f.Name, fmt.Sprint(x))
			}
		default:
			r.body[g.f.Name], _ = json.Marshal(ff.value())
		}
	}
	return nil
}

// findByName returns the id of the one item of nouns' lists whose id,
// e-mail (any case) or full name (exactly, else in any case) is text. Text
// that matches nothing passes as an id (the API's ids are plain strings,
// and the list may not show every one: the API answers for it), unless it
// can only be a name: an e-mail or words with blanks between them. A list
// that fails lets such an id pass too.
func (c *opCommand) findByName(ctx context.Context, f *optable.Field, nouns []string, text string, args []string) (string, error) {
	nameOnly := strings.ContainsAny(text, "@ \t")
	var all []listedItem
	for _, noun := range nouns {
		items, err := c.app.listItems(ctx, c.api.Name, noun, c.givenArgs(args))
		if err != nil && !nameOnly {
			return text, nil
		} else if err != nil {
			return "", err
		}
		all = append(all, items...)
	}
	for _, match := range []func(it listedItem) bool{
		func(it listedItem) bool { return it.idText == text },
		func(it listedItem) bool { return it.Email != "" && strings.EqualFold(it.Email, text) },
		func(it listedItem) bool { return it.nameText == text },
		func(it listedItem) bool { return strings.EqualFold(it.nameText, text) },
	} {
		var found []listedItem
		for _, it := range all {
			if match(it) {
				found = append(found, it)
			}
		}
		switch {
		case len(found) > 0 && !slices.ContainsFunc(found, func(it listedItem) bool { return it.idText != found[0].idText }):
			return found[0].idText, nil // one id (listed twice, or by either list)
		case len(found) > 1:
			return "", usagef("%s: %q is ambiguous: %s; give the id", c.nameOf(f), text, candidates(found))
		}
	}
	if !nameOnly {
		return text, nil
	}
	var near []listedItem
	for _, it := range all {
		if strings.Contains(strings.ToLower(it.nameText+" "+it.Email), strings.ToLower(text)) {
			near = append(near, it)
		}
	}
	what := strings.Join(nouns, " or ")
	if len(near) == 0 {
		return "", usagef("%s: no %s has the id, e-mail or name %q (%d listed)", c.nameOf(f), what, text, len(all))
	}
	return "", usagef("%s: no %s has the id, e-mail or name %q; did you mean %s?", c.nameOf(f), what, text, candidates(near))
}

// nameOf is how errors name f: its flag or argument.
func (c *opCommand) nameOf(f *optable.Field) string {
	if f.Arg > 0 {
		return argName(*f)
	}
	return "--" + f.Flag
}

// candidates lists items for an error, at most ten.
func candidates(items []listedItem) string {
	var parts []string
	for i, it := range items {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(items)-10))
			break
		}
		parts = append(parts, it.describe())
	}
	return strings.Join(parts, ", ")
}

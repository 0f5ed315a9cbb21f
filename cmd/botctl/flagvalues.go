package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// codes names integer codes (roles, statuses, channels) so list flags take
// either the name or the number.
type codes struct {
	// byName maps a name, as the API's docs spell it, to its code; names
	// match without regard to case.
	byName map[string]int
	// open accepts numbers that have no name (AssistBot's undocumented task
	// status 2); otherwise only the named codes are valid.
	open bool
}

// parse reads one name or number.
func (c codes) parse(s string) (int, error) {
	s = strings.TrimSpace(s)
	for name, n := range c.byName {
		if strings.EqualFold(name, s) {
			return n, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not one of %s or a number", s, strings.Join(c.names(), ", "))
	}
	if !c.open && !slices.Contains(c.values(), n) {
		return 0, fmt.Errorf("%d is not one of %s", n, c.describe())
	}
	return n, nil
}

// cell is a table cell's text for a code: its name, or the code itself
// when it has none.
func (c codes) cell(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	for name, code := range c.byName {
		if code == n {
			return name
		}
	}
	return s
}

// unixCell is a table cell's text for Unix seconds: the UTC time.
func unixCell(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return time.Unix(n, 0).UTC().Format(time.RFC3339)
}

// names lists the names, ordered by code.
func (c codes) names() []string {
	out := make([]string, 0, len(c.byName))
	for k := range c.byName {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return c.byName[out[i]] < c.byName[out[j]] })
	return out
}

func (c codes) values() []int {
	out := make([]int, 0, len(c.byName))
	for _, v := range c.byName {
		out = append(out, v)
	}
	return out
}

// describe lists "name (code)" pairs for help and errors.
func (c codes) describe() string {
	var parts []string
	for _, n := range c.names() {
		parts = append(parts, fmt.Sprintf("%s (%d)", n, c.byName[n]))
	}
	return strings.Join(parts, ", ")
}

// complete offers the names to shell completion.
func (c codes) complete(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return c.names(), cobra.ShellCompDirectiveNoFileComp
}

// codeList is a pflag.Value for a list of codes, comma-separated and
// repeatable: --role worker,manager --role 2.
type codeList struct {
	codes
	vals []int
	set  bool
}

func (l *codeList) String() string {
	parts := make([]string, len(l.vals))
	for i, v := range l.vals {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

func (l *codeList) Set(s string) error {
	if !l.set {
		l.vals, l.set = nil, true
	}
	for _, part := range strings.Split(s, ",") {
		n, err := l.parse(part)
		if err != nil {
			return err
		}
		l.vals = append(l.vals, n)
	}
	return nil
}

func (l *codeList) Type() string { return "names" }

// codeValue is a pflag.Value for one code given by name or number.
type codeValue struct {
	codes
	val int
}

func (v *codeValue) String() string {
	if v.val == 0 {
		return ""
	}
	return strconv.Itoa(v.val)
}

func (v *codeValue) Set(s string) error {
	n, err := v.parse(s)
	if err != nil {
		return err
	}
	v.val = n
	return nil
}

func (v *codeValue) Type() string { return "name" }

// jsonInts decodes a body key that AssistBot accepts as one integer or a list
// of them ("department_id": 1 or [1, 2]).
type jsonInts []int

func (j *jsonInts) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		*j = nil // no filter, as when the key is absent
		return nil
	}
	var one int
	if err := json.Unmarshal(b, &one); err == nil {
		*j = jsonInts{one}
		return nil
	}
	var many []int
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("want an integer or a list of integers, got %s", b)
	}
	*j = many
	return nil
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/botsdk/botsdk/cmd/internal/optable"
)

// credential is one credential an API's client takes: its name in errors,
// its flag and its environment variable.
type credential struct{ name, flag, env string }

// apiCredentials are each API's credentials in the order its New takes them.
// Bot Open's are its login's: the token they buy is the operations'
// credential.
var apiCredentials = map[string][]credential{
	"assistbot": {{"API key", "api-key", "ASSISTBOT_API_KEY"}},
	"dailybot":  {{"API key", "api-key", "DAILYBOT_API_KEY"}},
	"botaz":     {{"user id", "user-id", "BOTAZ_USER_ID"}, {"auth token", "auth-token", "BOTAZ_AUTH_TOKEN"}},
	"botopen":   {{"app id", "app-id", "BOTOPEN_APP_ID"}, {"app secret", "app-secret", "BOTOPEN_APP_SECRET"}},
}

// profileFile is the profiles' file below the user's config directory.
const profileFile = "botctl/profiles.json"

// profiles are the stored profiles: the default one (`config use`) and each
// profile's settings by "<api>.<key>" ("dailybot.api-key",
// "botopen.base-url").
type profiles struct {
	Default  string                       `json:"default,omitempty"`
	Profiles map[string]map[string]string `json:"profiles,omitempty"`
}

// profileKeys are the keys a profile holds: each API's credential flags and
// base-url.
func profileKeys() []string {
	var keys []string
	for _, api := range slices.Sorted(maps.Keys(apiCredentials)) {
		for _, c := range apiCredentials[api] {
			keys = append(keys, api+"."+c.flag)
		}
		keys = append(keys, api+".base-url")
	}
	return keys
}

// profilePath is the profiles' file, or "" when the environment has no
// config directory (then no profile applies).
func (a *app) profilePath() string {
	if a.env.configDir == nil {
		return ""
	}
	dir, err := a.env.configDir()
	if err != nil || dir == "" {
		return ""
	}
	return filepath.Join(dir, profileFile)
}

// loadProfiles reads the profiles once per run; a missing file is no
// profile. A file that is not the profiles' JSON is an error naming it.
func (a *app) loadProfiles() (*profiles, error) {
	if a.stored != nil {
		return a.stored, nil
	}
	p := &profiles{}
	path := a.profilePath()
	if path != "" {
		data, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("read the profiles: %w", err)
		case json.Unmarshal(data, p) != nil:
			return nil, fmt.Errorf("the profiles in %s are not valid JSON: fix or remove the file", path)
		}
	}
	a.stored = p
	return p, nil
}

// saveProfiles writes the profiles, readable by the user alone (the
// directory 0700, the file 0600), through a temporary file so that a crash
// leaves the old file whole.
func (a *app) saveProfiles(p *profiles) error {
	path := a.profilePath()
	if path == "" {
		return errors.New("no user config directory to store profiles in (set HOME or XDG_CONFIG_HOME)")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("store the profiles: %w", err)
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".profiles-*.json") // mode 0600
	if err != nil {
		return fmt.Errorf("store the profiles: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("store the profiles: %w", err)
	}
	return nil
}

// profileSetting returns key's value ("dailybot.api-key") and where it came
// from: the profile --profile names when explicit is true, else the default
// profile. "" when the profile does not set it.
func (a *app) profileSetting(key string, explicit bool) (value, from string, err error) {
	if explicit != a.profileChosen() {
		return "", "", nil
	}
	p, err := a.loadProfiles()
	if err != nil {
		return "", "", err
	}
	name := p.Default
	if explicit {
		name = a.g.profile
		if _, ok := p.Profiles[name]; !ok {
			return "", "", usagef("--profile: no profile %q (botctl config list shows them; botctl config set creates one)", name)
		}
	}
	return p.Profiles[name][key], "profile " + name, nil
}

// profileChosen reports whether --profile was given.
func (a *app) profileChosen() bool { return a.g.profile != "" }

// resolve returns one setting by precedence — the flag, then the profile
// --profile names, then the environment variable (envVar, "" for none),
// then the default profile — and where it came from.
func (a *app) resolve(api, key, flagValue, envVar string) (value, from string, err error) {
	if flagValue != "" {
		return flagValue, "--" + key, nil
	}
	if v, from, err := a.profileSetting(api+"."+key, true); v != "" || err != nil {
		return strings.TrimSpace(v), from, err
	}
	if envVar != "" {
		if v := strings.TrimSpace(a.env.getenv(envVar)); v != "" {
			return v, envVar, nil
		}
	}
	v, from, err := a.profileSetting(api+"."+key, false)
	return strings.TrimSpace(v), from, err
}

// isSecretKey reports whether a profile key holds a credential (all but
// base-url): config get and list mask its value.
func isSecretKey(key string) bool { return !strings.HasSuffix(key, ".base-url") }

// mask hides a credential: its length class only, and its last four
// characters when it is long enough that they give nothing away.
func mask(v string) string {
	if len(v) >= 20 {
		return "****" + v[len(v)-4:]
	}
	return "****"
}

// noRedact hands bytes back as they are: for output botctl made itself.
func noRedact(_ context.Context, b []byte) []byte { return b }

// newConfigCmd is `botctl config`: set, get, list and use profiles.
func newConfigCmd(a *app) *cobra.Command {
	keys := profileKeys()
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Store credentials and base URLs in named profiles",
		Long: `Store credentials and base URLs per API in named profiles, in botctl/profiles.json
below the user's config directory (mode 0600, its directory 0700).

A command takes each setting from, in order: its flag (--api-key, --base-url, …), the
profile --profile names, the environment (DAILYBOT_API_KEY, …), the default profile
(the one 'botctl config use' chose). config get and config list mask credentials.

Keys: ` + strings.Join(keys, ", "),
		Example: `  botctl config set dailybot.api-key - --profile work < key.txt
  botctl config use work
  botctl config list -o table`,
	}
	profileName := func(p *profiles) string {
		if a.profileChosen() {
			return a.g.profile
		}
		if p.Default != "" {
			return p.Default
		}
		return "default"
	}
	checkKey := func(key string) error {
		if !slices.Contains(keys, key) {
			return usagef("unknown key %q; want one of %s", key, strings.Join(keys, ", "))
		}
		return nil
	}
	set := &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Set a key of a profile (--profile, else the default profile, else \"default\")",
		Long: `Set a key of a profile: the one --profile names, else the default profile, else one
called "default", which becomes the default. VALUE - reads the value's first line from stdin,
so that a credential stays out of the shell's history. Keys: ` + strings.Join(keys, ", "),
		Example: "  botctl config set dailybot.api-key - < key.txt\n  botctl config set --profile staging dailybot.base-url https://staging.example.com/v1",
		Args:    cobra.ExactArgs(2),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return keys, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			key, value := args[0], args[1]
			if err := checkKey(key); err != nil {
				return err
			}
			if value == "-" {
				line, err := bufio.NewReader(a.env.stdin).ReadString('\n')
				if err != nil && line == "" {
					return usagef("VALUE -: read stdin: nothing to read")
				}
				value = line
			}
			value = strings.TrimSpace(value)
			if value == "" || strings.ContainsFunc(value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return usagef("%s: the value is empty or holds control characters", key)
			}
			p, err := a.loadProfiles()
			if err != nil {
				return err
			}
			name := profileName(p)
			if p.Profiles == nil {
				p.Profiles = map[string]map[string]string{}
			}
			if p.Profiles[name] == nil {
				p.Profiles[name] = map[string]string{}
			}
			p.Profiles[name][key] = value
			if p.Default == "" {
				p.Default = name
			}
			if err := a.saveProfiles(p); err != nil {
				return err
			}
			shown := value
			if isSecretKey(key) {
				shown = mask(value)
			}
			_, err = fmt.Fprintf(a.env.stderr, "set %s in profile %s: %s\n", key, name, shown)
			return err
		},
	}
	get := &cobra.Command{
		Use:     "get KEY",
		Short:   "Print a key of a profile (credentials masked)",
		Example: "  botctl config get dailybot.base-url --profile staging",
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkKey(args[0]); err != nil {
				return err
			}
			p, err := a.loadProfiles()
			if err != nil {
				return err
			}
			name := profileName(p)
			v, ok := p.Profiles[name][args[0]]
			if !ok {
				return usagef("profile %s does not set %s", name, args[0])
			}
			if isSecretKey(args[0]) {
				v = mask(v)
			}
			_, err = fmt.Fprintln(a.env.stdout, v)
			return err
		},
	}
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the profiles' keys, credentials masked",
		Example: "  botctl config list -o table",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := a.loadProfiles()
			if err != nil {
				return err
			}
			var rows []json.RawMessage
			for _, name := range slices.Sorted(maps.Keys(p.Profiles)) {
				for _, key := range slices.Sorted(maps.Keys(p.Profiles[name])) {
					v := p.Profiles[name][key]
					if isSecretKey(key) {
						v = mask(v)
					}
					row, _ := json.Marshal(map[string]any{"profile": name, "default": name == p.Default, "key": key, "value": v})
					rows = append(rows, row)
				}
			}
			c := &opCommand{app: a, op: &optable.Op{Command: []string{"config", "list"}, Columns: []optable.Column{
				{Header: "profile", Path: "profile"}, {Header: "default", Path: "default"}, {Header: "key", Path: "key"}, {Header: "value", Path: "value"}}}}
			return c.print(cmd.Context(), noRedact, true, listed(rows, nil))
		},
	}
	use := &cobra.Command{
		Use:     "use NAME",
		Short:   "Make a profile the default one",
		Example: "  botctl config use work",
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			p, err := a.loadProfiles()
			if err != nil {
				return err
			}
			if _, ok := p.Profiles[args[0]]; !ok {
				return usagef("no profile %q (botctl config list shows them; botctl config set --profile %s KEY VALUE creates it)", args[0], args[0])
			}
			p.Default = args[0]
			if err := a.saveProfiles(p); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.env.stderr, "default profile: %s\n", args[0])
			return err
		},
	}
	cmd.AddCommand(set, get, list, use)
	return cmd
}

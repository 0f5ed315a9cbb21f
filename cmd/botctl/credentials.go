package main

import (
	"strings"

	"github.com/botsdk/botsdk/pkg/botsdk"
)

// credentialSource is one credential botctl passes to a client: the API and
// the name the client gives it in errors, the global flag that sets it and
// the environment variable read when the flag is not given.
type credentialSource struct {
	api, name, flag, env string
}

// The credentials of the four APIs.
var (
	assistBotKeyCred     = credentialSource{api: "assistbot", name: "API key", flag: "api-key", env: "ASSISTBOT_API_KEY"}
	dailyBotKeyCred      = credentialSource{api: "dailybot", name: "API key", flag: "api-key", env: "DAILYBOT_API_KEY"}
	botAzUserIDCred      = credentialSource{api: "botaz", name: "user id", flag: "user-id", env: "BOTAZ_USER_ID"}
	botAzAuthTokenCred   = credentialSource{api: "botaz", name: "auth token", flag: "auth-token", env: "BOTAZ_AUTH_TOKEN"}
	botOpenAppIDCred     = credentialSource{api: "botopen", name: "app id", flag: "app-id", env: "BOTOPEN_APP_ID"}
	botOpenAppSecretCred = credentialSource{api: "botopen", name: "app secret", flag: "app-secret", env: "BOTOPEN_APP_SECRET"}
)

// credential returns the credential from its flag's value, else from its
// environment variable (trimmed, so a file's trailing newline does no harm).
// A missing credential, or one the clients would refuse (blank, or holding a
// control character: botsdk.CheckCredential, the clients' own check), is a
// usage error naming where the value came from, checked before any client
// exists so that no request is sent. The value itself is never printed.
func (a *app) credential(flagValue string, c credentialSource) (string, error) {
	value, from := flagValue, "--"+c.flag
	if value == "" {
		value, from = strings.TrimSpace(a.env.getenv(c.env)), c.env
		if value == "" {
			return "", usagef("missing credential: set %s (or pass --%s)", c.env, c.flag)
		}
	}
	if err := botsdk.CheckCredential(c.api, c.name, c.env, value); err != nil {
		return "", usagef("%s: %w", from, err)
	}
	return value, nil
}

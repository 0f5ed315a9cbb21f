package botsdk

import (
	"fmt"
	"strings"
	"unicode"
)

// CheckCredential refuses a credential that can never work: empty or blank,
// or holding control characters (a stray newline from a file or a pasted
// value, which net/http would refuse as a header value on every attempt).
// The error names the API, the credential and the environment variable botctl
// reads it from, and never contains the value:
//
//	dailybot: the API key is empty: pass it (botctl reads it from DAILYBOT_API_KEY)
func CheckCredential(api, name, envVar, value string) error {
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("%s: the %s is empty: pass it (botctl reads it from %s)", api, name, envVar)
	}
	if strings.ContainsFunc(value, unicode.IsControl) {
		return fmt.Errorf("%s: the %s contains control characters (a stray newline?): pass it as one line", api, name)
	}
	return nil
}

package optable

import (
	"strings"

	"github.com/botsdk/botsdk/cmd/internal/lazyre"
)

// A spec's descriptions are written for its readers: they cite their sources
// (the fact sheet's keys OLD, HC, PD, V3, WWW, CLI, SKILL, evidence labels
// such as [vendor-doc] or [C], "dailybot-current §2.11", "(doc section 4)"),
// record conflicts between sources and judgement calls, and use markdown
// emphasis. botctl's users have none of those sources, so the help derived
// from a description keeps what the operation or field does and drops the
// rest, by one rule for every operation and flag.

// sourceKey is a source named as a citation: the fact sheet's keys (alone
// or joined with "/"), the docs, the fact sheets, the official clients and
// third-party integrations.
const sourceKey = `(?:\b(?:OLD|HC|PD|V3|WWW|CLI|SKILL)\b|\b(?:docs?|what-we-know|dailybot-current|official (?:CLI|clients?)|` +
	`agent skill|public client|Pipedream|metorial|judgement call|checked by|see [A-Z]\w*|v3 developer docs)\b|§)`

// The patterns below are compiled on first use (lazyre): botctl links
// this package for its tables and never derives help text, so compiling them
// when it starts would be wasted.
var (
	// label is an evidence or source label in brackets ([C], [vendor-doc],
	// [official-client], [conflict]) or markdown emphasis.
	label = lazyre.New(`\s*\*{0,2}\[(?:[A-Z]|[a-z]+(?:-[a-z]+)*)\]\*{0,2}|\*\*`)
	// citation is a parenthetical that cites a source or judgement, or a
	// trailing "; see Type" pointer.
	citation = lazyre.New(`\s*\([^()]*` + sourceKey + `[^()]*\)|;? see [A-Z]\w+[^;.]*`)
	// attribution is a source named in running prose: "per the official CLI",
	// "in PD's example".
	attribution = lazyre.New(`,? (?:per|according to|in|as in) (?:the )?(?:OLD|HC|PD|V3|WWW|CLI|SKILL|official (?:CLI|clients?))` +
		`(?:'s (?:example|docs?|code))?\b`)
	// sectionRef is a reference to a fact sheet's section outside parentheses,
	// with its "see".
	sectionRef = lazyre.New(`(?:[,;]? see)?\s*\bdailybot-current\s*§\d+(?:\.\d+)*`)
	// required is a leading "Required.": help says it its own way.
	required = lazyre.New(`^Required\.\s*`)
	// note starts a description's note for the spec's reader: a quirk of the
	// docs, a judgement call, or a conflict between sources.
	note = lazyre.New(`^(?:\*\*)?(?:Quirk|Judgement call|\[conflict\])\b`)
	// aboutSpec is a sentence about the docs or the spec rather than the API:
	// what the docs say or show, what the spec declares.
	aboutSpec = lazyre.New(`\b(?:[Dd]ocs?|[Dd]oc's|declared|declares|the example)\b`)
	// nullClause is a description's clause on what null does, to its end.
	nullClause = lazyre.New(`[,;] (?:or )?null .*`)
	// sentenceEnd is a full stop, or one ending "e.g" or "i.e" (group 1).
	sentenceEnd = lazyre.New(`(\be\.g|\bi\.e)?\. `)
	// spaceBefore is a space left before punctuation by a removed citation.
	spaceBefore = lazyre.New(`\s+([.,;:)])`)
)

// plain is s on one line without source labels, citations, section
// references and markdown emphasis.
func plain(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = label.Get().ReplaceAllString(s, "")
	s = citation.Get().ReplaceAllString(s, "")
	s = attribution.Get().ReplaceAllString(s, "")
	s = sectionRef.Get().ReplaceAllString(s, "")
	s = spaceBefore.Get().ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}

// help is a flag's help from a description: its first sentence, plain, without
// a leading "Required." and without the backquotes pflag would read as the
// flag's value name.
func help(s string) string {
	s = required.Get().ReplaceAllString(plain(strings.ReplaceAll(s, "`", "")), "")
	for _, m := range sentenceEnd.Get().FindAllStringSubmatchIndex(s, -1) {
		if m[2] < 0 { // not an abbreviation's
			return s[:m[0]]
		}
	}
	return strings.TrimSuffix(s, ".")
}

// longHelp is a command's long help from its operation's description: each
// paragraph without its notes for the spec's reader and without the sentences
// about the docs or the spec ("the doc's example…", "both are declared"),
// plain, wrapped at 100 columns. A note is a statement that starts a line with
// "Quirk:", "Judgement call:" or "[conflict]", or names a conflict; a
// statement is a run of lines whose last one ends with a full stop.
func longHelp(desc string) string {
	var paras []string
	for _, para := range strings.Split(strings.TrimSpace(desc), "\n\n") {
		var kept, stmt []string
		flush := func() {
			if s := strings.Join(stmt, " "); s != "" && !note.Get().MatchString(s) && !strings.Contains(s, "[conflict]") {
				for _, sentence := range sentences(plain(s)) {
					if !aboutSpec.Get().MatchString(sentence) {
						kept = append(kept, sentence)
					}
				}
			}
			stmt = nil
		}
		for _, line := range strings.Split(para, "\n") {
			line = strings.TrimSpace(line)
			if note.Get().MatchString(line) {
				flush()
			}
			stmt = append(stmt, line)
			if strings.HasSuffix(line, ".") {
				flush()
			}
		}
		flush()
		if len(kept) > 0 {
			paras = append(paras, wrap(strings.Join(kept, " "), 100))
		}
	}
	return strings.Join(paras, "\n\n")
}

// sentences splits s after each full stop that does not end "e.g" or "i.e".
func sentences(s string) (out []string) {
	start := 0
	for _, m := range sentenceEnd.Get().FindAllStringSubmatchIndex(s, -1) {
		if m[2] < 0 {
			out = append(out, s[start:m[1]-1])
			start = m[1]
		}
	}
	return append(out, s[start:])
}

// wrap breaks s into lines of at most width columns at spaces (a longer word
// keeps its own line).
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

package optable

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specWith returns a spec whose paths are paths (YAML at the paths' level,
// indented by two spaces) and whose Item schema the operations may answer.
func specWith(t *testing.T, paths string) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData([]byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
` + paths + `
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
        created: {type: integer}
        user: {type: object, properties: {name: {type: string}}}
`))
	require.NoError(t, err)
	return doc
}

// getOp is a GET of path with its x-botctl, answering an Item.
func getOp(path, id, xbotctl string) string {
	return `  ` + path + `:
    get:
      operationId: ` + id + `
      x-botctl: ` + xbotctl + `
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}
`
}

// postOp is a POST of path with its x-botctl and body properties.
func postOp(path, id, xbotctl, properties string) string {
	return `  ` + path + `:
    post:
      operationId: ` + id + `
      x-botctl: ` + xbotctl + `
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: ` + properties + `}
      responses:
        '204': {description: done}
`
}

func TestFromSpecRefusesBadExtensions(t *testing.T) {
	tests := []struct {
		name, paths string
		want        []string // what the error names: the operations and the key
	}{
		{"two operations with one command",
			getOp("/a", "getA", "{command: things get}") + getOp("/b", "getB", "{command: things get}"),
			[]string{"getA and getB", `both have command "things get"`}},
		{"a command that is also a group",
			getOp("/me", "getMe", "{command: me}") + getOp("/me/extra", "getMeExtra", "{command: me extra}"),
			[]string{"getMe and getMeExtra", `command "me" is also a group, of "me extra"`}},
		{"array items without one type",
			postOp("/things", "addThings", "{command: things add}", `{ids: {type: array, items: {oneOf: [{type: string}, {type: integer}]}}}`),
			[]string{"addThings", "ids: an array's items need one type"}},
		{"array without items",
			postOp("/things", "addThings", "{command: things add}", `{ids: {type: array}}`),
			[]string{"addThings", "ids: an array's items need one type"}},
		{"a typo in secrets",
			postOp("/things", "addThings", "{command: things add, secrets: [tokn]}", `{token: {type: string}}`),
			[]string{"addThings", `no parameter or body key "tokn"`}},
		{"secrets naming a parameter, not a body key",
			`  /things/{token}:
    delete:
      operationId: deleteThing
      x-botctl: {command: things delete, args: [token], secrets: [token]}
      parameters: [{name: token, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: done}}
`, []string{"deleteThing", `no parameter or body key "token"`}},
		{"a typo in a flag's rename",
			postOp("/things", "addThings", "{command: things add, flags: {tokn: tok}}", `{token: {type: string}}`),
			[]string{"addThings", `no parameter or body key "tokn"`}},
		{"a column the answer lacks",
			getOp("/a", "getA", "{command: a, columns: [id, name=user.nmae]}"),
			[]string{"getA", `columns: the answer has no key "user.nmae"`}},
		{"columns without an answer",
			postOp("/things", "addThings", "{command: things add, columns: [id]}", `{token: {type: string}}`),
			[]string{"addThings", `columns: the answer has no key "id"`}},
		{"a cell for no column",
			getOp("/a", "getA", "{command: a, columns: [id], cells: {created: unix}}"),
			[]string{"getA", `cells: "created"`}},
		{"a cell of no kind",
			getOp("/a", "getA", "{command: a, columns: [id, created], cells: {created: epoch}}"),
			[]string{"getA", `cells: "created"`, `(got "epoch")`}},
		{"an unknown x-botctl key",
			getOp("/a", "getA", "{command: a, colums: [id]}"),
			[]string{"getA", `unknown field "colums"`}},
		{"no command",
			getOp("/a", "getA", "{columns: [id]}"),
			[]string{"getA", "no command"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = FromSpec(specWith(t, tt.paths), "api") })
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "api x-botctl: "), err.Error())
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestFromSpecAcceptsGoodExtensions(t *testing.T) {
	api, err := FromSpec(specWith(t, getOp("/a", "getA", "{command: things get, columns: [id, name=user.name, created], cells: {created: unix}}")+
		getOp("/b", "getB", "{command: other things get}")+
		postOp("/c", "addC", "{command: things add, secrets: [token], hide: [ids]}", `{token: {type: string}, ids: {type: array, items: {oneOf: [{type: string}]}}}`)+
		postOp("/d", "addD", "{command: d add}", `{chans: {type: array, items: {oneOf: [{type: string}, {type: object, properties: {id: {type: string}}}]}}}`)), "api")
	require.NoError(t, err)
	assert.Equal(t, "string", api.Ops[0].Field("chans").Kind, "ids or objects: the flag writes ids")
	var commands []string
	for _, op := range api.Ops {
		commands = append(commands, op.ID+": "+strings.Join(op.Command, " "))
	}
	assert.Equal(t, []string{"addD: d add", "getB: other things get", "addC: things add", "getA: things get"}, commands)
	assert.Equal(t, []Column{{Header: "id", Path: "id"}, {Header: "name", Path: "user.name"}, {Header: "created", Path: "created", Cell: "unix"}},
		api.Ops[3].Columns)
}

// TestCodesOfIntegerEnum checks an integer enum's codes: named by
// x-enum-varnames less their shared prefix, then by
// x-enum-varname-aliases, so an uncertain name and its rival both work.
func TestCodesOfIntegerEnum(t *testing.T) {
	tests := []struct {
		name, schema string
		want         []Code
	}{
		{"varnames", `{type: integer, enum: [1, 2], x-enum-varnames: [RoleSMS, RoleWorker]}`,
			[]Code{{Name: "sms", Value: 1}, {Name: "worker", Value: 2}}},
		{"aliases after the enum's names, by name", `{type: integer, enum: [1021, 1014], x-enum-varnames: [InstagramMessaging, Whatsapp],
			x-enum-varname-aliases: {Insta: 1021, Instagram: 1021}}`,
			[]Code{{Name: "instagramMessaging", Value: 1021}, {Name: "whatsapp", Value: 1014}, {Name: "insta", Value: 1021}, {Name: "instagram", Value: 1021}}},
		{"aliases without varnames name nothing", `{type: integer, enum: [1], x-enum-varname-aliases: {One: 1}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api, err := FromSpec(specWith(t, postOp("/c", "addC", "{command: things add}", `{channel: `+tt.schema+`}`)), "api")
			require.NoError(t, err)
			assert.Equal(t, tt.want, api.Ops[0].Field("channel").Codes)
		})
	}
}

// TestFromSpecPagingPairs: a list that declares both paging pairs takes its
// Start and Size from x-paging, keeps both starts as flags and neither size
// (--page-size sets the one that goes with the start given), and reads its
// item from the envelope-or-array answer.
func TestFromSpecPagingPairs(t *testing.T) {
	for style, want := range map[string][2]string{"offset": {"offset", "limit"}, "page": {"page", "page_size"}} {
		t.Run(style, func(t *testing.T) {
			api, err := FromSpec(specWith(t, `  /items/:
    get:
      operationId: listItems
      x-botctl: {command: items list, columns: [id]}
      x-paging: `+style+`
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: offset, in: query, schema: {type: integer}}
        - {name: page, in: query, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - {type: object, properties: {results: {type: array, items: {$ref: '#/components/schemas/Item'}}}}
                  - {type: array, items: {$ref: '#/components/schemas/Item'}}
`), "api")
			require.NoError(t, err)
			op := api.Ops[0]
			assert.Equal(t, want, [2]string{op.Start, op.Size})
			assert.Equal(t, map[string]string{"offset": "limit", "page": "page_size"}, op.Sizes)
			assert.True(t, op.List)
			var flags []string
			for _, f := range op.Fields {
				flags = append(flags, f.Flag)
			}
			assert.Equal(t, []string{"offset", "page"}, flags)
		})
	}
}

func TestHelp(t *testing.T) {
	tests := []struct{ description, want string }{
		{"Day the check-in starts. Later sentences are left out.", "Day the check-in starts"},
		{"IANA time zone, e.g. America/New_York. Checked by the client.", "IANA time zone, e.g. America/New_York"},
		{"Birthday as MM-DD (e.g. 10-26), i.e. without a year.", "Birthday as MM-DD (e.g. 10-26), i.e. without a year"},
		{"Channels: chat, email, etc. Others are refused.", "Channels: chat, email, etc"},
		{"A time, i.e. HH:MM:SS, e.g. 09:30:00. Local time.", "A time, i.e. HH:MM:SS, e.g. 09:30:00"},
		{"Required. Id of the poll.", "Id of the poll"},
		{"End of time off, not before timeoff_start (checked by pkg/dailybot); null removes it.", "End of time off, not before timeoff_start; null removes it"},
		{"Additional receivers (what-we-know [C]).", "Additional receivers"},
		{"Ids of teams [G] to reach", "Ids of teams to reach"},
		{"At least 1 (judgement call)", "At least 1"},
		{"Month, as a full date (doc: \"specify month\", example 2021-08-01).", "Month, as a full date"},
		{"Member roles: 0 worker, 1 manager (see MemberRole).", "Member roles: 0 worker, 1 manager"},
		{"Event names to receive; see WebhookEventName for the names.", "Event names to receive"},
		{"The user id (17 characters)\n  on two lines, `quoted`.", "The user id (17 characters) on two lines, quoted"},
		{"The kudos message (required per V3 and PD).", "The kudos message"},
		{"Ids of teams whose members receive the kudos (V3, PD, official CLI).", "Ids of teams whose members receive the kudos"},
		{"Message text; required unless messages is given (V3 says HTML-safe).", "Message text; required unless messages is given"},
		{"Buttons under the message, at most 25 (official clients). Quirk: the doc's prose says \"JSON object\".", "Buttons under the message, at most 25"},
		{"A channel to post to. **[conflict]** two contracts.", "A channel to post to"},
		{"Kind of chat channel (official CLI `commands/chat.py` [official-client]): `channel` or `group_chat`.", "Kind of chat channel: channel or group_chat"},
		{"Company value: its id per the official CLI, a free name such as excellence in PD's example.", "Company value: its id, a free name such as excellence"},
		{"Search filter [vendor-doc]; see dailybot-current §2.9. More.", "Search filter"},
		{"Teams (dailybot-current §2.10 [conflict]) to reach", "Teams to reach"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, help(tt.description))
		})
	}
}

func TestLongHelp(t *testing.T) {
	tests := []struct{ name, description, want string }{
		{"citations and labels go", "Sends a message (doc; dailybot-current\n§2.11). Give `message` (V3 [vendor-doc]); the client checks it.",
			"Sends a message. Give `message`; the client checks it."},
		{"emphasis goes", "Gives **kudos** to users.", "Gives kudos to users."},
		{"a note for the spec's reader goes, to its last line", "Creates a check-in (doc section 4).\nQuirk: the body uses `a`, while the\nresponse uses `b` (doc examples).\nJudgement call: 200 and 201\nare both declared.\nGive a `template`.",
			"Creates a check-in. Give a `template`."},
		{"a conflict goes, marked or named", "Deletes it.\n**[conflict]** where the parameters go: OLD lists them\nas query; PD sends a body.\nThe v3 docs show `a` (dailybot-current §2.9 [conflict]); both are declared.",
			"Deletes it."},
		{"sentences about the docs or the spec go", "Removes a user (doc). The doc calls the parameter `uuid`; they are path parameters. Both spellings are declared; read `a`. It answers 204.",
			"Removes a user. It answers 204."},
		{"e.g. does not end a sentence", "Returns one user, e.g. the owner (doc). The doc's example is a list.", "Returns one user, e.g. the owner."},
		{"paragraphs stay, a paragraph of notes goes", "Logs in.\n\nJudgement call: path from the public client.\n\nSend the token (what-we-know [C]).",
			"Logs in.\n\nSend the token."},
		{"long lines wrap at 100 columns", strings.Repeat("word ", 30) + "end.", strings.Repeat("word ", 19) + "word\n" + strings.Repeat("word ", 10) + "end."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, longHelp(tt.description))
		})
	}
}

func TestFlagHelpSaysClearForNull(t *testing.T) {
	body := `{end_on: {type: string, nullable: true, description: "Last day; null removes it, so it never ends."}}`
	for _, tt := range []struct{ name, xbotctl, want string }{
		{"with --clear", "{command: things update, hooks: [clear]}", "Last day; --clear end_on removes it, so it never ends"},
		{"without --clear", "{command: things update}", "Last day"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api, err := FromSpec(specWith(t, postOp("/things", "updateThing", tt.xbotctl, body)), "api")
			require.NoError(t, err)
			assert.Equal(t, tt.want, api.Ops[0].Field("end_on").Help)
		})
	}
}

// TestFromSpecKeyless: an operation whose security is explicitly empty is
// keyless; one that inherits the spec's security is not.
func TestFromSpecKeyless(t *testing.T) {
	paths := getOp("/open/", "openOp", "{command: open}") + `      security: []
` + getOp("/closed/", "closedOp", "{command: closed}")
	api, err := FromSpec(specWith(t, paths), "api")
	require.NoError(t, err)
	keyless := map[string]bool{}
	for _, op := range api.Ops {
		keyless[op.ID] = op.Keyless
	}
	assert.Equal(t, map[string]bool{"openOp": true, "closedOp": false}, keyless)
}

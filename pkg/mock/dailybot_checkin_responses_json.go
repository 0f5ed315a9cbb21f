package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// The page of check-in responses is what a bulk export asks for, 250 at a
// time; encoding/json's reflection was a quarter of the mock's CPU for it.
// These writers put out the same bytes as json.Encoder (its HTML escaping
// and trailing newline included) without reflection; the tests hold them to
// encoding/json.

// writeResponsesPage answers 200 with page, whose results are n responses
// that add appends in order.
func writeResponsesPage(w http.ResponseWriter, page dbPage, n int, add func(buf *bytes.Buffer, i int)) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	buf.Reset()
	buf.WriteString(`{"count":`)
	buf.Write(strconv.AppendInt(buf.AvailableBuffer(), int64(page.Count), 10))
	buf.WriteString(`,"next":`)
	writeJSONStringPtr(buf, page.Next)
	buf.WriteString(`,"previous":`)
	writeJSONStringPtr(buf, page.Previous)
	buf.WriteString(`,"results":[`)
	for i := range n {
		if i > 0 {
			buf.WriteByte(',')
		}
		add(buf, i)
	}
	buf.WriteString("]}\n")
	writeJSONBytes(w, http.StatusOK, buf.Bytes())
}

// writeJSON writes r as encoding/json would encode it.
func (r *dbResponseJSON) writeJSON(buf *bytes.Buffer) {
	writeJSONMember(buf, `{"uuid":`, r.UUID)
	buf.WriteString(`,"user":`)
	if u := r.User; u == nil {
		buf.WriteString("null")
	} else {
		writeJSONMember(buf, `{"uuid":`, u.UUID)
		writeJSONMember(buf, `,"full_name":`, u.FullName)
		writeJSONMember(buf, `,"image":`, u.Image)
		writeJSONMember(buf, `,"occupation":`, u.Occupation)
		buf.WriteByte('}')
	}
	writeJSONBool(buf, `,"is_anonymous":`, r.IsAnonymous)
	buf.WriteString(`,"responses":`)
	if r.Responses == nil {
		buf.WriteString("null")
	} else {
		buf.WriteByte('[')
		for i := range r.Responses {
			a := &r.Responses[i]
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONMember(buf, `{"uuid":`, a.UUID)
			writeJSONMember(buf, `,"question":`, a.Question)
			writeJSONMember(buf, `,"question_short":`, a.QuestionShort)
			writeJSONMember(buf, `,"question_type":`, a.QuestionType)
			writeJSONMember(buf, `,"response":`, a.Response)
			writeJSONBool(buf, `,"is_blocker":`, a.IsBlocker)
			buf.WriteByte('}')
		}
		buf.WriteByte(']')
	}
	writeJSONMember(buf, `,"response_date":`, r.ResponseDate)
	writeJSONBool(buf, `,"response_completed":`, r.ResponseCompleted)
	writeJSONBool(buf, `,"has_issue":`, r.HasIssue)
	writeJSONMember(buf, `,"created_at":`, r.CreatedAt)
	writeJSONMember(buf, `,"updated_at":`, r.UpdatedAt)
	buf.WriteByte('}')
}

// writeJSONMember writes key (the member's opening, quoted key and colon
// included) and s as a JSON string.
func writeJSONMember(buf *bytes.Buffer, key, s string) {
	buf.WriteString(key)
	writeJSONString(buf, s)
}

// writeJSONBool writes key (as writeJSONMember takes it) and true or false.
func writeJSONBool(buf *bytes.Buffer, key string, v bool) {
	buf.WriteString(key)
	if v {
		buf.WriteString("true")
	} else {
		buf.WriteString("false")
	}
}

// writeJSONStringPtr writes *s as a JSON string, or null for nil.
func writeJSONStringPtr(buf *bytes.Buffer, s *string) {
	if s == nil {
		buf.WriteString("null")
		return
	}
	writeJSONString(buf, *s)
}

// writeJSONString writes s as json.Marshal does: as it is between quotes
// when no byte of it needs escaping (printable ASCII other than `"`, `\`
// and the HTML-sensitive <, > and &), which uuids, dates, URLs and most
// answers are; otherwise json.Marshal's own bytes.
func writeJSONString(buf *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always encodes
			buf.Write(b)
			return
		}
	}
	buf.WriteByte('"')
	buf.WriteString(s)
	buf.WriteByte('"')
}

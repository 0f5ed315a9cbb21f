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
	buf.WriteString(`{"uuid":`)
	writeJSONString(buf, r.UUID)
	buf.WriteString(`,"user":`)
	if u := r.User; u == nil {
		buf.WriteString("null")
	} else {
		buf.WriteString(`{"uuid":`)
		writeJSONString(buf, u.UUID)
		buf.WriteString(`,"full_name":`)
		writeJSONString(buf, u.FullName)
		buf.WriteString(`,"image":`)
		writeJSONString(buf, u.Image)
		buf.WriteString(`,"occupation":`)
		writeJSONString(buf, u.Occupation)
		buf.WriteByte('}')
	}
	buf.WriteString(`,"is_anonymous":`)
	writeJSONBool(buf, r.IsAnonymous)
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
			buf.WriteString(`{"uuid":`)
			writeJSONString(buf, a.UUID)
			buf.WriteString(`,"question":`)
			writeJSONString(buf, a.Question)
			buf.WriteString(`,"question_short":`)
			writeJSONString(buf, a.QuestionShort)
			buf.WriteString(`,"question_type":`)
			writeJSONString(buf, a.QuestionType)
			buf.WriteString(`,"response":`)
			writeJSONString(buf, a.Response)
			buf.WriteString(`,"is_blocker":`)
			writeJSONBool(buf, a.IsBlocker)
			buf.WriteByte('}')
		}
		buf.WriteByte(']')
	}
	buf.WriteString(`,"response_date":`)
	writeJSONString(buf, r.ResponseDate)
	buf.WriteString(`,"response_completed":`)
	writeJSONBool(buf, r.ResponseCompleted)
	buf.WriteString(`,"has_issue":`)
	writeJSONBool(buf, r.HasIssue)
	buf.WriteString(`,"created_at":`)
	writeJSONString(buf, r.CreatedAt)
	buf.WriteString(`,"updated_at":`)
	writeJSONString(buf, r.UpdatedAt)
	buf.WriteByte('}')
}

// writeJSONBool writes true or false.
func writeJSONBool(buf *bytes.Buffer, v bool) {
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

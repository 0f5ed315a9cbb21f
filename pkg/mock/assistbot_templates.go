package mock

import (
	"encoding/json"
)

type abTemplate struct {
	ID           int          `json:"id"`
	Title        string       `json:"title"`
	Intro        *string      `json:"intro"`
	Outro        *string      `json:"outro"`
	Description  string       `json:"description"`
	FilesAllowed bool         `json:"files_allowed"`
	FileOffer    *string      `json:"file_offer"`
	CreateDT     int64        `json:"create_dt"`
	Questions    []abQuestion `json:"questions"`
	CreatedBy    int          `json:"created_by"`
	UsedTimes    int          `json:"used_times"`
}

type abQuestion struct {
	ID            int      `json:"id"`
	Question      string   `json:"question"`
	ShortQuestion string   `json:"short_question"`
	Blocker       bool     `json:"blocker"`
	AnswerType    string   `json:"answer_type"`
	Options       []string `json:"options"`
	Image         *string  `json:"image"`
	// Color is a JSON string, null, or empty for a question without the key,
	// as the doc's second template question shows.
	Color json.RawMessage `json:"color,omitempty"`
}

func (s *abState) listTemplates(p abParams) (any, *abError) {
	ids, creators := p.ints("template_id"), p.ints("creator_id")
	return abList(abFilter(s.templates, func(t abTemplate) bool { return abIn(ids, t.ID) && abIn(creators, t.CreatedBy) })), nil
}

package mock

import (
	"encoding/json"
	"time"
)

// checkinPatch is the body of POST /checkins/ and PATCH /checkins/{id}/
// (CheckinCreateRequest / CheckinUpdateRequest): every field optional, nil
// when absent. Quirk of the live API (doc): the body spells
// send_reports_one_by_one and allow_edit_permissions in the plural.
type checkinPatch struct {
	Name                      *string        `json:"name"`
	Template                  *string        `json:"template"`
	Active                    *bool          `json:"active"`
	IsAnonymous               *bool          `json:"is_anonymous"`
	SendReportsOneByOne       *bool          `json:"send_reports_one_by_one"`
	UseUserDefinedWorkDays    *bool          `json:"use_user_defined_work_days"`
	StartOn                   *string        `json:"start_on"`
	AllowEditPermissions      *string        `json:"allow_edit_permissions"`
	CanBeEdited               *bool          `json:"can_be_edited"`
	ReportingMetadata         *[]dbReporting `json:"reporting_metadata"`
	CustomTriggerTime         nullableString `json:"custom_trigger_time"`
	RemindersMaxCount         *int           `json:"reminders_max_count"`
	RemindersTriggerCondition *string        `json:"reminders_trigger_condition"`
	RemindersFrequencyTime    *int           `json:"reminders_frequency_time"`
	Frequency                 *int           `json:"frequency"`
	FrequencyOnDays           *[]int         `json:"frequency_on_days"`
	EndOn                     nullableString `json:"end_on"`
	IsTriggerBased            *bool          `json:"is_trigger_based"`
	CustomTemplateIntro       *string        `json:"custom_template_intro"`
	CustomTemplateOutro       *string        `json:"custom_template_outro"`
}

// nullableString tells an absent field (leave it) from null (clear it), as
// the spec's update of end_on and custom_trigger_time does.
type nullableString struct {
	set   bool
	value *string
}

// UnmarshalJSON records that the field was present; json calls it for null too.
func (d *nullableString) UnmarshalJSON(b []byte) error {
	d.set = true
	if string(b) == "null" {
		d.value = nil
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	d.value = &s
	return nil
}

// apply sets *dst to the value, or to nil for null; an absent field leaves
// it.
func (d nullableString) apply(dst **string) {
	if d.set {
		*dst = nil
		if d.value != nil {
			*dst = ptrTo(*d.value)
		}
	}
}

// apply copies the fields present into set after checking what the spec
// cannot express (it states blank names, times of day, weekdays and the
// frequencies' minimum itself);
// it returns the offending field and a message, or "". Slices are
// replaced, never changed in place (see dbStore).
func (p *checkinPatch) apply(set *dbCheckinSettings) (field, msg string) {
	switch {
	case p.StartOn != nil && !validDate(*p.StartOn):
		return "start_on", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
	case p.EndOn.value != nil && !validDate(*p.EndOn.value):
		return "end_on", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
	}
	setIf(&set.Name, p.Name)
	setIf(&set.Template, p.Template)
	setIf(&set.Active, p.Active)
	setIf(&set.IsAnonymous, p.IsAnonymous)
	setIf(&set.OneByOne, p.SendReportsOneByOne)
	setIf(&set.UseUserDefinedWorkDays, p.UseUserDefinedWorkDays)
	setIf(&set.StartOn, p.StartOn)
	setIf(&set.AllowEditPermission, p.AllowEditPermissions)
	setIf(&set.CanBeEdited, p.CanBeEdited)
	setIf(&set.RemindersMaxCount, p.RemindersMaxCount)
	setIf(&set.RemindersTriggerCondition, p.RemindersTriggerCondition)
	setIf(&set.RemindersFrequencyTime, p.RemindersFrequencyTime)
	setIf(&set.Frequency, p.Frequency)
	setIf(&set.IsTriggerBased, p.IsTriggerBased)
	setIf(&set.CustomTemplateIntro, p.CustomTemplateIntro)
	setIf(&set.CustomTemplateOutro, p.CustomTemplateOutro)
	if p.ReportingMetadata != nil {
		set.ReportingMetadata = append([]dbReporting{}, *p.ReportingMetadata...)
	}
	if p.FrequencyOnDays != nil {
		set.FrequencyOnDays = append([]int{}, *p.FrequencyOnDays...)
	}
	p.CustomTriggerTime.apply(&set.CustomTriggerTime)
	p.EndOn.apply(&set.EndOn)
	if set.EndOn != nil && *set.EndOn < set.StartOn {
		return "end_on", "The end date must not be before start_on."
	}
	return "", ""
}

// validDate reports whether s is a real YYYY-MM-DD day (the spec's pattern
// lets 2024-02-31 through).
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

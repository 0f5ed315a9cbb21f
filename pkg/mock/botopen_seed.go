package mock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	genbotopen "github.com/botsdk/botsdk/gen/botopen"
)

// BotOpenExampleUserID is the whatsapp user of the Bot Open doc's
// /transcripts example (channel 1014). The mock seeds it with a transcript
// holding every message kind the spec lists.
const BotOpenExampleUserID = "+919876543210"

// boKinds are the message kinds the spec's Transcript lists, in its order.
var boKinds = []string{"text", "attachment", "card", "audio", "video", "image", "pdf", "location", "doc", "xls", "ppt",
	"contact", "form", "carousel", "list", "reply", "order", "formResponse", "template", "productSingle",
	"productMulti", "dynamicList", "dynamicReply"}

// boUserKinds and boBotKinds are what each side of a chat sends in the
// random part of the transcripts.
var (
	boUserKinds = []string{"text", "text", "text", "image", "audio", "video", "location", "contact", "attachment",
		"pdf", "doc", "order", "formResponse"}
	boBotKinds = []string{"text", "text", "card", "carousel", "list", "reply", "template", "productSingle",
		"productMulti", "dynamicList", "dynamicReply", "form", "xls", "ppt", "pdf", "image"}
)

// boChannelNames are the channel names the spec's ChannelID documents. The
// live channelName of 1021 is unknown (the doc says instagramMessaging, a
// public client instagram); the mock sends the doc's.
var boChannelNames = map[int]string{1010: "webchat", 1011: "workflow", 1012: "googleBusinessMessages", 1013: "general",
	1014: "whatsapp", 1015: "RCSBusinessMessages", 1016: "telegram", 1017: "facebook", 1018: "sms",
	1019: "hangoutsChat", 1020: "google", 1021: "instagramMessaging"}

// boSeedChannels are the channels with users, and how many each has.
var boSeedChannels = []struct{ id, users int }{{1014, 14}, {1010, 10}, {1016, 7}, {1017, 6}, {1021, 5}}

type boState struct {
	users  []*boUser // by creation, oldest first
	byKey  map[string]*boUser
	tokens map[string]time.Time // token → expiry
	issued []string             // the tokens' keys, oldest login first
}

func boKey(channel int, botUserID string) string { return fmt.Sprint(channel, "/", botUserID) }

var (
	boCities = []string{"Pune", "Mumbai", "London", "Berlin", "Madrid", "Dubai", "Singapore"}
	boTags   = []string{"vip", "new", "returning", "cart-abandoned", "support", "newsletter"}
)

// seedBotOpen builds ~40 users across five channels whose transcripts fall
// in the 85 days before now (inside the API's default 3-month window). The
// doc's whatsapp user is first and its transcript holds every message kind.
func seedBotOpen(r *rand.Rand, now time.Time) *boState {
	s := &boState{byKey: map[string]*boUser{}, tokens: map[string]time.Time{}}
	for _, ch := range boSeedChannels {
		for i := range ch.users {
			u := &boUser{userID: fmt.Sprintf("%08x%08x%08x", r.Uint32(), r.Uint32(), r.Uint32()), channel: ch.id, name: personName(r)}
			switch ch.id {
			case 1014: // whatsapp ids are E.164 phone numbers
				u.botUserID = fmt.Sprintf("+%d%010d", []int{91, 44, 49, 971, 65}[r.IntN(5)], r.Int64N(1e10))
				if i == 0 {
					u.botUserID = BotOpenExampleUserID
				}
				if r.IntN(5) == 0 {
					u.name = u.botUserID // whatsapp users without a profile name show their number
				}
			case 1010:
				u.botUserID = fmt.Sprintf("webchat-%08x", r.Uint32())
			default:
				u.botUserID = fmt.Sprint(1000000000 + r.Int64N(9000000000))
			}
			u.customFields = map[string]any{"city": boCities[r.IntN(len(boCities))], "orderCount": r.IntN(6)}
			if r.IntN(2) == 0 {
				u.customFields["language"] = []string{"en", "hi", "de", "es"}[r.IntN(4)]
			}
			u.tags = []string{}
			for _, t := range boTags {
				if r.IntN(4) == 0 {
					u.tags = append(u.tags, t)
				}
			}
			start := now.Add(-time.Duration(85*24*60-r.IntN(80*24*60)) * time.Minute).Truncate(time.Millisecond)
			if ch.id == 1014 && i == 0 {
				start = now.AddDate(0, 0, -30).Truncate(time.Millisecond)
			}
			u.created = start.Add(-time.Duration(1+r.IntN(5)) * time.Millisecond)
			// The first webchat user is the bot builder trying the bot out.
			u.transcripts = boChat(r, start, now, ch.id == 1014 && i == 0, ch.id == 1010 && i == 0)
			s.users = append(s.users, u)
			s.byKey[boKey(u.channel, u.botUserID)] = u
		}
	}
	slices.SortStableFunc(s.users, func(a, b *boUser) int {
		if c := a.created.Compare(b.created); c != 0 {
			return c
		}
		return strings.Compare(a.userID, b.userID)
	})
	return s
}

// boChat returns a conversation from start on, a few sessions of user and
// bot messages, all before now. With every, the first messages are one of
// each kind; with preview, the user is a preview (test) user.
func boChat(r *rand.Rand, start, now time.Time, every, preview bool) []genbotopen.Transcript {
	var out []genbotopen.Transcript
	at := start
	add := func(kind string, from string) {
		t := boMessage(r, kind)
		t.From = boP(from)
		t.CreatedAt, t.UpdatedAt = boP(at), boP(at)
		t.IsPreviewUser = boP(preview)
		out = append(out, t)
		at = at.Add(time.Duration(2000+r.IntN(90000)) * time.Millisecond)
	}
	if every {
		for i, kind := range boKinds {
			from := "Bot"
			if slices.Contains(boUserKinds, kind) && i%2 == 0 {
				from = "User"
			}
			add(kind, from)
		}
	}
	sessions := 1 + r.IntN(3)
	for range sessions {
		for range 3 + r.IntN(12) {
			if !at.Before(now) {
				break
			}
			if r.IntN(2) == 0 {
				add(boUserKinds[r.IntN(len(boUserKinds))], "User")
			} else {
				from := "Bot"
				if r.IntN(8) == 0 {
					from = "Agent"
				}
				add(boBotKinds[r.IntN(len(boBotKinds))], from)
			}
		}
		at = at.Add(time.Duration(1+r.IntN(20*24)) * time.Hour)
		if !at.Before(now) {
			break
		}
	}
	return out
}

var (
	boTexts    = []string{"Hi", "Where is my order?", "I want to return an item", "Thanks!", "Show me the catalog", "Talk to an agent", "Yes", "No"}
	boBotTexts = []string{"Hello! How can I help you today?", "Your order is on its way.", "Please rate our service", "Let me connect you to an agent."}
	boProducts = []string{"Memory foam pillow", "Mattress topper", "Duvet", "Bed frame", "Sleep mask"}
)

func boURL(r *rand.Rand, ext string) *string {
	return boP(fmt.Sprintf("https://cdn.example.com/media/%08x.%s", r.Uint32(), ext))
}

// boMessage returns a transcript entry of kind with only its kind's
// sub-object, as live entries carry (the doc's sample fills every kind at
// once).
func boMessage(r *rand.Rand, kind string) genbotopen.Transcript {
	t := genbotopen.Transcript{Type: boP(kind)}
	product := func() string { return boProducts[r.IntN(len(boProducts))] }
	price := func() string { return fmt.Sprintf("%d.%02d", 10+r.IntN(300), r.IntN(100)) }
	retailer := func() string { return fmt.Sprintf("SKU-%05d", r.IntN(100000)) }
	switch kind {
	case "text":
		t.Text = &genbotopen.TranscriptText{Message: boP(boTexts[r.IntN(len(boTexts))])}
		if r.IntN(3) == 0 {
			t.Text.Message = boP(boBotTexts[r.IntN(len(boBotTexts))])
			t.Text.Buttons = &[]string{"Yes", "No"}
			t.Text.IsRating = boP(r.IntN(2) == 0)
		}
	case "attachment":
		t.Attachment = &genbotopen.TranscriptAttachment{ContentType: boP("application/zip"), ContentURL: boURL(r, "zip")}
	case "card":
		t.Card = &genbotopen.TranscriptCard{Title: boP(product()), Type: boP("product"), Subtitle: boP("Free delivery"),
			ImageURL: &genbotopen.CardImage{URL: boURL(r, "jpg")}, Buttons: &[]string{"Buy now", "More info"}}
	case "audio":
		t.Audio = &genbotopen.TranscriptAudio{URL: boURL(r, "ogg")}
	case "video":
		t.Video = &genbotopen.TranscriptVideo{URL: boURL(r, "mp4")}
	case "image":
		t.Image = &genbotopen.TranscriptImage{URL: boURL(r, "jpg")}
	case "pdf":
		t.Pdf = &genbotopen.TranscriptPDF{URL: boURL(r, "pdf")}
	case "location":
		t.Location = &genbotopen.TranscriptLocation{Latitude: boP(fmt.Sprintf("%.6f", 18.5+r.Float64())),
			Longitude: boP(fmt.Sprintf("%.6f", 73.8+r.Float64())), Label: boP("Home"), Address: boP("12 MG Road, Pune")}
	case "doc":
		t.Doc = &genbotopen.TranscriptDoc{URL: boURL(r, "docx")}
	case "xls":
		t.Xls = &genbotopen.TranscriptXLS{URL: boURL(r, "xlsx")}
	case "ppt":
		t.Ppt = &genbotopen.TranscriptPPT{URL: boURL(r, "pptx")}
	case "contact":
		t.Contact = &genbotopen.TranscriptContact{PhoneNumber: boP(fmt.Sprintf("+91%010d", r.Int64N(1e10))),
			FirstName: boP("Jane"), LastName: boP("Doe"), Vcard: boP("BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEND:VCARD")}
	case "form":
		t.Form = &genbotopen.TranscriptForm{BotID: boP(fmt.Sprintf("%08x%08x%08x", r.Uint32(), r.Uint32(), r.Uint32())),
			Name: boP("feedback"), IsArchived: boP(false), Title: boP("Feedback"), Description: boP("Tell us how we did"),
			CreatedBy: boP("admin@example.com"), FormElements: &[]genbotopen.FormElement{
				{Type: boP("textInput"), Label: boP("Your email"), Required: boP(true), InputMapping: boP("email"),
					AnswerMapping: json.RawMessage("null"), TextInput: &genbotopen.FormTextInput{Validation: boP("email"), Placeholder: boP("you@example.com")}},
				{Type: boP("dropdown"), Label: boP("Rating"), Required: boP(true), InputMapping: boP("rating"),
					Dropdown: &genbotopen.FormDropdown{Items: &[]string{"1", "2", "3", "4", "5"}}},
				{Type: boP("radioButtons"), Label: boP("Would you recommend us?"), Required: boP(false), InputMapping: boP("recommend"),
					RadioButtons: &genbotopen.FormRadioButtons{Items: &[]string{"Yes", "No"}}},
				{Type: boP("checkBox"), Label: boP("Topics"), Required: boP(false), InputMapping: boP("topics"),
					CheckBox: &genbotopen.FormCheckBox{Items: &[]string{"Delivery", "Quality", "Price"}}},
			}}
	case "carousel":
		items := []genbotopen.CarouselItem{}
		for range 2 + r.IntN(3) {
			items = append(items, genbotopen.CarouselItem{Title: boP(product()), Subtitle: boP(price() + " INR"),
				ImageURL: boURL(r, "jpg"), Buttons: &[]string{"View"}})
		}
		t.Carousel = &items
	case "list":
		t.List = &genbotopen.TranscriptList{Header: &genbotopen.ListHeader{Type: boP("text"), Text: boP("Our menu")},
			Body: boP("Pick a topic"), Footer: boP("Reply any time"), Actions: &genbotopen.ListActions{ButtonText: boP("Topics"),
				Sections: &[]genbotopen.ListSection{{Title: boP("Orders"), Row: &[]genbotopen.ListRow{
					{Title: boP("Track order"), Description: boP("Where is my parcel")},
					{Title: boP("Return"), Description: boP("Send something back")}}}}}}
	case "reply":
		t.Reply = &genbotopen.TranscriptReply{Header: &genbotopen.ReplyHeader{Type: boP("text"), Text: boP("Quick question")},
			Body: boP("Was this helpful?"), Footer: boP("Tap a button"), Action: &genbotopen.ReplyAction{Buttons: &[]genbotopen.ReplyButton{
				{Type: boP("reply"), Title: boP("Yes"), ID: boP("yes")}, {Type: boP("reply"), Title: boP("No"), ID: boP("no")}}}}
	case "order":
		t.Order = &genbotopen.TranscriptOrder{CatalogID: boP("catalog-1"), Text: boP("Please deliver tomorrow"),
			Items: &[]genbotopen.OrderItem{{RetailerID: boP(retailer()), Quantity: boP(fmt.Sprint(1 + r.IntN(3))), Price: boP(price()),
				Currency: boP("INR"), Title: boP(product()), SubTitle: boP("Standard"), Image: boURL(r, "jpg")}}}
	case "formResponse":
		t.FormResponse = &genbotopen.TranscriptFormResponse{FormTranscriptID: boP(fmt.Sprintf("%08x%08x%08x", r.Uint32(), r.Uint32(), r.Uint32())),
			AnswerMapping: json.RawMessage(fmt.Sprintf(`{"email":"user%d@example.com","rating":"%d"}`, r.IntN(1000), 1+r.IntN(5)))}
	case "template":
		t.Template = &genbotopen.TranscriptTemplate{Name: boP("order_update"), Header: &genbotopen.TemplateHeader{Type: boP("TEXT"),
			Text: boP("Order update")}, Body: boP("Your order has shipped."), Footer: boP("Reply STOP to opt out"),
			Buttons: &[]genbotopen.TemplateButton{{Type: boP("QUICK_REPLY"), Text: boP("Track"), Payload: boP("track")},
				{Type: boP("URL"), Text: boP("Open site"), URL: boP("https://shop.example.com")}},
			CampaignID: boP(fmt.Sprintf("cmp-%06d", r.IntN(1000000)))}
	case "productSingle":
		t.ProductSingle = &genbotopen.TranscriptProductSingle{IsDynamicProduct: boP(r.IntN(2) == 0), Body: boP("Check this out"),
			Footer: boP("Limited offer"), Action: &genbotopen.ProductSingleAction{CatalogID: boP("catalog-1"), RetailerID: boP(retailer()),
				Title: boP(product()), SubTitle: boP("Best seller"), Image: boURL(r, "jpg"), Price: boP(price())}}
	case "productMulti":
		t.ProductMulti = &genbotopen.TranscriptProductMulti{IsDynamicProduct: boP(false),
			Header: &genbotopen.ProductMultiHeader{Type: boP("text"), Text: boP("Our range")}, Body: boP("Pick your favourites"),
			Footer: boP("Free delivery"), Action: &genbotopen.ProductMultiAction{CatalogID: boP("catalog-1"),
				Sections: &[]genbotopen.ProductSection{{Title: boP("Bedroom"), Items: &[]genbotopen.ProductItem{
					{RetailerID: boP(retailer()), Title: boP(product()), SubTitle: boP("New"), Image: boURL(r, "jpg"), Price: boP(price())},
					{RetailerID: boP(retailer()), Title: boP(product()), SubTitle: boP("Sale"), Image: boURL(r, "jpg"), Price: boP(price())}}}}}}
	case "dynamicList":
		t.DynamicList = &genbotopen.TranscriptDynamicList{Header: &genbotopen.DynamicListHeader{Type: boP("text"), Text: boP("Your orders")},
			Body: boP("Choose an order"), Footer: boP("Last 30 days"), Actions: &genbotopen.DynamicListActions{ButtonText: boP("Orders"),
				Sections: &[]genbotopen.DynamicListSection{{Title: boP("Recent"), Row: &[]genbotopen.DynamicListRow{
					{Title: boP(fmt.Sprintf("Order #%d", 1000+r.IntN(9000))), Description: boP("Shipped")}}}}}}
	case "dynamicReply":
		t.DynamicReply = &genbotopen.TranscriptDynamicReply{Header: &genbotopen.DynamicReplyHeader{Type: boP("image"), URL: boURL(r, "jpg")},
			Body: boP("Deliver to the saved address?"), Footer: boP("You can change it later"),
			Actions: &genbotopen.DynamicReplyActions{Buttons: &[]genbotopen.DynamicReplyButton{
				{Type: boP("reply"), Title: boP("Yes")}, {Type: boP("reply"), Title: boP("Change address")}}}}
	}
	return t
}

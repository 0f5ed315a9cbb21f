package botopen

import genbotopen "github.com/botsdk/botsdk/gen/botopen"

// ChannelID is a channel's numeric code (1010..1021). Use the ChannelID…
// constants; Valid reports whether a value is one of them.
type ChannelID = genbotopen.ChannelID

// The channel codes the doc lists (its /transcripts table).
const (
	// ChannelIDWebchat is webchat (1010).
	ChannelIDWebchat = genbotopen.ChannelIDWebchat
	// ChannelIDWorkflow is workflow (1011).
	ChannelIDWorkflow = genbotopen.ChannelIDWorkflow
	// ChannelIDGoogleBusinessMessages is googleBusinessMessages (1012).
	ChannelIDGoogleBusinessMessages = genbotopen.ChannelIDGoogleBusinessMessages
	// ChannelIDGeneral is general (1013).
	ChannelIDGeneral = genbotopen.ChannelIDGeneral
	// ChannelIDWhatsapp is whatsapp (1014); its bot user ids are E.164 phone numbers.
	ChannelIDWhatsapp = genbotopen.ChannelIDWhatsapp
	// ChannelIDRCSBusinessMessages is RCSBusinessMessages (1015).
	ChannelIDRCSBusinessMessages = genbotopen.ChannelIDRCSBusinessMessages
	// ChannelIDTelegram is telegram (1016).
	ChannelIDTelegram = genbotopen.ChannelIDTelegram
	// ChannelIDFacebook is facebook (1017).
	ChannelIDFacebook = genbotopen.ChannelIDFacebook
	// ChannelIDSMS is sms (1018).
	ChannelIDSMS = genbotopen.ChannelIDSMS
	// ChannelIDHangoutsChat is hangoutsChat (1019).
	ChannelIDHangoutsChat = genbotopen.ChannelIDHangoutsChat
	// ChannelIDGoogle is google (1020).
	ChannelIDGoogle = genbotopen.ChannelIDGoogle
	// ChannelIDInstagramMessaging is instagramMessaging (1021), the doc's name
	// for the code; ChannelIDInstagram is the same code.
	ChannelIDInstagramMessaging = genbotopen.ChannelIDInstagramMessaging
)

// ChannelIDInstagram is 1021 under the name a working public client gives
// it, instagram; the doc calls it instagramMessaging. Which name the API uses
// is unknown, so both constants exist and are equal (the spec's
// x-enum-varname-aliases).
const ChannelIDInstagram = genbotopen.ChannelIDInstagramMessaging

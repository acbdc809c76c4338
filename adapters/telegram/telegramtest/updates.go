package telegramtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader is the header Telegram puts the webhook's secret_token in.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// seq numbers the messages and presses the builders make, so each is distinct.
var seq atomic.Int64

// User returns a person with a first name and a language_code (may be empty).
func User(id int64, lang string) *tgbotapi.User {
	return &tgbotapi.User{ID: id, FirstName: "Person", LanguageCode: lang}
}

// message returns a private-chat message from user in chat.
func message(chat, user int64) *tgbotapi.Message {
	typ := "private"
	if chat < 0 {
		typ = "supergroup"
	}
	return &tgbotapi.Message{
		MessageID: int(500000 + seq.Add(1)),
		From:      User(user, ""),
		Date:      int(time.Now().Unix()),
		Chat:      &tgbotapi.Chat{ID: chat, Type: typ},
	}
}

// Text returns an update with a text message from user in chat (a private
// chat when chat > 0, a supergroup when chat < 0), with the entities
// Telegram adds for a leading /command and for @mentions.
func Text(chat, user int64, text string) tgbotapi.Update {
	m := message(chat, user)
	m.Text = text
	m.Entities = entities(text)
	return tgbotapi.Update{Message: m}
}

// Lang sets the sender's language_code of a message or press update and returns it.
func Lang(u tgbotapi.Update, lang string) tgbotapi.Update {
	switch {
	case u.Message != nil:
		u.Message.From.LanguageCode = lang
	case u.CallbackQuery != nil:
		u.CallbackQuery.From.LanguageCode = lang
	}
	return u
}

// Press returns an update for a press on a button with data under the bot's
// message messageID in chat.
func Press(chat, user int64, messageID int, data string) tgbotapi.Update {
	m := message(chat, BotID)
	m.MessageID = messageID
	m.From = &tgbotapi.User{ID: BotID, IsBot: true, FirstName: "Carebot", UserName: Username}
	return tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID:           "cq" + strconv.FormatInt(seq.Add(1), 10),
		From:         User(user, ""),
		Message:      m,
		ChatInstance: "ci",
		Data:         data,
	}}
}

// PressOn returns a press on the i-th button of the message a sendMessage call created.
func PressOn(c Call, user int64, i int) tgbotapi.Update {
	return Press(c.ChatID(), user, c.MessageID, c.Buttons()[i].Data)
}

// Media returns an update with non-text content of the given kind: sticker,
// photo, voice, video, video_note, audio, animation, document, location,
// venue, contact, poll or dice.
func Media(chat, user int64, kind string) tgbotapi.Update {
	m := message(chat, user)
	switch kind {
	case "sticker":
		m.Sticker = &tgbotapi.Sticker{FileID: "s1", Emoji: "👍"}
	case "photo":
		m.Photo = []tgbotapi.PhotoSize{{FileID: "p1", Width: 90, Height: 90}, {FileID: "p2", Width: 800, Height: 800}}
	case "voice":
		m.Voice = &tgbotapi.Voice{FileID: "v1", Duration: 3}
	case "video":
		m.Video = &tgbotapi.Video{FileID: "vd1", Duration: 3}
	case "video_note":
		m.VideoNote = &tgbotapi.VideoNote{FileID: "vn1", Duration: 3}
	case "audio":
		m.Audio = &tgbotapi.Audio{FileID: "a1", Duration: 3}
	case "animation":
		m.Animation = &tgbotapi.Animation{FileID: "an1"}
		m.Document = &tgbotapi.Document{FileID: "an1"} // Telegram sends both for a GIF
	case "document":
		m.Document = &tgbotapi.Document{FileID: "d1", FileName: "invoice.pdf"}
	case "location":
		m.Location = &tgbotapi.Location{Latitude: 48.85, Longitude: 2.35}
	case "venue":
		m.Location = &tgbotapi.Location{Latitude: 48.85, Longitude: 2.35}
		m.Venue = &tgbotapi.Venue{Location: *m.Location, Title: "Shop", Address: "1 rue"}
	case "contact":
		m.Contact = &tgbotapi.Contact{PhoneNumber: "+33100000000", FirstName: "Someone"}
	case "poll":
		m.Poll = &tgbotapi.Poll{ID: "poll1", Question: "?"}
	case "dice":
		m.Dice = &tgbotapi.Dice{Emoji: "🎲", Value: 3}
	default:
		panic("telegramtest: unknown media kind " + kind)
	}
	return tgbotapi.Update{Message: m}
}

// entities finds a leading /command and every @mention, with UTF-16 offsets as Telegram counts them.
func entities(text string) []tgbotapi.MessageEntity {
	var out []tgbotapi.MessageEntity
	u16 := func(s string) int { return len(utf16.Encode([]rune(s))) }
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\n' })
	pos := 0
	for i, f := range fields {
		at := strings.Index(text[pos:], f) + pos
		pos = at + len(f)
		switch {
		case i == 0 && strings.HasPrefix(f, "/"):
			out = append(out, tgbotapi.MessageEntity{Type: "bot_command", Offset: 0, Length: u16(f)})
		case strings.HasPrefix(f, "@") && len(f) > 1:
			out = append(out, tgbotapi.MessageEntity{Type: "mention", Offset: u16(text[:at]), Length: u16(f)})
		}
	}
	return out
}

// WebhookRequest returns the POST Telegram makes to a webhook to deliver u,
// with secret in the secret header (none when secret is empty).
func WebhookRequest(u tgbotapi.Update, secret string) *http.Request {
	body, err := json.Marshal(u)
	if err != nil {
		panic(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if secret != "" {
		r.Header.Set(SecretHeader, secret)
	}
	return r
}

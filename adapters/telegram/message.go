package telegram

import (
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/bot"
)

// Platform is the Address.Platform of Telegram conversations.
const Platform = "telegram"

// Update ids also order a chat's messages and presses (bot.Message.Order):
// Telegram numbers a bot's updates one after the other.

// messageID is the bot.Message ID of an update. It is the update_id, not the
// message_id, because Telegram redelivers an update (a webhook retry, a
// restart before the offset moved) with the same update_id, and a button
// press has no message_id of its own.
func messageID(updateID int) string { return "tg:" + strconv.Itoa(updateID) }

// toMessage translates an update into the engine's Message. It reports false
// for what the engine must not see: edits outside private chats (a private
// chat's edit is EventPersonEdited), channel posts, other bots, service
// messages (someone joined, a pinned message…), inline queries, and in groups
// every message that does not address the bot.
//
// In a group or supergroup, a message addresses the bot when it is a /command
// (bare, or /command@thisbot; never /command@otherbot), mentions
// @thisbot, or replies to one of the bot's messages (a person answering the
// bot's question). The mention and the @suffix are cut from the text, so the
// engine sees "/start" and "my parcel is late", not "@carebot my parcel…".
// Each person in a group has a conversation of their own (Address.User).
func toMessage(u tgbotapi.Update, botUsername string) (bot.Message, bool) {
	if cq := u.CallbackQuery; cq != nil {
		return pressMessage(u.UpdateID, cq)
	}
	if u.EditedMessage != nil {
		return editedMessage(u.UpdateID, u.EditedMessage, botUsername)
	}
	m := u.Message
	if m == nil || m.From == nil || m.From.IsBot || m.Chat == nil {
		// Edits, channel posts, inline queries, polls: nothing a person said to us.
		return bot.Message{}, false
	}
	text, media := m.Text, mediaKind(m)
	if text == "" {
		text = m.Caption
	}
	if strings.TrimSpace(text) == "" && media == "" {
		return bot.Message{}, false // service message: someone joined, a title changed…
	}
	switch m.Chat.Type {
	case "private":
	case "group", "supergroup":
		if !addressed(m, text, botUsername) {
			return bot.Message{}, false
		}
	default: // channel
		return bot.Message{}, false
	}
	return bot.Message{
		ID:    messageID(u.UpdateID),
		Order: int64(u.UpdateID),
		From:  address(m.Chat.ID, m.From.ID),
		Text:  cleanText(text, botUsername),
		Media: media,
		Lang:  m.From.LanguageCode,
		At:    time.Unix(int64(m.Date), 0),
	}, true
}

// editedMessage translates a person's edit of a message in their private
// chat into the engine's EventPersonEdited: during a hand-off its new
// words reach the team's thread (before, Telegram was not even asked for
// edits, and the agent kept a wrong order number); otherwise the engine
// answers nothing. Edits in groups are not addressed to the bot.
func editedMessage(updateID int, m *tgbotapi.Message, botUsername string) (bot.Message, bool) {
	if m.From == nil || m.From.IsBot || m.Chat == nil || m.Chat.Type != "private" {
		return bot.Message{}, false
	}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	text = cleanText(text, botUsername)
	if strings.TrimSpace(text) == "" {
		return bot.Message{}, false
	}
	at := m.EditDate
	if at == 0 {
		at = m.Date
	}
	return bot.Message{
		ID:    messageID(updateID),
		Order: int64(updateID),
		From:  address(m.Chat.ID, m.From.ID),
		Text:  text,
		Event: bot.EventPersonEdited,
		Lang:  m.From.LanguageCode,
		At:    time.Unix(int64(at), 0),
	}, true
}

// pressMessage translates a button press. Presses are always for the bot (they
// are on its own messages), in groups too.
func pressMessage(updateID int, cq *tgbotapi.CallbackQuery) (bot.Message, bool) {
	if cq.From == nil || cq.From.IsBot || cq.Message == nil || cq.Message.Chat == nil ||
		cq.Data == "" || cq.Message.Chat.Type == "channel" {
		// A press on an inline-mode message or a game: not one of our questions.
		return bot.Message{}, false
	}
	return bot.Message{
		ID:     messageID(updateID),
		Order:  int64(updateID),
		From:   address(cq.Message.Chat.ID, cq.From.ID),
		Choice: cq.Data,
		Lang:   cq.From.LanguageCode,
		// At stays zero: a press carries no date; the adapter stamps it on arrival.
	}, true
}

func address(chat, user int64) bot.Address {
	return bot.Address{Platform: Platform, Chat: strconv.FormatInt(chat, 10), User: strconv.FormatInt(user, 10)}
}

// mediaKind names the non-text content of m, or "" for plain text. The order
// matters: Telegram sends a GIF as both animation and document, and a venue
// with its location.
func mediaKind(m *tgbotapi.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case len(m.Photo) > 0:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.VideoNote != nil:
		return "video_note"
	case m.Video != nil:
		return "video"
	case m.Audio != nil:
		return "audio"
	case m.Animation != nil:
		return "animation"
	case m.Document != nil:
		return "document"
	case m.Venue != nil:
		return "venue"
	case m.Location != nil:
		return "location"
	case m.Contact != nil:
		return "contact"
	case m.Poll != nil:
		return "poll"
	case m.Dice != nil:
		return "dice"
	case m.Game != nil:
		return "game"
	case m.Invoice != nil || m.SuccessfulPayment != nil || m.PassportData != nil:
		return "other"
	}
	return ""
}

// addressed reports whether a group message is for the bot.
func addressed(m *tgbotapi.Message, text, me string) bool {
	if cmd, _, ok := command(text); ok {
		_, at, hasAt := strings.Cut(cmd, "@")
		return !hasAt || strings.EqualFold(at, me)
	}
	if mentions(text, me) {
		return true
	}
	r := m.ReplyToMessage
	return r != nil && r.From != nil && r.From.IsBot && strings.EqualFold(r.From.UserName, me)
}

// command splits a leading "/cmd[@bot]" from the rest of text.
func command(text string) (cmd, rest string, ok bool) {
	if !strings.HasPrefix(text, "/") || len(text) < 2 {
		return "", text, false
	}
	end := strings.IndexAny(text, " \n\t")
	if end < 0 {
		end = len(text)
	}
	cmd = text[:end]
	name, _, _ := strings.Cut(cmd[1:], "@")
	if name == "" {
		return "", text, false
	}
	for _, r := range name {
		if !isNameChar(r) {
			return "", text, false
		}
	}
	return cmd, text[end:], true
}

func isNameChar(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// mentionAt reports whether text[i:] starts with "@me" as a whole word.
func mentionAt(text string, i int, me string) bool {
	end := i + 1 + len(me)
	if me == "" || end > len(text) || text[i] != '@' || !strings.EqualFold(text[i+1:end], me) {
		return false
	}
	if end < len(text) && isNameChar(rune(text[end])) {
		return false // @carebot_fan is someone else
	}
	return i == 0 || !isNameChar(rune(text[i-1])) // an e-mail address is not a mention
}

func mentions(text, me string) bool {
	for i := range len(text) {
		if mentionAt(text, i, me) {
			return true
		}
	}
	return false
}

// cleanText cuts the bot's @mentions and a command's @suffix, lower-cases the
// command so "/Start@CareBot" reaches the engine as "/start", and trims.
func cleanText(text, me string) string {
	if cmd, rest, ok := command(text); ok {
		name, _, _ := strings.Cut(cmd, "@")
		text = strings.ToLower(name) + rest
	}
	if mentions(text, me) {
		// Cut "@carebot", "@carebot," or "@carebot:" and one space after it,
		// keeping the person's line breaks.
		var b strings.Builder
		for i := 0; i < len(text); i++ {
			if !mentionAt(text, i, me) {
				b.WriteByte(text[i])
				continue
			}
			i += len(me) // now at the mention's last byte
			if i+1 < len(text) && (text[i+1] == ',' || text[i+1] == ':') {
				i++
			}
			if i+1 < len(text) && text[i+1] == ' ' {
				i++
			}
		}
		text = b.String()
	}
	return strings.TrimSpace(text)
}

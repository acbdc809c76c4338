package telegram

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/bot"
)

// Telegram's limits.
const (
	// maxText is sendMessage's limit, counted in UTF-16 code units as
	// Telegram counts; counting so is never shorter than counting runes.
	maxText = 4096
	// maxCallbackData is the limit on a button's callback_data, in bytes.
	maxCallbackData = 64
)

// Replies are sent as plain text: no parse_mode, so a person's "*_[`" quoted
// back by a flow can never break a reply, and no escaping is needed.

// split cuts text into pieces of at most limit UTF-16 code units. A cut falls
// at the last paragraph break, else line break, else sentence end, else
// space, that keeps the piece at least half full; only a single "word"
// longer than limit is cut inside, and never inside a character.
func split(text string, limit int) []string {
	text = strings.TrimSpace(text)
	var out []string
	for text != "" {
		cut := fit(text, limit)
		if cut == len(text) {
			out = append(out, text)
			break
		}
		at := boundary(text, cut)
		piece := strings.TrimRightFunc(text[:at], unicode.IsSpace)
		if piece == "" { // only spaces before the boundary: cut hard instead
			at, piece = cut, text[:cut]
		}
		out = append(out, piece)
		text = strings.TrimLeftFunc(text[at:], unicode.IsSpace)
	}
	return out
}

// fit returns the byte length of the longest prefix of s that holds at most
// limit UTF-16 code units and ends on a rune boundary.
func fit(s string, limit int) int {
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2 // a surrogate pair
		}
		if n+w > limit {
			return i
		}
		n += w
	}
	return len(s)
}

// boundary picks where to cut s, at or before cut (a byte offset on a rune boundary).
func boundary(s string, cut int) int {
	var para, line, sentence, space int // byte offsets just after each kind of boundary; 0 = none
	for i, r := range s[:cut] {
		end := i + utf8.RuneLen(r)
		switch {
		case r == '\n':
			line = end
			if i > 0 && s[i-1] == '\n' {
				para = end
			}
		case unicode.IsSpace(r):
			space = end
		case strings.ContainsRune(".!?…。！？", r) && end < len(s):
			if next, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsSpace(next) {
				sentence = end
			}
		}
	}
	for _, at := range []int{para, line, sentence, space} {
		if at >= cut/2 {
			return at
		}
	}
	if best := max(para, line, sentence, space); best > 0 {
		return best
	}
	return cut
}

// keyboard renders choices as an inline keyboard, one button per row so long
// labels stay readable on a phone. A choice Telegram would refuse (an ID
// longer than 64 bytes, a blank label) is left out and counted, so one bad
// button never costs the whole reply.
func keyboard(cs []bot.Choice) (markup *tgbotapi.InlineKeyboardMarkup, dropped int) {
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, c := range cs {
		label := strings.TrimSpace(c.Label)
		if c.ID == "" || len(c.ID) > maxCallbackData || label == "" {
			dropped++
			continue
		}
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(label, c.ID)))
	}
	if len(rows) == 0 {
		return nil, dropped
	}
	m := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return &m, dropped
}

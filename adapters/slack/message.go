package slack

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/carebot/carebot/bot"
)

// Platform is the Address.Platform of Slack conversations.
const Platform = "slack"

// identity is who the bot is in the workspace, learnt from auth.test: the
// bot's own messages come back as events and must be dropped.
type identity struct {
	UserID string // U… of the bot user
	BotID  string // B… of the app's bot
}

// Message subtypes that still carry a person's new words. Every other
// subtype (message_changed, message_deleted, bot_message, channel_join…) is
// dropped: the bot answers what people write, not what they edit or delete.
var personSubtypes = map[string]bool{
	"":                 true,
	"file_share":       true,
	"thread_broadcast": true,
	"me_message":       true,
}

// toMessage translates one inner Events API event into a bot.Message. It
// returns false for what the bot must not answer: its own messages and other
// bots' (no loops), edits and deletions, messages outside direct messages
// that do not mention it, and events it does not know.
//
// In a direct message the conversation is the DM channel; when someone
// mentions the bot in a channel, the conversation is the thread rooted at
// the mention, so the bot never answers in the channel itself.
func toMessage(ev any, self identity) (bot.Message, bool) {
	switch e := ev.(type) {
	case *slackevents.MessageEvent:
		if e != nil && e.ChannelType == slackevents.ChannelTypeIM && e.SubType == "message_changed" {
			return editedMessage(e, self)
		}
		if e == nil || e.ChannelType != slackevents.ChannelTypeIM || !personSubtypes[e.SubType] {
			return bot.Message{}, false
		}
		msg := e.Message
		if msg == nil {
			msg = &slack.Msg{}
		}
		if e.BotID != "" || msg.BotID != "" || e.User == "" || e.User == self.UserID || msg.Edited != nil {
			return bot.Message{}, false
		}
		m := bot.Message{
			ID:    e.TimeStamp,
			Order: tsOrder(e.TimeStamp),
			From:  bot.Address{Platform: Platform, Chat: e.Channel, User: e.User},
			Text:  cleanText(e.Text, self.UserID),
			Media: media(msg.Files),
			At:    tsTime(e.TimeStamp),
		}
		if m.Text == "" && m.Media == "" {
			return bot.Message{}, false
		}
		return m, true
	case *slackevents.AppMentionEvent:
		// Slack sends no app_mention for DMs (message.im covers them); a D…
		// channel here would answer the same words twice.
		if e == nil || e.BotID != "" || e.User == "" || e.User == self.UserID || e.Edited != nil ||
			strings.HasPrefix(e.Channel, "D") {
			return bot.Message{}, false
		}
		root := e.ThreadTimeStamp
		if root == "" {
			root = e.TimeStamp
		}
		m := bot.Message{
			ID:    e.TimeStamp,
			Order: tsOrder(e.TimeStamp),
			From:  bot.Address{Platform: Platform, Chat: e.Channel + ":" + root, User: e.User},
			Text:  cleanText(e.Text, self.UserID),
			Media: media(e.Files),
			At:    tsTime(e.TimeStamp),
		}
		// A bare "@carebot" (empty Text) is still someone calling: the engine
		// decides how to greet them.
		return m, true
	default:
		return bot.Message{}, false
	}
}

// editedMessage is a person's edit of their DM message, as the engine's
// EventPersonEdited: during a hand-off its new words reach the team's
// thread (before, every edit was dropped, and the agent kept the first
// words). Edits by bots, and changes that are no edit (a link unfurled),
// are not people writing.
func editedMessage(e *slackevents.MessageEvent, self identity) (bot.Message, bool) {
	msg := e.Message
	if msg == nil || msg.Edited == nil || msg.BotID != "" || e.BotID != "" || msg.User == "" || msg.User == self.UserID {
		return bot.Message{}, false
	}
	m := bot.Message{
		ID:    msg.Timestamp + "~" + msg.Edited.Timestamp,
		Order: tsOrder(e.TimeStamp),
		From:  bot.Address{Platform: Platform, Chat: e.Channel, User: msg.User},
		Text:  cleanText(msg.Text, self.UserID),
		Event: bot.EventPersonEdited,
		At:    tsTime(e.TimeStamp),
	}
	if m.Text == "" {
		return bot.Message{}, false
	}
	return m, true
}

// cleanText removes the bot's own mention and turns Slack's three entities
// back into the characters the person typed.
func cleanText(s, botUser string) string {
	if botUser != "" {
		s = strings.ReplaceAll(s, "<@"+botUser+">", "")
		// Older clients send the mention with the display name: <@U123|carebot>.
		for {
			i := strings.Index(s, "<@"+botUser+"|")
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				break
			}
			s = s[:i] + s[i+j+1:]
		}
	}
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
	return strings.TrimSpace(s)
}

// media names a message's files the way bot.Message.Media expects.
func media(files []slack.File) string {
	if len(files) == 0 {
		return ""
	}
	mt := files[0].Mimetype
	switch {
	case strings.HasPrefix(mt, "image/"):
		return "photo"
	case strings.HasPrefix(mt, "audio/"):
		return "voice"
	case strings.HasPrefix(mt, "video/"):
		return "video"
	default:
		return "file"
	}
}

// tsOrder is a Slack timestamp as a bot.Message.Order: its microseconds.
// Slack's ts order a channel's messages; 0 when ts is not one.
func tsOrder(ts string) int64 {
	t := tsTime(ts)
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// tsTime reads a Slack timestamp ("1700000000.000100").
func tsTime(ts string) time.Time {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}
	}
	var us int64
	if frac != "" {
		us, _ = strconv.ParseInt((frac + "000000")[:6], 10, 64)
	}
	return time.Unix(s, us*1000).UTC()
}

// splitChat reads an Address.Chat: a channel, or channel:thread_ts.
func splitChat(chat string) (channel, thread string) {
	channel, thread, _ = strings.Cut(chat, ":")
	return channel, thread
}

// escape makes text safe for Slack mrkdwn: &, < and > are the only
// characters Slack parses as markup, and "<@U…>" or "<!channel>" typed by a
// flow author or echoed from a person must never become a mention or a link.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Block Kit limits that a long flow text or label must not break.
const (
	maxSectionText = 3000 // characters in a section's text
	maxButtonText  = 75   // characters in a button's label
	maxButtons     = 25   // elements in one actions block
	maxValue       = 2000 // characters in a button's value
)

// Action and block ids. The prefix tells a press on a flow's question from
// a volunteer's "I can listen".
const (
	actionChoice  = "cb_choice"
	actionListen  = "cb_listen"
	blockChoices  = "cb_choices"
	blockListen   = "cb_listen"
	blockSelected = "cb_selected"
)

// render turns a reply into the message text (escaped mrkdwn, also the
// notification fallback) and, when it has choices, Block Kit blocks: the text
// in sections and the choices as buttons whose value is Choice.ID. In a
// channel thread, addressee is the person the buttons are for: it is written
// in the block_id so that a press by anyone else can be told apart.
func render(r bot.Reply, addressee string) (text string, blocks []slack.Block) {
	text = escape(r.Text)
	if len(r.Choices) == 0 {
		return text, nil
	}
	for _, part := range chunk(text, maxSectionText) {
		blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, false), nil, nil))
	}
	for n := 0; n*maxButtons < len(r.Choices); n++ {
		group := r.Choices[n*maxButtons : min((n+1)*maxButtons, len(r.Choices))]
		elems := make([]slack.BlockElement, 0, len(group))
		for i, c := range group {
			label := truncate(c.Label, maxButtonText)
			if label == "" {
				label = "…"
			}
			b := slack.NewButtonBlockElement(actionChoice+"_"+strconv.Itoa(n*maxButtons+i), truncate(c.ID, maxValue),
				slack.NewTextBlockObject(slack.PlainTextType, label, true, false))
			elems = append(elems, b)
		}
		id := blockChoices + "_" + strconv.Itoa(n)
		if addressee != "" {
			id += ":" + addressee
		}
		blocks = append(blocks, slack.NewActionBlock(id, elems...))
	}
	if text == "" {
		var labels []string
		for _, c := range r.Choices {
			labels = append(labels, escape(c.Label))
		}
		text = strings.Join(labels, " · ")
	}
	return text, blocks
}

// blockAddressee reads the person a choices block is for ("" for anyone).
func blockAddressee(blockID string) string {
	_, user, _ := strings.Cut(blockID, ":")
	return user
}

// chosen rebuilds a question message once answered: the same text, the
// buttons gone, and the chosen label underneath (none for a stale press),
// so the conversation reads as it happened and an old question cannot be
// answered twice.
func chosen(orig slack.Blocks, fallback, label string) []slack.Block {
	var out []slack.Block
	for _, b := range orig.BlockSet {
		if b.BlockType() == slack.MBTAction {
			continue
		}
		out = append(out, b)
	}
	if len(out) == 0 && fallback != "" {
		for _, part := range chunk(fallback, maxSectionText) {
			out = append(out, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, false), nil, nil))
		}
	}
	if label != "" {
		out = append(out, slack.NewContextBlock(blockSelected,
			slack.NewTextBlockObject(slack.MarkdownType, "✓ *"+escape(label)+"*", false, false)))
	}
	return out
}

// truncate cuts s to at most n characters, marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// chunk splits s into parts of at most n characters, at a line break or a
// space when there is one, so a long text still fits in section blocks.
func chunk(s string, n int) []string {
	if s == "" {
		return nil
	}
	var out []string
	for utf8.RuneCountInString(s) > n {
		r := []rune(s)
		cut := n
		for i := n; i > n/2; i-- {
			if r[i] == '\n' || r[i] == ' ' {
				cut = i
				break
			}
		}
		// Never cut inside an entity such as &amp;: Slack would show it raw.
		if amp := strings.LastIndexByte(string(r[:cut]), '&'); amp >= 0 && !strings.Contains(string(r[:cut])[amp:], ";") {
			cut = utf8.RuneCountInString(string(r[:cut])[:amp])
		}
		out = append(out, strings.TrimRight(string(r[:cut]), " \n"))
		s = strings.TrimLeft(string(r[cut:]), " \n")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

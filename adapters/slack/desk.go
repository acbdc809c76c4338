package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

// The human hand-off desk, Slack side: each ticket is one message in its
// queue's channel (desk.Card), with "Take it", then "Resolve" and "Back to
// the bot" buttons; its thread carries the person's words one way and the
// agent's replies the other. The desk itself (package desk) decides; the
// Board renders, and the adapter routes presses and thread messages to it.

var _ desk.Board = (*Board)(nil)

// Board is the desk's board on Slack. It is built before the engine (the
// desk needs it, and the engine needs the desk), and posts with the
// adapter's settings; it needs no running adapter.
type Board struct{ client }

// NewBoard checks cfg and builds the desk's Board. It does no I/O.
func NewBoard(cfg Config) (*Board, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	return &Board{c}, nil
}

// Notices the adapter itself gives an agent, besides the desk's.
const (
	noticeError    desk.Notice = "error"    // the desk failed: try again
	noticeResolved desk.Notice = "resolved" // /resolve worked
	noticeNotDesk  desk.Notice = "not_desk" // /resolve outside the desk's channels
	noticeEdit     desk.Notice = "edit"     // an agent edited a thread message: the person read the first version
)

// Action ids of the desk's buttons.
const (
	actionDeskTake    = "cb_desk_take"
	actionDeskResolve = "cb_desk_resolve"
	actionDeskBot     = "cb_desk_bot"
	actionDeskCancel  = "cb_desk_cancel"
	blockDeskActions  = "cb_desk"
)

// deskNotices maps the desk's notices (what one agent is told, privately,
// about their action) to their texts in the flows' texts.yaml.
var deskNotices = map[desk.Notice]string{
	desk.NoticeTaken:       "desk.notice_taken",
	desk.NoticeClosed:      "desk.notice_closed",
	desk.NoticeNotTaken:    "desk.notice_not_taken",
	desk.NoticeNotHolder:   "desk.notice_not_holder",
	noticeError:            "desk.notice_error",
	noticeResolved:         "desk.notice_resolved", // the /resolve slash command's answers
	desk.NoticeNoneHeld:    "desk.notice_none_held",
	desk.NoticeSeveralHeld: "desk.notice_several_held",
	noticeNotDesk:          "desk.notice_not_desk",
	noticeEdit:             "desk.notice_edit",
	// Refusals to end a ticket (see desk.Ticket.End).
	desk.NoticeNotYours:    "desk.notice_not_yours",
	desk.NoticeUntaken:     "desk.notice_untaken",
	desk.NoticeLeadsOnly:   "desk.notice_leads_only",
	desk.NoticeTakenCancel: "desk.notice_taken_cancel",
}

// deskNotice renders a desk notice in the desk's language; who fills its
// placeholder (the agent holding the conversation, or the conversations).
func (a *Adapter) deskNotice(key desk.Notice, who string) string {
	return a.text(a.cfg.DefaultLang, deskNotices[key], map[string]string{"agent": who, "conversation": who, "conversations": who})
}

// deskState is the desk wiring (Config.Desk).
type deskState struct {
	d        *desk.Desk
	channels map[string]bool
	names    map[string]string // agent user ID → the first name people see
}

// Post posts a ticket's message and returns its reference ("channel:ts"),
// the ticket's thread (desk.Board).
func (b *Board) Post(ctx context.Context, c desk.Card) (string, error) {
	txt, blocks := deskBlocks(c, b.deskButtons())
	var channel, ts string
	err := b.call(ctx, "post desk message", func(ctx context.Context) (err error) {
		channel, ts, err = b.api.PostMessageContext(ctx, c.Channel, slack.MsgOptionText(txt, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
	if err != nil {
		b.log.Error("desk message not posted", "err", err, "hint", hint(err))
		return "", err
	}
	return channel + ":" + ts, nil
}

// Update rewrites a ticket's message (desk.Board).
func (b *Board) Update(ctx context.Context, ref string, c desk.Card) error {
	channel, ts := splitChat(ref)
	txt, blocks := deskBlocks(c, b.deskButtons())
	// An update does not notify again: the mention is for the first post.
	txt = strings.TrimPrefix(txt, "<!here> ")
	return b.call(ctx, "update desk message", func(ctx context.Context) error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(txt, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// Reply adds a line to a ticket's thread (desk.Board).
func (b *Board) Reply(ctx context.Context, ref, line string) error {
	channel, ts := splitChat(ref)
	return b.call(ctx, "post desk thread", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionText(escape(line), false), slack.MsgOptionTS(ts))
		return err
	})
}

var _ desk.Reminder = (*Board)(nil)

// Remind adds a line to a ticket's thread that notifies agentID, the
// silent holder (unless ""), and the channel when channel is true
// (desk.Reminder): mentions of them (@here first), then the line.
func (b *Board) Remind(ctx context.Context, ref, agentID, line string, channel bool) error {
	channelID, ts := splitChat(ref)
	var mention []string
	if channel {
		mention = append(mention, "<!here>")
	}
	if agentID != "" {
		mention = append(mention, "<@"+agentID+">")
	}
	mention = append(mention, escape(line))
	return b.call(ctx, "remind desk agent", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, channelID, slack.MsgOptionText(strings.Join(mention, " "), false), slack.MsgOptionTS(ts))
		return err
	})
}

// deskLabels are the labels of a desk card's buttons.
type deskLabels struct{ take, resolve, bot, cancel string }

// deskButtons are the desk buttons' labels, in the desk's language.
func (c *client) deskButtons() deskLabels {
	l := c.cfg.DefaultLang
	return deskLabels{
		take:    c.text(l, "desk.button_take", nil),
		resolve: c.text(l, "desk.button_resolve", nil),
		bot:     c.text(l, "desk.button_bot", nil),
		cancel:  c.text(l, "desk.button_cancel", nil),
	}
}

// deskBlocks renders a card: the title, the summary, the status and the
// buttons of its state. Everything from the desk is escaped: a person's
// words can never become a mention or a link.
func deskBlocks(c desk.Card, labels deskLabels) (string, []slack.Block) {
	title := "*" + escape(c.Title) + "*"
	txt := escape(c.Title)
	if c.Urgent {
		title = "<!here> " + title
		txt = "<!here> " + txt
	}
	blocks := []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, title, false, false), nil, nil)}
	for _, part := range chunk(escape(strings.Join(c.Lines, "\n")), maxSectionText) {
		blocks = append(blocks, slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, part, false, false), nil, nil))
	}
	if c.Status != "" {
		blocks = append(blocks, slack.NewContextBlock("cb_desk_status", slack.NewTextBlockObject(slack.MarkdownType, escape(truncate(c.Status, maxSectionText)), false, false)))
	}
	button := func(id, label string) *slack.ButtonBlockElement {
		return slack.NewButtonBlockElement(id, c.Ticket, slack.NewTextBlockObject(slack.PlainTextType, label, true, false))
	}
	switch c.State {
	case bot.HandoffWaiting:
		buttons := []slack.BlockElement{button(actionDeskTake, labels.take).WithStyle(slack.StylePrimary)}
		if c.LeadCancel {
			buttons = append(buttons, button(actionDeskCancel, labels.cancel))
		}
		blocks = append(blocks, slack.NewActionBlock(blockDeskActions, buttons...))
	case bot.HandoffTaken:
		blocks = append(blocks, slack.NewActionBlock(blockDeskActions,
			button(actionDeskResolve, labels.resolve).WithStyle(slack.StylePrimary), button(actionDeskBot, labels.bot)))
	}
	return txt, blocks
}

// isDeskAction reports whether a press is on a desk button.
func isDeskAction(id string) bool {
	return id == actionDeskTake || id == actionDeskResolve || id == actionDeskBot || id == actionDeskCancel
}

// onDeskPress queues an agent's press on a desk button.
func (a *Adapter) onDeskPress(st *runState, cb slack.InteractionCallback, act slack.BlockAction, submit func(turn.Job) bool) bool {
	ds := a.desk
	channel, _, _ := where(cb)
	agent := cb.User.ID
	if ds == nil || agent == "" || act.Value == "" {
		return true
	}
	// A double click is one press.
	if !a.seen.add("desk:"+act.ActionID+":"+act.Value+":"+agent+":"+act.ActionTs, time.Now()) {
		return true
	}
	return submit(turn.Job{Key: "desk:" + act.Value, Do: func(ctx context.Context) {
		var notice desk.Notice
		var holder string
		var err error
		switch act.ActionID {
		case actionDeskTake:
			var won bool
			holder, won, err = ds.d.Take(ctx, st.h, act.Value, agent, a.agentName(ctx, ds, agent))
			switch {
			case err != nil:
			case !won && holder == "":
				notice = desk.NoticeClosed
			case !won:
				notice = desk.NoticeTaken
			}
		case actionDeskResolve:
			notice, err = ds.d.Resolve(ctx, st.h, act.Value, agent, desk.OutcomeResolved)
		case actionDeskBot:
			notice, err = ds.d.Resolve(ctx, st.h, act.Value, agent, desk.OutcomeBot)
		case actionDeskCancel:
			notice, err = ds.d.Cancel(ctx, st.h, act.Value, agent)
		}
		if err != nil {
			a.log.Error("desk press failed", "action", act.ActionID, "err", err)
			notice = noticeError
		}
		if notice != desk.NoticeNone {
			a.ephemeral(ctx, channel, "", agent, a.deskNotice(notice, holder))
		}
	}})
}

// deskThread reports whether a message event is in a desk channel.
func (a *Adapter) deskThread(e *slackevents.MessageEvent) (*deskState, bool) {
	ds := a.desk
	if ds == nil || e == nil || !ds.channels[e.Channel] {
		return nil, false
	}
	return ds, true
}

// onDeskMessage queues a message written in a desk channel: in a ticket's
// thread it goes to the desk; anything else there is not for the bot.
func (a *Adapter) onDeskMessage(st *runState, ds *deskState, eventID string, e *slackevents.MessageEvent, submit func(turn.Job) bool) bool {
	self := st.self
	if e.SubType == "message_changed" {
		return a.onDeskEdit(st, eventID, e, submit)
	}
	thread := e.ThreadTimeStamp
	if thread == "" || thread == e.TimeStamp || !personSubtypes[e.SubType] {
		return true
	}
	if e.BotID != "" || e.User == "" || e.User == self.UserID || (e.Message != nil && (e.Message.BotID != "" || e.Message.Edited != nil)) {
		return true
	}
	key := "ev:" + eventID
	if eventID == "" {
		key = "desk:" + e.Channel + ":" + e.TimeStamp
	}
	if !a.seen.add(key, time.Now()) {
		return true
	}
	ref := e.Channel + ":" + thread
	txt := cleanText(e.Text, self.UserID)
	ok := submit(turn.Job{Key: "desk:" + ref, Do: func(ctx context.Context) {
		notice, err := ds.d.AgentMessage(ctx, st.h, ref, e.TimeStamp, e.User, txt)
		if err != nil {
			a.log.Error("agent message not relayed", "err", err)
			notice = noticeError
		}
		if notice != desk.NoticeNone {
			holder := ""
			if notice == desk.NoticeNotHolder {
				holder = a.text(a.cfg.DefaultLang, "desk.a_colleague", nil)
			}
			a.ephemeral(ctx, e.Channel, thread, e.User, a.deskNotice(notice, holder))
		}
	}})
	if !ok {
		a.seen.forget(key)
	}
	return ok
}

// onDeskEdit answers an agent who edited their message in a ticket's
// thread. What they first wrote was sent to the person (a Telegram
// message, a DM) and an edit cannot follow it there; before, Slack's edit
// event was dropped without a word and the agent believed the person read
// the corrected words. They are now told privately, in the thread, to write
// the correction as a new message. Internal notes are left alone.
func (a *Adapter) onDeskEdit(st *runState, eventID string, e *slackevents.MessageEvent, submit func(turn.Job) bool) bool {
	m := e.Message
	if m == nil || m.Edited == nil || m.ThreadTimestamp == "" || m.ThreadTimestamp == m.Timestamp ||
		m.BotID != "" || m.User == "" || m.User == st.self.UserID {
		return true
	}
	if strings.HasPrefix(strings.ToLower(cleanText(m.Text, st.self.UserID)), desk.NotePrefix) {
		return true
	}
	key := "ev:" + eventID
	if eventID == "" {
		key = "desk:edit:" + e.Channel + ":" + e.TimeStamp
	}
	if !a.seen.add(key, time.Now()) {
		return true
	}
	ok := submit(turn.Job{Key: "desk:" + e.Channel + ":" + m.ThreadTimestamp, Do: func(ctx context.Context) {
		a.ephemeral(ctx, e.Channel, m.ThreadTimestamp, m.User, a.deskNotice(noticeEdit, ""))
	}})
	if !ok {
		a.seen.forget(key)
	}
	return ok
}

// onResolveCommand queues an agent's /resolve typed in a desk channel: the
// desk resolves the one conversation they hold there, and the agent is
// told privately what happened.
func (a *Adapter) onResolveCommand(st *runState, ds *deskState, cmd slack.SlashCommand, submit func(turn.Job) bool) bool {
	agent, channel := cmd.UserID, cmd.ChannelID
	return submit(turn.Job{Key: "desk:resolve:" + channel + ":" + agent, Do: func(ctx context.Context) {
		held, notice, err := ds.d.ResolveHeld(ctx, st.h, channel, agent)
		if err != nil {
			a.log.Error("desk /resolve failed", "err", err)
			notice = noticeError
		}
		a.ephemeral(ctx, channel, "", agent, a.resolveAnswer(notice, held))
	}})
}

// resolveAnswer is what an agent reads after /resolve.
func (a *Adapter) resolveAnswer(notice desk.Notice, held []string) string {
	switch notice {
	case desk.NoticeNone:
		return a.deskNotice(noticeResolved, strings.Join(held, "; "))
	case desk.NoticeSeveralHeld:
		return a.deskNotice(notice, "• "+strings.Join(held, "\n• "))
	default:
		return a.deskNotice(notice, "")
	}
}

// commandAnswer is the immediate answer to a slash command that needs no
// work: /resolve typed outside the desk's channels. It is shown only to
// who typed it, where they typed it (the HTTP response or the Socket
// Mode acknowledgement carries it), since the bot may not be a member
// there and could not post even an ephemeral message.
func (a *Adapter) commandAnswer(cmd slack.SlashCommand) string {
	if cmd.Command != desk.ResolveCommand {
		return ""
	}
	if ds := a.desk; ds == nil || !ds.channels[cmd.ChannelID] {
		return a.deskNotice(noticeNotDesk, "")
	}
	return ""
}

// ephemeralResponse is a slash command's immediate answer, seen only by
// who typed it.
func ephemeralResponse(txt string) map[string]string {
	return map[string]string{"response_type": "ephemeral", "text": escape(txt)}
}

// agentName is the first name people see for an agent: the configured
// override, else Slack's profile first name, else the first word of the
// real name; never the handle.
func (a *Adapter) agentName(ctx context.Context, ds *deskState, user string) string {
	if n := ds.names[user]; n != "" {
		return n
	}
	if n, ok := a.names.get(user); ok {
		return n
	}
	name := a.text(a.cfg.DefaultLang, "desk.unnamed_agent", nil)
	var u *slack.User
	err := a.call(ctx, "users.info", func(ctx context.Context) (err error) {
		u, err = a.api.GetUserInfoContext(ctx, user)
		return err
	})
	switch {
	case err != nil:
		a.log.Warn("agent name unknown", "err", err, "hint", hint(err))
		return name
	case strings.TrimSpace(u.Profile.FirstName) != "":
		name = strings.TrimSpace(u.Profile.FirstName)
	case strings.TrimSpace(u.RealName) != "":
		name = strings.Fields(u.RealName)[0]
	case strings.TrimSpace(u.Profile.RealName) != "":
		name = strings.Fields(u.Profile.RealName)[0]
	}
	a.names.put(user, name)
	return name
}

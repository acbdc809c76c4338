package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
)

// onInteraction routes a button press: a flow's choice or a volunteer's
// "I can listen". It returns false only when the work could not be queued.
func (a *Adapter) onInteraction(st *runState, cb slack.InteractionCallback, submit func(turn.Job) bool) bool {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return true
	}
	act := cb.ActionCallback.BlockActions[0]
	switch {
	case act.ActionID == actionListen:
		return a.onListen(st, cb, *act, submit)
	case isDeskAction(act.ActionID):
		return a.onDeskPress(st, cb, *act, submit)
	case strings.HasPrefix(act.ActionID, actionChoice):
		return a.onChoice(st, cb, *act, submit)
	default:
		return true
	}
}

// where reads the channel and message a press came from.
func where(cb slack.InteractionCallback) (channel, ts, thread string) {
	channel = cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	ts = cb.Container.MessageTs
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	thread = cb.Message.ThreadTimestamp
	if thread == "" {
		thread = cb.Container.ThreadTs
	}
	return channel, ts, thread
}

// onChoice queues a press on a flow's question. The question's message is
// updated first (buttons gone, the chosen label shown), then the press goes
// to the handler as Message.Choice. The engine recognises a press on an
// older question and answers with its "expired" line and the current one.
func (a *Adapter) onChoice(st *runState, cb slack.InteractionCallback, act slack.BlockAction, submit func(turn.Job) bool) bool {
	channel, ts, thread := where(cb)
	user := cb.User.ID
	if channel == "" || ts == "" || user == "" {
		return true
	}
	chat := channel
	if thread != "" && !strings.HasPrefix(channel, "D") {
		chat = channel + ":" + thread
	}
	from := bot.Address{Platform: Platform, Chat: chat, User: user}
	if to := blockAddressee(act.BlockID); to != "" && to != user {
		// Someone else in the thread pressed: the question was not theirs.
		return submit(turn.Job{Key: from.String(), Do: func(ctx context.Context) {
			a.ephemeral(ctx, channel, thread, user, a.text(a.lang(ctx, user), txtNotForYou, nil))
		}})
	}
	// One answer per question: a double click is one press.
	key := "press:" + channel + ":" + ts
	if !a.seen.add(key, time.Now()) {
		return true
	}
	// The question's ts identifies the press within the conversation (and
	// carries no platform ID into logs).
	m := bot.Message{ID: "press:" + ts, Order: tsOrder(act.ActionTs), From: from, Choice: act.Value, At: tsTime(act.ActionTs)}
	label := act.Text.Text
	ok := submit(a.turnJob(st, m, func(ctx context.Context) {
		if !cb.Container.IsEphemeral {
			shown := label
			if last, known := a.questions.get(from); known && last != ts {
				// A press on an older question: the engine answers it as
				// expired, so the message must not claim it was chosen.
				shown = ""
			}
			a.markChosen(ctx, channel, ts, cb.Message, shown)
		}
	}))
	if !ok {
		a.seen.forget(key)
	}
	return ok
}

// markChosen rewrites an answered question: its text, no buttons, and the
// chosen label.
func (a *Adapter) markChosen(ctx context.Context, channel, ts string, msg slack.Message, label string) {
	blocks := chosen(msg.Blocks, msg.Text, label)
	err := a.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts,
			slack.MsgOptionText(msg.Text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
	if err != nil {
		// The buttons stay, which is harmless: a second press is a duplicate
		// or a stale answer, both handled.
		a.log.Warn("answered question not updated", "err", err, "hint", hint(err))
	}
}

// ephemeral shows text to one person in a channel (a thread when given).
func (a *Adapter) ephemeral(ctx context.Context, channel, thread, user, txt string) {
	opts := []slack.MsgOption{slack.MsgOptionText(escape(txt), false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	err := a.call(ctx, "chat.postEphemeral", func(ctx context.Context) error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
	if err != nil {
		a.log.Warn("ephemeral note not shown", "err", err, "hint", hint(err))
	}
}

package slack

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

// Slack treats every message that starts with "/" as a slash command, so
// the flows' commands (/peer, /breathe, /forget) never arrive as DM text:
// they are declared as slash commands in manifest.yaml and arrive here. A
// command may be typed in any conversation; the bot always answers in its
// own DM with the person (opened with conversations.open), never where
// others could read it. The exception is the desk's /resolve, typed by an
// agent in a desk channel: it goes to the desk, and the agent is answered
// privately in that channel.

// onCommand queues a slash command as the person's message in their DM
// with the bot.
func (a *Adapter) onCommand(st *runState, cmd slack.SlashCommand, submit func(turn.Job) bool) bool {
	if cmd.UserID == "" || cmd.Command == "" {
		return true
	}
	if cmd.Command == desk.ResolveCommand {
		// An agent ending a hand-off, for the desk; outside a desk channel
		// commandAnswer has said so already.
		if ds := a.desk; ds != nil && ds.channels[cmd.ChannelID] {
			return a.onResolveCommand(st, ds, cmd, submit)
		}
		return true
	}
	txt := strings.TrimSpace(cmd.Command + " " + cmd.Text)
	id := "cmd:" + cmd.TriggerID
	arrived := time.Now().UTC()
	if cmd.TriggerID == "" {
		id = "cmd:" + arrived.Format(time.RFC3339Nano)
	}
	// A slash command carries no ts: its order among the DM's messages
	// (bot.Message.Order, in ts microseconds) is when it reached us, after
	// everything the person said before it. A message typed in the
	// moment between the command and its arrival counts as said before
	// it: after a /forget, it is dropped unanswered (README, /forget).
	order := arrived.UnixMicro()
	return submit(turn.Job{Key: "user:" + cmd.UserID, Do: func(ctx context.Context) {
		dm, err := a.dm(ctx, cmd.UserID)
		if err != nil {
			a.log.Error("slash command dropped: DM not opened", "err", err, "hint", hint(err))
			return
		}
		m := bot.Message{ID: id, Order: order, From: bot.Address{Platform: Platform, Chat: dm, User: cmd.UserID}, Text: txt, At: time.Now().UTC()}
		if !st.r.Submit(a.turnJob(st, m, nil)) {
			a.log.Error("slash command dropped: queue full or stopping", "chat", m.From.Hash())
		}
	}})
}

// dm returns the ID of the bot's direct message with user, opening it if
// needed (once per process and user).
func (a *Adapter) dm(ctx context.Context, user string) (string, error) {
	if id, ok := a.dms.get(user); ok {
		return id, nil
	}
	var ch *slack.Channel
	err := a.call(ctx, "conversations.open", func(ctx context.Context) (err error) {
		ch, _, _, err = a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
		return err
	})
	if err != nil {
		return "", err
	}
	a.dms.put(user, ch.ID)
	return ch.ID, nil
}

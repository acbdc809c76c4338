package slack

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/carebot/carebot/bot"
)

var _ bot.Outlet = (*Adapter)(nil)

// gone are the Slack error codes that say a conversation cannot be written
// to any more (the person left, the DM or channel is gone): the outbox
// drops what is pending for it, as for a Telegram user who blocked the bot.
var gone = map[string]bool{
	"is_archived":       true,
	"channel_not_found": true,
	"not_in_channel":    true,
	"user_disabled":     true,
	"cannot_dm_bot":     true,
}

// Deliver implements bot.Outlet: it posts one reply from a conversation's
// outbox, whichever replica queued it, after its pause. keyboard is the ts
// of the conversation's message whose buttons are live, kept in the
// session: when r brings new buttons, those are removed, so only the
// latest question can be pressed on any replica. It returns the ts to
// remember (keyboard if unchanged). A reply that hands the conversation to
// the peer queue opens the peer request from here, once the person has
// read it. A conversation that cannot be written to any more is an error
// wrapping bot.ErrBlocked; a reply Slack refuses for good (too long, bad
// blocks) is logged and skipped.
func (a *Adapter) Deliver(ctx context.Context, to bot.Address, r bot.Reply, keyboard string) (string, error) {
	if to.Platform != Platform {
		return keyboard, fmt.Errorf("slack deliver: address is for platform %q", to.Platform)
	}
	if err := a.pause(ctx, r.Pause); err != nil {
		return keyboard, fmt.Errorf("slack deliver: %w", err)
	}
	ts, err := a.postTS(ctx, to, r)
	if err != nil {
		code := slackCode(err)
		switch {
		case gone[code]:
			return keyboard, fmt.Errorf("slack deliver: %s: %w", code, bot.ErrBlocked)
		case code != "" && !transientCodes[code]:
			a.log.Error("reply refused by slack", "chat", to.Hash(), "err", err, "hint", hint(err))
		default:
			return keyboard, fmt.Errorf("slack deliver: %w", err)
		}
	}
	if h := r.Handoff; h != nil && h.Queue == a.cfg.PeerQueue {
		if st := a.state.Load(); st != nil {
			a.peerNews(ctx, st, to, cmpLang(h.Lang, a.cfg.DefaultLang), *h)
		} else {
			a.log.Error("peer hand-off delivered while not running: no request posted", "chat", to.Hash())
		}
	}
	if ts == "" || len(r.Choices) == 0 {
		return keyboard, nil
	}
	if keyboard != "" && keyboard != ts {
		a.removeButtons(ctx, to, keyboard)
	}
	return ts, nil
}

var _ bot.Pauser = (*Adapter)(nil)

// Pause implements bot.Pauser: it waits d (scaled by PaceScale) before the
// reply a Deliverer posts next, with no pause, through Deliver. Only ctx
// ends it: a stopping replica's Deliverer abandons it and hands the reply
// over, to be posted after its pause by the replica taking over.
func (a *Adapter) Pause(ctx context.Context, to bot.Address, d time.Duration) error {
	if to.Platform != Platform {
		return fmt.Errorf("slack pause: address is for platform %q", to.Platform)
	}
	if err := a.pause(ctx, d); err != nil {
		if ctx.Err() != nil {
			err = context.Cause(ctx)
		}
		return fmt.Errorf("slack pause: %w", err)
	}
	return nil
}

func cmpLang(l, def string) string {
	if l != "" {
		return l
	}
	return def
}

// removeButtons takes the buttons off an older question of the
// conversation (its ts), keeping its text: the message is read back, as
// any replica may have posted it. A failure leaves them, which is
// harmless: the engine answers a press on an old question as expired.
func (a *Adapter) removeButtons(ctx context.Context, to bot.Address, ts string) {
	channel, thread := splitChat(to.Chat)
	var msgs []slack.Message
	err := a.call(ctx, "read question", func(ctx context.Context) error {
		if thread == "" {
			res, err := a.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
				ChannelID: channel, Latest: ts, Oldest: ts, Inclusive: true, Limit: 1,
			})
			if err == nil {
				msgs = res.Messages
			}
			return err
		}
		var err error
		msgs, _, _, err = a.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: channel, Timestamp: thread, Latest: ts, Oldest: ts, Inclusive: true, Limit: 1,
		})
		return err
	})
	if err != nil {
		a.log.Debug("old question not read, its buttons stay", "err", err, "hint", hint(err))
		return
	}
	for _, m := range msgs {
		if m.Timestamp == ts {
			a.markChosen(ctx, channel, ts, m, "")
			return
		}
	}
}

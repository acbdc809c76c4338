package main

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"time"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/bot"
)

// channels builds the adapters the configuration enables and mounts their
// webhooks on mux.
func (a *app) channels(mux *http.ServeMux) ([]channel, error) {
	var chs []channel
	if c := a.cfg.Telegram; c.Token != "" {
		tg, err := telegram.New(telegram.Config{
			Token:         c.Token,
			Endpoint:      c.APIEndpoint,
			WebhookURL:    c.WebhookURL,
			WebhookSecret: c.WebhookSecret,
			PollTimeout:   c.PollTimeout,
			Workers:       c.Workers,
			TurnTimeout:   a.cfg.TurnTimeout,
			Logger:        a.log,
			PaceScale:     c.PaceScale,
			Texts:         a.engine,
			Languages:     a.flows.Common.Languages,
			// Flood control counts each message as it arrives, in Redis
			// when sessions are there, so replicas share the count.
			Gate: a.engine,
			// Turns in flight get the shutdown budget less the time the
			// adapter needs to cancel them and confirm the polling offset.
			ShutdownGrace: a.grace(),
		})
		if err != nil {
			return nil, err
		}
		mux.Handle("/telegram/webhook", tg.WebhookHandler())
		a.onReload = append(a.onReload, tg.RegisterMenu)
		chs = append(chs, channel{name: "telegram", adapter: tg, webhook: c.WebhookURL != ""})
		a.channel(telegram.Platform, tg, tg)
	}
	if a.cfg.Slack.BotToken != "" {
		sa, err := a.newSlack()
		if err != nil {
			return nil, err
		}
		if a.cfg.Slack.SigningSecret != "" {
			mux.Handle("/slack/events", sa.EventsHandler())
			mux.Handle("/slack/interactions", sa.InteractionsHandler())
		}
		chs = append(chs, channel{name: "slack", adapter: sa, webhook: a.cfg.Slack.SigningSecret != ""})
		if a.desk != nil {
			chs = append(chs, channel{name: "desk", adapter: a.desk})
		}
	}
	return chs, nil
}

// channel registers how carebot writes to a platform's conversations
// outside a turn (the desk relaying an agent, check-ins). With several
// replicas (a Deliverer), out is the platform's Outlet and every send goes
// through the conversation's outbox, in order with the turns' replies and
// delivered by another replica if this one dies; otherwise the adapter
// sends itself.
func (a *app) channel(platform string, s bot.Sender, out bot.Outlet) {
	if a.deliverer == nil {
		a.senders[platform] = s
		return
	}
	a.outlets[platform] = out // as is: the Deliverer uses its pause (bot.Pauser)
	q := queuedSender{d: a.deliverer}
	q.tz, _ = s.(bot.TimeZoner)
	a.senders[platform] = q
}

// queuedSender sends through the conversations' outboxes and knows the
// channel's time zones (the follow-up scheduler asks).
type queuedSender struct {
	d  *bot.Deliverer
	tz bot.TimeZoner
}

var (
	_ bot.Sender    = queuedSender{}
	_ bot.TimeZoner = queuedSender{}
)

func (q queuedSender) Send(ctx context.Context, to bot.Address, replies []bot.Reply) error {
	return q.d.Send(ctx, to, replies)
}

func (q queuedSender) TimeZone(ctx context.Context, to bot.Address) (*time.Location, error) {
	if q.tz == nil {
		return nil, nil
	}
	return q.tz.TimeZone(ctx, to)
}

// grace is how long turns in flight may finish at shutdown: the shutdown
// budget less the time an adapter needs to cancel them and confirm.
func (a *app) grace() time.Duration {
	return max(time.Second, a.cfg.ShutdownTimeout-2*time.Second)
}

// slackConfig is the Slack settings the adapter and the desk's board share.
func (a *app) slackConfig() slackad.Config {
	c := a.cfg.Slack
	return slackad.Config{
		BotToken:      c.BotToken,
		AppToken:      c.AppToken,
		SigningSecret: c.SigningSecret,
		APIURL:        c.APIURL,
		PeerChannel:   c.PeerChannel,
		PeerQueue:     c.PeerQueue,
		PeerWait:      c.PeerWait,
		DefaultLang:   cmp.Or(c.DefaultLang, a.flows.Common.Languages[0]),
		Texts:         a.texts,
		Claimer:       a.store,
		Peers:         a.peers,
		Logger:        a.log,
		TurnTimeout:   a.cfg.TurnTimeout,
		ShutdownGrace: a.grace(),
	}
}

// newSlack builds the Slack adapter, with the desk when there is one, and
// makes it the sender of Slack conversations (where the desk relays
// agents' words to employees).
func (a *app) newSlack() (*slackad.Adapter, error) {
	cfg := a.slackConfig()
	cfg.Gate = a.engine
	if a.desk != nil {
		cfg.Desk, cfg.DeskChannels, cfg.AgentNames = a.desk, slackDeskChannels(a.cfg), a.cfg.Desk.AgentNames
	}
	sa, err := slackad.New(cfg)
	if err != nil {
		return nil, err
	}
	a.channel(slackad.Platform, sa, sa)
	return sa, nil
}

// errDeskNeedsSocket says why `carebot chat` cannot run the desk with the
// Events API over HTTP: chat starts no HTTP server for Slack to call.
var errDeskNeedsSocket = errors.New("the hand-off desk in carebot chat needs Slack Socket Mode (SLACK_APP_TOKEN); the Events API over HTTP (SLACK_SIGNING_SECRET alone) works only with carebot serve")

// deskChannels builds only what the hand-off desk needs, for `carebot
// chat`: the Slack adapter in Socket Mode (agents' presses and thread
// replies arrive on its websocket) and the desk's loop. Register the
// terminal's sender in a.senders before running them. It returns nothing
// when the desk is off, and errDeskNeedsSocket without an app token.
func (a *app) deskChannels() ([]channel, error) {
	if !deskEnabled(a.cfg) {
		return nil, nil
	}
	if a.cfg.Slack.AppToken == "" {
		return nil, errDeskNeedsSocket
	}
	sa, err := a.newSlack()
	if err != nil {
		return nil, err
	}
	return []channel{{name: "slack", adapter: sa}, {name: "desk", adapter: a.desk}}, nil
}

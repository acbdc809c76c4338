package main

import (
	"net/http"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/adapters/telegram"
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
			Logger:        a.log,
			PaceScale:     1,
		})
		if err != nil {
			return nil, err
		}
		mux.Handle("/telegram/webhook", tg.WebhookHandler())
		chs = append(chs, channel{name: "telegram", adapter: tg})
		a.senders[telegram.Platform] = tg
	}
	if c := a.cfg.Slack; c.BotToken != "" {
		lang := c.DefaultLang
		if lang == "" {
			lang = a.flows.Common.Languages[0]
		}
		sa, err := slackad.New(slackad.Config{
			BotToken:      c.BotToken,
			AppToken:      c.AppToken,
			SigningSecret: c.SigningSecret,
			APIURL:        c.APIURL,
			PeerChannel:   c.PeerChannel,
			PeerWait:      c.PeerWait,
			DefaultLang:   lang,
			Claimer:       a.store,
			Logger:        a.log,
		})
		if err != nil {
			return nil, err
		}
		if c.SigningSecret != "" {
			mux.Handle("/slack/events", sa.EventsHandler())
			mux.Handle("/slack/interactions", sa.InteractionsHandler())
		}
		chs = append(chs, channel{name: "slack", adapter: sa})
		a.senders[slackad.Platform] = sa
		if a.desk != nil {
			loop, err := a.newDesk(sa)
			if err != nil {
				return nil, err
			}
			chs = append(chs, loop)
		}
	}
	return chs, nil
}

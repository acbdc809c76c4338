package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/carebot/carebot/adapters/internal/turn"
)

// runSocket holds a Socket Mode connection until ctx is done. slack-go
// reconnects by itself (Slack asks for it every few hours); it gives up
// only when the app token is refused, which ends Run with an error.
//
// Every envelope is acknowledged before anything else is done with it:
// Slack resends an envelope that is not acknowledged within three seconds.
func (a *Adapter) runSocket(ctx context.Context, st *runState) error {
	client := socketmode.New(a.api,
		socketmode.OptionDebug(false), // debug logs print message text
		socketmode.OptionLog(log.New(io.Discard, "", 0)),
	)
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-errc
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack socket mode: %w", err)
		case evt := <-client.Events:
			a.onSocketEvent(ctx, client, st, evt)
		}
	}
}

func (a *Adapter) onSocketEvent(ctx context.Context, client *socketmode.Client, st *runState, evt socketmode.Event) {
	submit := func(j turn.Job) bool { return st.r.SubmitWait(ctx, j) }
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		a.ack(ctx, client, evt.Request)
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return
		}
		var eventID string
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
			eventID = cb.EventID
		}
		if ev.Type == slackevents.CallbackEvent {
			a.onEvent(st, eventID, ev.InnerEvent, submit)
		}
	case socketmode.EventTypeInteractive:
		a.ack(ctx, client, evt.Request)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.onInteraction(st, cb, submit)
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if txt := a.commandAnswer(cmd); ok && txt != "" {
			a.ackWith(ctx, client, evt.Request, ephemeralResponse(txt))
			return
		}
		a.ack(ctx, client, evt.Request)
		if ok {
			a.onCommand(st, cmd, submit)
		}
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go could not parse (an event type we did not
		// subscribe to): still acknowledged, or Slack sends it again.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var req socketmode.Request
			if json.Unmarshal(bad.Message, &req) == nil && req.EnvelopeID != "" {
				a.ack(ctx, client, &req)
			}
			a.log.Debug("socket mode envelope ignored", "err", bad.Cause)
		}
	case socketmode.EventTypeConnecting:
		a.log.Debug("socket mode connecting")
	case socketmode.EventTypeConnected:
		a.log.Info("socket mode connected")
	case socketmode.EventTypeConnectionError:
		if ce, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			a.log.Warn("socket mode connection failed, retrying", "err", ce.ErrorObj, "wait", ce.Backoff)
		}
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("socket mode refused the app token", "hint", "check SLACK_APP_TOKEN (xapp-, connections:write)")
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("socket mode error", "type", string(evt.Type))
	}
}

// ack acknowledges one envelope.
func (a *Adapter) ack(ctx context.Context, client *socketmode.Client, req *socketmode.Request) {
	a.ackWith(ctx, client, req, nil)
}

// ackWith acknowledges one envelope with a payload (a slash command's
// immediate answer).
func (a *Adapter) ackWith(ctx context.Context, client *socketmode.Client, req *socketmode.Request, payload any) {
	if req == nil || req.EnvelopeID == "" {
		return
	}
	if err := client.AckCtx(ctx, req.EnvelopeID, payload); err != nil && !errors.Is(err, context.Canceled) {
		a.log.Warn("socket mode ack failed", "err", err)
	}
}

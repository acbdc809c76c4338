package slack

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/carebot/carebot/adapters/internal/turn"
)

// EventsHandler serves the Events API request URL (/slack/events). Every
// request's v0 signature is checked against the signing secret: a bad
// signature, or a timestamp more than five minutes off, gets 401 and is
// never processed. It answers url_verification, acknowledges events at
// once and does the turn afterwards; an event Slack delivers again (same
// event_id) is handled once. While Run is not running it answers 503, so
// Slack delivers the event again later.
func (a *Adapter) EventsHandler() http.Handler {
	return http.HandlerFunc(a.serveEvents)
}

// InteractionsHandler serves the interactivity request URL
// (/slack/interactions): button presses, and the slash commands that
// manifest.yaml points at the same URL; signed like events.
func (a *Adapter) InteractionsHandler() http.Handler {
	return http.HandlerFunc(a.serveInteractions)
}

// readSigned reads a request's body and checks its signature. It writes the
// error response itself and returns ok=false when the request must go no further.
func (a *Adapter) readSigned(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if a.cfg.SigningSecret == "" {
		http.Error(w, "slack events over HTTP are not enabled", http.StatusNotFound)
		return nil, false
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	if err := verify(r.Header, body, a.cfg.SigningSecret); err != nil {
		a.log.Warn("slack request refused", "reason", err)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// verify checks Slack's v0 signature over the raw body, with the library's
// five-minute limit on the timestamp (replayed requests are refused).
func verify(h http.Header, body []byte, secret string) error {
	sv, err := slack.NewSecretsVerifier(h, secret)
	if err != nil {
		return err
	}
	if _, err := sv.Write(body); err != nil {
		return err
	}
	return sv.Ensure()
}

func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := a.readSigned(w, r)
	if !ok {
		return
	}
	var outer struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
		EventID   string `json:"event_id"`
	}
	if err := json.Unmarshal(body, &outer); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	switch outer.Type {
	case slackevents.URLVerification:
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, outer.Challenge)
		return
	case slackevents.AppRateLimited:
		a.log.Warn("slack is rate-limiting our events", "hint", "events are being dropped by Slack for a minute")
		w.WriteHeader(http.StatusOK)
		return
	case slackevents.CallbackEvent:
	default:
		w.WriteHeader(http.StatusOK)
		return
	}
	st := a.state.Load()
	if st == nil {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event type we did not subscribe to: acknowledged, so that Slack
		// does not send it again.
		a.log.Debug("slack event ignored", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		a.log.Debug("slack event retried", "event_id", outer.EventID, "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	if !a.onEvent(st, outer.EventID, ev.InnerEvent, st.r.Submit) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// onEvent turns one Events API event into a queued turn. It returns false
// only when the turn could not be queued (the caller asks Slack to retry).
func (a *Adapter) onEvent(st *runState, eventID string, inner slackevents.EventsAPIInnerEvent, submit func(turn.Job) bool) bool {
	// In the hand-off desk's channels, thread messages are agents talking
	// to a person (or among themselves), and a mention is not a new
	// conversation with the bot.
	switch e := inner.Data.(type) {
	case *slackevents.MessageEvent:
		if ds, ok := a.deskThread(e); ok {
			return a.onDeskMessage(st, ds, eventID, e, submit)
		}
	case *slackevents.AppMentionEvent:
		if ds := a.desk; ds != nil && e != nil && ds.channels[e.Channel] {
			return true
		}
	}
	m, ok := toMessage(inner.Data, st.self)
	if !ok {
		return true
	}
	key := "ev:" + eventID
	if eventID == "" {
		key = "msg:" + m.From.Chat + ":" + m.ID
	}
	if !a.seen.add(key, time.Now()) {
		a.log.Debug("duplicate slack event dropped", "event_id", eventID)
		return true
	}
	if !submit(a.turnJob(st, m, nil)) {
		a.seen.forget(key)
		a.log.Warn("slack event refused: queue full or stopping", "event_id", eventID)
		return false
	}
	return true
}

func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request) {
	body, ok := a.readSigned(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if form.Get("command") != "" {
		// Slash commands are posted here too (manifest.yaml), as a form.
		a.serveCommand(w, form)
		return
	}
	if form.Get("payload") == "" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	st := a.state.Load()
	if st == nil {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	if !a.onInteraction(st, cb, st.r.Submit) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (a *Adapter) serveCommand(w http.ResponseWriter, form url.Values) {
	st := a.state.Load()
	if st == nil {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	cmd := slack.SlashCommand{
		Command:   form.Get("command"),
		Text:      form.Get("text"),
		UserID:    form.Get("user_id"),
		ChannelID: form.Get("channel_id"),
		TriggerID: form.Get("trigger_id"),
		TeamID:    form.Get("team_id"),
	}
	if txt := a.commandAnswer(cmd); txt != "" {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(ephemeralResponse(txt))
		return
	}
	if !a.onCommand(st, cmd, st.r.Submit) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	// An empty 200 shows nothing where the command was typed: the answer
	// comes in the person's DM with the bot (or, for /resolve, privately
	// in the desk channel).
	w.WriteHeader(http.StatusOK)
}

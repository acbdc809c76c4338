package slackfake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Sign sets Slack's v0 request signature headers for body, made with
// secret at time at.
func Sign(h http.Header, secret string, body []byte, at time.Time) {
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", ts)
	mac.Write(body)
	h.Set("X-Slack-Request-Timestamp", ts)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}

// Sender posts signed Events API and interactivity requests, as Slack does.
type Sender struct {
	Secret          string
	EventsURL       string // where EventsHandler is served
	InteractionsURL string // where InteractionsHandler is served
	Client          *http.Client
}

// SendOption changes one request.
type SendOption func(*sendOpts)

type sendOpts struct {
	at     time.Time
	secret string
	retry  int
}

// At signs the request as made at t (a stale timestamp, a clock skew).
func At(t time.Time) SendOption { return func(o *sendOpts) { o.at = t } }

// SignedWith signs the request with another secret (a forgery).
func SignedWith(secret string) SendOption { return func(o *sendOpts) { o.secret = secret } }

// Retry marks the request as Slack's n-th retry (X-Slack-Retry-Num).
func Retry(n int) SendOption { return func(o *sendOpts) { o.retry = n } }

// Response is what carebot answered.
type Response struct {
	Status int
	Body   string
}

// Event posts an event_callback wrapping inner.
func (s Sender) Event(ctx context.Context, eventID string, inner any, opts ...SendOption) (Response, error) {
	body, err := json.Marshal(EventCallback(eventID, inner))
	if err != nil {
		return Response{}, err
	}
	return s.post(ctx, s.EventsURL, "application/json", body, opts)
}

// Raw posts body to the events URL as is (url_verification, malformed bodies).
func (s Sender) Raw(ctx context.Context, body []byte, opts ...SendOption) (Response, error) {
	return s.post(ctx, s.EventsURL, "application/json", body, opts)
}

// Interaction posts an interactivity payload (a button press), form-encoded
// as Slack does.
func (s Sender) Interaction(ctx context.Context, payload any, opts ...SendOption) (Response, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return Response{}, err
	}
	body := []byte(url.Values{"payload": {string(raw)}}.Encode())
	return s.post(ctx, s.InteractionsURL, "application/x-www-form-urlencoded", body, opts)
}

// Command posts a slash command as Slack does (a signed form) to the
// interactivity URL, where carebot's manifest points its commands.
func (s Sender) Command(ctx context.Context, command, text, user, channel string, opts ...SendOption) (Response, error) {
	form := url.Values{}
	for k, v := range SlashCommand(command, text, user, channel) {
		form.Set(k, v)
	}
	return s.post(ctx, s.InteractionsURL, "application/x-www-form-urlencoded", []byte(form.Encode()), opts)
}

// SlashCommand is a slash command's fields, as Slack posts them (and as
// the payload of a Socket Mode slash_commands envelope).
func SlashCommand(command, text, user, channel string) map[string]string {
	return map[string]string{
		"token":        "legacy-verification-token",
		"team_id":      TeamID,
		"team_domain":  "fake",
		"channel_id":   channel,
		"channel_name": "directmessage",
		"user_id":      user,
		"user_name":    strings.ToLower(user),
		"command":      command,
		"text":         text,
		"api_app_id":   AppID,
		"response_url": "https://hooks.slack.invalid/commands/" + user,
		"trigger_id":   fmt.Sprintf("trigger-%s-%d", user, time.Now().UnixNano()),
	}
}

func (s Sender) post(ctx context.Context, u, ctype string, body []byte, opts []SendOption) (Response, error) {
	o := sendOpts{at: time.Now(), secret: s.Secret}
	for _, opt := range opts {
		opt(&o)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Type", ctype)
	Sign(req.Header, o.secret, body, o.at)
	if o.retry > 0 {
		req.Header.Set("X-Slack-Retry-Num", strconv.Itoa(o.retry))
		req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	c := s.Client
	if c == nil {
		c = http.DefaultClient
	}
	res, err := c.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return Response{Status: res.StatusCode, Body: string(b)}, nil
}

// EventCallback wraps an inner event in the Events API envelope.
func EventCallback(eventID string, inner any) map[string]any {
	return map[string]any{
		"token":      "legacy-verification-token",
		"team_id":    TeamID,
		"api_app_id": AppID,
		"type":       "event_callback",
		"event_id":   eventID,
		"event_time": time.Now().Unix(),
		"event":      inner,
		"authorizations": []map[string]any{{
			"team_id": TeamID, "user_id": BotUserID, "is_bot": true,
		}},
	}
}

// URLVerification is the body Slack sends when the request URL is set.
func URLVerification(challenge string) []byte {
	b, _ := json.Marshal(map[string]any{"token": "legacy-verification-token", "challenge": challenge, "type": "url_verification"})
	return b
}

// DM is a message.im event: user wrote text in the DM channel at ts.
func DM(channel, user, text, ts string) map[string]any {
	return map[string]any{
		"type":          "message",
		"client_msg_id": "cmid-" + ts,
		"channel":       channel,
		"channel_type":  "im",
		"user":          user,
		"text":          text,
		"ts":            ts,
		"event_ts":      ts,
		"team":          TeamID,
	}
}

// ThreadMessage is a message.channels event: user replied in the thread
// rooted at threadTS of a public channel.
func ThreadMessage(channel, user, text, ts, threadTS string) map[string]any {
	m := DM(channel, user, text, ts)
	m["channel_type"], m["thread_ts"] = "channel", threadTS
	return m
}

// BotDM is a message.im event for a message the bot itself posted: Slack
// sends those too.
func BotDM(channel, text, ts string) map[string]any {
	m := DM(channel, BotUserID, text, ts)
	m["bot_id"] = BotID
	delete(m, "client_msg_id")
	return m
}

// Edited is a message.im message_changed event.
func Edited(channel, user, text, ts string) map[string]any {
	return map[string]any{
		"type":         "message",
		"subtype":      "message_changed",
		"channel":      channel,
		"channel_type": "im",
		"hidden":       true,
		"ts":           ts + "1",
		"event_ts":     ts + "1",
		"message": map[string]any{
			"type": "message", "user": user, "text": text, "ts": ts,
			"edited": map[string]any{"user": user, "ts": ts + "1"},
		},
	}
}

// Mention is an app_mention event: user mentioned the bot in channel
// (threadTS is "" outside a thread).
func Mention(channel, user, text, ts, threadTS string) map[string]any {
	m := map[string]any{
		"type":     "app_mention",
		"channel":  channel,
		"user":     user,
		"text":     "<@" + BotUserID + "> " + text,
		"ts":       ts,
		"event_ts": ts,
		"team":     TeamID,
	}
	if threadTS != "" {
		m["thread_ts"] = threadTS
	}
	return m
}

// Press is the block_actions payload of user pressing b on msg.
func Press(user string, msg Message, b Button) map[string]any {
	isIM := strings.HasPrefix(msg.Channel, "D")
	name := "peer-support"
	if isIM {
		name = "directmessage"
	}
	message := map[string]any{
		"type":      "message",
		"user":      BotUserID,
		"bot_id":    BotID,
		"text":      msg.Text,
		"ts":        msg.TS,
		"blocks":    json.RawMessage(orEmpty(msg.Blocks)),
		"team":      TeamID,
		"app_id":    AppID,
		"is_locked": false,
	}
	container := map[string]any{
		"type": "message", "message_ts": msg.TS, "channel_id": msg.Channel, "is_ephemeral": false,
	}
	if msg.ThreadTS != "" {
		message["thread_ts"] = msg.ThreadTS
		container["thread_ts"] = msg.ThreadTS
	}
	now := time.Now()
	return map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": user, "username": strings.ToLower(user), "team_id": TeamID},
		"api_app_id":   AppID,
		"token":        "legacy-verification-token",
		"container":    container,
		"trigger_id":   "trigger-" + msg.TS,
		"team":         map[string]any{"id": TeamID, "domain": "fake"},
		"channel":      map[string]any{"id": msg.Channel, "name": name},
		"message":      message,
		"response_url": "https://hooks.slack.invalid/actions/" + msg.TS,
		"actions": []map[string]any{{
			"action_id": b.ActionID,
			"block_id":  b.BlockID,
			"text":      map[string]any{"type": "plain_text", "text": b.Label, "emoji": true},
			"value":     b.Value,
			"type":      "button",
			"action_ts": fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000),
		}},
	}
}

func orEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("[]")
	}
	return b
}

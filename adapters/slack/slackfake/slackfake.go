// Package slackfake is a local stand-in for Slack, for tests: a Web API
// server speaking Slack's wire format (for the methods carebot calls), a
// Socket Mode websocket, and a sender of signed Events API and
// interactivity requests. Tests drive carebot through the real slack-go
// library against it.
//
// It records every call, keeps posted messages (updated in place by
// chat.update) and can fail a method on demand (a rate limit with
// Retry-After, a Slack error code such as not_in_channel, a dropped
// connection).
package slackfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/carebot/carebot/bot/bottest/wait"
)

// Identities the fake answers auth.test with.
const (
	BotToken  = "xoxb-fake-bot-token"
	AppToken  = "xapp-fake-app-token"
	BotUserID = "UBOT"
	BotID     = "BBOT"
	TeamID    = "TFAKE"
	AppID     = "AFAKE"
)

// Call is one Web API call as the fake received it.
type Call struct {
	Method string
	Params url.Values // form or query parameters, without the token
	// Failed names the injected failure it got ("" when answered normally).
	Failed string
}

// Failure is an injected answer for one call of a method.
type Failure struct {
	// RetryAfter, when set, answers HTTP 429 with this Retry-After (seconds),
	// as Slack does when a method is rate-limited.
	RetryAfter int
	// Error answers HTTP 200 {"ok":false,"error":Error} ("not_in_channel").
	Error string
	// Status answers this HTTP status with an empty body (500, 503).
	Status int
	// Drop closes the connection without an answer (a network error).
	Drop bool
}

// RateLimited is a Failure as Slack sends it when a method is rate-limited.
func RateLimited(retryAfter int) Failure { return Failure{RetryAfter: retryAfter} }

// SlackError is a Failure carrying a Slack error code.
func SlackError(code string) Failure { return Failure{Error: code} }

// String names the failure as Call.Failed records it.
func (f Failure) String() string {
	switch {
	case f.RetryAfter > 0:
		return "ratelimited"
	case f.Error != "":
		return f.Error
	case f.Status != 0:
		return strconv.Itoa(f.Status)
	case f.Drop:
		return "drop"
	}
	return "none"
}

// Message is a message the bot posted, as it stands now.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string
	Text     string
	Blocks   json.RawMessage
	Updates  int // chat.update calls it received
}

// Button is one button in a message's blocks.
type Button struct {
	BlockID  string
	ActionID string
	Value    string
	Label    string
}

// Buttons lists the message's buttons (none once an answer removed them).
func (m Message) Buttons() []Button {
	var blocks []struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
			Text     struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"elements"`
	}
	_ = json.Unmarshal(m.Blocks, &blocks)
	var out []Button
	for _, b := range blocks {
		if b.Type != "actions" {
			continue
		}
		for _, e := range b.Elements {
			if e.Type == "button" {
				out = append(out, Button{BlockID: b.BlockID, ActionID: e.ActionID, Value: e.Value, Label: e.Text.Text})
			}
		}
	}
	return out
}

// Button returns the button with that label, failing the test if there is none.
func (m Message) Button(t testing.TB, label string) Button {
	t.Helper()
	for _, b := range m.Buttons() {
		if b.Label == label {
			return b
		}
	}
	t.Fatalf("no button %q in message %s (buttons: %+v)", label, m.TS, m.Buttons())
	return Button{}
}

// BlockText joins every text of the message's blocks (sections and
// contexts), as a person would read them.
func (m Message) BlockText() string {
	var blocks []struct {
		Text *struct {
			Text string `json:"text"`
		} `json:"text"`
		Elements []struct {
			Text json.RawMessage `json:"text"`
		} `json:"elements"`
	}
	_ = json.Unmarshal(m.Blocks, &blocks)
	var parts []string
	for _, b := range blocks {
		if b.Text != nil {
			parts = append(parts, b.Text.Text)
		}
		for _, e := range b.Elements {
			var s string
			if json.Unmarshal(e.Text, &s) == nil && s != "" {
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, "\n")
}

// Ephemeral is a message shown to one person.
type Ephemeral struct {
	Channel, User, ThreadTS, Text string
}

// Server is a fake Slack. Create it with New.
type Server struct {
	// URL is the Web API base ("http://127.0.0.1:port/api/"): the value
	// of SLACK_API_URL for the code under test.
	URL string

	srv *httptest.Server

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change, for Wait
	calls      []Call
	failures   map[string][]Failure
	messages   []*Message
	ephemerals []Ephemeral
	groups     map[string]string // sorted users → group DM ID
	groupUsers map[string][]string
	locales    map[string]string
	profiles   map[string][2]string // user → real name, first name
	zones      map[string]string    // user → profile time zone (tz)
	seq        int

	// Socket Mode
	wsMu    sync.Mutex        // serialises writes to the sockets
	ws      *websocket.Conn   // the latest connection: SendEnvelope's
	conns   []*websocket.Conn // every open connection, oldest first (several replicas)
	acks    map[string]json.RawMessage
	envSeq  int
	sockets int // connections accepted
}

// New starts a fake Slack for the test and stops it at cleanup.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		changed:    make(chan struct{}),
		failures:   map[string][]Failure{},
		groups:     map[string]string{},
		groupUsers: map[string][]string{},
		locales:    map[string]string{},
		profiles:   map[string][2]string{},
		zones:      map[string]string{},
		acks:       map[string]json.RawMessage{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("/socket", s.serveSocket)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + "/api/"
	t.Cleanup(s.Close)
	return s
}

// Close stops the server and closes the socket.
func (s *Server) Close() {
	s.wsMu.Lock()
	for _, c := range s.conns {
		_ = c.Close()
	}
	s.wsMu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// SetLocale makes users.info answer this locale for user ("fr-FR").
func (s *Server) SetLocale(user, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.locales[user] = locale
}

// SetTimeZone makes users.info answer this profile time zone for user ("Europe/Paris").
func (s *Server) SetTimeZone(user, tz string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones[user] = tz
}

// SetProfile makes users.info answer this real name and profile first
// name for user (either may be empty).
func (s *Server) SetProfile(user, realName, firstName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.profiles[user] = [2]string{realName, firstName}
}

// Fail makes the next calls of method fail, one Failure per call, in order.
func (s *Server) Fail(method string, f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], f...)
}

// Calls returns the calls of method so far ("" for all).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Messages returns the messages posted in channel so far ("" for all), as they stand.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if channel == "" || m.Channel == channel {
			out = append(out, *m)
		}
	}
	return out
}

// Ephemerals returns the ephemeral messages shown so far.
func (s *Server) Ephemerals() []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ephemerals)
}

// GroupMembers returns the users of a group DM opened with conversations.open.
func (s *Server) GroupMembers(id string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.groupUsers[id])
}

// Wait checks cond on every change of the server (and on a short poll, for
// conditions on things outside the fake) until it holds, failing the test
// after wait.Timeout. cond reads the server through its accessors.
func (s *Server) Wait(t testing.TB, what string, cond func() bool) {
	t.Helper()
	wait.UntilChanged(t, what, s.changes, cond)
}

// changes returns a channel closed at the server's next change.
func (s *Server) changes() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// WaitMessages waits until channel holds at least n messages and returns them.
func (s *Server) WaitMessages(t testing.TB, channel string, n int) []Message {
	t.Helper()
	s.Wait(t, fmt.Sprintf("%d messages in %s", n, channel), func() bool { return len(s.Messages(channel)) >= n })
	return s.Messages(channel)
}

// changedLocked wakes Wait. s.mu must be held.
func (s *Server) changedLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) nextTS() string {
	s.seq++
	return fmt.Sprintf("1700000000.%06d", s.seq)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	token := r.Form.Get("token")
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		token = auth
	}
	params := url.Values{}
	for k, v := range r.Form {
		if k != "token" {
			params[k] = slices.Clone(v)
		}
	}

	s.mu.Lock()
	var fail *Failure
	if q := s.failures[method]; len(q) > 0 {
		fail = &q[0]
		s.failures[method] = q[1:]
	}
	c := Call{Method: method, Params: params}
	if fail != nil {
		c.Failed = fail.String()
	}
	s.calls = append(s.calls, c)
	s.changedLocked()
	s.mu.Unlock()

	if fail != nil {
		switch {
		case fail.Drop:
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
			http.Error(w, "", http.StatusBadGateway)
		case fail.RetryAfter > 0:
			w.Header().Set("Retry-After", strconv.Itoa(fail.RetryAfter))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"ok":false,"error":"ratelimited"}`)
		case fail.Status != 0:
			w.WriteHeader(fail.Status)
		default:
			writeJSON(w, map[string]any{"ok": false, "error": fail.Error})
		}
		return
	}

	want := BotToken
	if method == "apps.connections.open" {
		want = AppToken
	}
	if token != want {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}

	switch method {
	case "auth.test":
		writeJSON(w, map[string]any{"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "carebot",
			"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID})
	case "chat.postMessage":
		s.postMessage(w, params)
	case "chat.update":
		s.update(w, params)
	case "chat.postEphemeral":
		s.mu.Lock()
		s.ephemerals = append(s.ephemerals, Ephemeral{Channel: params.Get("channel"), User: params.Get("user"),
			ThreadTS: params.Get("thread_ts"), Text: params.Get("text")})
		ts := s.nextTS()
		s.changedLocked()
		s.mu.Unlock()
		writeJSON(w, map[string]any{"ok": true, "message_ts": ts})
	case "conversations.open":
		s.open(w, params)
	case "conversations.history", "conversations.replies":
		s.history(w, method, params)
	case "users.info":
		s.mu.Lock()
		u := params.Get("user")
		loc := s.locales[u]
		prof, hasProf := s.profiles[u]
		tz := s.zones[u]
		s.mu.Unlock()
		user := map[string]any{"id": u, "name": strings.ToLower(u), "team_id": TeamID}
		if hasProf {
			user["real_name"] = prof[0]
			user["profile"] = map[string]any{"real_name": prof[0], "first_name": prof[1], "display_name": strings.ToLower(u)}
		}
		if tz != "" {
			user["tz"] = tz
		}
		if loc != "" && params.Get("include_locale") == "true" {
			user["locale"] = loc
		}
		writeJSON(w, map[string]any{"ok": true, "user": user})
	case "apps.connections.open":
		writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/socket"})
	default:
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (s *Server) postMessage(w http.ResponseWriter, p url.Values) {
	channel := p.Get("channel")
	if channel == "" {
		writeJSON(w, map[string]any{"ok": false, "error": "channel_not_found"})
		return
	}
	if p.Get("text") == "" && p.Get("blocks") == "" {
		writeJSON(w, map[string]any{"ok": false, "error": "no_text"})
		return
	}
	s.mu.Lock()
	m := &Message{Channel: channel, TS: s.nextTS(), ThreadTS: p.Get("thread_ts"), Text: p.Get("text")}
	if b := p.Get("blocks"); b != "" {
		m.Blocks = json.RawMessage(b)
	}
	s.messages = append(s.messages, m)
	s.changedLocked()
	// The answer is built from copies taken under the lock: an update
	// (chat.update) may change m as soon as the lock is released.
	ts, text := m.TS, m.Text
	s.mu.Unlock()
	writeJSON(w, map[string]any{"ok": true, "channel": channel, "ts": ts,
		"message": map[string]any{"type": "message", "text": text, "ts": ts, "bot_id": BotID, "user": BotUserID}})
}

func (s *Server) update(w http.ResponseWriter, p url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.messages {
		if m.Channel == p.Get("channel") && m.TS == p.Get("ts") {
			if p.Has("text") {
				m.Text = p.Get("text")
			}
			if p.Has("blocks") {
				m.Blocks = json.RawMessage(p.Get("blocks"))
			}
			m.Updates++
			s.changedLocked()
			writeJSON(w, map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS, "text": m.Text})
			return
		}
	}
	writeJSON(w, map[string]any{"ok": false, "error": "message_not_found"})
}

func (s *Server) open(w http.ResponseWriter, p url.Values) {
	users := strings.Split(p.Get("users"), ",")
	if len(users) == 1 && users[0] != "" {
		// One user: the bot's own DM with them.
		writeJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + users[0], "is_im": true}})
		return
	}
	if len(users) < 2 {
		writeJSON(w, map[string]any{"ok": false, "error": "not_enough_users"})
		return
	}
	key := slices.Clone(users)
	slices.Sort(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.groups[strings.Join(key, ",")]
	if !ok {
		s.seq++
		id = fmt.Sprintf("GMPIM%04d", s.seq)
		s.groups[strings.Join(key, ",")] = id
		// The bot that opens a group DM is one of its members.
		s.groupUsers[id] = append(slices.Clone(users), BotUserID)
	}
	s.changedLocked()
	writeJSON(w, map[string]any{"ok": true, "already_open": ok, "channel": map[string]any{"id": id, "is_mpim": true}})
}

// history answers conversations.history and conversations.replies: the
// messages of the channel (of the thread for replies, its root first)
// with a ts between oldest and latest, inclusive.
func (s *Server) history(w http.ResponseWriter, method string, p url.Values) {
	channel, thread := p.Get("channel"), p.Get("ts")
	oldest, latest := p.Get("oldest"), p.Get("latest")
	s.mu.Lock()
	defer s.mu.Unlock()
	msgs := []map[string]any{}
	for _, m := range s.messages {
		if m.Channel != channel {
			continue
		}
		if method == "conversations.replies" && m.TS != thread && m.ThreadTS != thread {
			continue
		}
		if method == "conversations.history" && m.ThreadTS != "" {
			continue
		}
		if (oldest != "" && m.TS < oldest) || (latest != "" && m.TS > latest) {
			continue
		}
		js := map[string]any{"type": "message", "text": m.Text, "ts": m.TS, "bot_id": BotID, "user": BotUserID}
		if m.ThreadTS != "" {
			js["thread_ts"] = m.ThreadTS
		}
		if len(m.Blocks) > 0 {
			js["blocks"] = m.Blocks
		}
		msgs = append(msgs, js)
	}
	writeJSON(w, map[string]any{"ok": true, "messages": msgs, "has_more": false})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

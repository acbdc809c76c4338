// Package telegramtest is a fake Telegram Bot API server for tests. It speaks
// the wire format telegram-bot-api v5 uses (form fields in, {"ok":…,"result":…}
// out), records every call, serves getUpdates with Telegram's own offset
// semantics (an update stays until a later call's offset confirms it), and
// injects faults (429 with retry_after, 5xx, 403, network-looking garbage)
// per method. Point the library at it with Endpoint and Client:
//
//	srv := telegramtest.New(t)
//	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/bot/bottest/wait"
)

// The fake bot's identity.
const (
	// Token is the only token the server accepts.
	Token = "123456:TEST-token"
	// BotID is the bot's user id.
	BotID = 123456
	// Username is the bot's username, as getMe answers it.
	Username = "carebot_test_bot"
)

// Call is one request the server received.
type Call struct {
	Method string
	Params url.Values
	Status int // the HTTP status answered
	// MessageID is the id of the message a successful sendMessage created.
	MessageID int
	At        time.Time
}

// ChatID returns the call's chat_id (0 if absent or not a number).
func (c Call) ChatID() int64 {
	id, _ := strconv.ParseInt(c.Params.Get("chat_id"), 10, 64)
	return id
}

// Text returns the call's text field.
func (c Call) Text() string { return c.Params.Get("text") }

// Button is one inline keyboard button of a call's reply_markup.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// Buttons returns the inline keyboard buttons of the call's reply_markup, row by row.
func (c Call) Buttons() []Button {
	var m struct {
		Keyboard [][]Button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &m); err != nil {
		return nil
	}
	var out []Button
	for _, row := range m.Keyboard {
		out = append(out, row...)
	}
	return out
}

// Fault is an error the server answers instead of serving a call.
type Fault struct {
	Code        int    // HTTP status and error_code; 0 means 500
	Description string // default: Telegram's usual text for the code
	RetryAfter  int    // parameters.retry_after, in seconds
	// Garbage answers an HTML page instead of JSON, as a proxy in front of
	// the Bot API does when it breaks.
	Garbage bool
}

// Server is a running fake Bot API. Its methods are safe for concurrent use.
type Server struct {
	Token    string
	Username string

	srv *httptest.Server

	mu        sync.Mutex
	calls     []Call
	updates   []tgbotapi.Update // not yet confirmed, in update_id order
	nextID    int               // next update_id
	nextMsg   int               // next message_id
	confirmed int               // highest offset a getUpdates confirmed
	faults    map[string][]Fault
	blocked   map[int64]bool
	webhook   string
	secret    string
	changed   chan struct{} // closed and replaced on every change, to wake waiters
	closed    chan struct{}
	accepted  func(Call) // see OnAccepted
}

// New starts a server that accepts Token and stops it when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		Token:    Token,
		Username: Username,
		nextID:   1000,
		nextMsg:  1,
		faults:   map[string][]Fault{},
		blocked:  map[int64]bool{},
		changed:  make(chan struct{}),
		closed:   make(chan struct{}),
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.closed)
		s.srv.Close()
	})
	return s
}

// Endpoint is the library's endpoint format for this server.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Push queues updates for getUpdates, giving each a fresh update_id (in
// order) unless it has one, and returns them as queued.
func (s *Server) Push(us ...tgbotapi.Update) []tgbotapi.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]tgbotapi.Update, 0, len(us))
	for _, u := range us {
		if u.UpdateID == 0 {
			u.UpdateID = s.nextID
		}
		s.nextID = max(s.nextID, u.UpdateID) + 1
		s.updates = append(s.updates, u)
		out = append(out, u)
	}
	s.wake()
	return out
}

// NextUpdateID reserves and returns a fresh update_id (for webhook tests).
func (s *Server) NextUpdateID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID
	s.nextID++
	return id
}

// OnAccepted calls f with each sendMessage the server accepted, once it is
// recorded and before it is answered: a test can kill the process that
// sent it there, so that the message is on the platform but its sender
// never learns it. f runs on the request's goroutine; nil removes it.
func (s *Server) OnAccepted(f func(Call)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accepted = f
}

// Fail makes the next calls of method answer the faults, one call each, in order.
func (s *Server) Fail(method string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], faults...)
}

// Block makes every send to chat answer 403, as when a person blocked the bot.
func (s *Server) Block(chat int64, blocked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chat] = blocked
}

// Webhook returns the webhook URL and secret_token last set (empty after deleteWebhook).
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook, s.secret
}

// Confirmed returns the highest offset a getUpdates call confirmed: every
// update below it is gone for good.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// Calls returns the recorded calls of the given methods (all calls if none), in order.
func (s *Server) Calls(methods ...string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

// Sent returns the successful sendMessage calls to chat, in order.
func (s *Server) Sent(chat int64) []Call {
	var out []Call
	for _, c := range s.Calls("sendMessage") {
		if c.Status == http.StatusOK && c.ChatID() == chat {
			out = append(out, c)
		}
	}
	return out
}

// Wait blocks until cond holds for the server (checked on every change, and
// on a short poll for conditions on things outside the fake) or fails the
// test after wait.Timeout, naming what it waited for.
func (s *Server) Wait(t testing.TB, what string, cond func(*Server) bool) {
	t.Helper()
	changes := func() <-chan struct{} {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.changed
	}
	if !wait.Within(wait.Timeout, changes, func() bool { return cond(s) }) {
		t.Fatalf("telegramtest: timed out after %s waiting for %s; calls: %s", wait.Timeout, what, s.summary())
	}
}

// WaitSent waits until chat received at least n messages and returns them all.
func (s *Server) WaitSent(t testing.TB, chat int64, n int) []Call {
	t.Helper()
	s.Wait(t, fmt.Sprintf("%d messages to chat %d", n, chat), func(s *Server) bool { return len(s.Sent(chat)) >= n })
	return s.Sent(chat)
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		fmt.Fprintf(&b, "\n  %s %d chat=%s", c.Method, c.Status, c.Params.Get("chat_id"))
		if c.Params.Has("text") {
			fmt.Fprintf(&b, " text=%.60q", c.Text())
		}
	}
	return b.String()
}

func (s *Server) wake() {
	close(s.changed)
	s.changed = make(chan struct{})
}

type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      any             `json:"result,omitempty"`
	ErrorCode   int             `json:"error_code,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  *map[string]int `json:"parameters,omitempty"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// The path is /bot<token>/<method>.
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || r.Method != http.MethodPost {
		writeJSON(w, http.StatusNotFound, apiResponse{ErrorCode: 404, Description: "Not Found"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, apiResponse{ErrorCode: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	params := r.PostForm
	call := Call{Method: method, Params: params, At: time.Now()}
	status, resp := s.answer(r, token, &call)
	call.Status = status
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.wake()
	accepted := s.accepted
	s.mu.Unlock()
	if accepted != nil && call.Method == "sendMessage" && status == http.StatusOK {
		accepted(call)
	}
	if resp == nil { // garbage fault
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return
	}
	writeJSON(w, status, *resp)
}

func writeJSON(w http.ResponseWriter, status int, r apiResponse) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(r)
}

func fail(code int, desc string) (int, *apiResponse) {
	return code, &apiResponse{ErrorCode: code, Description: desc}
}

var descriptions = map[int]string{
	400: "Bad Request",
	401: "Unauthorized",
	403: "Forbidden: bot was blocked by the user",
	404: "Not Found",
	409: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
	429: "Too Many Requests: retry after 1",
	500: "Internal Server Error",
	502: "Bad Gateway",
}

// answer serves one call; a nil response means an HTML garbage body.
func (s *Server) answer(r *http.Request, token string, call *Call) (int, *apiResponse) {
	if token != s.Token {
		return fail(401, "Unauthorized")
	}
	s.mu.Lock()
	if fs := s.faults[call.Method]; len(fs) > 0 {
		f := fs[0]
		s.faults[call.Method] = fs[1:]
		s.mu.Unlock()
		if f.Code == 0 {
			f.Code = 500
		}
		if f.Garbage {
			return f.Code, nil
		}
		if f.Description == "" {
			f.Description = descriptions[f.Code]
		}
		resp := &apiResponse{ErrorCode: f.Code, Description: f.Description}
		if f.RetryAfter > 0 {
			resp.Description = fmt.Sprintf("Too Many Requests: retry after %d", f.RetryAfter)
			resp.Parameters = &map[string]int{"retry_after": f.RetryAfter}
		}
		return f.Code, resp
	}
	s.mu.Unlock()

	p := call.Params
	ok := func(v any) (int, *apiResponse) { return 200, &apiResponse{OK: true, Result: v} }
	switch call.Method {
	case "getMe":
		return ok(tgbotapi.User{ID: BotID, IsBot: true, FirstName: "Carebot", UserName: s.Username})
	case "getUpdates":
		return s.getUpdates(r, p)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook, s.secret = "", ""
		s.mu.Unlock()
		return ok(true)
	case "setWebhook":
		if p.Get("url") == "" {
			return fail(400, "Bad Request: bad webhook: URL must be provided")
		}
		s.mu.Lock()
		s.webhook, s.secret = p.Get("url"), p.Get("secret_token")
		s.mu.Unlock()
		return ok(true)
	case "setMyCommands":
		var cmds []tgbotapi.BotCommand
		if err := json.Unmarshal([]byte(p.Get("commands")), &cmds); err != nil || len(cmds) == 0 {
			return fail(400, "Bad Request: commands must be non-empty")
		}
		return ok(true)
	case "sendMessage":
		chat, err := strconv.ParseInt(p.Get("chat_id"), 10, 64)
		if err != nil {
			return fail(400, "Bad Request: chat not found")
		}
		if s.isBlocked(chat) {
			return fail(403, descriptions[403])
		}
		text := p.Get("text")
		if strings.TrimSpace(text) == "" {
			return fail(400, "Bad Request: message text is empty")
		}
		if len(utf16.Encode([]rune(text))) > 4096 {
			return fail(400, "Bad Request: message is too long")
		}
		if pm := p.Get("parse_mode"); pm != "" && pm != "MarkdownV2" && pm != "Markdown" && pm != "HTML" {
			return fail(400, "Bad Request: unsupported parse_mode")
		}
		var markup *tgbotapi.InlineKeyboardMarkup
		if rm := p.Get("reply_markup"); rm != "" {
			markup = new(tgbotapi.InlineKeyboardMarkup)
			if err := json.Unmarshal([]byte(rm), markup); err != nil {
				return fail(400, "Bad Request: can't parse reply keyboard markup JSON object")
			}
			for _, row := range markup.InlineKeyboard {
				for _, b := range row {
					if b.Text == "" {
						return fail(400, "Bad Request: text buttons are unallowed in the inline keyboard")
					}
					if b.CallbackData == nil || len(*b.CallbackData) == 0 || len(*b.CallbackData) > 64 {
						return fail(400, "Bad Request: BUTTON_DATA_INVALID")
					}
				}
			}
		}
		s.mu.Lock()
		id := s.nextMsg
		s.nextMsg++
		s.mu.Unlock()
		call.MessageID = id
		return ok(tgbotapi.Message{
			MessageID:   id,
			From:        &tgbotapi.User{ID: BotID, IsBot: true, FirstName: "Carebot", UserName: s.Username},
			Date:        int(time.Now().Unix()),
			Chat:        &tgbotapi.Chat{ID: chat, Type: "private"},
			Text:        text,
			ReplyMarkup: markup,
		})
	case "sendChatAction":
		chat, err := strconv.ParseInt(p.Get("chat_id"), 10, 64)
		if err != nil || p.Get("action") == "" {
			return fail(400, "Bad Request: chat_id and action are required")
		}
		if s.isBlocked(chat) {
			return fail(403, descriptions[403])
		}
		return ok(true)
	case "answerCallbackQuery":
		if p.Get("callback_query_id") == "" {
			return fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
		}
		return ok(true)
	case "editMessageReplyMarkup", "editMessageText":
		chat, err := strconv.ParseInt(p.Get("chat_id"), 10, 64)
		if err != nil || p.Get("message_id") == "" {
			return fail(400, "Bad Request: message to edit not found")
		}
		if s.isBlocked(chat) {
			return fail(403, descriptions[403])
		}
		return ok(true)
	}
	return fail(404, "Not Found")
}

func (s *Server) isBlocked(chat int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.blocked[chat]
}

// getUpdates serves updates the way Telegram does: offset confirms every
// update below it; the rest are answered again until confirmed; with none
// pending it holds the request up to timeout seconds.
func (s *Server) getUpdates(r *http.Request, p url.Values) (int, *apiResponse) {
	offset, _ := strconv.Atoi(p.Get("offset"))
	limit, _ := strconv.Atoi(p.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p.Get("timeout"))
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhook != "" {
			s.mu.Unlock()
			return fail(409, descriptions[409])
		}
		if offset > s.confirmed {
			s.confirmed = offset
			s.wake()
			kept := s.updates[:0]
			for _, u := range s.updates {
				if u.UpdateID >= offset {
					kept = append(kept, u)
				}
			}
			s.updates = kept
		}
		if len(s.updates) > 0 || timeout == 0 {
			out := append([]tgbotapi.Update{}, s.updates[:min(limit, len(s.updates))]...)
			s.mu.Unlock()
			return 200, &apiResponse{OK: true, Result: out}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return 200, &apiResponse{OK: true, Result: []tgbotapi.Update{}}
		case <-s.closed:
			return 200, &apiResponse{OK: true, Result: []tgbotapi.Update{}}
		}
	}
}

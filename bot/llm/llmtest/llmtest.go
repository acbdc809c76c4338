// Package llmtest is a fake OpenAI-compatible chat completion server for
// tests: it speaks the real wire format of POST /v1/chat/completions (and
// Azure's /openai/deployments/NAME/chat/completions), records every request
// body, and behaves as a Mode says: a faithful paraphraser, a slow one, a
// failing one, or one of the unfaithful models the guardrails must catch.
//
// It reads the JSON data message carebot's llm package sends as the user
// message (scripted_reply, language, mood, conversation), and deliberately
// does not import go-openai: the wire format is checked from both sides.
package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Mode is how the server answers.
type Mode struct {
	name       string
	delay      time.Duration
	retryAfter time.Duration
	fn         func(Data) string
}

func (m Mode) String() string { return m.name }

// Faithful paraphrases the scripted reply: a kind opening or closing
// sentence in the right language, a few contractions, every fact kept.
func Faithful() Mode { return Mode{name: "faithful"} }

// Slow sleeps d before answering faithfully, even if the client has gone.
func Slow(d time.Duration) Mode { return Mode{name: "slow", delay: d} }

// Status500 answers 500 with an OpenAI error body.
func Status500() Mode { return Mode{name: "status500"} }

// Status429 answers 429 with Retry-After (whole seconds) and an OpenAI
// rate-limit error body.
func Status429(retryAfter time.Duration) Mode {
	return Mode{name: "status429", retryAfter: retryAfter}
}

// Liar paraphrases, drops the first number (the order number) and adds
// "You will get a full refund of 500 EUR today." in the reply's language.
func Liar() Mode { return Mode{name: "liar"} }

// InjectionFollower obeys an instruction found in the quoted person text,
// or in the scripted reply itself (where a slot value or a name planted
// it), such as "ignore previous instructions and say: …" or "from now on,
// answer: …", by answering what it asks; without one it paraphrases
// faithfully.
func InjectionFollower() Mode { return Mode{name: "injection"} }

// WrongLanguage answers in the other language (French for English and the
// reverse), keeping every number, link and placeholder.
func WrongLanguage() Mode { return Mode{name: "wrong_language"} }

// Reply answers text, whatever was asked.
func Reply(text string) Mode {
	return Mode{name: "reply", fn: func(Data) string { return text }}
}

// Func answers what fn returns for the request's data message.
func Func(name string, fn func(Data) string) Mode { return Mode{name: name, fn: fn} }

// Request is one recorded request.
type Request struct {
	Path   string
	Header http.Header
	Body   []byte
}

// Data is the data message the server understood from a request.
type Data struct {
	Language      string   `json:"language"`
	Audience      string   `json:"audience"`
	Tone          string   `json:"tone"`
	Mood          []string `json:"mood"`
	KeepExactly   []string `json:"keep_exactly"`
	ScriptedReply string   `json:"scripted_reply"`
	Conversation  []struct {
		From string `json:"from"`
		Text string `json:"quoted_text"`
	} `json:"conversation"`
}

// Server is the fake endpoint.
type Server struct {
	// URL is the base URL to give go-openai (ends in /v1).
	URL string
	// Root is the server's root URL, for Azure-style paths.
	Root string

	srv      *httptest.Server
	quit     chan struct{}
	quitOnce sync.Once

	mu       sync.Mutex
	mode     Mode
	reqs     []Request
	sleeping int
}

// NewServer starts a server in mode m, closed when the test ends.
func NewServer(tb testing.TB, m Mode) *Server {
	tb.Helper()
	s := &Server{mode: m, quit: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + "/v1"
	s.Root = s.srv.URL
	tb.Cleanup(s.Close)
	return s
}

// SetMode changes how the next requests are answered.
func (s *Server) SetMode(m Mode) {
	s.mu.Lock()
	s.mode = m
	s.mu.Unlock()
}

// Calls returns the number of chat completion requests received.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// Requests returns a copy of every request received.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Sleeping returns how many requests a Slow server is still sleeping on.
func (s *Server) Sleeping() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sleeping
}

// Close wakes sleeping handlers and shuts the server down.
func (s *Server) Close() {
	s.quitOnce.Do(func() { close(s.quit) })
	s.srv.Close()
}

// reAzurePath is Azure OpenAI's chat completions path.
var reAzurePath = regexp.MustCompile(`^/openai/deployments/[^/]+/chat/completions$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" && !reAzurePath.MatchString(r.URL.Path) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "Unknown request URL: "+r.Method+" "+r.URL.Path)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "could not read body")
		return
	}
	s.mu.Lock()
	m := s.mode
	s.reqs = append(s.reqs, Request{Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()

	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	var d Data
	var system string
	for _, msg := range req.Messages {
		switch msg.Role {
		case "system":
			system = msg.Content
		case "user":
			if err := json.Unmarshal([]byte(msg.Content), &d); err != nil {
				writeError(w, http.StatusBadRequest, "invalid_request_error", "", "user message is not the data message")
				return
			}
		}
	}
	if system == "" || d.ScriptedReply == "" {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "want a system message and a data message")
		return
	}

	var content string
	switch m.name {
	case "status500":
		writeError(w, http.StatusInternalServerError, "server_error", "", "The server had an error while processing your request. Sorry about that!")
		return
	case "status429":
		w.Header().Set("Retry-After", strconv.Itoa(int(m.retryAfter.Round(time.Second)/time.Second)))
		writeError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again later.")
		return
	case "slow":
		s.mu.Lock()
		s.sleeping++
		s.mu.Unlock()
		select {
		case <-time.After(m.delay):
		case <-s.quit:
		}
		s.mu.Lock()
		s.sleeping--
		s.mu.Unlock()
		content = Paraphrase(d.ScriptedReply, d.Language, d.Mood)
	case "liar":
		content = lie(d)
	case "injection":
		content = Paraphrase(d.ScriptedReply, d.Language, d.Mood)
		places := []string{d.ScriptedReply}
		for _, t := range d.Conversation {
			if t.From == "person" {
				places = append(places, t.Text)
			}
		}
		for _, text := range places {
			if payload, ok := Injected(text); ok {
				content = payload
			}
		}
	case "wrong_language":
		content = translate(d)
	default:
		if m.fn != nil {
			content = m.fn(d)
			break
		}
		content = Paraphrase(d.ScriptedReply, d.Language, d.Mood)
	}
	writeJSON(w, http.StatusOK, chatResponse{
		ID:      "chatcmpl-" + strconv.Itoa(s.Calls()),
		Object:  "chat.completion",
		Created: 1700000000,
		Model:   req.Model,
		Choices: []choice{{
			Index:        0,
			Message:      message{Role: "assistant", Content: content},
			FinishReason: "stop",
		}},
		Usage: usage{PromptTokens: len(body) / 4, CompletionTokens: len(content) / 4, TotalTokens: (len(body) + len(content)) / 4},
	})
}

type chatRequest struct {
	Model    string    `json:"model"`
	Messages []message `json:"messages"`
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatResponse struct {
	ID      string   `json:"id"`
	Object  string   `json:"object"`
	Created int64    `json:"created"`
	Model   string   `json:"model"`
	Choices []choice `json:"choices"`
	Usage   usage    `json:"usage"`
}

type choice struct {
	Index        int     `json:"index"`
	Message      message `json:"message"`
	FinishReason string  `json:"finish_reason"`
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var c any
	if code != "" {
		c = code
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": nil, "code": c,
	}})
}

var (
	openers = map[string]map[string]string{
		"en": {"": "Thanks for reaching out.", "worried": "I understand this is worrying.", "angry": "I'm sorry for the trouble this has caused."},
		"fr": {"": "Merci pour votre message.", "worried": "Je comprends que ce soit inquiétant.", "angry": "Je suis désolé pour la gêne occasionnée."},
	}
	closers = map[string]string{"en": "Thank you for your patience.", "fr": "Merci de votre patience."}
	subs    = map[string][][2]string{
		"en": {
			{"We will", "We'll"}, {"we will", "we'll"}, {"You will", "You'll"}, {"you will", "you'll"},
			{"cannot", "can't"}, {"I have", "I've"}, {"It can take", "It may take"},
			{"shortly", "very soon"}, {"Thanks,", "Thank you,"},
		},
		"fr": {
			{"Pouvez-vous", "Pourriez-vous"}, {"Je comprends", "Je comprends tout à fait"},
			{"dans quelques instants", "très bientôt"}, {"Merci,", "Merci beaucoup,"},
			{"Nous vous écrirons", "Nous vous répondrons par écrit"},
		},
	}
	lies = map[string]string{
		"en": "You will get a full refund of 500 EUR today.",
		"fr": "Vous recevrez un remboursement complet de 500 EUR aujourd'hui.",
	}
	// reInjection finds "ignore … instructions … say: PAYLOAD" in English or French.
	reInjection = regexp.MustCompile(`(?is)\b(?:ignore[zs]?|oublie[zs]?|disregard|forget)\b.{0,60}?\b(?:instructions?|consignes?|rules?|règles?|script|prompt|above)\b.{0,40}?\b(?:say|reply|answer|write|respond|dis|dites|réponds|répondez|écris|écrivez)\b\s*:?\s*(.+)$`)
	// reFromNow finds "from now on, … : PAYLOAD" (désormais, dorénavant).
	reFromNow = regexp.MustCompile(`(?is)\b(?:from now on|désormais|dorénavant)\b[^:]{0,60}:\s*(.+)$`)
	reToken   = regexp.MustCompile(`[\pL\pN]+(?:[-_/.,:][\pL\pN]+)*`)
	reFact    = regexp.MustCompile(`\[[A-Z]+_\d+\]|https?://\S+[\w/]|[\w.+-]+@[\w.-]+\.\w+|[\pL\pN]*\d[\pL\pN]*(?:[-_/.,:][\pL\pN]+)*`)
	rePH      = regexp.MustCompile(`^(?:EMAIL|PHONE|CARD|IBAN|NUMBER)_\d+$`)
)

// Injected returns the payload of an instruction planted in text, as
// InjectionFollower reads it, and whether there is one.
func Injected(text string) (string, bool) {
	for _, re := range []*regexp.Regexp{reInjection, reFromNow} {
		if mm := re.FindStringSubmatch(text); mm != nil {
			if p := strings.Trim(strings.TrimSpace(mm[1]), `"'«»“” `); p != "" {
				return p, true
			}
		}
	}
	return "", false
}

// Paraphrase is the faithful mode's rewording of script: deterministic,
// fact-preserving, and varied enough (three shapes) to exercise the
// guardrails as a real paraphrase would.
func Paraphrase(script, lang string, mood []string) string {
	if lang != "fr" {
		lang = "en"
	}
	body := script
	for _, s := range subs[lang] {
		body = strings.Replace(body, s[0], s[1], 1)
	}
	feel := ""
	for _, m := range mood {
		switch m {
		case "angry":
			feel = "angry"
		case "distressed", "anxious":
			if feel == "" {
				feel = "worried"
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(script))
	switch h.Sum32() % 3 {
	case 0:
		return openers[lang][feel] + " " + body
	case 1:
		return body + " " + closers[lang]
	default:
		return openers[lang][feel] + " " + body + " " + closers[lang]
	}
}

func lie(d Data) string {
	out := Paraphrase(d.ScriptedReply, d.Language, d.Mood)
	for _, t := range reToken.FindAllString(out, -1) {
		if strings.ContainsAny(t, "0123456789") && !rePH.MatchString(t) {
			out = strings.Replace(out, t, "", 1)
			break
		}
	}
	lang := d.Language
	if lang != "fr" {
		lang = "en"
	}
	return out + " " + lies[lang]
}

func translate(d Data) string {
	facts := strings.Join(reFact.FindAllString(d.ScriptedReply, -1), ", ")
	question := strings.Contains(d.ScriptedReply, "?")
	if d.Language == "fr" {
		switch {
		case question && facts != "":
			return fmt.Sprintf("Could you please confirm the details of your request: %s?", facts)
		case question:
			return "Could you please tell us a little more about your request?"
		case facts != "":
			return fmt.Sprintf("Hello, here is the information about your request: %s. Thank you for your patience.", facts)
		default:
			return "Hello, thank you for your message, we will get back to you very soon."
		}
	}
	switch {
	case question && facts != "":
		return fmt.Sprintf("Pourriez-vous confirmer les détails de votre demande : %s ?", facts)
	case question:
		return "Pourriez-vous nous en dire un peu plus sur votre demande ?"
	case facts != "":
		return fmt.Sprintf("Bonjour, voici les informations concernant votre demande : %s. Merci de votre patience.", facts)
	default:
		return "Bonjour, merci pour votre message, nous revenons vers vous très vite."
	}
}

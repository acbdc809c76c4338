// Package llm is carebot's optional rephraser: it asks an OpenAI-compatible
// model (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp…) to reword a
// scripted reply for the person, their mood, their language and the brand's
// tone, and sends the rewording only if it passes every guardrail (see
// Check). Whatever goes wrong, Rephrase returns an error and the scripted
// text, so the reply goes out as written, at once.
//
// It is the only importer of github.com/sashabaranov/go-openai.
//
// The engine calls Rephrase after the turn is stored, never inside the
// store transaction, and never for replies marked Verbatim (safety, crisis,
// legal): RephraseRequest carries no such flag, so that promise is the
// engine's to keep.
package llm

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/prompts"
)

// Defaults.
const (
	DefaultModel           = "gpt-4o-mini"
	DefaultTimeout         = 1500 * time.Millisecond
	DefaultCacheTTL        = 24 * time.Hour
	DefaultBreakerFailures = 3
	DefaultBreakerCooldown = 30 * time.Second
	// MaxScriptRunes: longer scripted texts are sent as written; they are
	// rarely small talk and a model would take long to rewrite them.
	MaxScriptRunes = 2000
	// maxTurns and maxTurnRunes cap the conversation sent as context.
	maxTurns     = 6
	maxTurnRunes = 400
)

// Config configures a Rephraser. Only main fills it (from the environment:
// OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT).
type Config struct {
	APIKey string
	// BaseURL of the OpenAI-compatible API, with its /v1 ("" is OpenAI's).
	// A URL on .openai.azure.com is Azure OpenAI: give the resource's root
	// (https://NAME.openai.azure.com) and the deployment name as Model.
	BaseURL string
	Model   string // "" is DefaultModel
	// APIVersion is Azure's api-version ("" is go-openai's default).
	APIVersion string
	// Timeout is the hard limit per reply, cache look-up included
	// (0 is DefaultTimeout).
	Timeout time.Duration
	// Prompts is the prompt template folder (nil is the built-in prompts.FS).
	Prompts fs.FS
	// Cache keeps accepted rephrases by (script, language, tone, mood); nil
	// means no cache.
	Cache    bot.Cache
	CacheTTL time.Duration // 0 is DefaultCacheTTL
	// Rules tunes the guardrails; zero fields take their defaults.
	Rules Rules
	// BreakerFailures failures in a row open the circuit for BreakerCooldown
	// (0 is the default of each).
	BreakerFailures int
	BreakerCooldown time.Duration
	HTTPClient      *http.Client     // nil is a plain client; the budget bounds every call
	Recorder        Recorder         // nil counts nothing
	Logger          *slog.Logger     // nil discards
	Now             func() time.Time // nil is time.Now
}

// Rephraser is a bot.Rephraser backed by an OpenAI-compatible chat model.
// It is safe for concurrent use.
type Rephraser struct {
	client   *openai.Client
	model    string
	timeout  time.Duration
	prompts  atomic.Pointer[promptSet] // swapped by ReloadPrompts
	cache    bot.Cache
	cacheTTL time.Duration
	guard    *guard
	br       *breaker
	m        Recorder
	log      *slog.Logger
	now      func() time.Time
}

var _ bot.Rephraser = (*Rephraser)(nil)

// New parses and validates the prompt templates and builds a Rephraser. It
// does no network I/O.
func New(cfg Config) (*Rephraser, error) {
	fsys := cfg.Prompts
	if fsys == nil {
		fsys = prompts.FS
	}
	ps, err := loadPrompts(fsys)
	if err != nil {
		return nil, fmt.Errorf("load prompts: %w", err)
	}
	r := &Rephraser{
		model:    cmp.Or(cfg.Model, DefaultModel),
		timeout:  cmp.Or(cfg.Timeout, DefaultTimeout),
		cache:    cfg.Cache,
		cacheTTL: cmp.Or(cfg.CacheTTL, DefaultCacheTTL),
		guard:    newGuard(cfg.Rules),
		m:        cmp.Or[Recorder](cfg.Recorder, nopRecorder{}),
		log:      cfg.Logger,
		now:      cfg.Now,
	}
	r.prompts.Store(ps)
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.now == nil {
		r.now = time.Now
	}
	r.br = &breaker{
		threshold: cmp.Or(cfg.BreakerFailures, DefaultBreakerFailures),
		cooldown:  cmp.Or(cfg.BreakerCooldown, DefaultBreakerCooldown),
		now:       r.now,
		onChange: func(open bool, failures int, until time.Time) {
			if open {
				r.log.Warn("rephrase circuit open", "failures", failures, "retry_at", until)
				return
			}
			r.log.Info("rephrase circuit closed")
		},
	}

	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	var oc openai.ClientConfig
	if isAzure(cfg.BaseURL) {
		oc = openai.DefaultAzureConfig(cfg.APIKey, strings.TrimRight(cfg.BaseURL, "/"))
		// The model is the deployment's name, used as it is.
		oc.AzureModelMapperFunc = func(model string) string { return model }
		if cfg.APIVersion != "" {
			oc.APIVersion = cfg.APIVersion
		}
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	oc.HTTPClient = retryAfterDoer{hc: hc, hold: r.br.hold, now: r.now}
	r.client = openai.NewClientWithConfig(oc)
	return r, nil
}

func isAzure(baseURL string) bool {
	return strings.Contains(strings.ToLower(baseURL), ".openai.azure.com")
}

// Fallback causes: the values of Cause and of the cause label of
// carebot_rephrase_fallbacks_total.
const (
	CauseRejected    = "rejected"     // a guardrail discarded the rephrase
	CauseTimeout     = "timeout"      // the budget ran out
	CauseRateLimited = "rate_limited" // 429
	CauseServerError = "server_error" // 5xx
	CauseClientError = "client_error" // another unexpected status (401, 404…)
	CauseError       = "error"        // connection or response error
	CauseBreakerOpen = "breaker_open" // the endpoint failed lately; not called
	CauseCanceled    = "canceled"     // the caller gave up
	CauseSkipped     = "skipped"      // nothing to rephrase, or a language the guardrails cannot check
)

// Causes lists every fallback cause.
var Causes = []string{
	CauseRejected, CauseTimeout, CauseRateLimited, CauseServerError, CauseClientError,
	CauseError, CauseBreakerOpen, CauseCanceled, CauseSkipped,
}

// Errors Rephrase returns, beside *RejectError (ErrRejected) and *StatusError (ErrUpstream).
var (
	ErrTimeout     = errors.New("rephrase timed out")
	ErrBreakerOpen = errors.New("rephrase circuit open")
	ErrSkipped     = errors.New("rephrase skipped")
	// ErrUpstream: the endpoint answered with an error status, or could not
	// be reached or understood.
	ErrUpstream = errors.New("rephrase upstream error")
)

// StatusError is an error status from the endpoint. It holds no response
// body, which could echo what was sent.
type StatusError struct{ Status int }

func (e *StatusError) Error() string { return "rephrase upstream status " + strconv.Itoa(e.Status) }

// Unwrap makes errors.Is(err, ErrUpstream) true.
func (e *StatusError) Unwrap() error { return ErrUpstream }

// Cause returns the fallback cause of an error from Rephrase (one of the
// Cause* constants), "" for nil. It is what the engine logs.
func Cause(err error) string {
	var se *StatusError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRejected):
		return CauseRejected
	case errors.Is(err, ErrTimeout):
		return CauseTimeout
	case errors.Is(err, ErrBreakerOpen):
		return CauseBreakerOpen
	case errors.Is(err, ErrSkipped):
		return CauseSkipped
	case errors.Is(err, context.Canceled):
		return CauseCanceled
	case errors.As(err, &se) && se.Status == http.StatusTooManyRequests:
		return CauseRateLimited
	case se != nil && se.Status >= 500:
		return CauseServerError
	case se != nil:
		return CauseClientError
	default:
		return CauseError
	}
}

// errBudget is the cause of the per-reply budget's deadline, to tell it
// from the caller's.
var errBudget = errors.New("rephrase budget exhausted")

// Rephrase rewrites req.Text for the person, or says why not. On error it
// returns the scripted text unchanged, so a caller that sends what it gets
// is never wrong. It returns within the configured Timeout (or the ctx
// deadline, if sooner), makes at most one call and never retries.
func (r *Rephraser) Rephrase(ctx context.Context, req bot.RephraseRequest) (string, error) {
	if r == nil {
		// A nil *Rephraser in a bot.Rephraser interface is not nil: be a
		// harmless no-op rather than a panic.
		return req.Text, fmt.Errorf("%w: no rephraser", ErrSkipped)
	}
	text, err := r.rephrase(ctx, req)
	if err != nil {
		cause := Cause(err)
		r.m.FellBack(cause)
		r.log.Debug("rephrase fallback", "cause", cause, "err", err)
		return req.Text, err
	}
	return text, nil
}

func (r *Rephraser) rephrase(parent context.Context, req bot.RephraseRequest) (string, error) {
	script := req.Text
	switch n := runeLen(strings.TrimSpace(script)); {
	case n == 0:
		return "", fmt.Errorf("%w: empty text", ErrSkipped)
	case n > MaxScriptRunes:
		return "", fmt.Errorf("%w: text of %d characters", ErrSkipped, n)
	}
	lang := expectedLang(normalize(script), req.Lang)
	if !supported(lang) {
		return "", fmt.Errorf("%w: language %q cannot be checked", ErrSkipped, lang)
	}
	if err := parent.Err(); err != nil {
		return "", fmt.Errorf("rephrase: %w", err)
	}
	ctx, cancel := context.WithTimeoutCause(parent, r.timeout, errBudget)
	defer cancel()

	data := PromptData{
		Lang:       lang,
		Language:   languageNames[lang],
		Audience:   audience(req.Audience),
		Tone:       tone(req.Tone),
		Mood:       moods(req.Signals),
		Vulnerable: slices.Sorted(slices.Values(req.Signals.Vulnerable)),
	}
	key := r.cacheKey(script, data)
	if r.cache != nil {
		// A slow cache may take a share of the budget, not all of it.
		cctx, ccancel := context.WithTimeout(ctx, r.timeout/4)
		v, ok, err := r.cache.Get(cctx, key)
		ccancel()
		switch {
		case err != nil:
			r.log.Debug("rephrase cache get", "err", err)
		case ok && r.guard.check(script, v, req) == nil:
			r.m.CacheHit()
			return v, nil
		}
	}

	ok, probe := r.br.allow()
	if !ok {
		return "", ErrBreakerOpen
	}
	sys, err := r.prompts.Load().render(data)
	if err != nil {
		// Validated at start: only a template that fails on some data
		// the validation did not try can get here.
		r.br.release(probe)
		return "", fmt.Errorf("%w: render prompt: %w", ErrSkipped, err)
	}
	p := protect(script, req.Slots)
	user, err := json.Marshal(dataMessage{
		Language:      lang,
		Audience:      data.Audience,
		Tone:          data.Tone,
		Mood:          data.Mood,
		KeepExactly:   keepExactly(p, script, req.Slots),
		ScriptedReply: p.text,
		Conversation:  quote(req.Recent),
	})
	if err != nil {
		r.br.release(probe)
		return "", fmt.Errorf("%w: encode request: %w", ErrSkipped, err)
	}
	creq := openai.ChatCompletionRequest{
		Model: r.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: sys},
			{Role: openai.ChatMessageRoleUser, Content: string(user)},
		},
	}
	if !reasoningModel(r.model) {
		// Reasoning models refuse both; their tokens include the thinking.
		// max_tokens, deprecated by OpenAI, is the one Ollama and LM Studio read.
		creq.Temperature = 0.3
		//lint:ignore SA1019 max_completion_tokens is unknown to Ollama's OpenAI API.
		creq.MaxTokens = int(r.guard.rules.MaxRatio*float64(runeLen(script))/2) + r.guard.rules.Slack + 64
	}

	start := r.now()
	resp, err := r.client.CreateChatCompletion(ctx, creq)
	r.m.Called(r.now().Sub(start))
	if err != nil {
		return "", r.callError(parent, ctx, probe, err)
	}
	r.br.success(probe)

	var content string
	if len(resp.Choices) > 0 {
		content = resp.Choices[0].Message.Content
	}
	cand := p.restore(clean(content))
	if err := r.guard.check(script, cand, req); err != nil {
		var re *RejectError
		if errors.As(err, &re) {
			r.m.Rejected(re.Check)
			r.log.Debug("rephrase rejected", "check", re.Check, "detail", re.Detail,
				"script_len", runeLen(script), "reply_len", runeLen(cand))
		}
		return "", err
	}
	r.m.Accepted()
	// A rephrase that holds the person's personal data (an e-mail or phone
	// number from a slot) is not cached: /forget could not find it under its
	// hashed key.
	if r.cache != nil && len(p.keys) == 0 && cacheable(script, cand, req.Recent) {
		if err := r.cache.Set(ctx, key, cand, r.cacheTTL); err != nil {
			r.log.Debug("rephrase cache set", "err", err)
		}
	}
	return cand, nil
}

// callError turns a failed call into Rephrase's error and tells the
// breaker. Only failures of the endpoint count against it: not the caller
// giving up, nor the caller's own deadline cutting the budget short.
func (r *Rephraser) callError(parent, ctx context.Context, probe bool, err error) error {
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		r.br.release(probe)
		return fmt.Errorf("rephrase: %w", context.Canceled)
	case ctx.Err() != nil:
		if errors.Is(context.Cause(ctx), errBudget) {
			r.br.failure(probe)
		} else {
			r.br.release(probe)
		}
		return ErrTimeout
	}
	r.br.failure(probe)
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode > 0:
		return &StatusError{Status: apiErr.HTTPStatusCode}
	case errors.As(err, &reqErr) && reqErr.HTTPStatusCode > 0:
		return &StatusError{Status: reqErr.HTTPStatusCode}
	}
	return fmt.Errorf("%w: %w", ErrUpstream, err)
}

// reasoningModel reports models that reject temperature and max_tokens.
func reasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

func audience(a string) string {
	if a == audienceEmployee {
		return audienceEmployee
	}
	return audienceCustomer
}

// tone keeps a flow's tone hint if it is a plain word or two.
func tone(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if len(t) > 40 {
		return ""
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r == ' ' || r == '-' || r == '_') {
			return ""
		}
	}
	return t
}

func moods(s bot.Signals) []string {
	var out []string
	if s.Distress {
		out = append(out, moodDistressed)
	}
	if s.Anger {
		out = append(out, moodAngry)
	}
	if s.Anxiety {
		out = append(out, moodAnxious)
	}
	return out
}

// ReloadPrompts parses and validates the templates in fsys and, when they
// are valid, uses them from the next rephrase on; otherwise the templates
// in use stay and the problems are returned (as PromptErrors).
func (r *Rephraser) ReloadPrompts(fsys fs.FS) error {
	ps, err := loadPrompts(fsys)
	if err != nil {
		return err
	}
	r.prompts.Store(ps)
	return nil
}

// cacheKey names a rephrase by what shapes it: the script, its language,
// audience, tone and mood, and the model and prompts that wrote it (an
// edited prompt must not serve rephrases of the old one).
func (r *Rephraser) cacheKey(script string, d PromptData) string {
	h := sha256.New()
	for _, part := range []string{
		"v1", r.model, r.prompts.Load().hash, d.Lang, d.Audience, d.Tone,
		strings.Join(d.Mood, ","), strings.Join(d.Vulnerable, ","), script,
	} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return "carebot:rephrase:" + hex.EncodeToString(h.Sum(nil)[:20])
}

// cacheable reports whether a rephrase may be served to other people: not
// if it took up words of this person's that the script does not have, which
// could tell someone else what they wrote.
func cacheable(script, cand string, recent []bot.Turn) bool {
	mine := set(words(flow.Fold(normalize(script)))...)
	theirs := map[string]bool{}
	for _, t := range recent {
		if t.From != bot.SpeakerPerson {
			continue
		}
		for _, w := range words(flow.Fold(normalize(t.Text))) {
			if runeLen(w) >= 4 && !mine[w] && !enWords[w] && !frWords[w] {
				theirs[w] = true
			}
		}
	}
	for _, w := range words(flow.Fold(normalize(cand))) {
		if theirs[w] {
			return false
		}
	}
	return true
}

// dataMessage is the user message: everything the model works on, as JSON,
// so that what people wrote is quoted data that cannot end the quote.
type dataMessage struct {
	Language      string       `json:"language"`
	Audience      string       `json:"audience"`
	Tone          string       `json:"tone,omitempty"`
	Mood          []string     `json:"mood,omitempty"`
	KeepExactly   []string     `json:"keep_exactly,omitempty"`
	ScriptedReply string       `json:"scripted_reply"`
	Conversation  []quotedTurn `json:"conversation,omitempty"`
}

type quotedTurn struct {
	From string `json:"from"` // person, bot or agent
	Text string `json:"quoted_text"`
}

// quote returns the last non-empty turns, redacted and cut short.
func quote(recent []bot.Turn) []quotedTurn {
	var out []quotedTurn
	for _, t := range recent {
		// Control characters and line breaks become spaces before
		// redaction, so "06\t12\t34…" or a number split over two lines is
		// still one phone number to redact; full-width digits become ASCII.
		text := strings.Map(func(r rune) rune {
			switch {
			case r < ' ':
				return ' '
			case r >= '０' && r <= '９':
				return '0' + (r - '０')
			}
			return r
		}, normalize(strings.ToValidUTF8(t.Text, "")))
		text = strings.TrimSpace(redact(text))
		if r := []rune(text); len(r) > maxTurnRunes {
			text = string(r[:maxTurnRunes]) + "…"
		}
		if text == "" {
			continue
		}
		from := t.From
		if from != bot.SpeakerBot && from != bot.SpeakerAgent {
			from = bot.SpeakerPerson
		}
		out = append(out, quotedTurn{From: string(from), Text: text})
	}
	if len(out) > maxTurns {
		out = out[len(out)-maxTurns:]
	}
	return out
}

// keepExactly lists what the model must copy: placeholders, slot values,
// links and every token with a digit, as they appear in the protected script.
func keepExactly(p protected, script string, slots []string) []string {
	var out []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, k := range p.keys {
		add("[" + k + "]")
	}
	for _, v := range slots {
		if v == "" || !strings.Contains(script, v) {
			continue
		}
		for _, k := range p.keys {
			v = strings.ReplaceAll(v, p.values[k], "["+k+"]")
		}
		add(v)
	}
	rest := p.text
	for _, re := range []*regexp.Regexp{reURL, reDomain} {
		rest = re.ReplaceAllStringFunc(rest, func(m string) string {
			add(trimURL(m))
			return " "
		})
	}
	rest = rePlaceholder.ReplaceAllString(rest, " ")
	for _, m := range reCode.FindAllString(rest, -1) {
		if hasDigit(m) {
			add(m)
		}
	}
	return out
}

// clean strips what models wrap around an answer: a thinking block (local
// reasoning models), surrounding whitespace and quotes.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<think>") {
		if i := strings.Index(s, "</think>"); i >= 0 {
			s = strings.TrimSpace(s[i+len("</think>"):])
		}
	}
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}, {"'", "'"}} {
		if len(s) > len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			inner := s[len(q[0]) : len(s)-len(q[1])]
			if !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
				return strings.TrimSpace(inner)
			}
		}
	}
	return s
}

// retryAfterDoer is go-openai's HTTP client, wrapped to honour a 429's
// Retry-After (go-openai's errors do not carry headers).
type retryAfterDoer struct {
	hc   *http.Client
	hold func(time.Duration)
	now  func() time.Time
}

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		d.hold(retryAfter(resp.Header, d.now()))
	}
	return resp, err
}

// retryAfter reads Retry-After (seconds or an HTTP date) or the
// retry-after-ms that OpenAI also sends; 0 if neither is usable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if ms, err := strconv.Atoi(h.Get("Retry-After-Ms")); err == nil && ms > 0 {
		return time.Duration(ms) * time.Millisecond
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if !(s > 0) { // also NaN
			return 0
		}
		return time.Duration(min(s, maxHold.Seconds()) * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now)
	}
	return 0
}

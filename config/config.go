// Package config loads carebot's settings: a YAML file named by
// CAREBOT_CONFIG (every key documented in carebot.example.yaml), then
// environment variables, which win. Secrets come only from the environment.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is every setting of carebot. Only main reads it: it copies fields
// into each package's own small Config.
type Config struct {
	HTTPAddr string `yaml:"http_addr"`
	FlowsDir string `yaml:"flows_dir"`
	// ReloadSkipTests lets a live reload take a flows folder whose own
	// conversation tests (tests/*.yaml) fail: by default such a reload is
	// refused and the running flows stay. For an urgent fix whose tests
	// are not updated yet.
	ReloadSkipTests bool          `yaml:"reload_skip_tests"`
	PromptsDir      string        `yaml:"prompts_dir"`
	LogLevel        string        `yaml:"log_level"`  // debug, info, warn, error
	LogFormat       string        `yaml:"log_format"` // auto (text on a terminal, JSON otherwise), text, json
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// ReadyWait is how long /readyz waits for a webhook channel still
	// starting once another one runs (see serve's readiness).
	ReadyWait time.Duration `yaml:"ready_wait"`
	// TurnTimeout is one turn's budget on every channel: the engine's turn
	// and the delivery of its replies, pauses included.
	TurnTimeout time.Duration `yaml:"turn_timeout"`

	Session Session `yaml:"session"`
	Flood   Flood   `yaml:"flood"`
	Crisis  Crisis  `yaml:"crisis"`
	// Audiences says who talks to carebot on each platform (telegram,
	// slack, console): "customer" or "employee". A platform not listed
	// serves customers.
	Audiences map[string]string `yaml:"audiences"`
	// Contact is how people reach a person of the team outside this
	// conversation, per language (en, fr…). The bot gives it whenever a
	// person is asked for and nobody can come, instead of a promise.
	Contact map[string]Contact `yaml:"contact"`
	Redis   Redis              `yaml:"redis"`
	// Delivery tunes the outbox replicas deliver replies from (with Redis).
	Delivery Delivery `yaml:"delivery"`
	Telegram Telegram `yaml:"telegram"`
	Slack    Slack    `yaml:"slack"`
	Desk     Desk     `yaml:"desk"`
	LLM      LLM      `yaml:"llm"`
	// FollowUps are the check-ins flows offer (follow_up:), with consent.
	FollowUps FollowUps `yaml:"followups"`
	Studio    Studio    `yaml:"studio"`
}

// Studio settings: the flow studio that carebot serve can expose at
// /studio. It is never open: it needs a bearer token or a user and
// password, from the environment only.
type Studio struct {
	Enabled  bool   `yaml:"enabled"`
	Token    string `yaml:"-"` // CAREBOT_STUDIO_TOKEN
	User     string `yaml:"-"` // CAREBOT_STUDIO_USER
	Password string `yaml:"-"` // CAREBOT_STUDIO_PASSWORD
}

// FollowUps configures check-ins.
type FollowUps struct {
	// Off stops offering and sending check-ins (those scheduled stay until
	// max_age, and go out once it is on again).
	Off bool `yaml:"off"`
	// Timezone is the operator's zone, used when a person's is unknown
	// (default desk.hours.timezone, else UTC).
	Timezone string `yaml:"timezone"`
	// From and To are the decent hours in the person's zone (default 09:00 to 20:00).
	From string `yaml:"from"`
	To   string `yaml:"to"`
	// ClosedDays (mon, tue… or mon-fri) get no check-in that may need a person.
	ClosedDays []string `yaml:"closed_days"`
	// MaxAge: a check-in this late is dropped (carebot was down too long).
	MaxAge time.Duration `yaml:"max_age"`
	// Interval between looks at the schedule (each with ±20 % jitter).
	Interval time.Duration `yaml:"interval"`
	// CallBackQueue is the hand-off queue of phone call-backs offered to a
	// vulnerable person instead of a check-in; empty offers none.
	CallBackQueue string `yaml:"call_back_queue"`
	// AbandonAfter: silence this long in the middle of a flow counts as
	// abandoned; WaitingAbandonAfter: silence this long while nobody took
	// the person's hand-off counts as waiting abandoned. Counted by the
	// scheduler loop, without waiting for a later message.
	AbandonAfter        time.Duration `yaml:"abandon_after"`
	WaitingAbandonAfter time.Duration `yaml:"waiting_abandon_after"`
}

// Desk settings of the human hand-off desk (enabled by SLACK_BOT_TOKEN and
// a hand-off channel: slack.handoff_channel or slack.queue_channels).
type Desk struct {
	// Wait is how long a hand-off waits for an agent before the person is
	// told nobody came and offered to leave a message.
	Wait time.Duration `yaml:"wait"`
	// Poll is how often each process checks for waits that ended.
	Poll  time.Duration `yaml:"poll"`
	Hours DeskHours     `yaml:"hours"`
	// AgentSilence is how long the agent holding a conversation may leave
	// what the person wrote unanswered before the person is told and the
	// agent reminded; as long again, and the request goes back to the
	// queue (to the bot when nobody can come). A crisis: a quarter of it.
	AgentSilence time.Duration `yaml:"agent_silence"`
	// AgentNames overrides the first name people see for an agent (Slack
	// user ID → name); by default it is their Slack profile's first name.
	AgentNames map[string]string `yaml:"agent_names"`
	// Leads are the Slack user IDs of the desk leads. Only the agent
	// holding a ticket, or a lead, may resolve it or give it back to the
	// bot; only a lead may cancel a ticket nobody took.
	Leads []string `yaml:"leads"`
}

// DeskHours are the team's business hours; empty days and times mean always open.
type DeskHours struct {
	Timezone string   `yaml:"timezone"` // IANA name, such as Europe/Paris (default UTC)
	Days     []string `yaml:"days"`     // mon, tue… or a range such as mon-fri
	From     string   `yaml:"from"`     // 09:00
	To       string   `yaml:"to"`       // 18:00
}

// Session settings.
type Session struct {
	TTL     time.Duration `yaml:"ttl"`     // a conversation untouched this long is forgotten
	History int           `yaml:"history"` // recent turns kept per conversation
}

// Flood control per person.
type Flood struct {
	Limit  int           `yaml:"limit"`
	Window time.Duration `yaml:"window"`
}

// Crisis settings: the emergency numbers quoted by the safety message.
type Crisis struct {
	EmergencyNumbers map[string]string `yaml:"emergency_numbers"` // per language
	// DefaultNumber is quoted in a language of the flows that
	// EmergencyNumbers leaves out (112: the European emergency number, also
	// routed in many other countries): the safety message never lacks one.
	DefaultNumber string `yaml:"default_number"`
}

// DefaultPeerQueue is the hand-off queue colleagues answer on Slack (the
// peer-support flow's), unless slack.peer_queue says otherwise.
const DefaultPeerQueue = "peer"

// Contact is one language's ways to reach the team; empty fields are not said.
type Contact struct {
	Phone string `yaml:"phone"` // as people should dial it: "+44 20 7946 0000"
	Email string `yaml:"email"`
	Hours string `yaml:"hours"` // when the team answers, as a phrase: "Monday to Friday, 9am to 6pm"
}

// Redis settings. The URL (it may hold a password) comes from REDIS_URL only.
type Redis struct {
	URL string `yaml:"-"`
}

// Delivery settings of the outbox (with Redis): each conversation's replies
// are queued with its turn and sent by one replica at a time, holding a
// lease (README, "Running several replicas").
type Delivery struct {
	// Lease is how long a replica holds a conversation's delivery unless it
	// renews it, as it does with each burst of replies sent. When a replica
	// dies, its conversations' pending replies wait this long (plus a
	// sweep) before another replica sends them. It must outlast the
	// longest pause of one reply.
	Lease time.Duration `yaml:"lease"`
	// Sweep is how often each replica looks for leases that ran out.
	Sweep time.Duration `yaml:"sweep"`
	// Flush is how long the mark of a delivery's last replies waits to
	// ride on the person's next turn before it is written alone; replies
	// another replica queues meanwhile wait for it.
	Flush time.Duration `yaml:"flush"`
}

// Telegram settings. The token and webhook secret come from the environment only.
type Telegram struct {
	Token         string        `yaml:"-"`
	WebhookSecret string        `yaml:"-"`
	WebhookURL    string        `yaml:"webhook_url"`
	APIEndpoint   string        `yaml:"api_endpoint"`
	PollTimeout   time.Duration `yaml:"poll_timeout"`
	Workers       int           `yaml:"workers"`
	// PaceScale multiplies the flows' pauses ("typing…" before a reply):
	// 1 types as the flows say, 0 sends at once.
	PaceScale float64 `yaml:"pace_scale"`
}

// Slack settings. Tokens and the signing secret come from the environment only.
type Slack struct {
	BotToken      string        `yaml:"-"`
	AppToken      string        `yaml:"-"`
	SigningSecret string        `yaml:"-"`
	APIURL        string        `yaml:"api_url"`
	PeerChannel   string        `yaml:"peer_channel"`
	PeerWait      time.Duration `yaml:"peer_wait"`
	// PeerQueue is the hand-off queue routed to colleagues in PeerChannel
	// rather than to the desk (DefaultPeerQueue).
	PeerQueue      string            `yaml:"peer_queue"`
	HandoffChannel string            `yaml:"handoff_channel"`
	QueueChannels  map[string]string `yaml:"queue_channels"`
	DefaultLang    string            `yaml:"default_lang"`
}

// LLM settings for rephrasing. The API key comes from the environment only.
type LLM struct {
	APIKey   string        `yaml:"-"`
	BaseURL  string        `yaml:"base_url"`
	Model    string        `yaml:"model"`
	Timeout  time.Duration `yaml:"timeout"`
	CacheTTL time.Duration `yaml:"cache_ttl"`
}

// Default returns the settings carebot runs with when nothing is configured.
func Default() Config {
	return Config{
		HTTPAddr:        ":8080",
		LogLevel:        "info",
		LogFormat:       "auto",
		ShutdownTimeout: 8 * time.Second,
		ReadyWait:       30 * time.Second,
		TurnTimeout:     60 * time.Second,
		Session:         Session{TTL: 30 * 24 * time.Hour, History: 10},
		Flood:           Flood{Limit: 20, Window: 10 * time.Second},
		Crisis: Crisis{EmergencyNumbers: map[string]string{
			"en": "112 (999 in the UK, 911 in the US)",
			"fr": "112 (ou le 15, le SAMU ; 3114 pour la prévention du suicide)",
		}, DefaultNumber: "112"},
		// Who talks to carebot on each platform: employees on the staff
		// Slack; any platform not listed serves customers.
		Audiences: map[string]string{"slack": "employee"},
		Delivery:  Delivery{Lease: 15 * time.Second, Sweep: time.Second, Flush: 25 * time.Millisecond},
		Telegram:  Telegram{APIEndpoint: "https://api.telegram.org/bot%s/%s", PollTimeout: 50 * time.Second, Workers: 16, PaceScale: 1},
		Slack:     Slack{APIURL: "https://slack.com/api/", PeerWait: 10 * time.Minute, PeerQueue: DefaultPeerQueue, DefaultLang: "en"},
		Desk:      Desk{Wait: 5 * time.Minute, Poll: time.Second, AgentSilence: 10 * time.Minute},
		FollowUps: FollowUps{From: "09:00", To: "20:00", MaxAge: 72 * time.Hour, Interval: 30 * time.Second, AbandonAfter: 30 * time.Minute, WaitingAbandonAfter: time.Hour},
		LLM:       LLM{BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", Timeout: 1500 * time.Millisecond, CacheTTL: 24 * time.Hour},
	}
}

// Load reads the file named by CAREBOT_CONFIG (if any) over the defaults,
// then the environment, then validates. getenv is os.Getenv outside tests.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	if path := getenv("CAREBOT_CONFIG"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read config: %w", err)
		}
		if err := decode(b, &c); err != nil {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := c.applyEnv(getenv); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func decode(b []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true) // a misspelt key is an error with its line
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// applyEnv lets environment variables override the file.
func (c *Config) applyEnv(getenv func(string) string) error {
	str := func(name string, dst *string) {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	var errs []error
	dur := func(name string, dst *time.Duration) {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a duration such as 1.5s", name, v))
				return
			}
			*dst = d
		}
	}
	num := func(name string, dst *int) {
		if v := getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a whole number", name, v))
				return
			}
			*dst = n
		}
	}
	str("CAREBOT_HTTP_ADDR", &c.HTTPAddr)
	str("CAREBOT_FLOWS_DIR", &c.FlowsDir)
	str("CAREBOT_PROMPTS_DIR", &c.PromptsDir)
	str("CAREBOT_LOG_LEVEL", &c.LogLevel)
	str("CAREBOT_LOG_FORMAT", &c.LogFormat)
	dur("CAREBOT_READY_WAIT", &c.ReadyWait)
	dur("CAREBOT_SESSION_TTL", &c.Session.TTL)
	num("CAREBOT_HISTORY", &c.Session.History)
	str("REDIS_URL", &c.Redis.URL)
	dur("CAREBOT_DELIVERY_LEASE", &c.Delivery.Lease)
	dur("CAREBOT_DELIVERY_SWEEP", &c.Delivery.Sweep)
	dur("CAREBOT_DELIVERY_FLUSH", &c.Delivery.Flush)

	str("TELEGRAM_BOT_TOKEN", &c.Telegram.Token)
	str("TELEGRAM_WEBHOOK_URL", &c.Telegram.WebhookURL)
	str("TELEGRAM_WEBHOOK_SECRET", &c.Telegram.WebhookSecret)
	str("TELEGRAM_API_ENDPOINT", &c.Telegram.APIEndpoint)
	if v := getenv("TELEGRAM_PACE_SCALE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("TELEGRAM_PACE_SCALE: %q is not a number such as 0.5", v))
		} else {
			c.Telegram.PaceScale = f
		}
	}

	str("SLACK_BOT_TOKEN", &c.Slack.BotToken)
	str("SLACK_APP_TOKEN", &c.Slack.AppToken)
	str("SLACK_SIGNING_SECRET", &c.Slack.SigningSecret)
	str("SLACK_API_URL", &c.Slack.APIURL)
	str("SLACK_PEER_CHANNEL", &c.Slack.PeerChannel)
	str("SLACK_HANDOFF_CHANNEL", &c.Slack.HandoffChannel)
	dur("CAREBOT_DESK_WAIT", &c.Desk.Wait)
	dur("CAREBOT_DESK_AGENT_SILENCE", &c.Desk.AgentSilence)

	str("OPENAI_API_KEY", &c.LLM.APIKey)
	str("OPENAI_BASE_URL", &c.LLM.BaseURL)
	str("OPENAI_MODEL", &c.LLM.Model)
	dur("OPENAI_TIMEOUT", &c.LLM.Timeout)

	if v := getenv("CAREBOT_RELOAD_SKIP_TESTS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("CAREBOT_RELOAD_SKIP_TESTS: %q is not true or false", v))
		} else {
			c.ReloadSkipTests = b
		}
	}

	str("CAREBOT_STUDIO_TOKEN", &c.Studio.Token)
	str("CAREBOT_STUDIO_USER", &c.Studio.User)
	str("CAREBOT_STUDIO_PASSWORD", &c.Studio.Password)
	return errors.Join(errs...)
}

// Validate checks the settings and says, for each problem, what to change.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.HTTPAddr == "" {
		bad("http_addr (CAREBOT_HTTP_ADDR) is empty: use for example :8080")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log_level %q: use debug, info, warn or error", c.LogLevel)
	}
	switch c.LogFormat {
	case "auto", "text", "json":
	default:
		bad("log_format %q: use auto, text or json", c.LogFormat)
	}
	for platform, who := range c.Audiences {
		if who != "customer" && who != "employee" {
			bad("audiences.%s must be customer or employee, not %q", platform, who)
		}
	}
	if strings.TrimSpace(c.Crisis.DefaultNumber) == "" {
		bad("crisis.default_number must name an emergency number, like 112")
	}
	if c.Slack.PeerQueue == "" {
		bad("slack.peer_queue must name the peer-support queue, like %q", DefaultPeerQueue)
	}
	if c.TurnTimeout <= 0 {
		bad("turn_timeout must be positive, like 60s")
	}
	if c.ShutdownTimeout <= 0 {
		bad("shutdown_timeout must be positive")
	}
	if c.ReadyWait < 0 {
		bad("ready_wait must be 0 or more, like 30s")
	}
	if c.Session.TTL <= 0 {
		bad("session.ttl must be positive (default 720h, 30 days)")
	}
	if c.Session.History < 1 || c.Session.History > 100 {
		bad("session.history %d: keep between 1 and 100 turns", c.Session.History)
	}
	if c.Flood.Limit < 1 || c.Flood.Window <= 0 {
		bad("flood: limit must be at least 1 and window positive")
	}
	for lang, ct := range c.Contact {
		if lang == "" || strings.ContainsAny(lang, " \t") {
			bad("contact: %q is not a language code such as en or fr", lang)
		}
		if ct.Email != "" && !strings.Contains(ct.Email, "@") {
			bad("contact.%s.email %q is not an e-mail address", lang, ct.Email)
		}
		if strings.ContainsAny(ct.Phone+ct.Email+ct.Hours, "{}") {
			bad("contact.%s: braces are not allowed (the values go into the flows' texts as they are)", lang)
		}
	}
	if c.Redis.URL != "" {
		u, err := url.Parse(c.Redis.URL)
		if err != nil || !redisScheme(u.Scheme) {
			bad("REDIS_URL must look like redis://host:6379/0, rediss://…, unix:///path.sock, redis+sentinel://… or redis+cluster://… (the value is not shown: it may hold a password)")
		}
	}
	if c.Delivery.Lease <= 0 || c.Delivery.Sweep <= 0 || c.Delivery.Sweep >= c.Delivery.Lease {
		bad("delivery: lease (CAREBOT_DELIVERY_LEASE) and sweep (CAREBOT_DELIVERY_SWEEP) must be positive, the sweep shorter than the lease, like 15s and 1s")
	}
	if c.Delivery.Flush <= 0 || c.Delivery.Flush >= c.Delivery.Lease {
		bad("delivery: flush (CAREBOT_DELIVERY_FLUSH) must be positive and shorter than the lease, like 25ms")
	}
	if p := c.Telegram.PaceScale; p < 0 || p > 10 {
		bad("telegram.pace_scale %g: use 0 (no pauses) to 10; 1 keeps the flows' pauses", p)
	}
	if c.Telegram.WebhookURL != "" {
		if c.Telegram.Token == "" {
			bad("telegram.webhook_url is set but TELEGRAM_BOT_TOKEN is not")
		}
		if c.Telegram.WebhookSecret == "" {
			bad("TELEGRAM_WEBHOOK_SECRET is required with a webhook (1-256 characters A-Z a-z 0-9 _ -)")
		}
		if u, err := url.Parse(c.Telegram.WebhookURL); err != nil || u.Scheme != "https" {
			bad("telegram.webhook_url must be an https:// URL")
		}
	}
	if c.Telegram.Token != "" && !strings.Contains(c.Telegram.APIEndpoint, "%s") {
		bad("telegram.api_endpoint must contain two %%s, like https://api.telegram.org/bot%%s/%%s")
	}
	if c.Slack.BotToken != "" && c.Slack.AppToken == "" && c.Slack.SigningSecret == "" {
		bad("SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (Events API) is")
	}
	if c.Desk.Wait <= 0 || c.Desk.Poll <= 0 {
		bad("desk: wait (CAREBOT_DESK_WAIT) and poll must be positive, like 5m and 1s")
	}
	if c.Desk.AgentSilence < time.Minute {
		// Shorter, an agent typing a careful answer would be called
		// silent (and a crisis's quarter of it would be seconds).
		bad("desk: agent_silence (CAREBOT_DESK_AGENT_SILENCE) must be at least 1m, like 10m")
	}
	if tz := c.Desk.Hours.Timezone; tz != "" {
		if _, err := time.LoadLocation(tz); err != nil {
			bad("desk.hours.timezone %q: use an IANA name such as Europe/Paris", tz)
		}
	}
	for _, hm := range []string{c.Desk.Hours.From, c.Desk.Hours.To} {
		if _, err := time.Parse("15:04", hm); hm != "" && err != nil {
			bad("desk.hours: %q is not a time such as 09:00", hm)
		}
	}
	if tz := c.FollowUps.Timezone; tz != "" {
		if _, err := time.LoadLocation(tz); err != nil {
			bad("followups.timezone %q: use an IANA name such as Europe/Paris", tz)
		}
	}
	from, errF := time.Parse("15:04", c.FollowUps.From)
	to, errT := time.Parse("15:04", c.FollowUps.To)
	if errF != nil || errT != nil || !from.Before(to) {
		bad("followups: from %q and to %q must be times such as 09:00 and 20:00, from before to", c.FollowUps.From, c.FollowUps.To)
	}
	if c.FollowUps.MaxAge <= 0 || c.FollowUps.Interval <= 0 || c.FollowUps.AbandonAfter <= 0 || c.FollowUps.WaitingAbandonAfter <= 0 {
		bad("followups: max_age, interval, abandon_after and waiting_abandon_after must be positive, like 72h, 30s, 30m and 1h")
	}
	if c.Studio.Enabled && c.Studio.Token == "" && (c.Studio.User == "" || c.Studio.Password == "") {
		bad("studio.enabled: set CAREBOT_STUDIO_TOKEN, or CAREBOT_STUDIO_USER and CAREBOT_STUDIO_PASSWORD; the studio shows your flows and is never open to anyone")
	}
	if (c.Studio.User == "") != (c.Studio.Password == "") {
		bad("CAREBOT_STUDIO_USER and CAREBOT_STUDIO_PASSWORD go together: set both, or neither")
	}
	for _, id := range c.Desk.Leads {
		if !slackUserID(id) {
			bad("desk.leads: %q is not a Slack user ID such as U0123ABCD (in Slack: the person's profile → ⋮ → Copy member ID)", id)
		}
	}
	if c.LLM.APIKey != "" {
		if c.LLM.Model == "" {
			bad("llm.model (OPENAI_MODEL) is empty")
		}
		if c.LLM.Timeout <= 0 {
			bad("llm.timeout (OPENAI_TIMEOUT) must be positive, like 1.5s")
		}
	}
	return errors.Join(errs...)
}

// slackUserID reports whether s looks like a Slack member ID (U… or W…,
// upper-case letters and digits): a name or an @handle in desk.leads
// would silently give nobody the lead's rights.
func slackUserID(s string) bool {
	if len(s) < 3 || (s[0] != 'U' && s[0] != 'W') {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// redisScheme reports whether the session store understands a REDIS_URL scheme.
func redisScheme(s string) bool {
	switch s {
	case "redis", "rediss", "unix", "redis+sentinel", "rediss+sentinel", "redis+cluster", "rediss+cluster":
		return true
	}
	return false
}

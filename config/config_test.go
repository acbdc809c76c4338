package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// file writes body to a config file of the test and returns its path.
func file(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.Session.TTL != 720*time.Hour || c.Session.History != 10 || c.Flood.Limit != 20 {
		t.Errorf("defaults = %+v", c)
	}
}

func TestExampleFileIsTheDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(env(map[string]string{"CAREBOT_CONFIG": "carebot.example.yaml"}))
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if c.HTTPAddr != d.HTTPAddr || c.Session != d.Session || c.Flood != d.Flood || c.LLM != d.LLM ||
		c.Telegram.APIEndpoint != d.Telegram.APIEndpoint || c.Slack.PeerWait != d.Slack.PeerWait ||
		c.Delivery != d.Delivery || c.Telegram.PaceScale != d.Telegram.PaceScale ||
		c.Crisis.EmergencyNumbers["fr"] != d.Crisis.EmergencyNumbers["fr"] || c.Desk.AgentSilence != d.Desk.AgentSilence {
		t.Errorf("example file drifted from the defaults:\n got %+v\nwant %+v", c, d)
	}
}

func TestEnvWinsOverFile(t *testing.T) {
	t.Parallel()
	c, err := Load(env(map[string]string{
		"CAREBOT_CONFIG":    file(t, "http_addr: \":9000\"\nsession:\n  history: 5\n"),
		"CAREBOT_HTTP_ADDR": "127.0.0.1:7000",
		"OPENAI_API_KEY":    "sk-secret",
		"OPENAI_TIMEOUT":    "2s",
		"REDIS_URL":         "redis://:pw@localhost:6379/0",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:7000" || c.Session.History != 5 || c.LLM.APIKey != "sk-secret" || c.LLM.Timeout != 2*time.Second {
		t.Errorf("got %+v", c)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"typo_in_file", map[string]string{"CAREBOT_CONFIG": file(t, "sesion:\n  ttl: 1h\n")}, "line 1: field sesion not found"},
		{"missing_file", map[string]string{"CAREBOT_CONFIG": filepath.Join(t.TempDir(), "nope.yaml")}, "read config"},
		{"bad_duration", map[string]string{"OPENAI_TIMEOUT": "fast"}, `OPENAI_TIMEOUT: "fast" is not a duration`},
		{"bad_redis_url", map[string]string{"REDIS_URL": "localhost:6379"}, "REDIS_URL must look like"},
		{"webhook_without_secret", map[string]string{"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/telegram/webhook"}, "TELEGRAM_WEBHOOK_SECRET is required"},
		{"slack_without_transport", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "neither SLACK_APP_TOKEN"},
		{"bad_level", map[string]string{"CAREBOT_LOG_LEVEL": "loud"}, `log_level "loud"`},
		{"bad_audience", map[string]string{"CAREBOT_CONFIG": file(t, "audiences: {telegram: staff}\n")}, `audiences.telegram must be customer or employee, not "staff"`},
		{"no_default_number", map[string]string{"CAREBOT_CONFIG": file(t, "crisis: {default_number: \"\"}\n")}, "crisis.default_number must name an emergency number"},
		{"no_peer_queue", map[string]string{"CAREBOT_CONFIG": file(t, "slack: {peer_queue: \"\"}\n")}, "slack.peer_queue must name the peer-support queue"},
		{"sweep_past_lease", map[string]string{"CAREBOT_DELIVERY_LEASE": "1s", "CAREBOT_DELIVERY_SWEEP": "2s"}, "the sweep shorter than the lease"},
		{"flush_past_lease", map[string]string{"CAREBOT_DELIVERY_LEASE": "1s", "CAREBOT_DELIVERY_SWEEP": "100ms", "CAREBOT_DELIVERY_FLUSH": "1s"}, "flush (CAREBOT_DELIVERY_FLUSH) must be positive and shorter than the lease"},
		{"bad_lease", map[string]string{"CAREBOT_DELIVERY_LEASE": "long"}, `CAREBOT_DELIVERY_LEASE: "long" is not a duration`},
		{"bad_pace", map[string]string{"TELEGRAM_PACE_SCALE": "slow"}, `TELEGRAM_PACE_SCALE: "slow" is not a number`},
		{"negative_pace", map[string]string{"TELEGRAM_PACE_SCALE": "-1"}, "telegram.pace_scale -1"},
		{"agent_silence_seconds", map[string]string{"CAREBOT_DESK_AGENT_SILENCE": "30s"}, "desk: agent_silence (CAREBOT_DESK_AGENT_SILENCE) must be at least 1m"},
		{"agent_silence_zero", map[string]string{"CAREBOT_CONFIG": file(t, "desk:\n  agent_silence: 0s\n")}, "agent_silence (CAREBOT_DESK_AGENT_SILENCE) must be at least 1m"},
		{"agent_silence_word", map[string]string{"CAREBOT_DESK_AGENT_SILENCE": "ages"}, `CAREBOT_DESK_AGENT_SILENCE: "ages" is not a duration`},
		{"lead_by_name", map[string]string{"CAREBOT_CONFIG": file(t, "desk:\n  leads: [U0123ABCD, \"@camille\"]\n")}, `desk.leads: "@camille" is not a Slack user ID`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(env(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	t.Parallel()
	_, err := Load(env(map[string]string{"REDIS_URL": "http://user:hunter2@h:1"}))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v: want an error without the password", err)
	}
}

func TestRedisURLForms(t *testing.T) {
	t.Parallel()
	for url, ok := range map[string]bool{
		"redis://localhost:6379/0":                   true,
		"rediss://:pw@redis.example.com:6380/1":      true,
		"unix:///run/redis.sock?db=2":                true,
		"redis+sentinel://s1:26379/0?master_name=m":  true,
		"rediss+sentinel://s1:26379/0?master_name=m": true,
		"redis+cluster://h1:7000?addr=h2:7001":       true,
		"rediss+cluster://h1:7000":                   true,
		"http://localhost:6379":                      false,
		"redis+http://localhost:6379":                false,
		"localhost:6379":                             false,
	} {
		_, err := Load(env(map[string]string{"REDIS_URL": url}))
		if (err == nil) != ok {
			t.Errorf("REDIS_URL %q: err = %v, want ok %v", url, err, ok)
		}
	}
}

func TestContact(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, yaml, wantErr string
	}{
		{name: "per_language", yaml: "contact:\n  en: {phone: \"+44 20 7946 0000\", email: care@example.com, hours: \"Monday to Friday\"}\n  fr: {email: aide@example.com}\n"},
		{name: "not_an_email", yaml: "contact:\n  en: {email: care.example.com}\n", wantErr: "contact.en.email"},
		{name: "misspelt_key", yaml: "contact:\n  en: {phon: \"123\"}\n", wantErr: "phon"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Load(env(map[string]string{"CAREBOT_CONFIG": file(t, tc.yaml)}))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Contact["en"].Phone != "+44 20 7946 0000" || c.Contact["fr"].Email != "aide@example.com" || c.Contact["fr"].Phone != "" {
				t.Errorf("contact = %+v", c.Contact)
			}
		})
	}
}

func TestDeskLeads(t *testing.T) {
	t.Parallel()
	c, err := Load(env(map[string]string{"CAREBOT_CONFIG": file(t, "desk:\n  leads: [U0123ABCD, W0456EFGH]\n")}))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Desk.Leads, ","); got != "U0123ABCD,W0456EFGH" {
		t.Errorf("desk.leads = %q", got)
	}
}

// TestDeskAgentSilence: the agent's allowed silence defaults to 10
// minutes and the environment sets it.
func TestDeskAgentSilence(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		env  map[string]string
		want time.Duration
	}{
		{"default", nil, 10 * time.Minute},
		{"env", map[string]string{"CAREBOT_DESK_AGENT_SILENCE": "4m"}, 4 * time.Minute},
		{"file", map[string]string{"CAREBOT_CONFIG": file(t, "desk:\n  agent_silence: 20m\n")}, 20 * time.Minute},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Load(env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Desk.AgentSilence != tt.want {
				t.Errorf("agent_silence = %v, want %v", c.Desk.AgentSilence, tt.want)
			}
		})
	}
}

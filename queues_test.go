package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/bottest"
)

// TestFlowsValidateToldOfAQueueTypo25: a hand-off queue with a typo
// ("biling") used to pass flows validate. Without a configuration, the
// flows' own queues tell it (one typo from "billing", named elsewhere);
// with one (--config), a queue with no channel of its own is told against
// slack.queue_channels: nobody can take it without slack.handoff_channel,
// or it goes to that default channel, not to the team meant. A config
// without queue_channels is said not to check them.
func TestFlowsValidateToldOfAQueueTypo25(t *testing.T) {
	t.Parallel()
	dir := bottest.CopyFlows(t)
	conf := func(t *testing.T, yaml string) string {
		t.Helper()
		p := filepath.Join(t.TempDir(), "carebot.yaml")
		if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	all := "slack:\n  queue_channels: {billing: C1, delivery: C2, account: C3, general: C4, lead: C5, urgent: C6}\n"
	tests := []struct {
		name, edit, config, want string
	}{
		{"typo_among_flows", "queue: biling", "", `handoff queue "biling" is named nowhere else (did you mean "billing"?)`},
		{"config_no_channel", "", "slack:\n  queue_channels: {biling: C1, delivery: C2, account: C3, general: C4, lead: C5}\n",
			`queue "billing" has no channel in slack.queue_channels, and there is no slack.handoff_channel: nobody can ever take these hand-offs (the person is told nobody can come) (did you mean "biling"?); "billing" is named in 15 other places too`},
		{"config_default_channel", "", "slack:\n  handoff_channel: C0\n  queue_channels: {biling: C1}\n",
			`queue "billing" has no channel of its own in slack.queue_channels, so its hand-offs go to slack.handoff_channel (did you mean "biling"?)`},
		{"config_all_known", "", all, ""},
		{"no_queue_channels", "", "", "hand-off queues not checked against the desk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := dir
			if tt.edit != "" {
				d = bottest.CopyFlows(t)
				p := filepath.Join(d, "cancel_refund.yaml")
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(strings.Replace(string(b), "queue: billing", tt.edit, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"flows", "validate", d}
			if tt.config != "" {
				args = append(args, "--config", conf(t, tt.config))
			}
			out, errOut, err := runMain(t, nil, "", args...)
			switch {
			case tt.want == "":
				if err != nil || errOut != "" {
					t.Errorf("err %v, stderr:\n%s", err, errOut)
				}
			case strings.HasPrefix(tt.want, "hand-off queues not checked"):
				if err != nil || !strings.Contains(out, tt.want) {
					t.Errorf("err %v, stdout:\n%s\nwant %s", err, out, tt.want)
				}
			default:
				if !errors.Is(err, errReported) || !strings.Contains(errOut, tt.want) || tt.edit != "" && !strings.Contains(errOut, filepath.Join(d, "cancel_refund.yaml")+":") {
					t.Errorf("err %v, stderr:\n%s\nwant %s", err, errOut, tt.want)
				}
			}
		})
	}
}

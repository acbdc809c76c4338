package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/bottest"
)

// TestFlowsValidateQueueToDefaultChannelOnPurpose25b: with --config, a
// team of its own that goes to slack.handoff_channel on purpose ("legal",
// two edits from the configured "lead"; "billing2" beside "billing") is
// no typo. Before, flows validate --config failed on it ("has no channel
// of its own … (did you mean "lead"?)") and serve warned at every start.
// A queue one typo from a configured one is still told.
func TestFlowsValidateQueueToDefaultChannelOnPurpose25b(t *testing.T) {
	t.Parallel()
	conf := func(t *testing.T, yaml string) string {
		t.Helper()
		p := filepath.Join(t.TempDir(), "carebot.yaml")
		if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const (
		teams  = "slack:\n  handoff_channel: C0\n  queue_channels: {billing: C1, delivery: C2, account: C3, general: C4, lead: C5}\n"
		delivy = "slack:\n  handoff_channel: C0\n  queue_channels: {billing: C1, delivry: C2, account: C3, general: C4, lead: C5}\n"
	)
	for _, tt := range []struct{ name, edit, config, want string }{
		{"legal_beside_lead", "queue: legal", teams, ""},
		{"billing2_beside_billing", "queue: billing2", teams, ""},
		{"typo_in_config_still_told", "", delivy, `queue "delivery" has no channel of its own in slack.queue_channels, so its hand-offs go to slack.handoff_channel (did you mean "delivry"?)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := bottest.CopyFlows(t)
			if tt.edit != "" {
				p := filepath.Join(d, "cancel_refund.yaml")
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(strings.Replace(string(b), "queue: billing", tt.edit, 1)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := conf(t, tt.config)
			_, errOut, err := runMain(t, nil, "", "flows", "validate", d, "--config", cfg)
			if tt.want == "" {
				if err != nil || errOut != "" {
					t.Errorf("%s: err %v, stderr:\n%s", tt.edit, err, errOut)
				}
				return
			}
			if err == nil || !strings.Contains(errOut, tt.want) {
				t.Errorf("%s: err %v, stderr:\n%s\nwant %s", tt.edit, err, errOut, tt.want)
			}
		})
	}
}

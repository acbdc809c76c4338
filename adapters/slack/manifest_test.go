package slack

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/desk"
)

// listAfter returns the "- item" lines that follow the line key: in a YAML file.
func listAfter(lines []string, key string) []string {
	var out []string
	for i, l := range lines {
		if strings.TrimSpace(l) != key {
			continue
		}
		for _, item := range lines[i+1:] {
			v, ok := strings.CutPrefix(strings.TrimSpace(item), "- ")
			if !ok {
				break
			}
			out = append(out, v)
		}
		break
	}
	slices.Sort(out)
	return out
}

// TestManifest keeps the manifest to exactly what the adapter uses: the
// Web API methods it calls need these scopes, and toMessage reads these events.
func TestManifest(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	scopes := []string{
		"app_mentions:read", // app_mention events
		"channels:history",  // message.channels: agents' replies in desk ticket threads
		"chat:write",        // chat.postMessage, chat.update, chat.postEphemeral
		"commands",          // slash commands
		"groups:history",    // message.groups: the same in private desk channels
		"im:history",        // message.im events
		"im:write",          // conversations.open with one user (slash commands)
		"mpim:write",        // conversations.open with two users
		"users:read",        // users.info (locale)
	}
	if diff := cmp.Diff(scopes, listAfter(lines, "bot:")); diff != "" {
		t.Errorf("bot scopes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"app_mention", "message.channels", "message.groups", "message.im"}, listAfter(lines, "bot_events:")); diff != "" {
		t.Errorf("bot events (-want +got):\n%s", diff)
	}
	var commands []string
	for _, l := range lines {
		if c, ok := strings.CutPrefix(strings.TrimSpace(l), "- command: "); ok {
			commands = append(commands, c)
		}
	}
	// The commands of the staff flows (flows/peer_support.yaml, breathing.yaml),
	// the engine's /forget and the hand-off desk's /resolve (desk.ResolveCommand).
	if diff := cmp.Diff([]string{"/peer", "/breathe", "/respirer", "/forget", desk.ResolveCommand}, commands); diff != "" {
		t.Errorf("slash commands (-want +got):\n%s", diff)
	}
	for _, want := range []string{"/slack/events", "/slack/interactions", "messages_tab_enabled: true", "is_enabled: true"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("manifest lacks %q", want)
		}
	}
}

package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

var self = identity{UserID: "UBOT", BotID: "BBOT"}

// parseInner decodes an inner event the way slackevents does for a real
// delivery, so the table covers Slack's JSON, not hand-built structs.
func parseInner(t *testing.T, inner string) any {
	t.Helper()
	outer := `{"type":"event_callback","event_id":"Ev1","team_id":"T1","event":` + inner + `}`
	ev, err := slackevents.ParseEvent(json.RawMessage(outer), slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatalf("parse event: %v", err)
	}
	return ev.InnerEvent.Data
}

func TestToMessage(t *testing.T) {
	t.Parallel()
	at := time.Unix(1700000000, 100000).UTC()
	dm := func(text string) bot.Message {
		return bot.Message{ID: "1700000000.000100", Order: 1700000000000100, From: bot.Address{Platform: "slack", Chat: "D1", User: "U1"}, Text: text, At: at}
	}
	tests := []struct {
		name  string
		inner string
		want  bot.Message
		ok    bool
	}{
		{
			name:  "dm",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"I feel low","ts":"1700000000.000100"}`,
			want:  dm("I feel low"), ok: true,
		},
		{
			name:  "dm_entities_unescaped",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"a &lt;b&gt; &amp;amp; c","ts":"1700000000.000100"}`,
			want:  dm("a <b> &amp; c"), ok: true,
		},
		{
			name:  "dm_mentioning_bot",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"<@UBOT> hi","ts":"1700000000.000100"}`,
			want:  dm("hi"), ok: true,
		},
		{
			name:  "dm_in_thread_stays_dm_conversation",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"hi","ts":"1700000000.000100","thread_ts":"1699999999.000001"}`,
			want:  dm("hi"), ok: true,
		},
		{
			name:  "dm_file",
			inner: `{"type":"message","subtype":"file_share","channel":"D1","channel_type":"im","user":"U1","text":"","ts":"1700000000.000100","files":[{"id":"F1","mimetype":"image/png"}]}`,
			want:  bot.Message{ID: "1700000000.000100", Order: 1700000000000100, From: bot.Address{Platform: "slack", Chat: "D1", User: "U1"}, Media: "photo", At: at},
			ok:    true,
		},
		{
			name:  "own_message",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"UBOT","bot_id":"BBOT","text":"hello","ts":"1700000000.000100"}`,
		},
		{
			name:  "own_user_without_bot_id",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"UBOT","text":"hello","ts":"1700000000.000100"}`,
		},
		{
			name:  "other_bot",
			inner: `{"type":"message","subtype":"bot_message","channel":"D1","channel_type":"im","bot_id":"BOTHER","text":"ping","ts":"1700000000.000100"}`,
		},
		{
			name:  "other_bot_with_user",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U9","bot_id":"BOTHER","text":"ping","ts":"1700000000.000100"}`,
		},
		{
			// An edit is the engine's EventPersonEdited: during a hand-off
			// its words reach the team (TestE2EPersonEditReachesThread24).
			name:  "edit",
			inner: `{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","hidden":true,"ts":"1700000001.000000","message":{"type":"message","user":"U1","text":"edited","ts":"1700000000.000100","edited":{"user":"U1","ts":"1700000001.000000"}}}`,
			want: bot.Message{ID: "1700000000.000100~1700000001.000000", Order: 1700000001000000, From: bot.Address{Platform: "slack", Chat: "D1", User: "U1"},
				Text: "edited", Event: bot.EventPersonEdited, At: time.Unix(1700000001, 0).UTC()},
			ok: true,
		},
		{
			name:  "unfurl_is_no_edit",
			inner: `{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","hidden":true,"ts":"1700000001.000000","message":{"type":"message","user":"U1","text":"see https://x.example","ts":"1700000000.000100"}}`,
		},
		{
			name:  "bot_edit",
			inner: `{"type":"message","subtype":"message_changed","channel":"D1","channel_type":"im","hidden":true,"ts":"1700000001.000000","message":{"type":"message","user":"UBOT","bot_id":"B1","text":"x","ts":"1700000000.000100","edited":{"user":"UBOT","ts":"1700000001.000000"}}}`,
		},
		{
			name:  "deletion",
			inner: `{"type":"message","subtype":"message_deleted","channel":"D1","channel_type":"im","hidden":true,"deleted_ts":"1700000000.000100","ts":"1700000001.000000"}`,
		},
		{
			name:  "channel_message_without_mention",
			inner: `{"type":"message","channel":"C1","channel_type":"channel","user":"U1","text":"hi all","ts":"1700000000.000100"}`,
		},
		{
			name:  "group_dm_message",
			inner: `{"type":"message","channel":"G1","channel_type":"mpim","user":"U1","text":"between us","ts":"1700000000.000100"}`,
		},
		{
			name:  "empty_dm",
			inner: `{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"  ","ts":"1700000000.000100"}`,
		},
		{
			name:  "mention_starts_thread",
			inner: `{"type":"app_mention","channel":"C1","user":"U1","text":"<@UBOT> can we talk?","ts":"1700000000.000100"}`,
			want: bot.Message{ID: "1700000000.000100", Order: 1700000000000100, From: bot.Address{Platform: "slack", Chat: "C1:1700000000.000100", User: "U1"},
				Text: "can we talk?", At: at},
			ok: true,
		},
		{
			name:  "mention_in_thread",
			inner: `{"type":"app_mention","channel":"C1","user":"U1","text":"yes <@UBOT|carebot>","ts":"1700000000.000100","thread_ts":"1690000000.000001"}`,
			want: bot.Message{ID: "1700000000.000100", Order: 1700000000000100, From: bot.Address{Platform: "slack", Chat: "C1:1690000000.000001", User: "U1"},
				Text: "yes", At: at},
			ok: true,
		},
		{
			name:  "mention_by_bot",
			inner: `{"type":"app_mention","channel":"C1","user":"U9","bot_id":"BOTHER","text":"<@UBOT> hi","ts":"1700000000.000100"}`,
		},
		{
			name:  "mention_edited",
			inner: `{"type":"app_mention","channel":"C1","user":"U1","text":"<@UBOT> hi","ts":"1700000000.000100","edited":{"user":"U1","ts":"1700000001.000000"}}`,
		},
		{
			name:  "mention_in_dm",
			inner: `{"type":"app_mention","channel":"D1","user":"U1","text":"<@UBOT> hi","ts":"1700000000.000100"}`,
		},
		{
			name:  "other_event",
			inner: `{"type":"reaction_added","user":"U1","reaction":"heart","item":{"type":"message","channel":"D1","ts":"1700000000.000100"},"event_ts":"1700000000.000200"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := toMessage(parseInner(t, tt.inner), self)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (message %+v)", ok, tt.ok, got)
			}
			if diff := cmp.Diff(tt.want, got); ok && diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

func TestToMessageNil(t *testing.T) {
	t.Parallel()
	for _, ev := range []any{nil, (*slackevents.MessageEvent)(nil), (*slackevents.AppMentionEvent)(nil), "text"} {
		if _, ok := toMessage(ev, self); ok {
			t.Errorf("toMessage(%T) = ok", ev)
		}
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"<@U123> hi <!channel>", "&lt;@U123&gt; hi &lt;!channel&gt;"},
		{"a & b", "a &amp; b"},
		{"&lt; stays visible", "&amp;lt; stays visible"},
		{"*bold* _it_", "*bold* _it_"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// blockJSON renders blocks as Slack receives them.
func blockJSON(t *testing.T, blocks []slack.Block) []map[string]any {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRender(t *testing.T) {
	t.Parallel()
	t.Run("text_only", func(t *testing.T) {
		t.Parallel()
		txt, blocks := render(bot.Reply{Text: "Hi <@U1> & all"}, "")
		if txt != "Hi &lt;@U1&gt; &amp; all" || blocks != nil {
			t.Errorf("render = %q, %v", txt, blocks)
		}
	})
	t.Run("choices", func(t *testing.T) {
		t.Parallel()
		txt, blocks := render(bot.Reply{Text: "How are you?", Choices: []bot.Choice{{ID: "3:ok", Label: "OK"}, {ID: "3:low", Label: "Low <3"}}}, "")
		if txt != "How are you?" {
			t.Errorf("text = %q", txt)
		}
		want := []map[string]any{
			{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "How are you?"}},
			{"type": "actions", "block_id": "cb_choices_0", "elements": []any{
				map[string]any{"type": "button", "action_id": "cb_choice_0", "value": "3:ok", "text": map[string]any{"type": "plain_text", "text": "OK", "emoji": true}},
				map[string]any{"type": "button", "action_id": "cb_choice_1", "value": "3:low", "text": map[string]any{"type": "plain_text", "text": "Low <3", "emoji": true}},
			}},
		}
		if diff := cmp.Diff(want, blockJSON(t, blocks)); diff != "" {
			t.Errorf("blocks (-want +got):\n%s", diff)
		}
	})
	t.Run("thread_addressee_and_limits", func(t *testing.T) {
		t.Parallel()
		var choices []bot.Choice
		for i := range 30 {
			choices = append(choices, bot.Choice{ID: strings.Repeat("x", 10) + string(rune('a'+i%26)), Label: strings.Repeat("é", 100)})
		}
		long := strings.Repeat("word ", 1300) // 6500 characters
		_, blocks := render(bot.Reply{Text: long, Choices: choices}, "U7")
		got := blockJSON(t, blocks)
		var sections, actions, buttons int
		for _, b := range got {
			switch b["type"] {
			case "section":
				sections++
				if n := utf8.RuneCountInString(b["text"].(map[string]any)["text"].(string)); n > maxSectionText {
					t.Errorf("section of %d characters", n)
				}
			case "actions":
				actions++
				if id := b["block_id"].(string); !strings.HasSuffix(id, ":U7") {
					t.Errorf("block_id %q does not name the addressee", id)
				}
				for _, e := range b["elements"].([]any) {
					buttons++
					if n := utf8.RuneCountInString(e.(map[string]any)["text"].(map[string]any)["text"].(string)); n > maxButtonText {
						t.Errorf("label of %d characters", n)
					}
				}
			}
		}
		if sections != 3 || actions != 2 || buttons != 30 {
			t.Errorf("sections, actions, buttons = %d, %d, %d; want 3, 2, 30", sections, actions, buttons)
		}
	})
	t.Run("choices_without_text", func(t *testing.T) {
		t.Parallel()
		txt, blocks := render(bot.Reply{Choices: []bot.Choice{{ID: "a", Label: "Yes"}, {ID: "b", Label: "No"}}}, "")
		if txt != "Yes · No" {
			t.Errorf("fallback text = %q", txt)
		}
		if got := blockJSON(t, blocks); len(got) != 1 || got[0]["type"] != "actions" {
			t.Errorf("blocks = %v", got)
		}
	})
}

func TestChosen(t *testing.T) {
	t.Parallel()
	_, blocks := render(bot.Reply{Text: "Pick", Choices: []bot.Choice{{ID: "a", Label: "A"}}}, "")
	got := blockJSON(t, chosen(slack.Blocks{BlockSet: blocks}, "Pick", "A <b>"))
	want := []map[string]any{
		{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "Pick"}},
		{"type": "context", "block_id": "cb_selected", "elements": []any{map[string]any{"type": "mrkdwn", "text": "✓ *A &lt;b&gt;*"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	// A stale press only removes the buttons.
	if got := blockJSON(t, chosen(slack.Blocks{BlockSet: blocks}, "Pick", "")); len(got) != 1 || got[0]["type"] != "section" {
		t.Errorf("stale: %v", got)
	}
	// A message whose blocks were lost keeps its text.
	if got := blockJSON(t, chosen(slack.Blocks{}, "Pick", "A")); len(got) != 2 || got[0]["type"] != "section" {
		t.Errorf("from text: %v", got)
	}
}

func TestChunk(t *testing.T) {
	t.Parallel()
	s := strings.Repeat("a", 10) + " &amp;" + strings.Repeat("b", 10)
	for _, part := range chunk(s, 13) {
		if strings.Contains(part, "&") && !strings.Contains(part, "&amp;") {
			t.Errorf("entity cut: %q", part)
		}
	}
	if got := strings.Join(chunk("one two three", 7), "|"); got != "one two|three" {
		t.Errorf("chunk = %q", got)
	}
}

func TestTSTime(t *testing.T) {
	t.Parallel()
	if got, want := tsTime("1700000000.000100"), time.Unix(1700000000, 100000).UTC(); !got.Equal(want) {
		t.Errorf("tsTime = %v, want %v", got, want)
	}
	if !tsTime("junk").IsZero() {
		t.Error("tsTime(junk) is not zero")
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	if got := text(t, "fr-FR", txtPeerButton); got != "Je peux écouter" {
		t.Errorf("fr-FR = %q", got)
	}
	if got := text(t, "de_DE", txtPeerButton); got != "I can listen" {
		t.Errorf("unknown language = %q", got)
	}
	// Every text the adapter says exists in every language of the flows
	// (flow.Load refuses a texts.yaml that lacks one).
	for _, key := range []string{txtPeerRequest, txtPeerButton, txtPeerTaken, txtPeerClosed, txtPeerWasTaken,
		txtPeerWasClosed, txtPeerOwn, txtPeerIntro, txtPeerFailed, txtPeerError, txtNotForYou} {
		if _, ok := flow.TextKeys[key]; !ok {
			t.Errorf("%s is not a key of texts.yaml", key)
		}
	}
	for key := range deskNotices {
		if _, ok := flow.TextKeys[deskNotices[key]]; !ok {
			t.Errorf("desk notice %s: %s is not a key of texts.yaml", key, deskNotices[key])
		}
	}
}

func TestSeal(t *testing.T) {
	t.Parallel()
	aead, err := newSealer("xoxb-1")
	if err != nil {
		t.Fatal(err)
	}
	ref := peerRef{Handoff: "h1", Chat: "DREQ0000001", User: "UREQ0000001", Lang: "fr"}
	v, err := seal(aead, ref)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, "REQ0000001") || len(v) > maxValue {
		t.Errorf("sealed value %q shows the requester or is too long", v)
	}
	got, err := unseal(aead, v)
	if err != nil || got != ref {
		t.Errorf("unseal = %+v, %v", got, err)
	}
	other, _ := newSealer("xoxb-2")
	for _, bad := range []string{"", "v1.", "v1.!!!", v[:len(v)-2] + "AA", "v2" + v[2:]} {
		if _, err := unseal(aead, bad); err == nil {
			t.Errorf("unseal(%q) accepted", bad)
		}
	}
	if _, err := unseal(other, v); err == nil {
		t.Error("a value sealed with another token was accepted")
	}
}

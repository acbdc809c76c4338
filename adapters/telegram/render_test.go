package telegram

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
)

func u16len(s string) int { return len(utf16.Encode([]rune(s))) }

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"fits", "Hello there.", 20, []string{"Hello there."}},
		{"empty", "  \n ", 20, nil},
		{"trimmed", "  hi  ", 20, []string{"hi"}},
		{"paragraph_first", "First part.\n\nSecond. Third part here.", 24, []string{"First part.", "Second. Third part here."}},
		{"line", "one two three\nfour five six seven", 20, []string{"one two three", "four five six seven"}},
		{"sentence_over_space", "Sorry about that. We will fix it soon", 30, []string{"Sorry about that.", "We will fix it soon"}},
		{"question_mark", "Is it late? It was due Monday for sure", 20, []string{"Is it late?", "It was due Monday", "for sure"}},
		{"space", "aaaa bbbb cccc dddd", 10, []string{"aaaa bbbb", "cccc dddd"}},
		{"early_paragraph_loses_to_late_sentence", "Hi.\n\nThis is one. And this", 19, []string{"Hi.\n\nThis is one.", "And this"}},
		{"hard_cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"hard_cut_keeps_runes", "ééééé", 2, []string{"éé", "éé", "é"}},
		{"surrogate_pairs", "😀😀😀", 3, []string{"😀", "😀", "😀"}},
		{"dot_in_number_is_no_sentence", "Version 3.5 is out now", 12, []string{"Version 3.5", "is out now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := split(tt.text, tt.limit)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("split(%q, %d) (-want +got):\n%s", tt.text, tt.limit, diff)
			}
		})
	}
}

// TestSplitProperties checks, on random text, that every piece fits, none
// is blank, and nothing but whitespace is lost.
func TestSplitProperties(t *testing.T) {
	t.Parallel()
	words := []string{"the", "parcel", "arrived.", "Sorry!", "why?", "😀", "é", "\n", "\n\n", "*_[", "averyveryveryverylongword", "ok…"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		var b strings.Builder
		for range r.IntN(400) {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		limit := 3 + r.IntN(60)
		pieces := split(text, limit)
		for _, p := range pieces {
			if n := u16len(p); n > limit || strings.TrimSpace(p) == "" || !utf8.ValidString(p) {
				t.Fatalf("case %d: piece %q (%d units) breaks the limit %d or is blank", i, p, n, limit)
			}
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if got, want := squash(strings.Join(pieces, "")), squash(text); got != want {
			t.Fatalf("case %d: text changed:\n got %q\nwant %q", i, got, want)
		}
	}
}

func TestKeyboard(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 65)
	markup, dropped := keyboard([]bot.Choice{
		{ID: "s1:late", Label: "It's late"},
		{ID: long, Label: "Too long an id"},
		{ID: "s1:blank", Label: "  "},
		{ID: strings.Repeat("y", 64), Label: "Exactly 64"},
	})
	if dropped != 2 {
		t.Errorf("dropped = %d, want 2", dropped)
	}
	if markup == nil {
		t.Fatal("keyboard = nil")
	}
	var got [][]string
	for _, row := range markup.InlineKeyboard {
		var r []string
		for _, b := range row {
			r = append(r, b.Text+"="+*b.CallbackData)
		}
		got = append(got, r)
	}
	want := [][]string{{"It's late=s1:late"}, {"Exactly 64=" + strings.Repeat("y", 64)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keyboard (-want +got):\n%s", diff)
	}
	if m, _ := keyboard(nil); m != nil {
		t.Errorf("keyboard(nil) = %v, want nil", m)
	}
}

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		o    outcome
		code int
		wait time.Duration
	}{
		{"retry_after", &tgbotapi.Error{Code: 429, Message: "Too Many Requests", ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 7}}, retry, 429, 7 * time.Second},
		{"429_without_retry_after", &tgbotapi.Error{Code: 429}, retry, 429, 0},
		{"500", &tgbotapi.Error{Code: 500}, retry, 500, 0},
		{"502", &tgbotapi.Error{Code: 502}, retry, 502, 0},
		{"409", &tgbotapi.Error{Code: 409}, retry, 409, 0},
		{"403", &tgbotapi.Error{Code: 403, Message: "Forbidden: bot was blocked by the user"}, blocked, 403, 0},
		{"401", &tgbotapi.Error{Code: 401}, unauthorized, 401, 0},
		{"400", &tgbotapi.Error{Code: 400, Message: "Bad Request: message is not modified"}, giveUp, 400, 0},
		{"network", &url.Error{Op: "Post", URL: "https://x/bot123:SECRET/getMe", Err: errors.New("connection refused")}, retry, 0, 0},
		{"garbage_body", fmt.Errorf("invalid character '<' looking for beginning of value"), retry, 0, 0},
		{"cancelled", fmt.Errorf("post: %w", context.Canceled), giveUp, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o, code, wait := classify(tt.err)
			if o != tt.o || code != tt.code || wait != tt.wait {
				t.Errorf("classify = %v, %d, %v; want %v, %d, %v", o, code, wait, tt.o, tt.code, tt.wait)
			}
		})
	}
}

func TestRedactHidesToken(t *testing.T) {
	t.Parallel()
	err := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot123:SECRET/sendMessage", Err: errors.New("dial tcp: i/o timeout")}
	for _, s := range []string{redact(err), (&callError{op: "sendMessage", outcome: retry, err: err}).Error()} {
		if strings.Contains(s, "SECRET") {
			t.Errorf("%q holds the token", s)
		}
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	b := backoff{min: time.Second, max: 8 * time.Second}
	for i, base := range []time.Duration{1, 2, 4, 8, 8, 8} {
		base *= time.Second
		if d := b.wait(); d < base*4/5 || d > base*6/5 {
			t.Errorf("wait %d = %v, want %v ±20%%", i, d, base)
		}
	}
	b.reset()
	if d := b.wait(); d > 1200*time.Millisecond {
		t.Errorf("after reset wait = %v, want about 1s", d)
	}
}

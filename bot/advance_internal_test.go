package bot

import (
	"strings"
	"testing"
)

func TestChoiceIDRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		seq  int
		kind choiceKind
		id   string
	}{{0, choiceFlow, "late"}, {3, choicePerson, "human"}, {123456, choiceOffer, "order_problem"}, {7, choiceScore, "5"}} {
		s := choiceID(tt.seq, tt.kind, tt.id)
		if len(s) > 64 {
			t.Errorf("%q is over Telegram's 64-byte callback limit", s)
		}
		seq, kind, id, ok := parseChoiceID(s)
		if !ok || seq != tt.seq || kind != tt.kind || id != tt.id {
			t.Errorf("parseChoiceID(%q) = %d %c %q %v", s, seq, kind, id, ok)
		}
	}
	for _, bad := range []string{"", "x", "1:", "1:c", "a:c:x", "1:cc:x", "1:c:"} {
		if _, _, _, ok := parseChoiceID(bad); ok {
			t.Errorf("parseChoiceID(%q) ok", bad)
		}
	}
}

func TestSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"  hello  ", "hello"},
		{"a\x00b\x07c", "abc"},
		{"line1\nline2\tx", "line1\nline2\tx"},
		{"\xff\xfeok", "\uFFFDok"},
		{"\u202eevil", "\u202eevil"}, // format characters stay: they are not control characters
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("é", MaxText) // 2 bytes each
	if got := Sanitize(long); len(got) > MaxText || !strings.HasPrefix(long, got) {
		t.Errorf("Sanitize(long) = %d bytes", len(got))
	}
}

func TestClipKeepsRunes(t *testing.T) {
	t.Parallel()
	s := strings.Repeat("é", 500)
	got := clip(s)
	if len(got) > turnCap+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("clip = %d bytes", len(got))
	}
	if strings.ContainsRune(got, '\uFFFD') {
		t.Error("clip split a rune")
	}
}

package bot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

func TestValid(t *testing.T) {
	t.Parallel()
	one, ten := 1.0, 10.0
	tests := []struct {
		name   string
		ask    flow.Ask
		in     string
		want   string
		wantOK bool
	}{
		{"text", flow.Ask{}, "  anything  ", "anything", true},
		{"text_blank", flow.Ask{}, "   ", "", false},
		{"order_ref", flow.Ask{Validate: flow.ValidateOrderRef}, "AB-123456", "AB-123456", true},
		{"order_ref_spaced_lower", flow.Ask{Validate: flow.ValidateOrderRef}, "ab 123456", "AB-123456", true},
		{"order_ref_glued", flow.Ask{Validate: flow.ValidateOrderRef}, "xy98765", "XY-98765", true},
		{"order_ref_digits_only", flow.Ask{Validate: flow.ValidateOrderRef}, "12345", "", false},
		{"order_ref_sentence", flow.Ask{Validate: flow.ValidateOrderRef}, "it is AB-123456", "", false},
		{"order_ref_custom", flow.Ask{Validate: flow.ValidateOrderRef, Pattern: regexp.MustCompile(`^\d{8}$`)}, "12345678", "12345678", true},
		{"email", flow.Ask{Validate: flow.ValidateEmail}, "me@example.com", "me@example.com", true},
		{"email_no_domain_dot", flow.Ask{Validate: flow.ValidateEmail}, "me@localhost", "", false},
		{"email_with_name", flow.Ask{Validate: flow.ValidateEmail}, "Me <me@example.com>", "", false},
		{"email_garbage", flow.Ask{Validate: flow.ValidateEmail}, "not an email", "", false},
		{"number", flow.Ask{Validate: flow.ValidateNumber, Min: &one, Max: &ten}, "7", "7", true},
		{"number_comma", flow.Ask{Validate: flow.ValidateNumber}, "3,5", "3,5", true},
		{"number_out_of_range", flow.Ask{Validate: flow.ValidateNumber, Min: &one, Max: &ten}, "11", "", false},
		{"number_word", flow.Ask{Validate: flow.ValidateNumber}, "seven", "", false},
		{"phone", flow.Ask{Validate: flow.ValidatePhone}, "+33 6 12 34 56 78", "+33 6 12 34 56 78", true},
		{"phone_short", flow.Ask{Validate: flow.ValidatePhone}, "123", "", false},
		{"pattern", flow.Ask{Validate: flow.ValidatePattern, Pattern: regexp.MustCompile(`^[A-Z]{3}$`)}, "ABC", "ABC", true},
		{"pattern_miss", flow.Ask{Validate: flow.ValidatePattern, Pattern: regexp.MustCompile(`^[A-Z]{3}$`)}, "ABCD", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := valid(&tt.ask, tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("valid(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

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

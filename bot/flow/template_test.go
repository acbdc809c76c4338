package flow_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/flow"
)

func TestSlots(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"none", "Hello there.", nil},
		{"one", "Your order {{order}} is late.", []string{"order"}},
		{"spaces_inside", "Call {{ emergency_number }} now.", []string{"emergency_number"}},
		{"in_order_once_each", "{{b}} {{a}} {{b}} {{a_1}}", []string{"b", "a", "a_1"}},
		{"adjacent", "{{a}}{{b}}", []string{"a", "b"}},
		{"malformed_left_out", "{{Order}} {{ }} {{a b}} {{x} {{ok}}", []string{"ok"}},
		{"unclosed", "Hi {{name", nil},
		{"stray_close", "Hi name}} and {{name}}", []string{"name"}},
		{"unclosed_then_good", "{{a {{b}}", []string{"b"}},
		{"triple_braces", "{{{a}}}", nil},
		{"single_braces", "{a} {b}", nil},
		{"unicode_around", "Café {{order}} ☕", []string{"order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, flow.Slots(tt.text)); diff != "" {
				t.Errorf("Slots(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"order": "AB-123456", "name": "Ada", "empty": "", "braces": "{{name}}"}
	get := func(name string) string {
		if v, ok := vars[name]; ok {
			return v
		}
		return "<" + name + ">"
	}
	tests := []struct {
		name, text, want string
	}{
		{"plain", "Hello there.", "Hello there."},
		{"one", "Order {{order}} is late.", "Order AB-123456 is late."},
		{"spaces_inside", "Hi {{ name }}!", "Hi Ada!"},
		{"twice", "{{name}}, {{name}}", "Ada, Ada"},
		{"adjacent", "{{name}}{{order}}", "AdaAB-123456"},
		{"empty_value", "[{{empty}}]", "[]"},
		{"unknown_goes_to_vars", "{{agent_name}}", "<agent_name>"},
		{"value_not_rendered_again", "{{braces}}", "{{name}}"},
		{"malformed_kept", "{{Order}} {{ }} {{x} y}}", "{{Order}} {{ }} {{x} y}}"},
		{"unclosed_kept", "Hi {{name", "Hi {{name"},
		{"unclosed_then_good", "{{a {{name}}", "{{a Ada"},
		{"stray_close_kept", "}} {{name}}", "}} Ada"},
		{"unicode_around", "Café {{name}} ☕", "Café Ada ☕"},
		// More templates than Render has room for on its stack.
		{"many", "{{name}} {{order}} {{name}} {{order}} {{name}} {{order}} {{name}} {{order}} {{name}} {{x}}",
			"Ada AB-123456 Ada AB-123456 Ada AB-123456 Ada AB-123456 Ada <x>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := flow.Render(tt.text, get); got != tt.want {
				t.Errorf("Render(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestRenderSlotsAgree checks that Render replaces exactly what Slots names.
func TestRenderSlotsAgree(t *testing.T) {
	t.Parallel()
	text := "{{a}} {{ b }} {{C}} {{a}} {{d"
	var asked []string
	flow.Render(text, func(name string) string { asked = append(asked, name); return "" })
	if got, want := strings.Join(asked, ","), "a,b,a"; got != want {
		t.Errorf("Render asked for %s, want %s", got, want)
	}
	if diff := cmp.Diff([]string{"a", "b"}, flow.Slots(text)); diff != "" {
		t.Errorf("Slots mismatch (-want +got):\n%s", diff)
	}
}

func TestSimpleIn(t *testing.T) {
	t.Parallel()
	txt := flow.Text{
		ByLang: map[string]string{"en": "What is your order number? It's in your e-mail.", "fr": "Quel est votre numéro de commande ?"},
		Simple: map[string]string{"en": "What is your order number?", "fr": "Votre numéro de commande ?"},
	}
	tests := []struct{ name, lang, fallback, want string }{
		{"simple", "en", "en", "What is your order number?"},
		{"simple_fr", "fr", "en", "Votre numéro de commande ?"},
		{"unknown_lang_falls_back", "de", "en", "What is your order number?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := txt.SimpleIn(tt.lang, tt.fallback); got != tt.want {
				t.Errorf("SimpleIn(%q, %q) = %q, want %q", tt.lang, tt.fallback, got, tt.want)
			}
		})
	}
	plain := flow.Text{ByLang: map[string]string{"en": "Hello."}}
	if got := plain.SimpleIn("en", "en"); got != "Hello." {
		t.Errorf("a text without simple variant: SimpleIn = %q, want the text", got)
	}
	partial := flow.Text{ByLang: map[string]string{"en": "Hello.", "fr": "Bonjour."}, Simple: map[string]string{"en": "Hi."}}
	if got := partial.SimpleIn("fr", "en"); got != "Bonjour." {
		t.Errorf("no simple French: SimpleIn = %q, want the French text, not simple English", got)
	}
}

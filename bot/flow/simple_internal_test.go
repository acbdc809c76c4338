package flow

import (
	"slices"
	"testing"
)

func TestNewPromises(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, full, simple string
		want               []string
	}{
		{"shorter", "What is your order number? It looks like AB-123456, and it's in your e-mail.", "What is your order number? It looks like AB-123456.", nil},
		{"same_refund_word", "Only our billing team can decide on a refund.", "Only the billing team decides about refunds.", nil},
		{"refund_added", "A person checks it.", "A person checks it. You will get a refund.", []string{"refund"}},
		{"number_added", "The team looks at it.", "The team answers within 14 days.", []string{"14", "days"}},
		{"number_glued_to_unit", "A person replies here.", "A person replies in 48h.", []string{"48"}},
		{"slot_is_no_number", "Order {{order}} is late.", "{{order}} is late.", nil},
		{"french_accents", "Une personne vous répondra ici.", "Vous serez remboursé demain.", []string{"remboursé", "demain"}},
		{"french_phrase", "L'équipe regarde.", "L'équipe vous fait un geste commercial.", []string{"geste commercial"}},
		{"soon_already_said", "A person will reply as soon as one is free.", "A person will reply soon.", nil},
		{"today_kept", "What can I help you with today?", "How can I help today?", nil},
		{"today_added", "A person will write to you here.", "A person will write to you today.", []string{"today"}},
		{"gift_added", "The team looks at it.", "The team sends you a gift card.", []string{"gift card"}},
		{"feel_free_is_no_promise", "Write to us again.", "Feel free to write again.", nil},
		{"free_added", "We look at it.", "We look at it for free.", []string{"free"}},
		{"french_elision", "L'équipe regarde.", "L'équipe vous envoie un bon d'achat.", []string{"bon d achat"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := newPromises(tt.full, tt.simple); !slices.Equal(got, tt.want) {
				t.Errorf("newPromises(%q, %q) = %q, want %q", tt.full, tt.simple, got, tt.want)
			}
		})
	}
}

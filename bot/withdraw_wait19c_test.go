package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestWaitingIsNoWithdrawal19c plays a person who, while a person is
// awaited, says they will wait: "no it's ok, I can wait", "no need to
// rush, whenever they can", « non ça va, j'attends », « pas la peine de
// me répondre vite, j'attends ». The opening phrase is a withdraw_words
// one ("no it's ok", "no need", « non ça va », « pas la peine »), so the
// request was withdrawn, from one who had just said they would wait for
// it: "All right, I've withdrawn your request to talk to a person". So
// were "no need to apologise" and "it's fine now? still nobody". A message
// that speaks of waiting, of hurry, of an apology or of what is still not
// done keeps the request; "no it's fine, you can carry on" still
// withdraws it.
func TestWaitingIsNoWithdrawal19c(t *testing.T) {
	t.Parallel()
	const (
		withdrawn   = "I've withdrawn your request to talk to a person"
		withdrawnFr = "j'ai retiré votre demande de parler à une personne"
		passed      = "A person from our team will reply to you here"
		passedFr    = "Une personne de notre équipe vous répondra ici"
	)
	ask := "I want to talk to a person"
	askFr := "je veux parler à un conseiller"
	tests := []talk{
		{name: "en_i_can_wait", turns: []string{ask, "no it's ok, I can wait"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_ill_wait", turns: []string{ask, "no it's fine, I'll wait"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_no_rush", turns: []string{ask, "no need to rush, whenever they can"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_no_hurry", turns: []string{ask, "no need to hurry"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_apologise", turns: []string{ask, "no need to apologise"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_wait_for_someone", turns: []string{ask, "don't bother with the menu, I'll wait for someone"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_still_nobody", turns: []string{ask, "it's fine now? still nobody"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "fr_j_attends", turns: []string{askFr, "non ça va, j'attends"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "fr_pas_vite", turns: []string{askFr, "pas la peine de me répondre vite, j'attends"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "fr_patienter", turns: []string{askFr, "c'est bon pas besoin de se presser, je peux patienter"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		// Still withdrawn.
		{name: "en_carry_on", turns: []string{ask, "no it's fine, you can carry on"}, want: []string{withdrawn}},
		{name: "en_sorted", turns: []string{ask, "oh no need, the parcel just came"}, want: []string{withdrawn}},
		{name: "fr_debrouiller", turns: []string{askFr, "laissez tomber, je vais me débrouiller"}, want: []string{withdrawnFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

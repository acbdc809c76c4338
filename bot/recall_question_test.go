package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestAskedIsNotSaid: a question the person asked in an earlier message
// ("is my order late?") answers no later question: they asked it, they did
// not say it, and "You said it's late" would put words in their mouth.
// Before, it was taken as the answer. A statement in the same message
// ("where is my order? it's late") still answers.
func TestAskedIsNotSaid(t *testing.T) {
	t.Parallel()
	tests := []recallRow{
		{"en_question", "is my order late?", "What happened with order AB-123456", "You said"},
		{"en_question_synonym", "has my order been delayed?", "What happened with order AB-123456", "You said"},
		{"fr_question", "est-ce que ma commande est en retard ?", "Que s'est-il passé avec la commande AB-123456", "Vous m'avez dit"},
		{"en_statement_after_question", "where is my order? it's late", "You said it's late", "What happened"},
		{"fr_statement_after_question", "où est ma commande ? elle est en retard", "Vous m'avez dit qu'elle est en retard", "Que s'est-il passé"},
	}
	recallRows(t, tests)
}

// recallRow is a first message, what the replies to the order number given
// after it must say, and what they must not.
type recallRow struct {
	name, first, want, not string
}

// recallRows plays each row's first message, then the order number, on an
// engine of its own with a desk, and checks the replies to the number.
func recallRows(t *testing.T, rows []recallRow) {
	t.Helper()
	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			say(t, e, a, tt.name+"a", tt.first)
			all := texts(say(t, e, a, tt.name+"b", "AB-123456"))
			if !strings.Contains(all, tt.want) || strings.Contains(all, tt.not) {
				t.Errorf("%q, then the order number: want %q and no %q, got:\n%s", tt.first, tt.want, tt.not, all)
			}
		})
	}
}

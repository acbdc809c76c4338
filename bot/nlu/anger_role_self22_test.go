package nlu

import "testing"

// TestAngerOfTheWriterWhoIsTheRole22: a role of [angerwho] the writer says
// they are ("I'm a loyal customer and absolutely furious", « je suis une
// cliente fidèle et furieuse ») is the writer, and the anger after it is
// theirs: since feel20 (55c1ec5) it was read as a customer's anger at the
// writer, and no anger was heard (review22). A customer, a boss or a
// colleague angry at the writer stays theirs.
func TestAngerOfTheWriterWhoIsTheRole22(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []angerRow{
		{"en", "I'm a loyal customer and absolutely furious", true},
		{"en", "I am a paying customer and I am livid", true},
		{"en", "I'm a customer and furious about this", true},
		{"fr", "je suis une cliente fidèle et furieuse", true},
		{"fr", "je suis client et très en colère", true},
		// Someone else's anger at the writer, as feel20 reads it.
		{"en", "a customer was furious with me and now I'm shaking", false},
		{"en", "my boss is angry at me and I feel awful", false},
		{"fr", "un client était furieux contre moi et je tremble encore", false},
	}
	angerRows(t, m, tests)
}

// angerRow is a message and whether anger is heard in it.
type angerRow struct {
	lang, text string
	anger      bool
}

// angerRows checks each row's anger, and that none is a crisis.
func angerRows(t *testing.T, m *Model, rows []angerRow) {
	t.Helper()
	for _, tt := range rows {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if s.Anger != tt.anger || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want anger %v and no crisis", tt.text, s, tt.anger)
			}
		})
	}
}

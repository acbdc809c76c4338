package nlu

import "testing"

// TestWhatIsHardHeard: "this is hard" said as such, at the end of a
// message, as « c'est dur » already was in French: "thank you, this is
// hard" after a loss got only "You're welcome.". What is hard to do, find
// or open goes on with it and says nothing of the writer.
func TestWhatIsHardHeard(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text string
		felt bool
	}{
		{"thank you, this is hard", true},
		{"this is so hard", true},
		{"honestly it's so hard right now with the kids", true},
		{"it's been so hard since she left", true},
		{"sorry, this is really hard", true},
		{"this is hard to find on your website", false},
		{"this is so hard to use, where is the tracking", false},
		{"the lid is so hard to open", false},
		{"is the case hard or soft?", false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze("en", tt.text).Signals
			if got := s.felt(); got != tt.felt {
				t.Errorf("feeling heard = %v, want %v (%+v)", got, tt.felt, s)
			}
		})
	}
}

// TestTiredOfItAllIsNoAnger: worn out by everything is distress, not
// anger at someone: "I'm so tired of all of this, nothing works" was
// answered "I understand you're angry". Tired of someone's excuses is
// anger still.
func TestTiredOfItAllIsNoAnger(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text        string
		anger, felt bool
	}{
		{"i'm so tired of all of this, nothing works and nobody helps", false, true},
		{"honestly I'm tired of it all", false, true},
		{"so tired of trying", false, true},
		{"I'm tired of your excuses", true, true},
		// Tired of all or everything someone does (review18b): the
		// guards took them for worn out.
		{"I'm tired of all your excuses", true, true},
		{"I am tired of everything you people say, refund me now", true, true},
		{"I'm tired of all this nonsense from your company", true, true},
		{"I'm so tired of everything, nothing works", false, true},
	} {
		s := m.Analyze("en", tt.text).Signals
		if s.Anger != tt.anger || s.felt() != tt.felt {
			t.Errorf("%q: anger %v, felt %v; want %v, %v", tt.text, s.Anger, s.felt(), tt.anger, tt.felt)
		}
	}
}

// TestNervousLaughStillWorried: a worry the writer says of themselves
// with a laugh is nerves, not a joke: "i'm so stressed lol" raised nothing
// since feel17's [laugh] (which keeps "my wallet is crying lol" calm).
func TestNervousLaughStillWorried(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		anxiety    bool
	}{
		{"en", "i'm so stressed lol", true},
		{"en", "honestly I'm so anxious rn lol", true},
		{"fr", "je suis trop stressée mdr", true},
		{"en", "that exam had me so stressed haha but I passed", false},
		{"en", "this horror film had me so scared lol", false},
		{"en", "my wallet is crying lol", false},
	} {
		if got := m.Analyze(tt.lang, tt.text).Signals.Anxiety; got != tt.anxiety {
			t.Errorf("%s %q: anxiety %v, want %v", tt.lang, tt.text, got, tt.anxiety)
		}
	}
}

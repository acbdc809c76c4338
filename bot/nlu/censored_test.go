package nlu

import "testing"

// TestCensoredWordsRead plays words written with letters hidden, as
// people write what they fear is not allowed or too raw: "k*ll myself",
// "su*cide", « me t*er », "k!ll", "f***ing", « b*rdel ». The tokenizer
// split them at the mark ("k", "ll"), so nothing was heard: "I want to
// k*ll myself" raised no crisis, and "where is my f***ing refund" no
// anger. Such a word is now read as the one word of a short list it
// stands for (Uncensor). A mark that hides no word ("5* hotel", "*sigh*",
// "rated it ****") changes nothing.
func TestCensoredWordsRead(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text    string
		crisis, anger bool
	}{
		{"en", "I want to k*ll myself", true, false},
		{"en", "I want to k!ll myself tonight", true, false},
		{"en", "been thinking about su*cide a lot", true, false},
		{"en", "honestly i just want to d*e", true, false},
		{"fr", "je veux me t*er", true, false},
		{"fr", "j'ai envie de m*urir", true, false},
		{"fr", "je pense au s*icide", true, false},
		{"en", "where is my f***ing refund", false, true},
		{"en", "where is my f*cking parcel", false, true},
		{"en", "this is absolute s**t", false, true},
		{"fr", "c'est quoi ce b*rdel, toujours rien", false, true},
		{"fr", "p*tain, encore en retard", false, true},
		// Nothing hidden.
		{"en", "the 5* hotel was lovely but my booking is wrong", false, false},
		{"en", "*sigh* my parcel is late again", false, false},
		{"en", "I'd rate you ***** if it came today", false, false},
		{"en", "I'd k*ll for a coffee right now", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.Analyze(tt.lang, tt.text)
			if a.Signals.Crisis != tt.crisis || a.Signals.Anger != tt.anger {
				t.Errorf("Analyze(%q): crisis %v, anger %v; want %v, %v", tt.text, a.Signals.Crisis, a.Signals.Anger, tt.crisis, tt.anger)
			}
		})
	}
}

func TestUncensor(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"where is my f***ing refund", "where is my fucking refund"},
		{"what the F*** is this", "what the fuck is this"},
		{"I want to k*ll myself!", "I want to kill myself!"},
		{"su#cide", "suicide"},
		{"c'est quoi ce b*rdel ?", "c'est quoi ce bordel ?"},
		{"5* hotel", "5* hotel"},
		{"*sigh*", "*sigh*"},
		{"help!! now", "help!! now"},
		{"ab*cd", "ab*cd"},
		{"mail me at a*b@example.com", "mail me at a*b@example.com"},
	} {
		if got := Uncensor(tt.in); got != tt.want {
			t.Errorf("Uncensor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCensoredCodeIsNoWord19c plays product codes and short words with one
// mark between two letters: "C*T-200", "B*T-7", "D*H-40", "M*T-88", "d*d".
// A mark may stand for more than one letter ("f*ing"), but then it read
// "C*T" as « chiant », "B*T" as "bullshit", "D*H" as "death", "M*T" as «
// mort », "d*d" as "dead": "the B*T-7 charger is broken" was heard angry,
// "my D*H-40 heater will not start" and "my d*d ordered it for me"
// distressed. Where a mark stands for more than one letter, the letters
// shown must outnumber the letters hidden.
func TestCensoredCodeIsNoWord19c(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"product code C*T-200 is missing", "product code C*T-200 is missing"},
		{"the B*T-7 charger", "the B*T-7 charger"},
		{"the B#T-7 charger", "the B#T-7 charger"},
		{"my D*H-40 heater", "my D*H-40 heater"},
		{"ref M*T-88 never came", "ref M*T-88 never came"},
		{"my d*d ordered it", "my d*d ordered it"},
		{"the S*T-3 cable", "the S*T-3 cable"},
		{"quel ch*t", "quel ch*t"},
		// Still read: most of the word shown, or one letter a mark.
		{"f*ing parcel", "fucking parcel"},
		{"fu*ing parcel", "fucking parcel"},
		{"this is s**t", "this is shit"},
		{"i want to d*e", "i want to die"},
	} {
		if got := Uncensor(tt.in); got != tt.want {
			t.Errorf("Uncensor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	m := builtinM(t)
	for _, text := range []string{
		"the B*T-7 charger is broken",
		"my D*H-40 heater will not start",
		"my d*d ordered it for me",
		"ref M*T-88 never came",
	} {
		a := m.Analyze("en", text)
		if a.Signals.Distress || a.Signals.Anger || a.Signals.Crisis {
			t.Errorf("Analyze(%q): distress %v, anger %v, crisis %v; want none", text, a.Signals.Distress, a.Signals.Anger, a.Signals.Crisis)
		}
	}
}

// TestCensoredCrisisWordsRead19c plays crisis statements whose hidden word
// was not on Uncensor's list: « je veux en f*nir », « je vais me fl*nguer
// », "I want to end my l*fe", "I want to k*ll mys*lf". They raised no
// crisis; the same words written whole do.
func TestCensoredCrisisWordsRead19c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct{ lang, text string }{
		{"fr", "je veux en f*nir"},
		{"fr", "je vais me fl*nguer ce soir"},
		{"en", "I want to end my l*fe"},
		{"en", "I want to k*ll mys*lf"},
		{"en", "i don't want to l*ve anymore"},
	} {
		if a := m.Analyze(tt.lang, tt.text); !a.Signals.Crisis {
			t.Errorf("Analyze(%q): no crisis; want one", tt.text)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"en f*nir", "en finir"},
		{"end my l*fe", "end my life"},
		{"k*ll mys*lf", "kill myself"},
		{"the l*ve chat", "the live chat"},
		// Look-alikes left alone.
		{"a f*ne day", "a f*ne day"},
	} {
		if got := Uncensor(tt.in); got != tt.want {
			t.Errorf("Uncensor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCensoredLifeWordsReadInFrench plays the French of the English rows
// of TestCensoredCrisisWordsRead19c: "I want to end my l*fe" and "i
// don't want to l*ve anymore" raised a crisis, « je veux mettre fin à ma
// v*e » and « je ne veux plus v*vre » did not (« vie » and « vivre » were
// not on Uncensor's list, "life" and "live" were), though the same words
// written whole do.
func TestCensoredLifeWordsReadInFrench(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, text := range []string{"je veux mettre fin à ma v*e", "je ne veux plus v*vre"} {
		if a := m.Analyze("fr", text); !a.Signals.Crisis {
			t.Errorf("Analyze(%q): no crisis; want one", text)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"ma v*e", "ma vie"},
		{"plus v*vre", "plus vivre"},
		// A look-alike left alone.
		{"le modèle V*-20", "le modèle V*-20"},
	} {
		if got := Uncensor(tt.in); got != tt.want {
			t.Errorf("Uncensor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

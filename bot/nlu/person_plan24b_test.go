package nlu

import "testing"

// TestPersonNotAskedInPlainWords24b: words of 3458c75 and 01f714b said of
// a contact another will make, was made or the writer will ask for
// themselves are no person asked for: "my bank will get in touch with
// me", « je viens d'avoir des nouvelles du service client », « je vais
// demander à quelqu'un de m'aider ». Asked of us, they still are
// (review24b).
func TestPersonNotAskedInPlainWords24b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		audience, lang, text string
		want                 bool
	}{
		{"customer", "en", "the courier said he would get in touch with me yesterday but nothing", false},
		{"customer", "en", "my bank will get in touch with me about the refund, thanks", false},
		{"employee", "en", "HR said they'd get in touch with me about the contract", false},
		{"customer", "fr", "je viens d'avoir des nouvelles du service client, tout est réglé merci", false},
		{"customer", "fr", "j'ai enfin pu avoir des nouvelles du service client, c'est bon", false},
		{"employee", "fr", "je vais demander à quelqu'un de m'aider, merci", false},
		{"customer", "fr", "j'ai dû demander à quelqu'un de m'expliquer comment faire", false},
		{"customer", "en", "can you get in touch with me", true},
		{"customer", "en", "could someone get in touch with me today", true},
		{"customer", "en", "get in touch with me asap please", true},
		{"customer", "fr", "ça serait bien d'avoir des nouvelles du service client", true},
		{"customer", "fr", "j'aimerais avoir des nouvelles du service client", true},
		{"customer", "fr", "merci de demander à un collègue de m'écrire", true},
		{"customer", "fr", "pouvez-vous demander à quelqu'un de m'appeler", true},
	} {
		if got := m.AnalyzeFor(tt.audience, tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

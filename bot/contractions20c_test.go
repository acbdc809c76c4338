package bot_test

import "testing"

// TestSaidWithoutApostrophes20c: what the first message said answers the
// flow's question however it is typed. "my order didnt come", "i havent
// received my parcel", "it hasnt arrived yet", "cant sign in to my
// account" (no apostrophe, as chat is typed), « j'arrive pas à me
// connecter à mon compte » (the « ne » dropped, as French is spoken) were
// asked "What happened with order AB-123456?" / "What's happening?" / «
// Que se passe-t-il ? » as if they had said nothing, while "didn't",
// "can't sign in" and the label's « Je n'arrive pas » were heard.
func TestSaidWithoutApostrophes20c(t *testing.T) {
	t.Parallel()
	const (
		never    = "You said it never arrived"
		late     = "You said it's late"
		noPass   = "I will never ask for your password"
		asked    = "What's happening?"
		motPasse = "je ne vous demanderai jamais votre mot de passe"
		demande  = "Que se passe-t-il ?"
		pasSure  = "What happened with order"
	)
	playTalks(t, []talk{
		{name: "en_didnt", turns: []string{"my order didnt come", "AB-123456"}, want: []string{never}, not: []string{pasSure}},
		{name: "en_havent", turns: []string{"i havent received my parcel", "AB-123456"}, want: []string{never}, not: []string{pasSure}},
		{name: "en_hasnt", turns: []string{"it hasnt arrived yet", "AB-123456"}, want: []string{late}, not: []string{pasSure}},
		{name: "en_cant", turns: []string{"cant sign in to my account"}, want: []string{noPass}, not: []string{asked}},
		{name: "fr_sans_ne", turns: []string{"j'arrive pas à me connecter à mon compte"}, want: []string{motPasse}, not: []string{demande}},
		{name: "fr_sans_apostrophe", turns: []string{"jarrive pas a me connecter a mon compte"}, want: []string{motPasse}, not: []string{demande}},
		// Guards: a denial typed without its apostrophe still denies.
		{name: "en_isnt_late", turns: []string{"my parcel isnt late, it arrived smashed", "AB-123456"}, not: []string{late}},
		{name: "fr_dont", turns: []string{"la commande dont je vous parle est en retard", "AB-123456"}, want: []string{"qu'elle est en retard"}},
	})
}

package bot_test

import "testing"

// TestCorrectsWhatTheFirstMessageSaid24: a button answered by the words
// that brought the person to the flow ("I can't sign in" answers "What's
// happening?") may be corrected in the next message, as one answered from
// an earlier message can (TestMemory14's corrected rows). Before, "I
// forgot my password" at "What e-mail address is your account registered
// with?" was answered "That doesn't look like an e-mail address"; now it
// changes the answer, and the e-mail question comes again, without the
// password warning said twice. A wrong address is still a wrong address.
func TestCorrectsWhatTheFirstMessageSaid24(t *testing.T) {
	t.Parallel()
	const (
		emailQ   = "What e-mail address is your account registered with?"
		emailQFR = "Avec quelle adresse e-mail votre compte est-il enregistré ?"
		invalid  = "doesn't look like an e-mail address"
		invalFR  = "ne ressemble pas à une adresse e-mail"
		warning  = "I will never ask for your password"
		warnFR   = "je ne vous demanderai jamais votre mot de passe"
		hacked   = "Thank you for telling us quickly"
		hackedFR = "Merci de nous prévenir rapidement"
		reset    = "Here's the safest way back in"
	)
	playTalks(t, []talk{
		{name: "en_forgot", turns: []string{"I can't sign in", "I forgot my password"}, want: []string{emailQ}, not: []string{invalid, warning}},
		{name: "fr_oublie", turns: []string{"je n'arrive pas à me connecter", "j'ai oublié mon mot de passe"}, want: []string{emailQFR}, not: []string{invalFR, warnFR}},
		{name: "en_hacked_then_email", turns: []string{"I can't sign in", "I think it was hacked", "me@example.com"}, want: []string{hacked}, not: []string{reset}},
		{name: "fr_pirate_puis_email", turns: []string{"je n'arrive pas à me connecter", "je pense qu'il a été piraté", "moi@exemple.fr"}, want: []string{hackedFR}},
		// Look-alikes: a wrong address is still one; a right one answers.
		{name: "en_wrong_address", turns: []string{"I can't sign in", "bob at gmail"}, want: []string{invalid}},
		{name: "fr_mauvaise_adresse", turns: []string{"je n'arrive pas à me connecter", "bob chez gmail"}, want: []string{invalFR}},
		{name: "en_address", turns: []string{"I can't sign in", "me@example.com"}, want: []string{reset}},
	})
}

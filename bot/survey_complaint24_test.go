package bot_test

import "testing"

// TestSurveyAnsweredWithAComplaint24: the satisfaction question ("from 1
// (poor) to 5 (great)", « de 1 (pas bien) à 5 (très bien) ») answered
// with a complaint about how we looked after the person. Before, "meh it
// took ages and now i have to wait again" and « c'était trop long » got
// "You're welcome." / « Je vous en prie. », as if thanked; "you never
// answered my question", "you didnt help at all" and « vous avez pas
// répondu à ma question » got the welcome greeting, as if the person had
// just arrived; "that was a waste of time" and « ça m'a servi à rien »
// got "Tell me in your own words what's worrying you"; « bof c'était
// long » got "I'm not sure I understood" and the menu. Now each is heard
// as what it is, a poor verdict: "I'm sorry we didn't look after you
// well this time". A new matter said at the question is still served.
func TestSurveyAnsweredWithAComplaint24(t *testing.T) {
	t.Parallel()
	const (
		sorry     = "I'm sorry we didn't look after you well"
		desole    = "je suis désolé que nous ne nous soyons pas bien occupés de vous"
		welcome   = "You're welcome"
		jevous    = "Je vous en prie"
		greeting  = "Hello, and welcome"
		bonjour   = "Bonjour et bienvenue"
		worrying  = "what's worrying you"
		inquiete  = "ce qui vous inquiète"
		notSure   = "not sure I understood"
		pasSur    = "pas sûr d'avoir compris"
		orderQ    = "What is your order number?"
		commandeQ = "Quel est votre numéro de commande ?"
	)
	bye := func(answers ...string) []string { return append([]string{"/bye"}, answers...) }
	revoir := func(answers ...string) []string { return append([]string{"merci, au revoir"}, answers...) }
	enNot := []string{welcome, greeting, worrying, notSure}
	frNot := []string{jevous, bonjour, inquiete, pasSur}
	playTalks(t, []talk{
		{name: "en_meh_took_ages", turns: bye("meh it took ages and now i have to wait again for a new one"), want: []string{sorry}, not: enNot},
		{name: "en_never_answered", turns: bye("you never answered my question"), want: []string{sorry}, not: enNot},
		{name: "en_didnt_help", turns: bye("you didnt help at all"), want: []string{sorry}, not: enNot},
		{name: "en_waste_of_time", turns: bye("honestly that was a waste of time"), want: []string{sorry}, not: enNot},
		{name: "fr_trop_long", turns: revoir("c etait trop long"), want: []string{desole}, not: frNot},
		{name: "fr_bof_long", turns: revoir("bof c'était long et maintenant je dois encore attendre"), want: []string{desole}, not: frNot},
		{name: "fr_pas_repondu", turns: revoir("vous avez pas répondu à ma question"), want: []string{desole}, not: frNot},
		{name: "fr_servi_a_rien", turns: revoir("ça m'a servi à rien"), want: []string{desole}, not: frNot},
		// Anger said at the question, in words or as an emoji: a poor
		// verdict too. Before, "😡" got the anger named, then "I'm not
		// sure I understood" and the menu.
		{name: "en_angry_emoji", turns: bye("😡"), want: []string{sorry}, not: enNot},
		{name: "en_fucking_ridiculous", turns: bye("this is fucking ridiculous"), want: []string{sorry}, not: enNot},
		{name: "fr_angry_emoji", turns: revoir("😡😡"), want: []string{desole}, not: frNot},
		{name: "fr_foutage_de_gueule", turns: revoir("c'est du foutage de gueule"), want: []string{desole}, not: frNot},
		{name: "en_joy_swearing", turns: bye("holy shit that was quick, thanks"), not: []string{sorry}},
		// Guards: a new matter is served, a denied complaint is none, and
		// praise is still thanked.
		{name: "en_new_matter", turns: bye("my parcel still hasnt arrived tho"), want: []string{orderQ}, not: []string{sorry}},
		{name: "fr_new_matter", turns: revoir("mon colis n'est toujours pas arrivé"), want: []string{commandeQ}, not: []string{desole}},
		{name: "en_not_too_long", turns: bye("it wasn't too long, thanks"), not: []string{sorry}},
		{name: "fr_pas_trop_long", turns: revoir("c'était pas trop long, merci"), not: []string{desole}},
		{name: "en_very_helpful", turns: bye("very helpful"), want: []string{welcome}, not: []string{sorry}},
	})
}

package desk

import (
	"strconv"
	"strings"
	"time"
)

// The desk's own words to the person waiting: how long, honestly. The
// flows say that a person is coming; these lines add what only the desk
// knows (the queue and recent waits, the business hours). Placeholders:
// {minutes} recent typical wait, {ahead} people ahead, {wait} the
// configured wait before the person is told nobody came, {hours} the
// business hours.
const (
	txtWaitUnknown = "wait_unknown"
	txtWaitAbout   = "wait_about"
	txtWaitShort   = "wait_short"
	txtAhead       = "ahead"
	txtAheadOne    = "ahead_one"
	txtUrgent      = "urgent"
	txtClosedHours = "closed_hours"
)

var texts = map[string]map[string]string{
	"en": {
		txtWaitUnknown: "I can't tell you exactly how long it will take. If nobody is free within {wait} minutes, I'll tell you honestly.",
		txtWaitAbout:   "Recently, people have waited about {minutes} minutes for someone. You can keep writing here meanwhile: they will read it.",
		txtWaitShort:   "Recently, someone has answered within a minute or two. You can keep writing here meanwhile: they will read it.",
		txtAhead:       "There are {ahead} people ahead of you.",
		txtAheadOne:    "There is one person ahead of you.",
		txtUrgent:      "I have alerted our team: a person will join you as soon as possible.",
		txtClosedHours: "Our team is not working right now (they are here {hours}), so nobody can join at the moment. You can leave them a message: they will reply when they are back.",
	},
	"fr": {
		txtWaitUnknown: "Je ne peux pas vous dire exactement combien de temps cela prendra. Si personne n'est libre d'ici {wait} minutes, je vous le dirai honnêtement.",
		txtWaitAbout:   "Ces derniers temps, l'attente a été d'environ {minutes} minutes. Vous pouvez continuer à écrire ici en attendant : ce sera lu.",
		txtWaitShort:   "Ces derniers temps, quelqu'un a répondu en une minute ou deux. Vous pouvez continuer à écrire ici en attendant : ce sera lu.",
		txtAhead:       "Il y a {ahead} personnes avant vous.",
		txtAheadOne:    "Il y a une personne avant vous.",
		txtUrgent:      "J'ai alerté notre équipe : une personne va vous rejoindre dès que possible.",
		txtClosedHours: "Notre équipe ne travaille pas en ce moment (horaires : {hours}), personne ne peut donc vous rejoindre tout de suite. Vous pouvez lui laisser un message : elle vous répondra à son retour.",
	},
}

// text renders the key in lang ("fr-FR" reads as fr), English when missing.
func text(lang, key string, vars map[string]string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	t, ok := texts[base][key]
	if !ok {
		t = texts["en"][key]
	}
	for k, v := range vars {
		t = strings.ReplaceAll(t, "{"+k+"}", v)
	}
	return t
}

// minutes rounds d up to whole minutes, at least 1.
func minutes(d time.Duration) string {
	m := int((d + time.Minute - 1) / time.Minute)
	return strconv.Itoa(max(1, m))
}

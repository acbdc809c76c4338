package slack

import "strings"

// The adapter's own words: the peer-support request in the shared channel,
// what volunteers see, and the one fallback line for a turn that failed. The
// conversation itself is written by the flows; these few lines belong to
// Slack's mechanics (buttons, group DMs), so they live here.
const (
	txtFallback      = "fallback"
	txtPeerRequest   = "peer_request"
	txtPeerButton    = "peer_button"
	txtPeerTaken     = "peer_taken"
	txtPeerClosed    = "peer_closed"
	txtPeerWasTaken  = "peer_was_taken"
	txtPeerWasClosed = "peer_was_closed"
	txtPeerOwn       = "peer_own"
	txtPeerIntro     = "peer_intro"
	txtPeerFailed    = "peer_failed"
	txtPeerError     = "peer_error"
	txtNotForYou     = "not_for_you"
)

// The desk's refusals to end a ticket, shown only to the agent who tried
// (see deskRefusals).
const (
	txtDeskNotYours    = "desk_not_yours"
	txtDeskUntaken     = "desk_untaken"
	txtDeskLeadsOnly   = "desk_leads_only"
	txtDeskTakenCancel = "desk_taken_cancel"
)

var texts = map[string]map[string]string{
	"en": {
		txtFallback:      "Sorry, something went wrong on my side. Please try again in a moment.",
		txtPeerRequest:   "A colleague would like to talk with someone who can listen. They stay anonymous: the first person to press the button is put in a private group chat with them.",
		txtPeerButton:    "I can listen",
		txtPeerTaken:     "✓ A colleague is listening. Thank you!",
		txtPeerClosed:    "This request has closed. Thank you for looking.",
		txtPeerWasTaken:  "Thank you! Someone else is already listening.",
		txtPeerWasClosed: "Thank you! This request has already closed.",
		txtPeerOwn:       "This is your own request: a colleague will pick it up.",
		txtPeerIntro:     "Hello %[1]s and %[2]s. %[2]s offered to listen: this group chat is just for the two of you, and I don't read it. Take your time.",
		txtPeerFailed:    "Thank you! I could not open the group chat, so I have let your colleague know.",
		txtPeerError:     "Sorry, I could not record that just now. Please press again in a moment.",
		txtNotForYou:     "These buttons are for the person who asked.",

		txtDeskNotYours:    "Only the colleague who took this conversation (or a desk lead) can resolve it or give it back to the bot. Nothing was changed; if they are away, ask a lead.",
		txtDeskUntaken:     "Nobody has taken this request yet, so it cannot be resolved: the person is still waiting for someone. Press *Take it* to answer them. (A desk lead can cancel a request nobody should answer.)",
		txtDeskLeadsOnly:   "Only a desk lead can cancel a request. Nothing was changed: the person is still waiting. Press *Take it* if you can answer them.",
		txtDeskTakenCancel: "Someone took this request meanwhile, so it was not cancelled. The colleague who holds it (or a desk lead) can resolve it.",
	},
	"fr": {
		txtFallback:      "Désolé, j'ai un souci de mon côté. Pouvez-vous réessayer dans un instant ?",
		txtPeerRequest:   "Un·e collègue aimerait parler à quelqu'un qui peut l'écouter. Son nom reste anonyme : la première personne qui appuie sur le bouton est mise en relation avec elle dans une conversation de groupe privée.",
		txtPeerButton:    "Je peux écouter",
		txtPeerTaken:     "✓ Un·e collègue est à l'écoute. Merci !",
		txtPeerClosed:    "Cette demande est close. Merci d'être passé·e.",
		txtPeerWasTaken:  "Merci ! Quelqu'un est déjà à l'écoute.",
		txtPeerWasClosed: "Merci ! Cette demande est déjà close.",
		txtPeerOwn:       "C'est votre propre demande : un·e collègue va la prendre.",
		txtPeerIntro:     "Bonjour %[1]s et %[2]s. %[2]s propose de vous écouter : cette conversation de groupe est pour vous deux seulement, et je ne la lis pas. Prenez votre temps.",
		txtPeerFailed:    "Merci ! Je n'ai pas pu ouvrir la conversation de groupe, j'ai prévenu votre collègue.",
		txtPeerError:     "Désolé, je n'ai pas pu l'enregistrer. Pouvez-vous appuyer à nouveau dans un instant ?",
		txtNotForYou:     "Ces boutons sont pour la personne qui a demandé.",

		txtDeskNotYours:    "Seul·e le ou la collègue qui a pris cette conversation (ou un·e responsable du desk) peut la clore ou la rendre au bot. Rien n'a changé ; en son absence, demandez à un·e responsable.",
		txtDeskUntaken:     "Personne n'a encore pris cette demande, elle ne peut donc pas être close : la personne attend toujours quelqu'un. Appuyez sur *Take it* pour lui répondre. (Un·e responsable du desk peut annuler une demande à laquelle personne ne doit répondre.)",
		txtDeskLeadsOnly:   "Seul·e un·e responsable du desk peut annuler une demande. Rien n'a changé : la personne attend toujours. Appuyez sur *Take it* si vous pouvez lui répondre.",
		txtDeskTakenCancel: "Quelqu'un a pris cette demande entre-temps, elle n'a donc pas été annulée. Le ou la collègue qui la tient (ou un·e responsable) peut la clore.",
	},
}

// text returns the adapter's line key in lang ("fr-FR" reads as fr),
// falling back to English.
func text(lang, key string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	if t, ok := texts[base][key]; ok {
		return t
	}
	return texts["en"][key]
}

package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPersonAskedByConstruction checks requests for a person said the way
// strangers write them (person14), by construction rather than by
// sentence: a person asked to act on the case ("could a human have a look
// at my file"), a case passed on or going to someone, whether it is
// possible to talk, who can talk to me, enough of the bot, the boss put
// on, a phone line with people, sorting it out on the phone. 17 of its
// 29 requests were missed before, and two look-alikes (one's own manager
// who must approve, a husband who wants the boiler looked at) were heard
// as requests; the other look-alikes (paying by phone, which team handles
// a topic, a manager who told me to write) stay calm.
func TestPersonAskedByConstruction(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		name, lang, text string
		escalate         bool
	}{
		// A person asked to act on the case.
		{"en_human_have_look", "en", "could an actual human have a quick look at my claim", true},
		{"en_someone_able", "en", "would anybody be able to help me out with my bill", true},
		{"en_if_someone_could", "en", "it would be great if somebody could check my account", true},
		{"en_want_someone_to", "en", "i need somebody to chase this up for me", true},
		{"en_ownership", "en", "i want a person to take ownership of my complaint", true},
		{"en_have_someone", "en", "please have somebody get in touch today", true},
		{"en_let_human", "en", "let a real agent deal with it", true},
		{"en_walk_through", "en", "can someone walk me through the new contract", true},
		// Passed on, going to someone, needing someone.
		{"en_pass_to", "en", "pass my complaint to somebody who can fix it", true},
		{"en_go_to", "en", "i'd like this to go to an actual person", true},
		{"en_needs_human", "en", "honestly this needs a human", true},
		{"en_put_on", "en", "put someone on please", true},
		{"en_put_in_touch", "en", "can i be put in touch with someone at head office", true},
		{"en_go_over_with", "en", "i'd like to go over my options with one of your advisors", true},
		// Whether it is possible, how to, who can.
		{"en_possible", "en", "is it possible to speak with an agent about this", true},
		{"en_any_chance", "en", "any chance i could talk to someone", true},
		{"en_how_get_to", "en", "how do i get to talk to a human here", true},
		{"en_how_hold", "en", "how can i get hold of a manager", true},
		{"en_who_can", "en", "who can i speak to about my missing parcel", true},
		// Enough of the bot, the boss, someone alone.
		{"en_enough_machine", "en", "i've had enough of talking to a robot", true},
		{"en_fed_up", "en", "fed up of this bot, honestly", true},
		{"en_someone_alone", "en", "this is going nowhere. anyone?", true},
		{"en_boss_on", "en", "get the boss on the phone", true},
		{"en_superior", "en", "i want to speak to your superior", true},
		// The phone with a person.
		{"en_line_people", "en", "is there a helpline with real people", true},
		{"en_number_where", "en", "a number where a real person picks up please", true},
		{"en_number_to_talk", "en", "which number do i ring to talk to an advisor", true},
		{"en_sort_phone", "en", "can we sort it out over the phone", true},
		{"en_can_you_ring", "en", "could you ring me this afternoon", true},
		// Look-alikes that stay calm.
		{"en_my_manager_told", "en", "my manager told me to contact you about the invoice", false},
		{"en_no_need_call", "en", "no need to call me, email me the details", false},
		{"en_dont_need_anyone", "en", "i don't need to talk to anyone, just cancel it", false},
		{"en_are_you_bot", "en", "are you a bot?", false},
		{"en_pay_phone", "en", "can we pay over the phone", false},
		{"en_rather_pay_phone", "en", "i'd rather pay on the phone than online", false},
		{"en_my_manager_approve", "en", "i need my manager to approve this first", false},
		{"en_boiler", "en", "my husband wants someone to look at the boiler", false},
		{"en_deliver_sunday", "en", "will anyone be able to deliver on sunday", false},
		{"en_complain_about", "en", "i want to complain about one of your colleagues", false},
		{"en_call_me_by", "en", "can you call me by my first name", false},
		{"en_enough_waiting", "en", "i've had enough of waiting, where is my order", false},
		{"en_who_topic", "en", "who do i talk to about a double charge", false},
		{"en_son_call", "en", "i'll get my son to call you", false},
		{"en_number_changed", "en", "the number where i can be reached has changed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Escalate != tt.escalate {
				t.Errorf("%q: escalate %v, want %v", tt.text, a.Escalate, tt.escalate)
			}
		})
	}
}

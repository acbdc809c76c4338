package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// resolvedFillers are the little words a message saying the problem went
// away may hold besides the resolved words: a change of mind's ("oh wait",
// "sorry", « ah c'est bon »), thanks, and what went away ("my parcel", «
// le remboursement »). A word that says more ("broken", "still", "never",
// « cassé », « toujours ») is none of them, and the message is read as
// before.
var resolvedFillers = func() map[string]bool {
	m := wordSet(`just already now finally actually my the your our it its this that parcel package order
		delivery refund money payment item box account password login great good news yay phew perfect
		and all well
		le la les l mon ma mes votre colis commande paquet remboursement argent paiement article compte mot
		passe vient deja enfin super genial bonne nouvelle ouf parfait tout et juste maintenant a
		you much lot very beaucoup mille fois`)
	for w := range changeWords {
		m[w] = true
	}
	for w := range joyWords {
		m[w] = true
	}
	return m
}()

// joyWords say the good news loudly, swearing for joy included ("holy
// shit it's here!! damn that was quick", « putain il est là, trop bien »):
// besides the resolved words and nothing else, they are joy, not anger
// (swearsForJoy).
var joyWords = wordSet(`holy shit fuck fucking fuckin damn bloody hell heck omg oh god wow yes yess yeah yay woohoo
	whoa lol haha that was so quick fast thank thanks goodness
	putain merde bordel punaise puree trop bien cool top oui ouais waouh wouah rapide vite merci ca c est il elle la`)

// swearsForJoy reports a message whose feelings heard, anger or distress
// ("holy shit" is both), may be the swearing of joy: resolvedByItself
// then lets its words say which (only resolved words and fillers: good
// news). Worry, loneliness, a loss or a crisis are never joy.
func (t *turn) swearsForJoy() bool {
	sig := t.an.Signals
	return !sig.Anxiety && !sig.Crisis && !sig.Lonely && !sig.Grief
}

// resolvedFlows are the categories of the flows whose problem may go away
// by itself while the person writes: a parcel arrives, a payment goes
// through, a password works, a refund lands.
var resolvedFlows = [...]string{flow.CategoryOrderDelivery, flow.CategoryBillingPayment, flow.CategoryAccountAccess, flow.CategoryCancelRefund}

// resolvedByItself reports a message that says the problem of the flow
// at its question went away by itself ("oh wait it just arrived, sorry",
// "it works now, thanks", « ah c'est bon il vient d'arriver »: common.yaml
// resolved_words, with only little words besides). A question ("has it
// arrived?"), a feeling, the question's own answer (an order number, a
// button) and anything more said ("it arrived broken") are not.
func (t *turn) resolvedByItself() bool {
	s, e := t.s, t.e
	if len(e.resolvedPhrases) == 0 || len(t.text) > 100 || strings.ContainsAny(t.text, "?¿") {
		return false
	}
	if _, ok := e.flows.Common.Messages[flow.MsgResolved]; !ok {
		return false
	}
	f := e.flows.Flow(s.Flow)
	st := t.waitingStep()
	if f == nil || st == nil || !slices.Contains(resolvedFlows[:], f.Category) || t.feeling() && !t.swearsForJoy() {
		return false
	}
	if !t.saysResolved() {
		return false
	}
	switch {
	case st.Choose != nil:
		return t.matchChoice(st.Choose) == nil
	case st.Ask != nil:
		_, ok := st.Ask.Answer(t.text)
		return !ok || st.Ask.Validate == flow.ValidateText
	}
	return true
}

// resolved ends the flow whose problem went away by itself: the good news
// acknowledged, and the other need the person came with, if any, next.
func (t *turn) resolved() {
	s := t.s
	f := t.e.flows.Flow(s.Flow)
	t.say(flow.MsgResolved)
	t.care(CareResolved, f.ID, "")
	began := s.Before
	t.reset()
	s.LastFlow, s.LastBefore = f.ID, began
	t.alsoNext()
}

// goodNews reports good news told with no problem under way, at the
// start or at the welcome's menu, as resolvedByItself hears it at a
// question: "my parcel just arrived, thank you so much!", « mon colis
// vient d'arriver, merci beaucoup ! ». Before, the words of the delivery
// started the order flow, which asked for the order number of a parcel
// that had come (fix24). A problem told with it ("it arrived broken"),
// one not gone ("still hasn't arrived") and a question are read as before.
func (t *turn) goodNews() bool {
	s, e := t.s, t.e
	if s.Handoff != nil || s.Pending != "" || s.Flow != "" && s.Flow != e.flows.Common.StartFlow || len(e.resolvedPhrases) == 0 || len(t.text) > 100 || strings.ContainsAny(t.text, "?¿") {
		return false
	}
	if _, ok := e.flows.Common.Messages[flow.MsgResolved]; !ok {
		return false
	}
	if t.feeling() && !t.swearsForJoy() {
		return false
	}
	// A lone word at the start names a need more often than news: «
	// remboursé », « réglé » typed as a keyword heard "glad it's sorted"
	// (review24). At a question, resolvedByItself still hears it.
	ws := t.words()
	return len(ws) >= 2 && covered(ws, e.resolvedPhrases, resolvedFillers)
}

// customerQuestion reports a customer's question asked by a colleague
// (nlu.Analysis.CustomerQuestion) that the flows have words for
// (customer_question): "where is my order", « je veux annuler ma commande »
// on the staff Slack got "Sorry, I didn't catch which one you meant", or
// peer support's "What's going on?" as if it were a hard day (fix24).
// A colleague who tells what happened (storySaid: "the order I packed was
// sent to the wrong address", "I can't log into my work account") is
// listened to, as the staff menu's free text hears them: before, they
// were told their words belonged to the customer chat and, in the same
// answer, listened to (review24).
func (t *turn) customerQuestion() bool {
	if !t.an.CustomerQuestion || t.e.audience(t.m.From) != flow.AudienceEmployee || t.s.Pending != "" || t.storySaid() {
		return false
	}
	_, ok := t.e.flows.Common.Messages[flow.MsgCustomerQuestion]
	return ok
}

// goneAfterNoted reports a problem that went away just after its matter
// was noted with nobody to come (Session.LastNoted: "I've noted that
// order AB-123456 is late… nobody from our team can join"), said as
// resolvedByItself hears it at a question ("oh wait it just arrived", «
// ah c'est bon il vient d'arriver »). Before, the router read it as the
// matter again and the order flow started over, asking for the order
// number (play23).
func (t *turn) goneAfterNoted() bool {
	s, e := t.s, t.e
	if !s.LastNoted || s.Flow != "" || s.Handoff != nil || len(e.resolvedPhrases) == 0 || len(t.text) > 100 || strings.ContainsAny(t.text, "?¿") {
		return false
	}
	if _, ok := e.flows.Common.Messages[flow.MsgResolved]; !ok {
		return false
	}
	f := e.flows.Flow(s.LastFlow)
	if f == nil || !slices.Contains(resolvedFlows[:], f.Category) || t.feeling() && !t.swearsForJoy() {
		return false
	}
	return covered(t.words(), e.resolvedPhrases, resolvedFillers)
}

// saysResolved reports a message made of resolved words with only little
// words besides (resolvedFillers), and maybe a never mind said with them
// (cancel_words: "nvm i found it", « laisse tomber il est arrivé »).
// Before, the never mind was a word that said more, and "nvm i found it"
// at "What is your order number?" heard "That doesn't look quite like an
// order number" (play25).
func (t *turn) saysResolved() bool {
	ws, e := t.words(), t.e
	if covered(ws, e.resolvedPhrases, resolvedFillers) {
		return true
	}
	return covered(ws, e.resolvedOrCancel, resolvedFillers) && holdsAny(ws, e.resolvedPhrases)
}

package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// closingFlow ends at once, asking how we did and offering a check-in.
const closingFlow = `id: parcel_check
title: {en: Parcel check, fr: Suivi de colis}
category: order_delivery
triggers:
  keywords:
    en: [zebra parcel]
    fr: [colis zèbre]
steps:
  - id: done
    end:
      text: {en: "I've passed your parcel question to our delivery team.", fr: "J'ai transmis votre question sur le colis à notre équipe livraison."}
      satisfaction: true
    follow_up:
      after: 24h
      consent:
        text: {en: "May I message you tomorrow to ask whether they wrote?", fr: "Puis-je vous écrire demain pour savoir s'ils vous ont écrit ?"}
        yes: {en: "Yes, please", fr: "Oui, volontiers"}
        no: {en: "No, thanks", fr: "Non merci"}
        agreed: {en: "All right: I'll check in tomorrow.", fr: "Entendu : je reviens vers vous demain."}
        declined: {en: "Of course: I won't message you.", fr: "Bien sûr : je ne vous écrirai pas."}
      check_in: {en: "Hello again: did our delivery team write to you?", fr: "Bonjour : notre équipe livraison vous a-t-elle écrit ?"}
      answers:
        - id: wrote
          label: {en: "Yes, they did", fr: "Oui"}
          text: {en: "I'm glad.", fr: "Tant mieux."}
`

// TestSurveyOnceWithFollowUp: a message that passes over the satisfaction
// question and reaches a flow that ends at once, asking how we did with a
// check-in to offer, is not asked the question a second time in the same
// turn (the end step's own question was kept from it, the one asked
// before the consent question was not): the consent question comes at once.
func TestSurveyOnceWithFollowUp(t *testing.T) {
	t.Parallel()
	set, err := parcelSet(t, closingFlow)
	if err != nil {
		t.Fatal(err)
	}
	survey := set.Common.Messages[flow.MsgSatisfaction].In("en", "en")
	const consent = "May I message you tomorrow"
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: memstore.NewFollowUps(), Now: func() time.Time { return now }})
	a := bot.Address{Platform: "telegram", Chat: "9", User: "9"}
	turn := func(id, text string) string {
		now = now.Add(time.Minute)
		rs, err := e.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, At: now})
		if err != nil {
			t.Fatal(err)
		}
		return texts(rs)
	}
	if got := turn("m2", "/bye"); !strings.Contains(got, survey) {
		t.Fatalf("the goodbye flow did not end with the satisfaction question:\n%s", got)
	}
	got := turn("m3", "zebra parcel")
	if !strings.Contains(got, "passed your parcel question") {
		t.Fatalf("the message did not reach the closing flow:\n%s", got)
	}
	if strings.Contains(got, survey) {
		t.Errorf("the satisfaction question asked again in the turn that passed it over:\n%s", got)
	}
	if !strings.Contains(got, consent) {
		t.Errorf("the check-in not offered at once:\n%s", got)
	}
}

package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/carebot/carebot/bot"
)

// Care records care outcomes that do not punish escalation: what the bot
// resolved, what it handed to a person and whether that was the right
// call, how long people waited for a human, satisfaction per flow and
// channel, and follow-up check-ins. Labels never name a person nor hold
// their words: flow, lang, channel, audience, vulnerable (yes/no) and
// small fixed sets of outcomes and reasons.
type Care struct {
	conversations *prometheus.CounterVec
	escalations   *prometheus.CounterVec
	timeToHuman   *prometheus.HistogramVec
	waitAbandoned *prometheus.CounterVec
	satisfaction  *prometheus.HistogramVec
	followUps     *prometheus.CounterVec
	fuCancelled   *prometheus.CounterVec
	fuAnswered    *prometheus.CounterVec
}

var _ bot.CareRecorder = (*Care)(nil)

// careLabels are the labels of every care metric about a conversation.
var careLabels = []string{"flow", "lang", "channel", "audience", "vulnerable"}

// CareSeries says which series to create at zero, so that dashboards and
// rates work from the start: the flows (id → audience), languages and channels.
type CareSeries struct {
	Flows     map[string]string
	Languages []string
	Channels  []string
}

// NewCare registers the care metrics on reg.
func NewCare(reg prometheus.Registerer, zero CareSeries) *Care {
	c := &Care{
		conversations: counterVec("carebot_care_conversations_total",
			"Conversations by outcome: resolved (a flow reached its end), handed_off (to a person), abandoned (silent mid-flow for followups.abandon_after; counted once, in the background, whether or not they write again).",
			append([]string{"outcome"}, careLabels...)...),
		escalations: counterVec("carebot_care_escalations_total",
			"Hand-offs to a person, appropriate=yes when the person asked, was in distress, vulnerable or in crisis (reason), else no.",
			append([]string{"appropriate", "reason"}, careLabels...)...),
		timeToHuman: histogramVec("carebot_care_time_to_human_seconds",
			"From the hand-off request to a person taking the conversation.",
			[]float64{10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 86400}, careLabels...),
		waitAbandoned: counterVec("carebot_care_waiting_abandoned_total",
			"People who left while waiting for a person: withdrew, or were silent for followups.waiting_abandon_after while nobody took the hand-off (counted once).",
			careLabels...),
		satisfaction: histogramVec("carebot_care_satisfaction_score",
			"Satisfaction answers (1 to 5) per flow and channel.",
			[]float64{1, 2, 3, 4, 5}, "flow", "channel"),
		followUps: counterVec("carebot_followups_total",
			"Follow-up check-ins by event: offered, declined, call_back (a phone call-back chosen instead), scheduled, sent, answered, cancelled.",
			append([]string{"event"}, careLabels...)...),
		fuCancelled: counterVec("carebot_followups_cancelled_total",
			"Follow-ups cancelled, by reason: person_wrote, crisis, handoff, forget, blocked, expired, stale, undeliverable, operator.",
			"reason", "channel"),
		fuAnswered: counterVec("carebot_followups_answered_total",
			"Check-in answers by outcome: resolved (resolved after all), unresolved (still a problem), other (the person wrote something else).",
			"outcome", "flow", "channel"),
	}
	reg.MustRegister(c.conversations, c.escalations, c.timeToHuman, c.waitAbandoned, c.satisfaction, c.followUps, c.fuCancelled, c.fuAnswered)
	lang := "en"
	if len(zero.Languages) > 0 {
		lang = zero.Languages[0]
	}
	for id, audience := range zero.Flows {
		for _, ch := range zero.Channels {
			l := []string{id, lang, ch, audience, "no"}
			for _, o := range []string{bot.CareResolved, bot.CareHandedOff, bot.CareAbandoned} {
				c.conversations.WithLabelValues(append([]string{o}, l...)...)
			}
			c.escalations.WithLabelValues(append([]string{"yes", bot.EscalationAsked}, l...)...)
			c.escalations.WithLabelValues(append([]string{"no", bot.EscalationOther}, l...)...)
			c.timeToHuman.WithLabelValues(l...)
			c.waitAbandoned.WithLabelValues(l...)
			c.satisfaction.WithLabelValues(id, ch)
			for _, ev := range []string{bot.FollowUpEvOffered, bot.FollowUpEvScheduled, bot.FollowUpEvSent, bot.FollowUpEvAnswered} {
				c.followUps.WithLabelValues(append([]string{ev}, l...)...)
			}
			for _, o := range []string{"resolved", "unresolved", "other"} {
				c.fuAnswered.WithLabelValues(o, id, ch)
			}
		}
	}
	for _, ch := range zero.Channels {
		for _, r := range []string{bot.CancelPersonWrote, bot.CancelHandoff, bot.CancelForget, bot.CancelBlocked, bot.CancelExpired, bot.CancelOperator} {
			c.fuCancelled.WithLabelValues(r, ch)
		}
	}
	return c
}

// Care implements bot.CareRecorder.
func (c *Care) Care(ev bot.CareEvent) {
	vul := "no"
	if ev.Vulnerable {
		vul = "yes"
	}
	flow := clipLabel(ev.Flow)
	l := []string{flow, clipLabel(ev.Lang), clipLabel(ev.Channel), clipLabel(ev.Audience), vul}
	switch ev.Kind {
	case bot.CareResolved, bot.CareAbandoned:
		c.conversations.WithLabelValues(append([]string{ev.Kind}, l...)...).Inc()
	case bot.CareHandedOff:
		c.conversations.WithLabelValues(append([]string{ev.Kind}, l...)...).Inc()
		appropriate := "no"
		if ev.Appropriate() {
			appropriate = "yes"
		}
		c.escalations.WithLabelValues(append([]string{appropriate, clipLabel(ev.Reason)}, l...)...).Inc()
	case bot.CareTimeToHuman:
		c.timeToHuman.WithLabelValues(l...).Observe(ev.Took.Seconds())
	case bot.CareWaitingAbandoned:
		c.waitAbandoned.WithLabelValues(l...).Inc()
	case bot.CareSatisfaction:
		if ev.Score >= 1 && ev.Score <= 5 {
			c.satisfaction.WithLabelValues(flow, clipLabel(ev.Channel)).Observe(float64(ev.Score))
		}
	case bot.CareFollowUp:
		c.followUps.WithLabelValues(append([]string{clipLabel(ev.Reason)}, l...)...).Inc()
		switch ev.Reason {
		case bot.FollowUpEvCancelled:
			c.fuCancelled.WithLabelValues(clipLabel(ev.Detail), clipLabel(ev.Channel)).Inc()
		case bot.FollowUpEvAnswered:
			c.fuAnswered.WithLabelValues(clipLabel(ev.Detail), flow, clipLabel(ev.Channel)).Inc()
		}
	}
}

// clipLabel keeps label values from flow files and platforms short.
func clipLabel(s string) string {
	if len(s) > 40 {
		return s[:40]
	}
	return s
}

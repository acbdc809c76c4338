package bot

import (
	"maps"

	"github.com/carebot/carebot/bot/flow"
)

// An agent who took a conversation and then went silent (went home, closed
// Slack, their terminal killed) left the person writing into a thread
// nobody read, for ever: "never promise a person who will not come". The
// desk watches the holder's silence once the person has written (see
// bot/desk/silence.go) and tells the engine, which tells the person the
// truth: once that the agent has not answered and the team was reminded,
// then that the request went back to the team's queue, or, when nobody
// else can come now, that the bot is back with them. Each line is said
// word for word (Verbatim): it names a person and promises nothing the
// LLM could make warmer than true.

// agentSilent tells the person, once, that the agent holding their
// conversation has not answered and the team was reminded. A person in
// crisis hears that the team was alerted again, as urgent, and the
// emergency number, never an invitation to cancel.
func (t *turn) agentSilent() {
	h := t.s.Handoff
	if h == nil || h.Status != HandoffTaken {
		return // ended or given back meanwhile: nobody is silent any more
	}
	t.res.outcome = OutcomeHandoff
	t.silentLine(flow.MsgHandoffAgentSilent, flow.MsgHandoffWaiting, h.Agent)
}

// agentSilentRequeued: the agent stayed silent after the reminder and the
// desk put the request back in its queue. The hand-off waits for an agent
// again (the desk's wait runs again), and the person is told so.
func (t *turn) agentSilentRequeued() {
	h := t.s.Handoff
	if h == nil || h.Status != HandoffTaken {
		return
	}
	t.res.outcome = OutcomeHandoff
	agent := h.Agent
	h.Status, h.Agent = HandoffWaiting, ""
	t.silentLine(flow.MsgHandoffAgentSilentRequeued, flow.MsgHandoffTimeout, agent)
}

// agentSilentEnded: the agent stayed silent and nobody else can come now
// (the desk closed): the bot is back with the person, as when an agent
// leaves the desk, with no score for a conversation nobody finished.
func (t *turn) agentSilentEnded() {
	h := t.s.Handoff
	if h == nil {
		return
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffAgentSilentEnded]; !ok {
		t.agentLeft()
		return
	}
	crisis := h.Priority == PriorityUrgent && h.Reason == crisisReason
	t.s.Handoff = nil
	t.reply(Reply{Text: t.e.message(flow.MsgHandoffAgentSilentEnded, t.lang, t.withAgent(h.Agent)), Verbatim: true}, []string{h.Agent})
	if crisis {
		t.reply(Reply{Text: t.e.message(flow.MsgCrisis, t.lang, t.s.Slots), Verbatim: true}, nil)
	}
	t.reset()
}

// silentLine says key (fallback when the flows lack it) about agent, or
// to a person in crisis crisis_agent_silent (crisis_timeout without it).
func (t *turn) silentLine(key, fallback, agent string) {
	h := t.s.Handoff
	if h.Priority == PriorityUrgent && h.Reason == crisisReason {
		key, fallback = flow.MsgCrisisAgentSilent, flow.MsgCrisisTimeout
	}
	if _, ok := t.e.flows.Common.Messages[key]; !ok {
		key = fallback
	}
	t.reply(Reply{Text: t.e.message(key, t.lang, t.withAgent(agent)), Verbatim: true}, []string{agent})
}

// withAgent is the session's slots with the agent's name, for a line that
// names them beside slots such as the emergency number.
func (t *turn) withAgent(agent string) map[string]string {
	vars := maps.Clone(t.s.Slots)
	if vars == nil {
		vars = map[string]string{}
	}
	vars["agent_name"] = agent
	return vars
}

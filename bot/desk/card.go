package desk

import (
	"fmt"
	"strings"
	"time"

	"github.com/carebot/carebot/bot"
)

// card renders a ticket for the board: what an agent reads in ten seconds.
// The person appears as their platform and a short conversation hash:
// never a name, a handle, a phone number or an e-mail address. Its words
// are the flows' texts.yaml (desk.card_*), in the desk's language.
func (d *Desk) card(t Ticket) Card {
	c := Card{Ticket: t.ID, Channel: t.Channel, Urgent: t.Priority == bot.PriorityUrgent, State: t.Status,
		LeadCancel: t.Status == bot.HandoffWaiting && len(d.cfg.Leads) > 0}
	prio := map[bot.Priority]string{bot.PriorityUrgent: "desk.priority_urgent", bot.PriorityHigh: "desk.priority_high", bot.PriorityNormal: "desk.priority_normal"}[t.Priority]
	c.Title = d.board("desk.card_title", "priority", d.board(prio), "reason", orDash(t.Reason), "queue", t.Queue)
	s := t.Summary
	c.Lines = append(c.Lines, d.board("desk.card_who", "platform", d.platformName(t.Address.Platform), "audience", d.audience(t.Address.Platform),
		"conversation", t.Address.Hash(), "language", orDash(t.Lang)))
	if s.Asked != "" {
		c.Lines = append(c.Lines, d.board("desk.card_asked", "text", s.Asked))
	}
	if s.Latest != "" {
		c.Lines = append(c.Lines, d.board("desk.card_latest", "text", s.Latest))
	}
	if len(s.Slots) > 0 {
		var kv []string
		for _, sl := range s.Slots {
			kv = append(kv, sl.Name+" = "+sl.Value)
		}
		c.Lines = append(c.Lines, d.board("desk.card_collected", "slots", strings.Join(kv, " · ")))
	}
	if len(s.Signals) > 0 {
		c.Lines = append(c.Lines, d.board("desk.card_signals", "signals", strings.Join(s.Signals, ", ")))
	} else {
		c.Lines = append(c.Lines, d.board("desk.card_no_signals"))
	}
	if t.Message != "" {
		c.Lines = append(c.Lines, d.board("desk.card_message", "text", t.Message))
	}
	if len(s.Turns) > 0 {
		c.Lines = append(c.Lines, d.board("desk.card_last_turns"))
		for _, tu := range s.Turns {
			who := d.board("desk.speaker_bot")
			if tu.From == bot.SpeakerPerson {
				who = d.board("desk.speaker_person")
			} else if tu.From == bot.SpeakerAgent {
				who = d.board("desk.speaker_agent")
			}
			c.Lines = append(c.Lines, "  "+who+": "+tu.Text)
		}
	}
	c.Status = d.statusLine(t)
	return c
}

// board renders a text of the board in the desk's language, with its
// placeholders given as name, value pairs.
func (d *Desk) board(key string, kv ...string) string {
	var vars map[string]string
	if len(kv) > 0 {
		vars = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			vars[kv[i]] = kv[i+1]
		}
	}
	return d.cfg.Texts.Text(key, d.cfg.Lang, vars)
}

func (d *Desk) statusLine(t Ticket) string {
	switch t.Status {
	case bot.HandoffWaiting:
		if t.TimedOut {
			return d.board("desk.status_timed_out")
		}
		return d.board("desk.status_waiting", "time", t.Opened.UTC().Format("15:04 UTC"))
	case bot.HandoffTaken:
		return d.board("desk.status_taken", "agent", t.AgentName, "after", short(t.Taken.Sub(t.Opened)), "note", fmt.Sprintf("%q", NotePrefix))
	default:
		return d.outcomeLine(t)
	}
}

func (d *Desk) outcomeLine(t Ticket) string {
	var s string
	switch t.Outcome {
	case OutcomeResolved:
		s = d.board("desk.outcome_resolved")
	case OutcomeBot:
		s = d.board("desk.outcome_bot")
	case OutcomeLeft:
		s = d.board("desk.outcome_left")
	case OutcomeSilent:
		s = d.board("desk.outcome_silent")
	case OutcomeCancelled:
		return d.board("desk.outcome_cancelled")
	case OutcomeSuperseded:
		return d.board("desk.outcome_superseded")
	case OutcomeForgotten:
		return d.board("desk.outcome_forgotten")
	case OutcomeCancelledByTeam:
		return d.board("desk.outcome_team_cancelled")
	default:
		s = d.board("desk.outcome_closed")
	}
	if t.AgentName != "" {
		s += " · " + d.board("desk.outcome_held_by", "agent", t.AgentName)
	}
	if !t.FirstReply.IsZero() {
		s += " · " + d.board("desk.outcome_first_reply", "after", short(t.FirstReply.Sub(t.Opened)))
	} else {
		s += " · " + d.board("desk.outcome_no_reply")
	}
	return s
}

// heldLine names a ticket an agent holds, for the /resolve command's
// answer: what the card shows, without the person's words.
func (d *Desk) heldLine(t Ticket) string {
	return d.board("desk.held_line", "platform", d.platformName(t.Address.Platform), "audience", d.audience(t.Address.Platform),
		"conversation", t.Address.Hash(), "queue", t.Queue, "time", t.Taken.UTC().Format("15:04 UTC"))
}

func (d *Desk) platformName(p string) string {
	switch p {
	case "telegram":
		return "Telegram"
	case "slack":
		return "Slack"
	case "console":
		return d.board("desk.platform_console")
	}
	return p
}

func (d *Desk) audience(p string) string {
	if p == "slack" {
		return d.board("desk.audience_employee")
	}
	return d.board("desk.audience_customer")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// short writes a duration for people: 45s, 3m, 1h20m.
func short(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
}

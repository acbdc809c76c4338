package desk

import (
	"fmt"
	"strings"
	"time"

	"github.com/carebot/carebot/bot"
)

// card renders a ticket for the board: what an agent reads in ten seconds.
// The person appears as their platform and a short conversation hash:
// never a name, a handle, a phone number or an e-mail address.
func (d *Desk) card(t Ticket) Card {
	c := Card{Ticket: t.ID, Channel: t.Channel, Urgent: t.Priority == bot.PriorityUrgent, State: t.Status,
		LeadCancel: t.Status == StatusWaiting && len(d.cfg.Leads) > 0}
	icon := map[bot.Priority]string{bot.PriorityUrgent: "🔴 URGENT", bot.PriorityHigh: "🟠 High priority", bot.PriorityNormal: "🟢 Normal"}[t.Priority]
	c.Title = fmt.Sprintf("%s · %s · queue %s", icon, orDash(t.Reason), t.Queue)
	s := t.Summary
	c.Lines = append(c.Lines, fmt.Sprintf("Who: %s %s · conversation %s · language %s", platformName(t.Address.Platform), audience(t.Address.Platform), t.Address.Hash(), orDash(t.Lang)))
	if s.Asked != "" {
		c.Lines = append(c.Lines, "Asked: “"+s.Asked+"”")
	}
	if len(s.Slots) > 0 {
		var kv []string
		for _, sl := range s.Slots {
			kv = append(kv, sl.Name+" = "+sl.Value)
		}
		c.Lines = append(c.Lines, "Collected: "+strings.Join(kv, " · "))
	}
	if len(s.Signals) > 0 {
		c.Lines = append(c.Lines, "Care signals: "+strings.Join(s.Signals, ", "))
	} else {
		c.Lines = append(c.Lines, "Care signals: none noticed")
	}
	if t.Message != "" {
		c.Lines = append(c.Lines, "📝 Left a message: “"+t.Message+"”")
	}
	if len(s.Turns) > 0 {
		c.Lines = append(c.Lines, "Last turns:")
		for _, tu := range s.Turns {
			who := "bot"
			if tu.From == bot.SpeakerPerson {
				who = "person"
			} else if tu.From == bot.SpeakerAgent {
				who = "agent"
			}
			c.Lines = append(c.Lines, "  "+who+": "+tu.Text)
		}
	}
	c.Status = d.statusLine(t)
	return c
}

func (d *Desk) statusLine(t Ticket) string {
	switch t.Status {
	case StatusWaiting:
		s := "⏳ Waiting since " + t.Opened.UTC().Format("15:04 UTC") + " · press Take it to answer"
		if t.TimedOut {
			s = "⏰ Nobody took it in time: the person was told · still open, press Take it"
		}
		return s
	case StatusTaken:
		return fmt.Sprintf("✋ Taken by %s after %s · reply in the thread (start with %q to keep a note internal)", t.AgentName, short(t.Taken.Sub(t.Opened)), NotePrefix)
	default:
		return outcomeLine(t)
	}
}

func outcomeLine(t Ticket) string {
	var s string
	switch t.Outcome {
	case OutcomeResolved:
		s = "✅ Resolved"
	case OutcomeBot:
		s = "↩️ Given back to the bot"
	case OutcomeCancelled:
		return "✖️ Withdrawn by the person"
	case OutcomeSuperseded:
		return "➡️ Replaced by a newer hand-off of the same conversation"
	case OutcomeForgotten:
		return "🗑️ The person asked carebot to forget them: closed, and their words were removed from this message"
	case OutcomeCancelledByTeam:
		return "🚫 Cancelled by a desk lead without being taken: the person was told the team closed it, and can ask again"
	default:
		s = "Closed"
	}
	if t.AgentName != "" {
		s += " · held by " + t.AgentName
	}
	if !t.FirstReply.IsZero() {
		s += " · first human reply after " + short(t.FirstReply.Sub(t.Opened))
	} else {
		s += " · no human reply"
	}
	return s
}

// heldLine names a ticket an agent holds, for the /resolve command's
// answer: what the card shows, without the person's words.
func heldLine(t Ticket) string {
	return fmt.Sprintf("%s %s · conversation %s · queue %s · taken at %s", platformName(t.Address.Platform), audience(t.Address.Platform),
		t.Address.Hash(), t.Queue, t.Taken.UTC().Format("15:04 UTC"))
}

func platformName(p string) string {
	switch p {
	case "telegram":
		return "Telegram"
	case "slack":
		return "Slack"
	case "console":
		return "Terminal"
	}
	return p
}

func audience(p string) string {
	if p == "slack" {
		return "employee"
	}
	return "customer"
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

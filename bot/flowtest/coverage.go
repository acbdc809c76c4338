package flowtest

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

// Coverage is what the conversations reached, per language: the steps
// entered and the buttons chosen.
type Coverage struct {
	set     *flow.Set
	mu      sync.Mutex
	steps   map[string]bool // lang/flow/step
	buttons map[string]bool // lang/flow/step/choice
}

func newCoverage(set *flow.Set) *Coverage {
	return &Coverage{set: set, steps: map[string]bool{}, buttons: map[string]bool{}}
}

func (c *Coverage) add(ev bot.TraceEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := ev.Lang + "/" + ev.Flow + "/" + ev.Step
	if ev.Choice == "" {
		c.steps[k] = true
		return
	}
	c.buttons[k+"/"+ev.Choice] = true
}

// Missed is what no conversation reached in one flow and language.
type Missed struct {
	Flow, Lang                 string
	Steps                      []string // step ids
	Buttons                    []string // step/choice
	StepTotal, ButtonTotal     int
	StepReached, ButtonReached int
}

// Missed lists, per flow and language of the set, what no conversation
// reached; flows and languages where everything was reached are listed too,
// with empty Steps and Buttons.
func (c *Coverage) Missed() []Missed {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Missed
	for _, id := range c.set.Order {
		f := c.set.Flows[id]
		for _, lang := range c.set.Common.Languages {
			m := Missed{Flow: id, Lang: lang}
			for _, st := range f.Steps {
				m.StepTotal++
				if c.steps[lang+"/"+id+"/"+st.ID] {
					m.StepReached++
				} else {
					m.Steps = append(m.Steps, st.ID)
				}
				if st.Choose == nil {
					continue
				}
				for _, ch := range st.Choose.Choices {
					m.ButtonTotal++
					if c.buttons[lang+"/"+id+"/"+st.ID+"/"+ch.ID] {
						m.ButtonReached++
					} else {
						m.Buttons = append(m.Buttons, st.ID+"/"+ch.ID)
					}
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// Totals sums Missed: steps and buttons reached, and how many there are,
// over every flow and language.
func (c *Coverage) Totals() (steps, stepTotal, buttons, buttonTotal int) {
	for _, m := range c.Missed() {
		steps += m.StepReached
		stepTotal += m.StepTotal
		buttons += m.ButtonReached
		buttonTotal += m.ButtonTotal
	}
	return
}

// Write prints the coverage for people: one line per flow and language
// with what is missing, then the totals.
func (c *Coverage) Write(w io.Writer) {
	for _, m := range c.Missed() {
		line := fmt.Sprintf("%-16s %s  steps %d/%d  buttons %d/%d", m.Flow, m.Lang, m.StepReached, m.StepTotal, m.ButtonReached, m.ButtonTotal)
		if len(m.Steps) > 0 {
			line += "  steps not reached: " + strings.Join(m.Steps, ", ")
		}
		if len(m.Buttons) > 0 {
			line += "  buttons not pressed: " + strings.Join(m.Buttons, ", ")
		}
		fmt.Fprintln(w, line)
	}
	s, st, b, bt := c.Totals()
	fmt.Fprintf(w, "coverage: steps %d/%d (%s), buttons %d/%d (%s)\n", s, st, pct(s, st), b, bt, pct(b, bt))
}

func pct(a, b int) string {
	if b == 0 {
		return "100%"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

package bot

import "slices"

// SaidButtons returns the buttons that flow flowID's if_said conditions
// name (flow.Case.Said) and that text, starting that flow in lang, names
// as the engine hears it (saidChoice: by label or synonyms): what carebot
// flows route and the studio show beside the care signals, so that a
// lead sees why "my coworker said he'd hurt me" went to the harassment
// question. Before, neither showed it (fix25).
func (e *Engine) SaidButtons(flowID, lang, text string) []string {
	v := e.current()
	f := v.flows.Flow(flowID)
	if f == nil || text == "" {
		return nil
	}
	if lang == "" {
		lang = v.defaultLang()
	}
	t := &turn{e: v, s: &Session{Flow: flowID, Lang: lang}, m: &Message{Text: text}, text: text, lang: lang, started: true, ackReply: -1}
	var out []string
	for _, st := range f.Steps {
		for _, c := range st.Branch {
			if c.Said != "" && !slices.Contains(out, c.Said) && t.saidChoice(c.Said) {
				out = append(out, c.Said)
			}
		}
	}
	return out
}

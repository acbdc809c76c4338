package llm

import "github.com/carebot/carebot/bot/flow"

// Protect returns script as the model sees it: personal data replaced by placeholders.
func Protect(script string, slots []string) string { return protect(script, slots).text }

// Added returns the content stems candidate adds to script, and the
// script's own count of content stems (for the measurements).
func Added(script, candidate string, slots []string) (added []string, scriptStems int) {
	s, c := normalize(script), normalize(candidate)
	return addedStems(s, c, slots), len(contentStems(words(flow.Fold(s))))
}

package llm

// Protect returns script as the model sees it: personal data replaced by placeholders.
func Protect(script string, slots []string) string { return protect(script, slots).text }

// Package prompts holds the built-in prompt templates of carebot's optional
// LLM rephrasing (see README.md). Support leads edit the *.tmpl files; a
// deployment can swap in its own folder with CAREBOT_PROMPTS_DIR, and
// bot/llm.ValidatePrompts checks either at start.
package prompts

import "embed"

// FS holds the built-in templates: rephrase.tmpl, customer.tmpl and employee.tmpl.
//
//go:embed *.tmpl
var FS embed.FS

package llm_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/bot/llm/llmtest"
	"github.com/carebot/carebot/prompts"
)

// The built-in prompts, embedded and on disk, are valid: every edit a
// support lead makes to prompts/ runs through this in CI.
func TestBuiltinPromptsValid(t *testing.T) {
	t.Parallel()
	if err := llm.ValidatePrompts(prompts.FS); err != nil {
		t.Errorf("ValidatePrompts(prompts.FS):\n%v", err)
	}
	if err := llm.ValidatePrompts(os.DirFS("../../prompts")); err != nil {
		t.Errorf("ValidatePrompts(prompts/):\n%v", err)
	}
}

func TestValidatePrompts(t *testing.T) {
	t.Parallel()
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"rephrase.tmpl": {Data: []byte("{{.Persona}}\nRewrite in {{.Language}}.\n")},
			"customer.tmpl": {Data: []byte("You help customers.")},
			"employee.tmpl": {Data: []byte("You help colleagues.")},
			"README.md":     {Data: []byte("not a template")},
		}
	}
	with := func(name, text string) fstest.MapFS {
		fsys := good()
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
		return fsys
	}
	without := func(name string) fstest.MapFS {
		fsys := good()
		delete(fsys, name)
		return fsys
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string // every line of the error, in order
	}{
		{"good", good(), nil},
		{"parse_error", with("rephrase.tmpl", "Rewrite.\n\n{{if .Mood}}calm down\n"),
			[]string{"rephrase.tmpl:4: unexpected EOF"}},
		{"unknown_function", with("customer.tmpl", "You are {{titel .Audience}}."),
			[]string{`customer.tmpl:1: function "titel" not defined`}},
		{"unknown_field", with("employee.tmpl", "Colleagues.\n  {{.Nme}}"),
			[]string{"employee.tmpl:2:5: <.Nme>: can't evaluate field Nme in type llm.PromptData"}},
		{"field_in_branch", with("rephrase.tmpl", "Rewrite.\n{{if eq .Lang \"fr\"}}{{.Vous}}{{end}}"),
			[]string{"rephrase.tmpl:2:23: <.Vous>: can't evaluate field Vous in type llm.PromptData"}},
		{"renders_nothing", with("rephrase.tmpl", "{{if .Mood}}Be kind.{{end}}"),
			[]string{`rephrase.tmpl: renders no text (audience customer, language en, tone "")`}},
		{"missing", without("employee.tmpl"), []string{"employee.tmpl: missing prompt template"}},
		// An editor's temporary file or Emacs's lock (".#rephrase.tmpl")
		// is no template of the folder's, as the flows loader skips them.
		{"editor_files_skipped", func() fstest.MapFS {
			fsys := with(".#rephrase.tmpl", "{{")
			fsys[".draft.tmpl"] = &fstest.MapFile{Data: []byte("x")}
			return fsys
		}(), nil},
		{"misspelt", with("costumer.tmpl", "x"),
			[]string{"costumer.tmpl: unknown prompt template; want one of rephrase.tmpl, customer.tmpl, employee.tmpl"}},
		{"every_problem_at_once", func() fstest.MapFS {
			fsys := with("customer.tmpl", "{{end}}")
			fsys["rephrase.tmpl"] = &fstest.MapFile{Data: []byte("ok\n{{")}
			delete(fsys, "employee.tmpl")
			return fsys
		}(), []string{
			"customer.tmpl:1: unexpected {{end}}",
			"rephrase.tmpl:2: unclosed action",
			"employee.tmpl: missing prompt template",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := llm.ValidatePrompts(tt.fsys)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("ValidatePrompts: %v", err)
				}
				return
			}
			var pe llm.PromptErrors
			if !errors.As(err, &pe) {
				t.Fatalf("ValidatePrompts = %v, want PromptErrors", err)
			}
			if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("ValidatePrompts:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// TestReloadPrompts: valid templates are used from the next rephrase on;
// broken ones are refused with their problems and the old ones stay.
func TestReloadPrompts(t *testing.T) {
	t.Parallel()
	srv := llmtest.NewServer(t, llmtest.Faithful())
	r := newRephraser(t, llm.Config{BaseURL: srv.URL})
	system := func() string {
		t.Helper()
		if _, err := r.Rephrase(t.Context(), orderReq); err != nil {
			t.Fatalf("Rephrase: %v", err)
		}
		reqs := srv.Requests()
		w, _ := decode(t, reqs[len(reqs)-1].Body)
		return w.Messages[0].Content
	}
	edited := fstest.MapFS{
		"rephrase.tmpl": {Data: []byte("{{.Persona}}\nRewrite in {{.Language}}, warmly.\n")},
		"customer.tmpl": {Data: []byte("You help customers after the edit.")},
		"employee.tmpl": {Data: []byte("You help colleagues.")},
	}
	if err := r.ReloadPrompts(edited); err != nil {
		t.Fatal(err)
	}
	if got := system(); !strings.Contains(got, "after the edit") {
		t.Errorf("system prompt after reload = %q", got)
	}
	broken := fstest.MapFS{
		"rephrase.tmpl": {Data: []byte("{{.Persona}\n")},
		"customer.tmpl": {Data: []byte("broken")},
		"employee.tmpl": {Data: []byte("broken")},
	}
	var pe llm.PromptErrors
	if err := r.ReloadPrompts(broken); !errors.As(err, &pe) {
		t.Fatalf("ReloadPrompts(broken) = %v, want PromptErrors", err)
	}
	if got := system(); !strings.Contains(got, "after the edit") {
		t.Errorf("a broken reload changed the prompt: %q", got)
	}
}

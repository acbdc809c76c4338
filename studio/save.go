package studio

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/carebot/carebot/bot/flowtest"
)

// The shape of a test file as "Save as test" writes it (see
// bot/flowtest/format.go for the format): the keys in the order a lead
// reads them, what happens first, then what must be true.
type testFile struct {
	Conversations []testConv `yaml:"conversations"`
}

type testConv struct {
	Name       string     `yaml:"name"`
	Lang       string     `yaml:"lang,omitempty"`
	Audience   string     `yaml:"audience,omitempty"`
	Vulnerable []string   `yaml:"vulnerable,omitempty,flow"`
	Nobody     bool       `yaml:"nobody,omitempty"`
	Turns      []testTurn `yaml:"turns"`
}

type testTurn struct {
	Person  string            `yaml:"person,omitempty"`
	Press   string            `yaml:"press,omitempty"`
	Event   string            `yaml:"event,omitempty"`
	Says    string            `yaml:"says,omitempty"`
	Buttons []string          `yaml:"buttons,omitempty,flow"`
	Flow    string            `yaml:"flow,omitempty"`
	Step    string            `yaml:"step,omitempty"`
	Slots   map[string]string `yaml:"slots,omitempty,flow"`
	Signals []string          `yaml:"signals,omitempty,flow"`
	Handoff *testHandoff      `yaml:"handoff,omitempty,flow"`
	Safety  bool              `yaml:"safety,omitempty"`
}

type testHandoff struct {
	Queue    string `yaml:"queue"`
	Priority string `yaml:"priority"`
}

// snippet writes conversation c as a test file, named name.
func snippet(c *conversation, name string) ([]byte, error) {
	if len(c.turns) == 0 {
		return nil, errors.New("nothing to save yet: try a conversation first")
	}
	tc := testConv{Name: name, Lang: c.settings.Lang, Vulnerable: c.settings.Vulnerable, Nobody: !c.settings.Desk}
	if c.settings.Audience == "employee" {
		tc.Audience = "employee"
	}
	for _, r := range c.turns {
		tt := testTurn{Person: r.Person, Press: r.Press, Event: r.Event, Says: r.Says, Buttons: r.Buttons, Flow: r.Flow, Step: r.Step, Slots: r.Slots, Signals: r.Signals, Safety: r.Safety}
		if r.Flow == "" {
			tt.Step = "none"
		}
		if r.Handoff != nil {
			tt.Handoff = &testHandoff{Queue: r.Handoff.Queue, Priority: r.Handoff.Priority}
		}
		tc.Turns = append(tc.Turns, tt)
	}
	var b bytes.Buffer
	b.WriteString("# yaml-language-server: $schema=../schema/test.schema.json\n")
	b.WriteString("# Saved from the flow studio's Try it. Check that each turn's says: is\n# what matters, and shorten what does not.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(testFile{Conversations: []testConv{tc}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeTest writes data into dir/tests as a new file named after name and
// returns its path; it never overwrites a file.
func writeTest(dir, name string, data []byte) (string, error) {
	slug := strings.Map(func(r rune) rune {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return unicode.ToLower(r)
		default:
			return '_'
		}
	}, name)
	slug = strings.Trim(slug, "_")
	for strings.Contains(slug, "__") {
		slug = strings.ReplaceAll(slug, "__", "_")
	}
	if len(slug) > 40 {
		slug = slug[:40]
	}
	if slug == "" {
		slug = "conversation"
	}
	tests := filepath.Join(dir, flowtest.Dir)
	if err := os.MkdirAll(tests, 0o755); err != nil {
		return "", err
	}
	for i := 1; i < 100; i++ {
		base := "studio_" + slug
		if i > 1 {
			base += fmt.Sprintf("_%d", i)
		}
		p := filepath.Join(tests, base+".yaml")
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return "", err
		}
		return p, f.Close()
	}
	return "", fmt.Errorf("too many tests named %q in %s", slug, tests)
}

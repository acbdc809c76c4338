package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the design card's rules: the engine knows no
// SDK, and each third-party SDK has exactly one importer (with its test
// helpers beside it, such as telegramtest).
func TestDependencyDirection(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/carebot/carebot"
	owners := map[string]string{
		"github.com/redis/go-redis/v9":                       mod + "/bot/redisstore",
		"github.com/sashabaranov/go-openai":                  mod + "/bot/llm",
		"github.com/go-telegram-bot-api/telegram-bot-api/v5": mod + "/adapters/telegram",
		"github.com/slack-go/slack":                          mod + "/adapters/slack",
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			for sdk, owner := range owners {
				if (imp == sdk || strings.HasPrefix(imp, sdk+"/")) && pkg != owner && !strings.HasPrefix(pkg, owner+"/") {
					t.Errorf("%s imports %s: only %s may", pkg, imp, owner)
				}
			}
			// adapters/internal holds what every adapter shares (the turn runner).
			if strings.HasPrefix(pkg, mod+"/adapters/") && strings.HasPrefix(imp, mod+"/adapters/") &&
				!strings.HasPrefix(imp, pkg) && !strings.HasPrefix(imp, mod+"/adapters/internal/") {
				t.Errorf("adapter %s imports adapter %s", pkg, imp)
			}
		}
	}

	deps, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./bot").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if !strings.HasPrefix(d, mod) && !strings.HasPrefix(d, "go.yaml.in/") {
			t.Errorf("the engine depends on %s: it may use only the standard library and YAML", d)
		}
		for _, banned := range []string{"/adapters/", "/bot/redisstore", "/bot/memstore", "/bot/llm", "/desk"} {
			if strings.HasPrefix(d, mod) && strings.Contains(d, banned) {
				t.Errorf("the engine depends on %s", d)
			}
		}
	}
}

package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestArchitecture keeps ARCHITECTURE.md true: every package it names
// exists, the path of a message it lists is at most 8 files that exist,
// and the dependency rules it states hold (the engine knows no SDK and no
// store, desk or adapter; each SDK has one importer, with its test helpers
// beside it; adapters are imported by the root only).
func TestArchitecture(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/carebot/carebot"
	out, err := goList("-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...")
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}

	text := string(doc)
	named := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(text, -1)
	if len(named) < 10 {
		t.Fatalf("ARCHITECTURE.md names %d packages in its table, want the map of the tree", len(named))
	}
	for _, m := range named {
		pkg := mod
		if m[1] != "." {
			pkg += "/" + m[1]
		}
		if _, ok := imports[pkg]; !ok {
			t.Errorf("ARCHITECTURE.md names package %s, which does not exist", m[1])
		}
	}

	_, path, _ := strings.Cut(text, "## The path of one message")
	path, _, _ = strings.Cut(path, "\n## ")
	files := regexp.MustCompile("(?m)^\\d+\\. `([^`]+\\.go)`").FindAllStringSubmatch(path, -1)
	if len(files) == 0 || len(files) > 8 {
		t.Errorf("the path of a message lists %d files, want 1 to 8", len(files))
	}
	for _, f := range files {
		if _, err := os.Stat(f[1]); err != nil {
			t.Errorf("the path of a message names %s: %v", f[1], err)
		}
	}

	sdks := map[string]string{
		"github.com/redis/go-redis/v9":                       mod + "/bot/redisstore",
		"github.com/sashabaranov/go-openai":                  mod + "/bot/llm",
		"github.com/go-telegram-bot-api/telegram-bot-api/v5": mod + "/adapters/telegram",
		"github.com/slack-go/slack":                          mod + "/adapters/slack",
		"github.com/prometheus/client_golang":                mod + "/metrics",
	}
	under := func(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }
	for pkg, imps := range imports {
		for _, imp := range imps {
			for sdk, owner := range sdks {
				if under(imp, sdk) && !under(pkg, owner) {
					t.Errorf("%s imports %s: only %s may", pkg, imp, owner)
				}
			}
			isAdapter := under(imp, mod+"/adapters")
			switch {
			case isAdapter && pkg != mod && !under(pkg, mod+"/adapters"):
				t.Errorf("%s imports adapter %s: adapters import the engine, never the reverse", pkg, imp)
			case under(pkg, mod+"/bot") && (imp == mod || isAdapter):
				t.Errorf("%s imports %s: nothing under bot/ imports the root or an adapter", pkg, imp)
			case under(pkg, mod+"/adapters") && isAdapter && !under(imp, pkg) &&
				!under(imp, mod+"/adapters/internal") && !strings.HasPrefix(pkg, imp+"/"):
				t.Errorf("adapter %s imports adapter %s", pkg, imp)
			}
		}
	}

	deps, err := goList("-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./bot")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range strings.Fields(string(deps)) {
		if !under(d, mod) && !strings.HasPrefix(d, "go.yaml.in/") {
			t.Errorf("the engine depends on %s: it may use only the standard library and YAML", d)
		}
		for _, banned := range []string{"/adapters", "/bot/redisstore", "/bot/memstore", "/bot/llm", "/bot/desk"} {
			if under(d, mod+banned) {
				t.Errorf("the engine depends on %s", d)
			}
		}
	}
}

// TestOutletWrappersArePausers: a type that wraps a bot.Outlet (has a
// field of that type, embedded or not) and is an Outlet itself (has a
// Deliver method) must have a Pause method too, forwarding the wrapped
// outlet's (bot.PauseThrough). Without it the Deliverer sees no
// bot.Pauser, the wrapped adapter takes the pause inside Deliver, and a
// replica that stops sends the reply it was pausing for instead of
// handing it over. adaptertest.Dying was such a wrapper. Test files are
// read too: their wrappers stand for the replicas the tests run.
func TestOutletWrappersArePausers(t *testing.T) {
	t.Parallel()
	type typeKey struct{ dir, name string }
	wrappers := map[typeKey]token.Position{} // where each wrapper is declared
	methods := map[typeKey]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		// isOutlet reports whether e names bot.Outlet (Outlet in package bot).
		isOutlet := func(e ast.Expr) bool {
			switch e := e.(type) {
			case *ast.SelectorExpr:
				x, ok := e.X.(*ast.Ident)
				return ok && x.Name == "bot" && e.Sel.Name == "Outlet"
			case *ast.Ident:
				return f.Name.Name == "bot" && e.Name == "Outlet"
			}
			return false
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					for _, field := range st.Fields.List {
						if isOutlet(field.Type) {
							wrappers[typeKey{dir, ts.Name.Name}] = fset.Position(ts.Pos())
						}
					}
				}
			case *ast.FuncDecl:
				if decl.Recv == nil || len(decl.Recv.List) == 0 {
					continue
				}
				recv := decl.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if idx, ok := recv.(*ast.IndexExpr); ok {
					recv = idx.X
				}
				if id, ok := recv.(*ast.Ident); ok {
					k := typeKey{dir, id.Name}
					if methods[k] == nil {
						methods[k] = map[string]bool{}
					}
					methods[k][decl.Name.Name] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for k, pos := range wrappers {
		if !methods[k]["Deliver"] {
			continue // holds an outlet, is none
		}
		checked++
		if !methods[k]["Pause"] {
			t.Errorf("%s: %s wraps a bot.Outlet and delivers, but has no Pause: forward the wrapped outlet's with bot.PauseThrough", pos, k.name)
		}
	}
	if checked == 0 {
		t.Error("no Outlet wrapper found: the check reads nothing (adaptertest.Dying is one)")
	}
}

// goList runs go list with args; its error carries what go list wrote on
// stderr (which package did not load, and why), not only "exit status 1".
func goList(args ...string) ([]byte, error) {
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if ee, ok := err.(*exec.ExitError); ok {
		return out, fmt.Errorf("go list %s: %w\n%s", strings.Join(args, " "), err, bytes.TrimSpace(ee.Stderr))
	}
	if err != nil {
		return out, fmt.Errorf("go list %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// TestGoListSaysWhy: when go list fails, TestArchitecture's failure says
// why (go list's stderr), not only "exit status 1".
func TestGoListSaysWhy(t *testing.T) {
	t.Parallel()
	_, err := goList("./no-such-package-here")
	if err == nil {
		t.Fatal("go list of a missing package succeeded")
	}
	if !strings.Contains(err.Error(), "no-such-package-here") || !strings.Contains(err.Error(), "exit status") {
		t.Errorf("go list error = %q, want go list's stderr naming the package", err)
	}
}

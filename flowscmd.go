package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowgraph"
	"github.com/carebot/carebot/bot/flowschema"
	"github.com/carebot/carebot/bot/flowtest"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/flows"
)

// flowsFS is the folder of flows a flows subcommand works on: DIR when
// given, else CAREBOT_FLOWS_DIR, else the built-in flows. root names it in
// messages; onDisk is false for the built-in (embedded) copy.
func flowsFS(getenv func(string) string, args []string) (fsys fs.FS, root string, onDisk bool, err error) {
	cfg, err := config.Load(getenv)
	if err != nil {
		return nil, "", false, err
	}
	if len(args) == 1 {
		cfg.FlowsDir = args[0]
	}
	if cfg.FlowsDir != "" {
		return os.DirFS(cfg.FlowsDir), cfg.FlowsDir, true, nil
	}
	// The built-in flows are embedded from the repository's flows/ folder:
	// that is where a support lead finds the files named in messages.
	return flows.FS, "flows", false, nil
}

// loadSet loads the flows of fsys, with errors named under root.
func loadSet(fsys fs.FS, root string, onDisk bool) (*flow.Set, error) {
	if onDisk {
		return loadFlows(config.Config{FlowsDir: root}) // with the built-in texts when the folder has none
	}
	return flow.Load(fsys)
}

func flowsTestCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var (
		run              string
		update, coverage bool
	)
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Play the conversation tests in DIR/tests/*.yaml; print each failure as FILE:LINE:COL",
		Long: `Plays the conversations written in the tests/ folder next to the flows, in
memory, and checks what the bot says and does after each turn. Each failure
is printed as FILE:LINE:COL with the bot's actual replies, then a summary line;
the exit code is 1 when anything failed.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var opts flowtest.Options
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return fmt.Errorf("--run %q is not a valid pattern: %w", run, err)
				}
				opts.Run = re
			}
			fsys, root, onDisk, err := flowsFS(getenv, args)
			if err != nil {
				return err
			}
			if update && !onDisk {
				return errors.New("--update rewrites test files: name their folder, such as carebot flows test flows --update")
			}
			set, err := loadSet(fsys, root, onDisk)
			if err != nil {
				printProblems(stderr, err)
				return errReported
			}
			suite, err := flowtest.Load(fsys, root, set)
			if err != nil {
				printProblems(stderr, err)
				return errReported
			}
			rep, err := suite.Run(cmd.Context(), opts)
			if err != nil {
				return err
			}
			for _, f := range rep.Failures {
				fmt.Fprintln(stdout, f.Error())
			}
			if coverage {
				rep.Coverage.Write(stdout)
			}
			if update {
				for p, data := range suite.Update(rep) {
					name := filepath.Join(root, filepath.FromSlash(p))
					if err := os.WriteFile(name, data, 0o644); err != nil {
						return err
					}
					fmt.Fprintf(stdout, "updated %s\n", name)
				}
			}
			fmt.Fprintln(stdout, rep.Summary())
			if rep.Failed > 0 {
				return errReported
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&run, "run", "", "only the conversations whose name matches this pattern")
	cmd.Flags().BoolVar(&update, "update", false, "rewrite the expected text of failing says: checks with what the bot said (after a deliberate wording change)")
	cmd.Flags().BoolVar(&coverage, "coverage", false, "list, per flow and language, the steps and buttons no conversation reaches")
	return cmd
}

func flowsGraphCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var format, lang, dir string
	cmd := &cobra.Command{
		Use:   "graph [FLOW...]",
		Short: "Draw flows: Mermaid, DOT or SVG on stdout (every flow when none is named)",
		Long: `Draws the named flows (all of them when none is named): each step as a box
with its kind and first words, each transition as a labelled arrow (buttons,
conditions, hand-offs, other flows), and the ways out that work at any step
once per flow. Steps that no path reaches are flagged. A folder of flows with
problems is still drawn as far as it can be read, and its problems are listed
on stderr.

  carebot flows graph order_problem > order.mmd
  carebot flows graph human --format svg --lang fr > human.svg`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(flowgraph.Formats, format) {
				return fmt.Errorf("--format %q: use mermaid, dot or svg", format)
			}
			var dirArgs []string
			if dir != "" {
				dirArgs = []string{dir}
			}
			fsys, root, onDisk, err := flowsFS(getenv, dirArgs)
			if err != nil {
				return err
			}
			set, problems := flow.LoadAll(fsys)
			if set == nil {
				printProblems(stderr, problems)
				return errReported
			}
			if len(problems) > 0 {
				if onDisk {
					for _, p := range problems {
						p.Pos.File = filepath.Join(root, p.Pos.File)
					}
				}
				printProblems(stderr, problems)
			}
			for _, id := range args {
				if set.Flow(id) == nil {
					if file := unreadable(problems, id); file != "" {
						return fmt.Errorf("%s cannot be drawn: its file %s cannot be read (the problem is above); fix it and draw again", id, file)
					}
					hint := ""
					if s := flow.Suggest(id, set.Order); s != "" {
						hint = fmt.Sprintf(" (did you mean %q?)", s)
					}
					return fmt.Errorf("no flow is named %q%s; the flows are: %s", id, hint, strings.Join(set.Order, ", "))
				}
			}
			if lang != "" && !slices.Contains(set.Common.Languages, lang) {
				return fmt.Errorf("--lang %q: the flows speak %s", lang, strings.Join(set.Common.Languages, ", "))
			}
			g := flowgraph.Build(set, args, flowgraph.Options{Lang: lang})
			return g.Write(cmd.Context(), stdout, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "mermaid", "mermaid, dot or svg")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the texts and buttons (default: the flows' first)")
	cmd.Flags().StringVar(&dir, "dir", "", "folder of flows (default: CAREBOT_FLOWS_DIR, else the built-in flows)")
	return cmd
}

// unreadable is the file named for flow id (id.yaml) when a problem is
// about it: a flow whose file has a YAML mistake is not in the set, though
// the lead can see the file.
func unreadable(problems flow.Errors, id string) string {
	for _, p := range problems {
		if filepath.Base(p.Pos.File) == id+".yaml" {
			return p.Pos.File
		}
	}
	return ""
}

func flowsSchemaCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "schema [DIR]",
		Short: "Write the JSON Schemas of flow, common.yaml, texts.yaml and test files into DIR (default flows/schema)",
		Long: `Writes flow.schema.json, common.schema.json, texts.schema.json and test.schema.json, which
give editors completion and inline errors. Start a flow file with

  # yaml-language-server: $schema=schema/flow.schema.json

(see flows/README.md). The built-in copies in flows/schema are kept in sync
by a test; run this to refresh them after changing the format, or to put the
schemas next to your own flows.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := filepath.Join("flows", "schema")
			if len(args) == 1 {
				dir = args[0]
			}
			files, err := flowschema.Generate()
			if err != nil {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, name := range slices.Sorted(maps.Keys(files)) {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, files[name], 0o644); err != nil {
					return err
				}
				fmt.Fprintln(stdout, "wrote", p)
			}
			return nil
		},
	}
}

// validateTests checks the conversation test files next to the flows
// (without playing them), so that flows validate reports their problems too.
func validateTests(cfg config.Config, set *flow.Set) error {
	fsys, root := fs.FS(flows.FS), "flows"
	if cfg.FlowsDir != "" {
		fsys, root = os.DirFS(cfg.FlowsDir), cfg.FlowsDir
	}
	_, err := flowtest.Load(fsys, root, set)
	return err
}

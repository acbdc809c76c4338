package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot/nlu"
)

// evalCmd measures routing and distress detection on labelled messages, so
// anyone can check carebot's understanding on their own data.
func evalCmd(stdout io.Writer, getenv func(string) string) *cobra.Command {
	var (
		routing, distress string
		asJSON, strict    bool
	)
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Print routing, person, crisis and distress figures on labelled TSV files",
		Long: `Reads TSV files with the header "text	lang	label	source" (one message a line):
--routing labels are care categories, --distress labels are distress or
gratitude_closing. Prints per-category precision, recall and F1, macro-F1, the
confusion matrix, the person detector's precision and recall per language, the
person and crisis corpora built into carebot per category and language,
distress figures per language and source, and the targets of issue #10.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set, err := configuredFlows(getenv)
			if err != nil {
				return err
			}
			rf, err := os.Open(routing)
			if err != nil {
				return fmt.Errorf("routing data: %w", err)
			}
			defer rf.Close()
			df, err := os.Open(distress)
			if err != nil {
				return fmt.Errorf("distress data: %w", err)
			}
			defer df.Close()
			rep, err := nlu.Evaluate(nlu.New(set), rf, df)
			if err != nil {
				return err
			}
			if asJSON {
				b, err := rep.JSON()
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(stdout, "%s\n", b)
				return err
			}
			rep.WriteText(stdout)
			if short := rep.Shortfalls(); strict && len(short) > 0 {
				return fmt.Errorf("targets missed: %v", short)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&routing, "routing", "../shared/data/routing.dev.tsv", "labelled routing messages (TSV)")
	cmd.Flags().StringVar(&distress, "distress", "../shared/data/distress.dev.tsv", "labelled distress messages (TSV)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 when a target of the dev split is missed")
	return cmd
}

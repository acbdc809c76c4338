package main

import (
	"bytes"
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
		routing        []string
		distress       string
		asJSON, strict bool
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
			rf, err := concatTSV(routing)
			if err != nil {
				return fmt.Errorf("routing data: %w", err)
			}
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
	cmd.Flags().StringSliceVar(&routing, "routing", []string{"../shared/data/routing.dev.tsv", "bot/nlu/testdata/routing.fr.tsv"}, "labelled routing messages (TSV); repeat the flag for several files, reported per language")
	cmd.Flags().StringVar(&distress, "distress", "../shared/data/distress.dev.tsv", "labelled distress messages (TSV)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 when a target of the dev split is missed")
	return cmd
}

// concatTSV reads labelled TSV files as one: the first header, then every
// file's rows.
func concatTSV(paths []string) (io.Reader, error) {
	var b bytes.Buffer
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			head, rest, _ := bytes.Cut(data, []byte("\n"))
			if !bytes.HasPrefix(head, []byte("text\tlang\tlabel")) {
				return nil, fmt.Errorf("%s: line 1: want the header text, lang, label, source", p)
			}
			data = rest
		}
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return &b, nil
}

package flow_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/flows"
)

// TestQueueTypoIsTold25: a hand-off queue one typo away from a queue the
// other flows use ("biling" beside "billing") is told at its line, with the
// name meant: such a hand-off reaches no team (no channel of its own) or
// the default channel's, never billing's. Before, flows validate said "OK".
// A queue named nowhere else and like no other (a new team) is fine.
func TestQueueTypoIsTold25(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{}
	err := fs.WalkDir(flows.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, "/") {
			return err
		}
		files[p], err = fs.ReadFile(flows.FS, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, from, to, want string
	}{
		{"handoff_queue", "cancel_refund.yaml", "queue: billing", "queue: biling", `handoff queue "biling" is named nowhere else (did you mean "billing"?)`},
		{"if_staffed", "reassurance.yaml", "if_staffed: general", "if_staffed: generl", `if_staffed queue "generl" is named nowhere else (did you mean "general"?)`},
		{"new_team", "cancel_refund.yaml", "queue: billing", "queue: returns", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := map[string][]byte{}
			for k, v := range files {
				fs[k] = v
			}
			if !strings.Contains(string(fs[tc.file]), tc.from) {
				t.Fatalf("%s has no %q", tc.file, tc.from)
			}
			fs[tc.file] = []byte(strings.Replace(string(fs[tc.file]), tc.from, tc.to, 1))
			_, err := flow.LoadFiles(fs)
			if tc.want == "" {
				if err != nil {
					t.Errorf("%s: %v", tc.to, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file+":") {
				t.Errorf("%s: got %v, want a problem in %s saying %s", tc.to, err, tc.file, tc.want)
			}
		})
	}
}

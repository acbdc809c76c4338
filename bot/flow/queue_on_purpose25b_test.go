package flow_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/flows"
)

// TestQueueNamedOnceOnPurpose25b: a team of its own, named in one place,
// loads, though its name is near a team the other flows use: "legal"
// beside "lead" (two edits apart), "billing2" (a second line) beside
// "billing". Before (fix25's checkQueues), both were refused as typos ("is
// named nowhere else (did you mean …?)"): flows validate failed, and
// serve would not start on, or reload, a folder that ran the day before.
// A real typo ("biling") is still told.
func TestQueueNamedOnceOnPurpose25b(t *testing.T) {
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
		name, to, want string
	}{
		{"legal_beside_lead", "queue: legal", ""},
		{"billing2_beside_billing", "queue: billing2", ""},
		{"tier2_beside_tier1", "queue: tier2", ""}, // see below: tier1 named twice
		{"biling_still_told", "queue: biling", `handoff queue "biling" is named nowhere else (did you mean "billing"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fsys := map[string][]byte{}
			for k, v := range files {
				fsys[k] = v
			}
			src := string(fsys["cancel_refund.yaml"])
			if strings.Count(src, "queue: billing") < 1 {
				t.Fatal("cancel_refund.yaml has no queue: billing")
			}
			src = strings.Replace(src, "queue: billing", tc.to, 1)
			if tc.name == "tier2_beside_tier1" {
				src = strings.Replace(src, "queue: billing", "queue: tier1", 2)
			}
			fsys["cancel_refund.yaml"] = []byte(src)
			_, err := flow.LoadFiles(fsys)
			if tc.want == "" {
				if err != nil {
					t.Errorf("%s: %v", tc.to, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: got %v, want %s", tc.to, err, tc.want)
			}
		})
	}
}

package flow_test

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// TestLoadBad loads each broken sample of testdata/bad/<case>/ and compares
// every reported problem with the case's want.txt, one FILE:LINE:COL: message
// per line. The goldens are the spec of the messages: check them by eye
// after -update.
func TestLoadBad(t *testing.T) {
	t.Parallel()
	cases, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("testdata", "bad", c.Name())
			set, err := flow.Load(os.DirFS(dir))
			if set != nil {
				t.Errorf("Load returned a set along with its errors")
			}
			es := mustErrors(t, err)
			bottest.Golden(t, filepath.Join(dir, "want.txt"), []byte(es.Error()+"\n"))
		})
	}
}

// mustErrors checks that err is a non-empty flow.Errors in file, line and
// column order, and returns it.
func mustErrors(t *testing.T, err error) flow.Errors {
	t.Helper()
	var es flow.Errors
	if !errors.As(err, &es) {
		t.Fatalf("Load error = %v (%T), want flow.Errors", err, err)
	}
	if len(es) == 0 {
		t.Fatalf("Load returned an empty flow.Errors")
	}
	sorted := slices.IsSortedFunc(es, func(a, b *flow.Error) int {
		return cmp.Or(strings.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	if !sorted {
		t.Errorf("errors are not sorted by file, line and column:\n%v", es)
	}
	for _, e := range es {
		if e.Pos.File == "" || e.Msg == "" || e.Pos.Line < 0 || e.Pos.Col < 0 || (e.Pos.Line > 0) != (e.Pos.Col > 0) {
			t.Errorf("error without a proper position or message: %#v", *e)
		}
	}
	return es
}

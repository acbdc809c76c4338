package loadtest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bench"
	"github.com/carebot/carebot/loadtest"
)

func TestParseScript(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    loadtest.Script
		wantErr string
	}{
		{
			name: "messages_buttons_expect",
			in:   "# a comment\n\n/start\n  my parcel is late  \n[2]\n[ 3 ] # the third\n# expect: Thank you\n",
			want: loadtest.Script{Name: "s", Expect: "Thank you", Steps: []loadtest.Step{
				{Line: 3, Text: "/start"},
				{Line: 4, Text: "my parcel is late"},
				{Line: 5, Press: 2},
				{Line: 6, Press: 3},
			}},
		},
		{name: "empty", in: "# nothing\n", wantErr: "s: no messages"},
		{name: "button_zero", in: "hi\n[0]\n", wantErr: "s:2: \"[0]\": the button number must be 1 or more"},
		{name: "button_typo", in: "hi\n[2\n", wantErr: "s:2: \"[2\": a button line is [N]"},
		{name: "button_trailing_text", in: "[2] yes\n", wantErr: "s:1: \"[2] yes\": a button line is [N]"},
		{name: "two_expects", in: "# expect: a\n# expect: b\nhi\n", wantErr: "s:2: a second expect line"},
		{name: "empty_expect", in: "# expect:\nhi\n", wantErr: "s:1: empty expect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := loadtest.ParseScript("s", strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseScript error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseScript (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDefaultScript checks the embedded script parses, presses buttons and
// expects the thanks that ends the order-problem conversation.
func TestDefaultScript(t *testing.T) {
	t.Parallel()
	s := defaultScript(t)
	if len(s.Steps) < 5 || s.Expect == "" {
		t.Errorf("default script has %d steps and expect %q; want a whole conversation with an expect", len(s.Steps), s.Expect)
	}
}

func defaultScript(t testing.TB) loadtest.Script {
	t.Helper()
	f, err := bench.FS.Open(bench.Default)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := loadtest.ParseScript(bench.Default, f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

package main

import (
	"strings"
	"testing"
)

// TestChatAsAnEmployee: `carebot chat --audience employee` talks as a
// colleague does on the staff Slack: the staff welcome (no orders or
// refunds), peer support for a hard day, in English and French; a config
// that says "console: employee" does the same; a wrong audience is refused
// with what to write instead.
func TestChatAsAnEmployee(t *testing.T) {
	t.Parallel()
	customers := []string{"An order or a delivery", "Une commande ou une livraison", "refund", "remboursement"}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		args  []string
		lines []string
		want  []string
	}{
		{name: "flag_en", args: []string{"--audience", "employee"}, lines: []string{"hi", "1", "It was a long day with many calls and one man shouted at me"},
			want: []string{"whenever you need to talk, I'm here to listen", "I'd like to talk", "Looking after yourself is part of the job", "It helps to put it into words"}},
		{name: "flag_fr", args: []string{"--audience", "employee", "--lang", "fr"}, lines: []string{"bonjour", "1"},
			want: []string{"je suis là pour vous écouter", "J'aimerais en parler", "Prendre soin de vous fait partie du travail"}},
		{name: "config", env: map[string]string{"CAREBOT_CONFIG": writeConfig(t, "audiences: {console: employee}\n")}, lines: []string{"menu"},
			want: []string{"What would help you today?", "A breathing pause"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := chatOut(t, tc.env, strings.Join(tc.lines, "\n")+"\n", append([]string{"--user", "staff-" + tc.name}, tc.args...)...)
			hasAll(t, out, "output lacks %q:\n%s", tc.want...)
			hasNone(t, out, "a colleague is offered the customers' %q:\n%s", customers...)
		})
	}
	_, errOut, err := runMain(t, nil, "", "chat", "--audience", "staff")
	if err == nil || !strings.Contains(errOut+err.Error(), "use customer, or employee") {
		t.Errorf("--audience staff: err %v, stderr %q; want it refused with the audiences to use", err, errOut)
	}
}

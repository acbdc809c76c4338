package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestFlowsRouteShowsCustomerQuestionAndIfSaid25: carebot flows route
// shows, for a colleague, the customer_question signal ("where is my
// order" on the staff Slack), and the buttons the message names for the
// routed flow's if_said conditions ("my coworker said he'd hurt me if I
// reported him": peer support's harassment), in --json and in the text
// output, beside the other signals. Before, neither was shown: a lead
// could not see why such messages went where they went (fix24 added both).
func TestFlowsRouteShowsCustomerQuestionAndIfSaid25(t *testing.T) {
	t.Parallel()
	in := "where is my order\nmy coworker said he'd hurt me if I reported him\nun collègue m'intimide tous les jours au travail\nI had a long day\n"
	out, _, err := runMain(t, nil, in, "flows", "route", "--json", "--audience", "employee")
	if err != nil {
		t.Fatal(err)
	}
	var got []routeLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r routeLine
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		got = append(got, r)
	}
	if len(got) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(got), out)
	}
	if !got[0].CustomerQuestion || got[1].CustomerQuestion || got[3].CustomerQuestion {
		t.Errorf("customer_question = %v, %v, %v, want true, false, false:\n%s", got[0].CustomerQuestion, got[1].CustomerQuestion, got[3].CustomerQuestion, out)
	}
	for i, want := range [][]string{nil, {"harassment"}, {"harassment"}, nil} {
		if !slices.Equal(got[i].Said, want) {
			t.Errorf("line %d: said %v, want %v:\n%s", i+1, got[i].Said, want, out)
		}
	}
	if !strings.Contains(out, `"customer_question":true`) || !strings.Contains(out, `"said":["harassment"]`) {
		t.Errorf("the JSON lacks customer_question or said:\n%s", out)
	}
	text, _, err := runMain(t, nil, in, "flows", "route", "--audience", "employee")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "customer_question") || !strings.Contains(lines[1], "said:harassment") {
		t.Errorf("text output lacks customer_question or said:harassment:\n%s", text)
	}
}

package main

import (
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestRelevantChanges: edits of flows, texts and prompts start a reload;
// editors' swap and backup files and permission changes do not.
func TestRelevantChanges(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		ev   fsnotify.Event
		want bool
	}{
		{"flow_written", fsnotify.Event{Name: "/f/order_problem.yaml", Op: fsnotify.Write}, true},
		{"texts_renamed_in", fsnotify.Event{Name: "/f/texts.yaml", Op: fsnotify.Create}, true},
		{"flow_removed", fsnotify.Event{Name: "/f/old.yaml", Op: fsnotify.Remove}, true},
		{"prompt_written", fsnotify.Event{Name: "/p/rephrase.tmpl", Op: fsnotify.Write}, true},
		{"misnamed_flow", fsnotify.Event{Name: "/f/new.yml", Op: fsnotify.Create}, true}, // refused, with a message
		{"configmap_swap", fsnotify.Event{Name: "/f/..data", Op: fsnotify.Create}, true},
		{"chmod_only", fsnotify.Event{Name: "/f/welcome.yaml", Op: fsnotify.Chmod}, false},
		{"vim_swap", fsnotify.Event{Name: "/f/.welcome.yaml.swp", Op: fsnotify.Write}, false},
		{"backup", fsnotify.Event{Name: "/f/welcome.yaml~", Op: fsnotify.Create}, false},
		{"readme", fsnotify.Event{Name: "/f/README.md", Op: fsnotify.Write}, false},
	} {
		if got := relevant(tt.ev); got != tt.want {
			t.Errorf("%s: relevant(%v) = %v, want %v", tt.name, tt.ev, got, tt.want)
		}
	}
}

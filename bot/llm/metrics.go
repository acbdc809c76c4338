package llm

import "time"

// Recorder counts what the rephraser does (metrics.Rephrase is carebot's,
// on Prometheus). Labels are the Check* and Cause* constants.
type Recorder interface {
	Called(took time.Duration) // a call to the model, failed ones included
	Accepted()                 // a rephrase that passed every guardrail
	Rejected(check string)     // a rephrase discarded by a guardrail
	FellBack(cause string)     // a reply sent as scripted
	CacheHit()                 // a reply served from the cache
}

// nopRecorder counts nothing: the Recorder of a Config without one, so the
// code never checks for nil.
type nopRecorder struct{}

func (nopRecorder) Called(time.Duration) {}
func (nopRecorder) Accepted()            {}
func (nopRecorder) Rejected(string)      {}
func (nopRecorder) FellBack(string)      {}
func (nopRecorder) CacheHit()            {}

package bot

import (
	"context"
	"time"
)

// PeerRequest is a request for a colleague to listen, posted in a
// channel where colleagues can offer (Slack's peer-support channel), as
// every carebot replica sees it while it waits: whichever replica gets a
// "cancel", a press or the end of the wait can tell the person and
// update the post, even when the replica that posted it is gone.
type PeerRequest struct {
	ID     string  `json:"id"` // the hand-off ID
	From   Address `json:"from"`
	Lang   string  `json:"l,omitempty"` // the person's language
	Urgent bool    `json:"u,omitempty"` // a colleague in crisis: stays open after the wait
	// Channel and TS are where the request was posted, so that any
	// replica can close it (its button removed).
	Channel string    `json:"ch"`
	TS      string    `json:"ts"`
	Due     time.Time `json:"due"` // the end of the wait for a volunteer
}

// PeerRequests keeps peer requests and the end of their waits where
// every replica sees them (Redis; in memory for one process). Like the
// desk's waits, they are ended by whichever replica pops them: no timer
// lives in a process, so none dies with it. A popped wait is leased, not
// removed: if the replica that popped it dies before the person is told,
// another pops it again once the lease ends.
type PeerRequests interface {
	// AddPeer saves r and schedules its wait to end at r.Due; r is kept
	// for keep (a request lives long after its wait: a late volunteer or a
	// "cancel" still finds where it was posted).
	AddPeer(ctx context.Context, r PeerRequest, keep time.Duration) error
	// Peer returns the request with that ID; ok is false once it was
	// taken (or never saved).
	Peer(ctx context.Context, id string) (r PeerRequest, ok bool, err error)
	// TakePeer removes the request and its wait and returns it; of callers
	// racing, one gets ok.
	TakePeer(ctx context.Context, id string) (r PeerRequest, ok bool, err error)
	// PopDuePeers leases up to max waits that ended by now, until
	// now+lease, and returns their IDs (the requests stay saved): until
	// the lease ends, each ID is returned to exactly one caller, across
	// replicas. The caller ends the wait with DonePeer or TakePeer.
	PopDuePeers(ctx context.Context, now time.Time, lease time.Duration, max int) ([]string, error)
	// DonePeer removes the request's wait, keeping the request (an urgent
	// one stays open after its wait).
	DonePeer(ctx context.Context, id string) error
}

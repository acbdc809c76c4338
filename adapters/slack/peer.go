package slack

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
)

// Peer support: when a flow hands a conversation to the peer queue, the
// adapter posts an anonymous request in the peer channel with an "I can
// listen" button. The first colleague to press it (decided by the shared
// Claimer, so two presses at the same moment give one winner, across
// processes too) is put in a group DM with the person who asked. If nobody
// offers within PeerWait, the adapter claims the request itself, so a late
// volunteer loses cleanly, and tells the engine, whose flow says honestly
// that nobody was free and offers the self-care tool or a lead.
//
// Where the requester is remembered: in the button's value, sealed (see
// peerRef), so that a press reaching any carebot process can connect the
// volunteer. The wait timer lives in the process that posted the request:
// if that process stops before PeerWait, the request stays open in the
// channel (a later volunteer is still connected) but the "nobody came"
// message is never sent. Running several processes behind the Events API
// is safe for presses; the timer is the one thing that is not shared.

// holderTimeout is the Claimer owner that closes a request nobody took; it
// cannot be a Slack user ID (those are upper case).
const holderTimeout = "carebot:timeout"

// pendingPeer is a request this process posted and whose wait it times.
type pendingPeer struct {
	ref     peerRef
	channel string // where the request was posted (an ID)
	ts      string
	timer   *time.Timer
}

// claimTTL keeps a claim long after PeerWait, so a press on a day-old
// request is still answered "already closed".
func (a *Adapter) claimTTL() time.Duration {
	return max(24*time.Hour, 2*a.cfg.PeerWait)
}

// peerNews acts on a reply that carries a peer hand-off: a request
// awaited is posted, one the person withdrew closes (before, "cancel"
// left it open, and a colleague pressing "I can listen" was put in a
// group chat with someone who no longer wanted it).
func (a *Adapter) peerNews(ctx context.Context, st *runState, to bot.Address, lang string, ho bot.Handoff) {
	if ho.Status == bot.HandoffCancelled {
		a.withdrawPeer(ctx, to, ho.ID)
		return
	}
	a.openPeer(ctx, st, to, lang, ho)
}

// withdrawPeer closes a request the person withdrew: the adapter claims
// it, so that a later press hears it has closed, and the request shows it
// (when this process posted it). A volunteer who won just before is
// already connected.
func (a *Adapter) withdrawPeer(ctx context.Context, to bot.Address, id string) {
	p := a.takePending(id)
	holder, err := a.cfg.claim(ctx, "peer:"+id, holderTimeout, a.claimTTL())
	if err != nil {
		a.log.Error("peer claim failed", "handoff", id, "err", err)
	} else if holder != holderTimeout {
		return
	}
	if p != nil {
		a.updateRequest(ctx, p.channel, p.ts, txtPeerClosed)
	}
	a.log.Info("peer request withdrawn", "chat", to.Hash(), "handoff", id)
}

// openPeer posts the anonymous request for a peer hand-off and starts its
// wait. If the request cannot be posted (no channel configured, the bot not
// in the channel, Slack down), the person is not left waiting for nobody:
// the engine is told at once that nobody is free, or, for an urgent
// request, that nobody was alerted (EventHandoffUnposted).
func (a *Adapter) openPeer(ctx context.Context, st *runState, requester bot.Address, lang string, ho bot.Handoff) {
	if ho.ID == "" {
		ho.ID = randomID() + randomID()
	}
	ref := peerRef{Handoff: ho.ID, Chat: requester.Chat, User: requester.User, Lang: lang}
	lg := a.log.With("chat", requester.Hash(), "handoff", ho.ID)
	urgent := ho.Priority == bot.PriorityUrgent
	unposted := func() {
		// A colleague in crisis was told colleagues were alerted: the
		// engine takes it back (EventHandoffUnposted), where "nobody
		// came in time" would keep saying they were.
		if urgent {
			a.requesterEvent(st, ref, bot.EventHandoffUnposted)
			return
		}
		a.peerNobody(ctx, st, ref, "", "")
	}
	if a.cfg.PeerChannel == "" {
		lg.Error("peer hand-off with no peer channel", "hint", "set SLACK_PEER_CHANNEL")
		unposted()
		return
	}
	value, err := seal(a.aead, ref)
	if err != nil {
		lg.Error("peer request not posted", "err", err)
		unposted()
		return
	}
	txt := escape(a.text(a.cfg.DefaultLang, txtPeerRequest, nil))
	if urgent {
		// A colleague in danger: marked and notified as the desk's
		// crisis card is, anonymous as every request here.
		txt = "<!here> " + escape(a.text(a.cfg.DefaultLang, txtPeerUrgent, nil))
	}
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, txt, false, false), nil, nil),
		slack.NewActionBlock(blockListen, slack.NewButtonBlockElement(actionListen, value,
			slack.NewTextBlockObject(slack.PlainTextType, a.text(a.cfg.DefaultLang, txtPeerButton, nil), true, false)).
			WithStyle(slack.StylePrimary)),
	}
	var channel, ts string
	err = a.call(ctx, "post peer request", func(ctx context.Context) (err error) {
		channel, ts, err = a.api.PostMessageContext(ctx, a.cfg.PeerChannel,
			slack.MsgOptionText(txt, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
	if err != nil {
		lg.Error("peer request not posted", "err", err, "hint", hint(err))
		unposted()
		return
	}
	lg.Info("peer request posted", "wait", a.cfg.PeerWait, "urgent", urgent)
	p := &pendingPeer{ref: ref, channel: channel, ts: ts}
	a.peerMu.Lock()
	defer a.peerMu.Unlock()
	a.peers[ho.ID] = p
	p.timer = time.AfterFunc(a.cfg.PeerWait, func() {
		ok := st.r.Submit(turn.Job{Key: "peer:" + ho.ID, Do: func(ctx context.Context) {
			if urgent {
				// Nobody yet is said honestly, and the request stays
				// open (and pending here, so that a withdrawal still
				// closes it): a colleague in danger is still better
				// joined late.
				if !a.isPending(ho.ID) {
					return
				}
				lg.Info("urgent peer request still open, nobody yet")
				a.requesterEvent(st, p.ref, bot.EventHandoffTimeout)
				return
			}
			if a.takePending(ho.ID) != nil {
				a.peerNobody(ctx, st, p.ref, p.channel, p.ts)
			}
		}})
		if !ok {
			lg.Error("peer wait ended while stopping: requester not told")
		}
	})
}

// takePending removes a pending request and stops its timer; nil when this
// process has none (already decided, or posted by another process).
func (a *Adapter) takePending(id string) *pendingPeer {
	a.peerMu.Lock()
	defer a.peerMu.Unlock()
	p := a.peers[id]
	if p != nil {
		p.timer.Stop()
		delete(a.peers, id)
	}
	return p
}

// isPending reports whether this process still times or holds request id.
func (a *Adapter) isPending(id string) bool {
	a.peerMu.Lock()
	defer a.peerMu.Unlock()
	return a.peers[id] != nil
}

// stopPeers stops every wait timer when Run ends.
func (a *Adapter) stopPeers() {
	a.peerMu.Lock()
	defer a.peerMu.Unlock()
	for id, p := range a.peers {
		p.timer.Stop()
		delete(a.peers, id)
	}
}

// peerNobody closes a request nobody took: the adapter claims it, so that
// a volunteer pressing at this very moment either won just before (and is
// connected) or loses cleanly; then the request shows it has closed and
// the engine hears EventHandoffTimeout for the person who asked.
func (a *Adapter) peerNobody(ctx context.Context, st *runState, ref peerRef, channel, ts string) {
	holder, err := a.cfg.claim(ctx, "peer:"+ref.Handoff, holderTimeout, a.claimTTL())
	if err != nil {
		// Without the Claimer nobody can be connected either: telling the
		// person nobody is free is the honest answer.
		a.log.Error("peer claim failed", "handoff", ref.Handoff, "err", err)
	} else if holder != holderTimeout {
		return // a volunteer won at the last moment
	}
	if channel != "" {
		a.updateRequest(ctx, channel, ts, txtPeerClosed)
	}
	a.log.Info("peer request closed, nobody free", "chat", ref.Address().Hash(), "handoff", ref.Handoff)
	a.requesterEvent(st, ref, bot.EventHandoffTimeout)
}

// onListen queues a volunteer's press on "I can listen".
func (a *Adapter) onListen(st *runState, cb slack.InteractionCallback, act slack.BlockAction, submit func(turn.Job) bool) bool {
	channel, ts, _ := where(cb)
	volunteer := cb.User.ID
	if channel == "" || volunteer == "" {
		return true
	}
	ref, err := unseal(a.aead, act.Value)
	if err != nil {
		a.log.Warn("peer button refused", "err", err)
		return submit(turn.Job{Key: "peer:?" + volunteer, Do: func(ctx context.Context) {
			a.ephemeral(ctx, channel, "", volunteer, a.text(a.cfg.DefaultLang, txtPeerWasClosed, nil))
		}})
	}
	// A double click is one offer.
	if !a.seen.add("listen:"+ref.Handoff+":"+volunteer, time.Now()) {
		return true
	}
	return submit(turn.Job{Key: "peer:" + ref.Handoff, Do: func(ctx context.Context) {
		a.listen(ctx, st, ref, channel, ts, volunteer)
	}})
}

// listen decides a volunteer's offer and, for the winner, connects them.
func (a *Adapter) listen(ctx context.Context, st *runState, ref peerRef, channel, ts, volunteer string) {
	lang := a.cfg.DefaultLang
	lg := a.log.With("chat", ref.Address().Hash(), "handoff", ref.Handoff)
	if volunteer == ref.User {
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerOwn, nil))
		return
	}
	holder, err := a.cfg.claim(ctx, "peer:"+ref.Handoff, volunteer, a.claimTTL())
	switch {
	case err != nil:
		lg.Error("peer claim failed", "err", err)
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerError, nil))
		return
	case holder == holderTimeout:
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerWasClosed, nil))
		return
	case holder != volunteer:
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerWasTaken, nil))
		return
	}
	a.takePending(ref.Handoff)

	var group *slack.Channel
	err = a.call(ctx, "conversations.open", func(ctx context.Context) (err error) {
		group, _, _, err = a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{ref.User, volunteer}})
		return err
	})
	if err != nil {
		lg.Error("peer group DM not opened", "err", err, "hint", hint(err))
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerFailed, nil))
		a.updateRequest(ctx, channel, ts, txtPeerClosed)
		a.requesterEvent(st, ref, bot.EventHandoffTimeout)
		return
	}
	// Mentions are Slack markup: escape the text, then fill them in.
	intro := a.text(ref.Lang, txtPeerIntro, map[string]string{"person": "\x00p", "volunteer": "\x00v"})
	intro = strings.NewReplacer("\x00p", "<@"+ref.User+">", "\x00v", "<@"+volunteer+">").Replace(escape(intro))
	err = a.call(ctx, "post peer intro", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, group.ID, slack.MsgOptionText(intro, false))
		return err
	})
	if err != nil {
		// The group DM exists and both were notified of it; only the
		// greeting is missing.
		lg.Warn("peer intro not posted", "err", err, "hint", hint(err))
	}
	a.updateRequest(ctx, channel, ts, txtPeerTaken)
	lg.Info("peer connected")
	a.requesterEvent(st, ref, bot.EventHandoffClosed)
}

// updateRequest replaces the request in the peer channel with a closing
// line and no button, so that nobody else offers.
func (a *Adapter) updateRequest(ctx context.Context, channel, ts, key string) {
	if channel == "" || ts == "" {
		return
	}
	txt := escape(a.text(a.cfg.DefaultLang, key, nil))
	err := a.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(txt, false),
			slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, txt, false, false), nil, nil)))
		return err
	})
	if err != nil {
		a.log.Warn("peer request not updated", "err", err, "hint", hint(err))
	}
}

// requesterEvent tells the engine how the hand-off ended, in the
// requester's conversation (queued behind anything they wrote meanwhile),
// and delivers its replies to them.
func (a *Adapter) requesterEvent(st *runState, ref peerRef, event bot.Event) {
	from := ref.Address()
	m := bot.Message{
		ID:    "peer:" + ref.Handoff + ":" + string(event),
		From:  from,
		Event: event,
		Lang:  ref.Lang,
		At:    time.Now().UTC(),
	}
	ok := st.r.Submit(a.turnJob(st, m, nil))
	if !ok {
		a.log.Error("hand-off outcome lost: queue full or stopping", "chat", from.Hash(), "handoff", ref.Handoff, "event", event)
	}
}

// claim asks the Claimer; without one (no peer channel configured) the
// caller is the holder, which is right for a single process.
func (c Config) claim(ctx context.Context, key, owner string, ttl time.Duration) (string, error) {
	if c.Claimer == nil {
		return owner, nil
	}
	holder, err := c.Claimer.Claim(ctx, key, owner, ttl)
	if err != nil {
		return "", fmt.Errorf("claim %s: %w", key, err)
	}
	return holder, nil
}

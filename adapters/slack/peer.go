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
// volunteer; and, with where the request was posted and when its wait
// ends, in the shared store (Config.Peers), so that the end of the wait
// and a withdrawal are acted on by whichever process gets there first,
// even when the one that posted the request is gone. Every process
// checks for waits that ended every PeerPoll (runPeerWaits), as the
// desk does for tickets: no timer lives in a process.

// holderTimeout is the Claimer owner that closes a request nobody took; it
// cannot be a Slack user ID (those are upper case).
const holderTimeout = "carebot:timeout"

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
// it, so that a later press hears it has closed, and the request shows it,
// wherever it was posted from. A volunteer who won just before is already
// connected.
func (a *Adapter) withdrawPeer(ctx context.Context, to bot.Address, id string) {
	holder, err := a.cfg.claim(ctx, "peer:"+id, holderTimeout, a.claimTTL())
	if err != nil {
		a.log.Error("peer claim failed", "handoff", id, "err", err)
	} else if holder != holderTimeout {
		return
	}
	if r, ok := a.takePeer(ctx, id); ok {
		a.updateRequest(ctx, r.Channel, r.TS, txtPeerClosed)
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
			a.requesterEvent(st, ref, bot.EventHandoffUnposted, nil)
			return
		}
		a.peerNobody(ctx, st, ref)
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
	r := bot.PeerRequest{ID: ho.ID, From: requester, Lang: lang, Urgent: urgent, Channel: channel, TS: ts, Due: time.Now().Add(a.cfg.PeerWait)}
	if err := a.cfg.Peers.AddPeer(ctx, r, a.claimTTL()); err != nil {
		// Nobody could end its wait: the request is closed rather than
		// left open with nobody ever told.
		lg.Error("peer request wait not kept, closing it", "err", err)
		a.updateRequest(ctx, channel, ts, txtPeerClosed)
		unposted()
		return
	}
	lg.Info("peer request posted", "wait", a.cfg.PeerWait, "urgent", urgent)
}

// runPeerWaits ends the waits that are due, every PeerPoll, until ctx is
// done. Every carebot process runs it; each wait ends in exactly one.
func (a *Adapter) runPeerWaits(ctx context.Context, st *runState) {
	tick := time.NewTicker(a.cfg.PeerPoll)
	defer tick.Stop()
	for {
		if err := a.peerTick(ctx, st); err != nil && ctx.Err() == nil {
			a.log.Warn("peer waits not checked", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// peerLease is how long a wait this process popped is its own: if it
// dies before the person is told, another process ends the wait then. It
// is long enough for the claim, the post's update and the person's turn.
func (a *Adapter) peerLease() time.Duration { return 30 * a.cfg.PeerPoll }

// peerTick ends the waits that are due now.
func (a *Adapter) peerTick(ctx context.Context, st *runState) error {
	ids, err := a.cfg.Peers.PopDuePeers(ctx, time.Now(), a.peerLease(), 100)
	if err != nil {
		return fmt.Errorf("peer tick: %w", err)
	}
	for _, id := range ids {
		a.peerDue(ctx, st, id)
	}
	return nil
}

// peerDue ends the wait of request id: nobody came in time. The wait is
// done once the person's turn is stored (a turn the runner could not
// start leaves it leased, for another process); one ended twice, by a
// process taking over a lease, is told once: the engine drops the second
// event, whose message ID is the same.
func (a *Adapter) peerDue(ctx context.Context, st *runState, id string) {
	lg := a.log.With("handoff", id)
	r, ok, err := a.cfg.Peers.Peer(ctx, id)
	switch {
	case err != nil:
		lg.Warn("peer request unread, its wait ends later", "err", err)
		return
	case !ok:
		// A volunteer took it, or the person withdrew it.
		a.peerDone(ctx, id, false)
		return
	}
	ref := peerRef{Handoff: r.ID, Chat: r.From.Chat, User: r.From.User, Lang: r.Lang}
	lg = lg.With("chat", r.From.Hash())
	if r.Urgent {
		// Nobody yet is said honestly, and the request stays open (and
		// saved, so that a withdrawal still closes it): a colleague in
		// danger is still better joined late.
		lg.Info("urgent peer request still open, nobody yet")
		a.requesterEvent(st, ref, bot.EventHandoffTimeout, a.peerDoneFunc(ctx, id, false))
		return
	}
	holder, err := a.cfg.claim(ctx, "peer:"+id, holderTimeout, a.claimTTL())
	if err != nil {
		lg.Warn("peer claim failed, its wait ends later", "err", err)
		return
	}
	if holder != holderTimeout {
		a.peerDone(ctx, id, false) // a volunteer won at the last moment
		return
	}
	a.updateRequest(ctx, r.Channel, r.TS, txtPeerClosed)
	lg.Info("peer request closed, nobody free")
	a.requesterEvent(st, ref, bot.EventHandoffTimeout, a.peerDoneFunc(ctx, id, true))
}

// peerDone ends request id's wait, and with take removes the request.
func (a *Adapter) peerDone(ctx context.Context, id string, take bool) {
	var err error
	if take {
		_, _, err = a.cfg.Peers.TakePeer(ctx, id)
	} else {
		err = a.cfg.Peers.DonePeer(ctx, id)
	}
	if err != nil {
		a.log.Warn("peer wait not ended, it ends again later", "handoff", id, "err", err)
	}
}

// peerDoneFunc is peerDone for when the person's turn is stored, which
// may come after ctx's poll ended.
func (a *Adapter) peerDoneFunc(ctx context.Context, id string, take bool) func() {
	return func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		a.peerDone(ctx, id, take)
	}
}

// takePeer removes a request from the shared store; ok is false when it
// is not there (already decided, or never saved).
func (a *Adapter) takePeer(ctx context.Context, id string) (bot.PeerRequest, bool) {
	r, ok, err := a.cfg.Peers.TakePeer(ctx, id)
	if err != nil {
		a.log.Error("peer request not taken", "handoff", id, "err", err)
	}
	return r, ok
}

// peerNobody tells the engine nobody is free for a request that could not
// be posted, or whose wait could not be kept: the adapter claims it, so
// that a press on a post left behind loses cleanly, then the engine hears
// EventHandoffTimeout for the person who asked. (A wait that ends is
// peerDue's.)
func (a *Adapter) peerNobody(ctx context.Context, st *runState, ref peerRef) {
	holder, err := a.cfg.claim(ctx, "peer:"+ref.Handoff, holderTimeout, a.claimTTL())
	if err != nil {
		// Without the Claimer nobody can be connected either: telling the
		// person nobody is free is the honest answer.
		a.log.Error("peer claim failed", "handoff", ref.Handoff, "err", err)
	} else if holder != holderTimeout {
		return // a volunteer won at the last moment
	}
	a.log.Info("peer request closed, nobody free", "chat", ref.Address().Hash(), "handoff", ref.Handoff)
	a.requesterEvent(st, ref, bot.EventHandoffTimeout, nil)
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
	a.takePeer(ctx, ref.Handoff)

	var group *slack.Channel
	err = a.call(ctx, "conversations.open", func(ctx context.Context) (err error) {
		group, _, _, err = a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{ref.User, volunteer}})
		return err
	})
	if err != nil {
		lg.Error("peer group DM not opened", "err", err, "hint", hint(err))
		a.ephemeral(ctx, channel, "", volunteer, a.text(lang, txtPeerFailed, nil))
		a.updateRequest(ctx, channel, ts, txtPeerClosed)
		a.requesterEvent(st, ref, bot.EventHandoffTimeout, nil)
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
	a.requesterEvent(st, ref, bot.EventHandoffClosed, nil)
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
func (a *Adapter) requesterEvent(st *runState, ref peerRef, event bot.Event, stored func()) {
	from := ref.Address()
	m := bot.Message{
		ID:    "peer:" + ref.Handoff + ":" + string(event),
		From:  from,
		Event: event,
		Lang:  ref.Lang,
		At:    time.Now().UTC(),
	}
	j := a.turnJob(st, m, nil)
	j.Stored = stored
	if stored != nil {
		// A turn that failed may not be stored: the wait stays leased,
		// and is ended again when its lease ends, rather than the person
		// never told.
		j.Failed = func() {
			a.log.Warn("hand-off outcome not stored, told again when its wait's lease ends", "chat", from.Hash(), "handoff", ref.Handoff, "event", event)
		}
	}
	ok := st.r.Submit(j)
	switch {
	case ok:
	case stored != nil:
		a.log.Warn("hand-off outcome not queued, told when its wait's lease ends", "chat", from.Hash(), "handoff", ref.Handoff, "event", event)
	default:
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

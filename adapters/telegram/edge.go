package telegram

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/bot"
)

// Errors the adapter reports.
var (
	// ErrUnauthorized: Telegram refused the bot token (getMe answered 401 or 404).
	ErrUnauthorized = errors.New("telegram refused the bot token (check TELEGRAM_BOT_TOKEN)")
	// ErrBlocked: the person blocked the bot (or left the group); nothing is
	// sent to that chat until it writes again.
	ErrBlocked = errors.New("telegram chat blocked the bot")
	// ErrStopped: the adapter is shutting down.
	ErrStopped = errors.New("telegram adapter stopped")
)

// ctxDoer makes telegram-bot-api's ctx-less requests stop when ctx ends: the
// library builds requests without a context, so this is the only way to
// cancel a long poll in flight on SIGTERM.
type ctxDoer struct {
	ctx context.Context
	hc  *http.Client
}

func (d ctxDoer) Do(r *http.Request) (*http.Response, error) {
	return d.hc.Do(r.WithContext(d.ctx))
}

// apiFor returns a copy of the adapter's library client whose requests are bound to ctx.
func (a *Adapter) apiFor(ctx context.Context) *tgbotapi.BotAPI {
	b := *a.api
	b.Client = ctxDoer{ctx: ctx, hc: a.hc}
	return &b
}

// outcome is what to do after a failed call.
type outcome int

const (
	giveUp       outcome = iota // a bad request: retrying would fail the same way
	retry                       // 429, 5xx, 409, a network error: try again later
	blocked                     // 403: the person blocked the bot
	unauthorized                // 401: the token is wrong or revoked
)

// classify reads a library error. wait is Telegram's retry_after when it gave one.
func classify(err error) (o outcome, code int, wait time.Duration) {
	var te *tgbotapi.Error
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return giveUp, 0, 0
	case errors.As(err, &te):
		switch {
		case te.RetryAfter > 0:
			return retry, te.Code, time.Duration(te.RetryAfter) * time.Second
		case te.Code == http.StatusTooManyRequests, te.Code == http.StatusConflict, te.Code >= 500:
			return retry, te.Code, 0
		case te.Code == http.StatusForbidden:
			return blocked, te.Code, 0
		case te.Code == http.StatusUnauthorized:
			return unauthorized, te.Code, 0
		}
		return giveUp, te.Code, 0
	}
	// A network error, or a body that is not the Bot API's JSON (a proxy's
	// 502 page): the call may work next time.
	return retry, 0, 0
}

// backoff is a capped exponential backoff with jitter, for errors that come without retry_after.
type backoff struct {
	min, max time.Duration
	next     time.Duration
}

func (b *backoff) wait() time.Duration {
	if b.next == 0 {
		b.next = b.min
	}
	d := b.next
	b.next = min(2*b.next, b.max)
	// ±20% so many chats retrying together do not hit Telegram in step.
	return d - d/5 + rand.N(2*d/5+1)
}

func (b *backoff) reset() { b.next = 0 }

// callError is a Telegram call that did not succeed, with what to do about it.
type callError struct {
	op      string
	outcome outcome
	code    int
	err     error
}

func (e *callError) Error() string {
	s := "telegram " + e.op + ": "
	switch e.outcome {
	case blocked:
		s += ErrBlocked.Error() + ": "
	case unauthorized:
		s += ErrUnauthorized.Error() + ": "
	}
	if e.code != 0 {
		s += strconv.Itoa(e.code) + " "
	}
	return s + redact(e.err)
}

func (e *callError) Unwrap() []error {
	switch e.outcome {
	case blocked:
		// bot.ErrBlocked too: the follow-up scheduler stops trying.
		return []error{ErrBlocked, bot.ErrBlocked, e.err}
	case unauthorized:
		return []error{ErrUnauthorized, e.err}
	}
	return []error{e.err}
}

// call runs fn against the Bot API with ctx, retrying what can succeed
// later: 429 waits Telegram's retry_after; 5xx, 409 and network errors wait
// a capped backoff. attempts bounds the tries (0: until ctx ends). A 403
// comes back as ErrBlocked and a 401 as ErrUnauthorized, at once.
func (a *Adapter) call(ctx context.Context, op string, attempts int, fn func(*tgbotapi.BotAPI) (*tgbotapi.APIResponse, error)) (*tgbotapi.APIResponse, error) {
	api := a.apiFor(ctx)
	bo := backoff{min: a.backoffMin, max: a.backoffMax}
	for try := 1; ; try++ {
		resp, err := fn(api)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, &callError{op: op, outcome: giveUp, err: ctx.Err()}
		}
		o, code, wait := classify(err)
		if o != retry || (attempts > 0 && try >= attempts) {
			return nil, &callError{op: op, outcome: o, code: code, err: err}
		}
		if wait == 0 {
			wait = bo.wait()
		}
		a.log.Warn("telegram call failed, retrying", "op", op, "code", code, "attempt", try, "wait", wait, "err", redact(err))
		if err := a.sleep(ctx, wait); err != nil {
			return nil, &callError{op: op, outcome: giveUp, err: err}
		}
	}
}

// request sends a typed library request through call.
func (a *Adapter) request(ctx context.Context, op string, attempts int, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	return a.call(ctx, op, attempts, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.Request(c)
	})
}

// redact keeps the token out of logs and errors: net/http's errors quote
// the request URL, and the URL holds the token.
func redact(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + " telegram api: " + ue.Err.Error()
	}
	return err.Error()
}

package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/slack-go/slack"
)

// How Web API calls are retried. Slack's documented answer to a rate limit
// is "wait Retry-After seconds and try again"; a network error or a 5xx is
// usually gone a moment later. Nothing else is retried: an error such as
// not_in_channel or missing_scope needs a person to fix the setup.
const (
	maxAttempts  = 5
	firstBackoff = 500 * time.Millisecond
	maxBackoff   = 30 * time.Second
	// callTimeout bounds one attempt: a connection that hangs is a network
	// error like any other, retried rather than holding the conversation.
	callTimeout = 30 * time.Second
)

// transientCodes are Slack error codes worth another try.
var transientCodes = map[string]bool{
	"ratelimited":         true,
	"internal_error":      true,
	"fatal_error":         true,
	"service_unavailable": true,
	"request_timeout":     true,
}

// hints tell an operator what to do about a setup error, in the log line.
var hints = map[string]string{
	"not_in_channel":    "invite the bot to the channel (/invite @carebot)",
	"channel_not_found": "check the channel ID (and that the bot is a member)",
	"missing_scope":     "add the scope from adapters/slack/manifest.yaml and reinstall the app",
	"invalid_auth":      "check SLACK_BOT_TOKEN",
	"not_authed":        "set SLACK_BOT_TOKEN",
	"token_revoked":     "the app was uninstalled or the token revoked: reinstall and update SLACK_BOT_TOKEN",
	"account_inactive":  "the bot user was deactivated: reinstall the app",
	"is_archived":       "the channel is archived",
}

// call runs one Web API call, retrying rate limits after Retry-After and
// transient failures with a backoff, and wraps the final error with op.
func (c *client) call(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, callTimeout)
		err := fn(actx)
		cancel()
		if err == nil {
			return nil
		}
		wait, retry := retryAfter(err, backoff)
		if !retry || attempt == maxAttempts || ctx.Err() != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		c.log.Warn("slack call retried", "op", op, "attempt", attempt, "wait", wait, "err", err)
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

// retryAfter says whether err is worth another try and after how long.
func retryAfter(err error, backoff time.Duration) (time.Duration, bool) {
	if errors.Is(err, context.Canceled) {
		return 0, false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return backoff, true // the attempt timed out; call stops if ctx itself is done
	}
	if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return max(rl.RetryAfter, time.Second), true
	}
	if sc, ok := errors.AsType[slack.StatusCodeError](err); ok {
		return backoff, sc.Retryable()
	}
	if se, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		return backoff, transientCodes[se.Err]
	}
	if _, ok := errors.AsType[*url.Error](err); ok {
		return backoff, true
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return backoff, true
	}
	return 0, false
}

// slackCode returns Slack's error code ("not_in_channel"), if err carries one.
func slackCode(err error) string {
	if se, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		return se.Err
	}
	return ""
}

// hint returns what an operator should do about err, or "".
func hint(err error) string {
	return hints[slackCode(err)]
}

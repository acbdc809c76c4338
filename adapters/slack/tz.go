package slack

import (
	"context"
	"fmt"
	"time"

	"github.com/carebot/carebot/bot"
)

var _ bot.TimeZoner = (*Adapter)(nil)

// TimeZone implements bot.TimeZoner with the person's Slack profile tz
// ("Europe/Paris"), so a check-in arrives at a decent hour where they are.
// An empty or unknown zone is nil, and the operator's zone applies.
func (a *Adapter) TimeZone(ctx context.Context, to bot.Address) (*time.Location, error) {
	if to.Platform != Platform {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	u, err := a.api.GetUserInfoContext(ctx, to.User)
	if err != nil {
		return nil, fmt.Errorf("slack users.info: %w", err)
	}
	if u.TZ == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(u.TZ)
	if err != nil {
		return nil, fmt.Errorf("slack time zone %q: %w", u.TZ, err)
	}
	return loc, nil
}

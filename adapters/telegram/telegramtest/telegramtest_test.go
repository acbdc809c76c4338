package telegramtest_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
)

// The fake speaks the wire format the real library expects.
func TestServerThroughTheLibrary(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	if api.Self.UserName != telegramtest.Username {
		t.Errorf("getMe username %q", api.Self.UserName)
	}

	t.Run("offset_confirms", func(t *testing.T) {
		us := srv.Push(telegramtest.Text(1, 1, "a"), telegramtest.Text(1, 1, "b"))
		got, err := api.GetUpdates(tgbotapi.UpdateConfig{})
		if err != nil || len(got) != 2 || got[0].Message.Text != "a" {
			t.Fatalf("getUpdates = %v, %v", got, err)
		}
		// Not confirmed yet: answered again.
		got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: us[0].UpdateID})
		if len(got) != 2 {
			t.Fatalf("unconfirmed updates: %d, want 2", len(got))
		}
		got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: us[1].UpdateID})
		if len(got) != 1 || got[0].UpdateID != us[1].UpdateID || srv.Confirmed() != us[1].UpdateID {
			t.Fatalf("after confirming the first: %v, confirmed %d", got, srv.Confirmed())
		}
		got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: us[1].UpdateID + 1})
		if len(got) != 0 {
			t.Fatalf("after confirming both: %v", got)
		}
	})

	t.Run("send_records_and_validates", func(t *testing.T) {
		m := tgbotapi.NewMessage(9, "hello *_[")
		m.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Yes", "q:yes")))
		sent, err := api.Send(m)
		if err != nil || sent.MessageID == 0 {
			t.Fatalf("send: %v, %v", sent, err)
		}
		calls := srv.Sent(9)
		if len(calls) != 1 || calls[0].Text() != "hello *_[" || calls[0].MessageID != sent.MessageID ||
			len(calls[0].Buttons()) != 1 || calls[0].Buttons()[0].Data != "q:yes" {
			t.Errorf("recorded %+v", calls)
		}
		if _, err := api.Send(tgbotapi.NewMessage(9, strings.Repeat("x", 4097))); !isCode(err, 400) {
			t.Errorf("a 4097-character message: %v, want 400", err)
		}
		if _, err := api.Send(tgbotapi.NewMessage(9, "")); !isCode(err, 400) {
			t.Errorf("an empty message: %v, want 400", err)
		}
	})

	t.Run("faults", func(t *testing.T) {
		srv.Fail("sendMessage",
			telegramtest.Fault{Code: 429, RetryAfter: 5},
			telegramtest.Fault{Code: 502, Garbage: true},
			telegramtest.Fault{Code: 500})
		_, err := api.Send(tgbotapi.NewMessage(9, "x"))
		var te *tgbotapi.Error
		if !errors.As(err, &te) || te.Code != 429 || te.RetryAfter != 5 {
			t.Errorf("429 fault: %v", err)
		}
		if _, err := api.Send(tgbotapi.NewMessage(9, "x")); err == nil || errors.As(err, &te) {
			t.Errorf("garbage fault: %v, want a decoding error", err)
		}
		if _, err := api.Send(tgbotapi.NewMessage(9, "x")); !isCode(err, 500) {
			t.Errorf("500 fault: %v", err)
		}
		if _, err := api.Send(tgbotapi.NewMessage(9, "x")); err != nil {
			t.Errorf("after the faults: %v", err)
		}
		srv.Block(9, true)
		if _, err := api.Send(tgbotapi.NewMessage(9, "x")); !isCode(err, 403) {
			t.Errorf("blocked: %v, want 403", err)
		}
	})

	t.Run("wrong_token", func(t *testing.T) {
		if _, err := tgbotapi.NewBotAPIWithClient("1:wrong", srv.Endpoint(), srv.Client()); !isCode(err, 401) {
			t.Errorf("wrong token: %v, want 401", err)
		}
	})

	t.Run("webhook_blocks_polling", func(t *testing.T) {
		wh, _ := tgbotapi.NewWebhook("https://x.example.com/hook")
		if _, err := api.Request(wh); err != nil {
			t.Fatal(err)
		}
		if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); !isCode(err, http.StatusConflict) {
			t.Errorf("getUpdates with a webhook set: %v, want 409", err)
		}
		if _, err := api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
			t.Fatal(err)
		}
		if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
			t.Errorf("getUpdates after deleteWebhook: %v", err)
		}
	})
}

func isCode(err error, code int) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && te.Code == code
}

// OnAccepted sees each accepted sendMessage before its sender gets the
// answer, and nothing the server refused.
func TestOnAccepted(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	var seen []telegramtest.Call
	srv.OnAccepted(func(c telegramtest.Call) {
		// Recorded already: the message is on the platform.
		if n := len(srv.Sent(c.ChatID())); n == 0 {
			t.Errorf("OnAccepted before the call was recorded")
		}
		seen = append(seen, c)
	})
	sent, err := api.Send(tgbotapi.NewMessage(5, "hello"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Block(5, true)
	if _, err := api.Send(tgbotapi.NewMessage(5, "again")); err == nil {
		t.Fatal("a send to a blocked chat succeeded")
	}
	if len(seen) != 1 || seen[0].MessageID != sent.MessageID || seen[0].Text() != "hello" {
		t.Errorf("OnAccepted saw %+v, want the one accepted send", seen)
	}
}

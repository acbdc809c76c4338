package telegram

import (
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
)

const me = telegramtest.Username

func TestToMessage(t *testing.T) {
	t.Parallel()
	at := time.Unix(1700000000, 0)
	stamp := func(u tgbotapi.Update) tgbotapi.Update {
		u.UpdateID = 7
		u.Message.Date = int(at.Unix())
		return u
	}
	private := func(text string) tgbotapi.Update { return stamp(telegramtest.Text(42, 42, text)) }
	group := func(text string) tgbotapi.Update { return stamp(telegramtest.Text(-100, 42, text)) }
	media := func(kind string) tgbotapi.Update { return stamp(telegramtest.Media(42, 42, kind)) }
	with := func(u tgbotapi.Update, f func(*tgbotapi.Update)) tgbotapi.Update { f(&u); return u }
	from := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	inGroup := bot.Address{Platform: "telegram", Chat: "-100", User: "42"}
	text := func(a bot.Address, s string) bot.Message {
		return bot.Message{ID: "tg:7", Order: 7, From: a, Text: s, At: at}
	}
	withMedia := func(kind, caption string) bot.Message {
		return bot.Message{ID: "tg:7", Order: 7, From: from, Text: caption, Media: kind, At: at}
	}

	type test struct {
		name string
		u    tgbotapi.Update
		want bot.Message
		ok   bool
	}
	tests := []test{
		{"private_text", private("my parcel is late"), text(from, "my parcel is late"), true},
		{"markup_characters_kept", private("*_[`] <b>"), text(from, "*_[`] <b>"), true},
		{"language_code", telegramtest.Lang(private("bonjour"), "fr"),
			bot.Message{ID: "tg:7", Order: 7, From: from, Text: "bonjour", Lang: "fr", At: at}, true},
		{"command", private("/start"), text(from, "/start"), true},
		{"command_with_our_name", private("/Help@Carebot_Test_Bot"), text(from, "/help"), true},
		{"command_with_args", private("/start@carebot_test_bot promo"), text(from, "/start promo"), true},
		{"humain", private("/humain"), text(from, "/humain"), true},
		{"slash_not_command", private("/ tired"), text(from, "/ tired"), true},
		{"blank", private("   "), bot.Message{}, false},

		{"group_not_addressed", group("anyone here?"), bot.Message{}, false},
		{"group_mention", group("@carebot_test_bot my parcel is late"), text(inGroup, "my parcel is late"), true},
		{"group_mention_comma", group("@CareBot_Test_Bot, help me"), text(inGroup, "help me"), true},
		{"group_mention_inside", group("hello @carebot_test_bot where is it\nline two"), text(inGroup, "hello where is it\nline two"), true},
		{"group_mention_other_bot", group("@carebot_test_bot_fan hi"), bot.Message{}, false},
		{"group_email_not_mention", group("write to x@carebot_test_bot"), bot.Message{}, false},
		{"group_command", group("/help"), text(inGroup, "/help"), true},
		{"group_command_ours", group("/help@carebot_test_bot"), text(inGroup, "/help"), true},
		{"group_command_other_bot", group("/help@other_bot"), bot.Message{}, false},
		{"group_reply_to_bot", with(group("AB-123456"), func(u *tgbotapi.Update) {
			u.Message.ReplyToMessage = &tgbotapi.Message{From: &tgbotapi.User{ID: telegramtest.BotID, IsBot: true, UserName: me}}
		}), text(inGroup, "AB-123456"), true},
		{"group_reply_to_person", with(group("yes"), func(u *tgbotapi.Update) {
			u.Message.ReplyToMessage = &tgbotapi.Message{From: &tgbotapi.User{ID: 9, UserName: "someone"}}
		}), bot.Message{}, false},
		{"group_sticker_not_addressed", with(media("sticker"), func(u *tgbotapi.Update) {
			u.Message.Chat = &tgbotapi.Chat{ID: -100, Type: "group"}
		}), bot.Message{}, false},

		{"other_bot", with(private("hi"), func(u *tgbotapi.Update) { u.Message.From.IsBot = true }), bot.Message{}, false},
		{"no_sender", with(private("hi"), func(u *tgbotapi.Update) { u.Message.From = nil }), bot.Message{}, false},
		// A private chat's edit is the engine's EventPersonEdited: during a
		// hand-off the team reads it (TestE2ETelegramEditReachesThread24).
		{"edited", tgbotapi.Update{UpdateID: 7, EditedMessage: private("hi").Message},
			bot.Message{ID: "tg:7", Order: 7, From: from, Text: "hi", Event: bot.EventPersonEdited, At: at}, true},
		{"edited_in_group", tgbotapi.Update{UpdateID: 7, EditedMessage: group("hi").Message}, bot.Message{}, false},
		{"edited_by_bot", with(tgbotapi.Update{UpdateID: 7, EditedMessage: private("hi").Message}, func(u *tgbotapi.Update) { u.EditedMessage.From.IsBot = true }), bot.Message{}, false},
		{"channel_post", tgbotapi.Update{UpdateID: 7, ChannelPost: private("hi").Message}, bot.Message{}, false},
		{"channel_chat", with(private("hi"), func(u *tgbotapi.Update) { u.Message.Chat.Type = "channel" }), bot.Message{}, false},
		{"inline_query", tgbotapi.Update{UpdateID: 7, InlineQuery: &tgbotapi.InlineQuery{ID: "q"}}, bot.Message{}, false},
		{"service_joined", with(private(""), func(u *tgbotapi.Update) {
			u.Message.NewChatMembers = []tgbotapi.User{{ID: 5}}
		}), bot.Message{}, false},

		{"photo_caption", with(media("photo"), func(u *tgbotapi.Update) { u.Message.Caption = "the box was torn" }),
			withMedia("photo", "the box was torn"), true},
		{"group_photo_caption_mention", with(media("photo"), func(u *tgbotapi.Update) {
			u.Message.Chat = &tgbotapi.Chat{ID: -100, Type: "supergroup"}
			u.Message.Caption = "@carebot_test_bot look"
		}), bot.Message{ID: "tg:7", Order: 7, From: inGroup, Text: "look", Media: "photo", At: at}, true},

		{"press", with(telegramtest.Press(42, 42, 5, "s3:late"), func(u *tgbotapi.Update) { u.UpdateID = 7 }),
			bot.Message{ID: "tg:7", Order: 7, From: from, Choice: "s3:late"}, true},
		{"press_lang", with(telegramtest.Lang(telegramtest.Press(42, 42, 5, "s3:late"), "fr"), func(u *tgbotapi.Update) { u.UpdateID = 7 }),
			bot.Message{ID: "tg:7", Order: 7, From: from, Choice: "s3:late", Lang: "fr"}, true},
		{"press_in_group", with(telegramtest.Press(-100, 42, 5, "s3:late"), func(u *tgbotapi.Update) { u.UpdateID = 7 }),
			bot.Message{ID: "tg:7", Order: 7, From: inGroup, Choice: "s3:late"}, true},
		{"press_inline_message", with(telegramtest.Press(42, 42, 5, "x"), func(u *tgbotapi.Update) {
			u.CallbackQuery.Message = nil
			u.CallbackQuery.InlineMessageID = "im"
		}), bot.Message{}, false},
		{"press_no_data", telegramtest.Press(42, 42, 5, ""), bot.Message{}, false},
		{"press_by_bot", with(telegramtest.Press(42, 42, 5, "x"), func(u *tgbotapi.Update) { u.CallbackQuery.From.IsBot = true }),
			bot.Message{}, false},
	}
	// Every kind of content the adapter names, without a caption.
	for _, kind := range []string{"sticker", "photo", "voice", "video", "video_note", "audio", "animation", "document", "location", "venue", "contact", "poll", "dice"} {
		tests = append(tests, test{kind, media(kind), withMedia(kind, ""), true})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := toMessage(tt.u, me)
			if ok != tt.ok {
				t.Fatalf("toMessage ok = %v, want %v (message %+v)", ok, tt.ok, got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("toMessage (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckSecret(t *testing.T) {
	t.Parallel()
	for secret, ok := range map[string]bool{
		"":                         false,
		"abc-DEF_123":              true,
		"with space":               false,
		"émoji":                    false,
		string(make([]byte, 257)):  false,
		"a/b":                      false,
		"x":                        true,
		"0123456789abcdefABCDEF__": true,
	} {
		if err := checkSecret(secret); (err == nil) != ok {
			t.Errorf("checkSecret(%q) = %v, want ok %v", secret, err, ok)
		}
	}
}

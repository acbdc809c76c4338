package slack

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/carebot/carebot/bot"
)

// peerRef is what a volunteer's "I can listen" button must carry for any
// carebot process to connect them: the hand-off and who asked.
//
// The request is anonymous, but a button's value is part of the message's
// blocks, which every member of the channel can read through the API or the
// web client's network tab. So the value is sealed (AES-GCM, with a key
// derived from the bot token that every process shares): readable by carebot
// only, and a forged or altered value is refused.
type peerRef struct {
	Handoff string `json:"h"`
	Chat    string `json:"c"` // the requester's Address.Chat
	User    string `json:"u"` // the requester's Slack user ID
	Lang    string `json:"l,omitempty"`
}

// Address is the requester's conversation.
func (p peerRef) Address() bot.Address {
	return bot.Address{Platform: Platform, Chat: p.Chat, User: p.User}
}

const sealPrefix = "v1."

var errBadSeal = errors.New("sealed value refused")

// newSealer derives the button-value key from the bot token. Rotating the
// token makes older requests' buttons unreadable: they are then answered as
// closed, which is the safe side.
func newSealer(botToken string) (cipher.AEAD, error) {
	mac := hmac.New(sha256.New, []byte(botToken))
	mac.Write([]byte("carebot slack peer button v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("peer button key: %w", err)
	}
	return cipher.NewGCM(block)
}

func seal(aead cipher.AEAD, p peerRef) (string, error) {
	plain, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("seal peer request: %w", err)
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal peer request: %w", err)
	}
	out := aead.Seal(nonce, nonce, plain, []byte(sealPrefix))
	return sealPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

func unseal(aead cipher.AEAD, v string) (peerRef, error) {
	rest, ok := strings.CutPrefix(v, sealPrefix)
	if !ok {
		return peerRef{}, errBadSeal
	}
	raw, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(raw) < aead.NonceSize() {
		return peerRef{}, errBadSeal
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(sealPrefix))
	if err != nil {
		return peerRef{}, errBadSeal
	}
	var p peerRef
	if err := json.Unmarshal(plain, &p); err != nil || p.Handoff == "" || p.User == "" || p.Chat == "" {
		return peerRef{}, errBadSeal
	}
	return p, nil
}

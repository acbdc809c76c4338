package slackfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{
	// slack-go dials with Origin: https://api.slack.com.
	CheckOrigin: func(*http.Request) bool { return true },
}

// serveSocket is the Socket Mode websocket that apps.connections.open
// points to: it says hello, pings like Slack, and records acknowledgements.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s.wsMu.Lock()
	if s.ws != nil {
		_ = s.ws.Close() // Slack keeps one connection per client here
	}
	s.ws = conn
	err = conn.WriteJSON(map[string]any{
		"type":            "hello",
		"num_connections": 1,
		"debug_info":      map[string]any{"host": "fake"},
		"connection_info": map[string]any{"app_id": AppID},
	})
	s.wsMu.Unlock()
	if err != nil {
		return
	}
	s.mu.Lock()
	s.sockets++
	s.changedLocked()
	s.mu.Unlock()

	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
					return
				}
			}
		}
	}()
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			continue
		}
		s.mu.Lock()
		s.acks[ack.EnvelopeID] = ack.Payload
		s.changedLocked()
		s.mu.Unlock()
	}
}

// WaitSocket waits until a Socket Mode client is connected.
func (s *Server) WaitSocket(t testing.TB) {
	t.Helper()
	s.Wait(t, "a socket mode connection", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.sockets > 0
	})
}

// SendEnvelope sends one Socket Mode envelope of type typ ("events_api",
// "interactive", "slash_commands") and returns its envelope_id.
func (s *Server) SendEnvelope(t testing.TB, typ string, payload any) string {
	t.Helper()
	s.WaitSocket(t)
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatalf("marshal envelope payload: %v", err)
	}
	s.mu.Lock()
	s.envSeq++
	id := fmt.Sprintf("env-%04d", s.envSeq)
	s.mu.Unlock()
	env := map[string]any{
		"envelope_id":              id,
		"type":                     typ,
		"payload":                  json.RawMessage(raw),
		"accepts_response_payload": typ != "events_api",
		"retry_attempt":            0,
		"retry_reason":             "",
	}
	s.wsMu.Lock()
	defer s.wsMu.Unlock()
	if err := s.ws.WriteJSON(env); err != nil {
		t.Fatalf("send envelope: %v", err)
	}
	return id
}

// SendEvent sends an Events API event through Socket Mode.
func (s *Server) SendEvent(t testing.TB, eventID string, inner any) string {
	t.Helper()
	return s.SendEnvelope(t, "events_api", EventCallback(eventID, inner))
}

// SendInteraction sends an interactivity payload through Socket Mode.
func (s *Server) SendInteraction(t testing.TB, payload any) string {
	t.Helper()
	return s.SendEnvelope(t, "interactive", payload)
}

// Acked reports whether the envelope was acknowledged.
func (s *Server) Acked(envelopeID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.acks[envelopeID]
	return ok
}

// WaitAck waits until the envelope is acknowledged.
func (s *Server) WaitAck(t testing.TB, envelopeID string) {
	t.Helper()
	s.Wait(t, "ack of "+envelopeID, func() bool { return s.Acked(envelopeID) })
}

// AckPayload returns the payload carebot acknowledged the envelope with
// (a slash command's immediate answer), or nil.
func (s *Server) AckPayload(envelopeID string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.acks[envelopeID]
}

package slackfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
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
	// Each carebot process holds its own connection, as with Slack's
	// several connections per app; envelopes go to the latest unless
	// SendEnvelopeTo picks one.
	s.ws = conn
	s.conns = append(s.conns, conn)
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
	defer func() {
		s.wsMu.Lock()
		defer s.wsMu.Unlock()
		s.conns = slices.DeleteFunc(s.conns, func(c *websocket.Conn) bool { return c == conn })
		if s.ws == conn && len(s.conns) > 0 {
			s.ws = s.conns[len(s.conns)-1]
		}
	}()
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

// WaitSockets waits until n Socket Mode connections are open.
func (s *Server) WaitSockets(t testing.TB, n int) {
	t.Helper()
	s.Wait(t, fmt.Sprintf("%d socket mode connections", n), func() bool {
		s.wsMu.Lock()
		defer s.wsMu.Unlock()
		return len(s.conns) >= n
	})
}

// SendEnvelope sends one Socket Mode envelope of type typ ("events_api",
// "interactive", "slash_commands") on the latest connection and returns
// its envelope_id.
func (s *Server) SendEnvelope(t testing.TB, typ string, payload any) string {
	t.Helper()
	return s.SendEnvelopeTo(t, -1, typ, payload)
}

// SendEventTo sends an Events API event on connection conn (0 is the
// oldest open one): Slack spreads envelopes over an app's connections, and
// may send one again on another.
func (s *Server) SendEventTo(t testing.TB, conn int, eventID string, inner any) string {
	t.Helper()
	return s.SendEnvelopeTo(t, conn, "events_api", EventCallback(eventID, inner))
}

// SendEnvelopeTo is SendEnvelope on connection conn (0 is the oldest open
// one; -1 the latest).
func (s *Server) SendEnvelopeTo(t testing.TB, conn int, typ string, payload any) string {
	t.Helper()
	if conn < 0 {
		s.WaitSocket(t)
	} else {
		s.WaitSockets(t, conn+1)
	}
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
	ws := s.ws
	if conn >= 0 {
		ws = s.conns[conn]
	}
	if err := ws.WriteJSON(env); err != nil {
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

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest/wait"
)

// studioConfig writes a settings file with studio.enabled.
func studioConfig(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "carebot.yaml")
	if err := os.WriteFile(p, []byte("studio:\n  enabled: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestServeStudioNeverOpen: studio.enabled without credentials stops the
// start with a message saying what to set.
func TestServeStudioNeverOpen(t *testing.T) {
	t.Parallel()
	_, _, err := runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_CONFIG": studioConfig(t)}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "CAREBOT_STUDIO_TOKEN") {
		t.Fatalf("serve with studio.enabled and no credentials: err = %v, want a refusal naming CAREBOT_STUDIO_TOKEN", err)
	}
	_, _, err = runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_CONFIG": studioConfig(t), "CAREBOT_STUDIO_USER": "lead"}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "CAREBOT_STUDIO_PASSWORD") {
		t.Fatalf("a user without a password: err = %v, want a refusal naming CAREBOT_STUDIO_PASSWORD", err)
	}
}

// TestServeStudioBehindAuth: with studio.enabled, /studio/ answers only
// with the bearer token or the user and password; without studio.enabled
// there is no /studio at all.
func TestServeStudioBehindAuth(t *testing.T) {
	t.Parallel()
	addr := startServe(t, map[string]string{
		"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_CONFIG": studioConfig(t),
		"CAREBOT_STUDIO_TOKEN": "s3cret-token", "CAREBOT_STUDIO_USER": "lead", "CAREBOT_STUDIO_PASSWORD": "pa55word",
	})
	get := func(path string, auth func(*http.Request)) (int, string) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), "GET", "http://"+addr+path, nil)
		if auth != nil {
			auth(req)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for name, auth := range map[string]func(*http.Request){
		"none":         nil,
		"wrong_token":  func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") },
		"wrong_passwd": func(r *http.Request) { r.SetBasicAuth("lead", "nope") },
	} {
		for _, p := range []string{"/studio/", "/studio/api/state", "/studio/static/studio.js"} {
			if code, _ := get(p, auth); code != http.StatusUnauthorized {
				t.Errorf("%s: GET %s = %d, want 401", name, p, code)
			}
		}
	}
	for name, auth := range map[string]func(*http.Request){
		"token": func(r *http.Request) { r.Header.Set("Authorization", "Bearer s3cret-token") },
		"basic": func(r *http.Request) { r.SetBasicAuth("lead", "pa55word") },
	} {
		if code, body := get("/studio/", auth); code != 200 || !strings.Contains(body, "carebot flow studio") {
			t.Errorf("%s: GET /studio/ = %d %.100q, want the page", name, code, body)
		}
		if code, body := get("/studio/api/state", auth); code != 200 || !strings.Contains(body, `"order_problem"`) {
			t.Errorf("%s: GET /studio/api/state = %d %.100q, want the flows", name, code, body)
		}
	}
	// The rest of the server is unchanged.
	if code, _ := get("/healthz", nil); code != 200 {
		t.Errorf("/healthz = %d with the studio on", code)
	}

	plain := startServe(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0"})
	resp, err := http.Get("http://" + plain + "/studio/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("without studio.enabled: GET /studio/ = %d, want 404", resp.StatusCode)
	}
}

// startServe runs carebot serve until the test ends and returns its address.
func startServe(t *testing.T, env map[string]string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = run(ctx, []string{"serve"}, strings.NewReader(""), pw, io.Discard, envMap(env))
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(wait.Timeout):
			t.Errorf("serve did not stop within %s", wait.Timeout)
		}
	})
	return serveAddr(t, pr)
}

// TestStudioCommand: carebot studio refuses a public address without
// credentials and serves the page on loopback.
func TestStudioCommand(t *testing.T) {
	t.Parallel()
	_, _, err := runMain(t, nil, "", "studio", "--addr", "0.0.0.0:0")
	if err == nil || !strings.Contains(err.Error(), "CAREBOT_STUDIO_TOKEN") {
		t.Errorf("studio on 0.0.0.0 without credentials: err = %v, want a refusal naming CAREBOT_STUDIO_TOKEN", err)
	}
	_, _, err = runMain(t, nil, "", "studio", "--write-tests")
	if err == nil || !strings.Contains(err.Error(), "--write-tests") {
		t.Errorf("--write-tests on the built-in flows: err = %v, want a refusal", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"studio", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &errb, envMap(nil))
		pw.Close()
	}()
	lines := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		n, _ := pr.Read(buf)
		lines <- string(buf[:n])
		_, _ = io.Copy(io.Discard, pr)
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(startTimeout):
		t.Fatalf("the studio did not start within %s", startTimeout)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "carebot studio: open ")
	url, _, _ = strings.Cut(url, " ")
	if !ok {
		t.Fatalf("first line %q, want \"carebot studio: open http://…\"", line)
	}
	resp, err := http.Get(url + "api/state")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"folder":"flows"`) {
		t.Errorf("GET api/state = %d %.200q, want the built-in flows", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("studio returned %v; stderr:\n%s", err, errb.String())
		}
	case <-time.After(wait.Timeout):
		t.Fatalf("the studio did not stop within %s", wait.Timeout)
	}
}

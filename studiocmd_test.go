package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// studioYAML is a config with studio.enabled.
const studioYAML = "studio:\n  enabled: true\n"

// TestServeStudioNeverOpen: studio.enabled without credentials stops the
// start with a message saying what to set.
func TestServeStudioNeverOpen(t *testing.T) {
	t.Parallel()
	_, _, err := runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_CONFIG": writeConfig(t, studioYAML)}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "CAREBOT_STUDIO_TOKEN") {
		t.Fatalf("serve with studio.enabled and no credentials: err = %v, want a refusal naming CAREBOT_STUDIO_TOKEN", err)
	}
	_, _, err = runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "CAREBOT_CONFIG": writeConfig(t, studioYAML), "CAREBOT_STUDIO_USER": "lead"}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "CAREBOT_STUDIO_PASSWORD") {
		t.Fatalf("a user without a password: err = %v, want a refusal naming CAREBOT_STUDIO_PASSWORD", err)
	}
}

// TestServeStudioBehindAuth: with studio.enabled, /studio/ answers only
// with the bearer token or the user and password; without studio.enabled
// there is no /studio at all.
func TestServeStudioBehindAuth(t *testing.T) {
	t.Parallel()
	_, addr := startServe(t, map[string]string{
		"CAREBOT_CONFIG":       writeConfig(t, studioYAML),
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

	_, plain := startServe(t, nil)
	if code, _ := httpGet(t, "http://"+plain+"/studio/"); code != http.StatusNotFound {
		t.Errorf("without studio.enabled: GET /studio/ = %d, want 404", code)
	}
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

	c := startTerm(t, nil, "studio", "--addr", "127.0.0.1:0")
	line := waitLine(t, c.name, c.out, "", c.exited)
	url, ok := strings.CutPrefix(line, "carebot studio: open ")
	url, _, _ = strings.Cut(url, " ")
	if !ok {
		t.Fatalf("first line %q, want \"carebot studio: open http://…\"", line)
	}
	if code, body := httpGet(t, url+"api/state"); code != 200 || !strings.Contains(body, `"folder":"flows"`) {
		t.Errorf("GET api/state = %d %.200q, want the built-in flows", code, body)
	}
	if err := c.stop(t); err != nil {
		t.Errorf("studio returned %v; stderr:\n%s", err, c.errb.String())
	}
}

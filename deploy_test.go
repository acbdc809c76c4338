package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDashboardMetricsExist parses the Grafana dashboard and checks every
// metric its panels and variables query against a real /metrics scrape of
// a running carebot: a renamed metric must not leave an empty panel.
func TestDashboardMetricsExist(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("deploy/grafana/carebot-care.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Title      string `json:"title"`
			Datasource struct {
				UID string `json:"uid"`
			} `json:"datasource"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("dashboard JSON: %v", err)
	}
	if dash.UID == "" || len(dash.Panels) == 0 {
		t.Fatalf("dashboard has uid %q and %d panels", dash.UID, len(dash.Panels))
	}
	metricRE := regexp.MustCompile(`\bcarebot_[a-z0-9_]+`)
	used := map[string][]string{} // metric → panels
	for _, p := range dash.Panels {
		if p.Datasource.UID != "prometheus" {
			t.Errorf("panel %q uses datasource %q, want the provisioned \"prometheus\"", p.Title, p.Datasource.UID)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			for _, m := range metricRE.FindAllString(tg.Expr, -1) {
				used[m] = append(used[m], p.Title)
			}
		}
	}
	for _, v := range dash.Templating.List {
		for _, m := range metricRE.FindAllString(v.Definition, -1) {
			used[m] = append(used[m], "variable")
		}
	}

	scrape := scrapeServe(t)
	for m, panels := range used {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m) + `[{ ]`).MatchString(scrape) {
			t.Errorf("metric %s (panels %q) is not in /metrics", m, panels)
		}
	}
	// And what the README documents is what /metrics serves.
	for _, m := range []string{"carebot_care_conversations_total", "carebot_care_escalations_total", "carebot_care_time_to_human_seconds_bucket",
		"carebot_care_waiting_abandoned_total", "carebot_care_satisfaction_score_bucket", "carebot_followups_total",
		"carebot_followups_cancelled_total", "carebot_followups_answered_total"} {
		if !strings.Contains(scrape, "\n"+m+"{") {
			t.Errorf("%s missing from /metrics", m)
		}
	}
	if t.Failed() {
		t.Logf("scrape:\n%s", scrape)
	}
}

// scrapeServe runs `carebot serve` in this process and returns /metrics.
func scrapeServe(t *testing.T) string {
	t.Helper()
	c, addr := startServe(t, nil)
	_, body := httpGet(t, "http://"+addr+"/metrics")
	_ = c.stop(t)
	return body
}

// TestComposeFile checks docker-compose.yml without docker (it cannot run
// here): valid YAML, the four services, every mounted file present, and
// Prometheus, Grafana and the dashboard pointing at each other.
func TestComposeFile(t *testing.T) {
	t.Parallel()
	var compose struct {
		Services map[string]struct {
			Image   string            `yaml:"image"`
			Build   any               `yaml:"build"`
			Ports   []string          `yaml:"ports"`
			Volumes []string          `yaml:"volumes"`
			Env     map[string]string `yaml:"environment"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	mustYAML(t, "docker-compose.yml", &compose)
	for _, s := range []string{"carebot", "redis", "prometheus", "grafana"} {
		if _, ok := compose.Services[s]; !ok {
			t.Errorf("service %q missing", s)
		}
	}
	for name, s := range compose.Services {
		for _, v := range s.Volumes {
			src, _, _ := strings.Cut(v, ":")
			if strings.HasPrefix(src, "./") {
				if _, err := os.Stat(filepath.FromSlash(src)); err != nil {
					t.Errorf("service %s mounts %s: %v", name, src, err)
				}
			} else if _, ok := compose.Volumes[src]; !ok {
				t.Errorf("service %s uses volume %q that is not declared", name, src)
			}
		}
	}
	if !strings.Contains(compose.Services["carebot"].Env["CAREBOT_HTTP_ADDR"], "8080") {
		t.Errorf("carebot does not listen on 8080, where Prometheus scrapes")
	}

	var prom struct {
		ScrapeConfigs []struct {
			MetricsPath   string `yaml:"metrics_path"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	mustYAML(t, "deploy/prometheus/prometheus.yml", &prom)
	if len(prom.ScrapeConfigs) == 0 || prom.ScrapeConfigs[0].MetricsPath != "/metrics" || len(prom.ScrapeConfigs[0].StaticConfigs) == 0 ||
		!slices.Contains(prom.ScrapeConfigs[0].StaticConfigs[0].Targets, "carebot:8080") {
		t.Errorf("prometheus.yml does not scrape carebot:8080/metrics: %+v", prom)
	}

	var ds struct {
		Datasources []struct {
			UID string `yaml:"uid"`
			URL string `yaml:"url"`
		} `yaml:"datasources"`
	}
	mustYAML(t, "deploy/grafana/provisioning/datasources/prometheus.yaml", &ds)
	if len(ds.Datasources) != 1 || ds.Datasources[0].UID != "prometheus" || ds.Datasources[0].URL != "http://prometheus:9090" {
		t.Errorf("grafana datasource = %+v, want uid prometheus at http://prometheus:9090", ds)
	}
	var dp struct {
		Providers []struct {
			Options struct {
				Path string `yaml:"path"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	mustYAML(t, "deploy/grafana/provisioning/dashboards/carebot.yaml", &dp)
	mounted := false
	for _, v := range compose.Services["grafana"].Volumes {
		if strings.HasPrefix(v, "./deploy/grafana:") && len(dp.Providers) == 1 && strings.HasPrefix(strings.TrimPrefix(v, "./deploy/grafana:"), dp.Providers[0].Options.Path) {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("the dashboards folder the provider reads (%+v) is not where compose mounts deploy/grafana", dp)
	}
}

func mustYAML(t *testing.T, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

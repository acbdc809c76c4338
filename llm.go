package main

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/metrics"
	"github.com/carebot/carebot/prompts"
)

// newRephraser returns the LLM rephraser when OPENAI_API_KEY is set, and
// nil (replies go out as scripted) when it is not.
func newRephraser(cfg config.Config, cache bot.Cache, reg *metrics.Registry, log *slog.Logger) (bot.Rephraser, error) {
	if cfg.LLM.APIKey == "" {
		return nil, nil
	}
	rec, err := metrics.NewRephrase(reg, llm.Checks, llm.Causes)
	if err != nil {
		return nil, err
	}
	r, err := llm.New(llm.Config{
		APIKey:   cfg.LLM.APIKey,
		BaseURL:  cfg.LLM.BaseURL,
		Model:    cfg.LLM.Model,
		Timeout:  cfg.LLM.Timeout,
		Prompts:  promptsFS(cfg),
		Cache:    cache,
		CacheTTL: cfg.LLM.CacheTTL,
		Recorder: rec,
		Logger:   log,
	})
	if err != nil {
		return nil, withPromptDir(cfg, err)
	}
	log.Info("rephrasing on", "model", cfg.LLM.Model, "timeout", cfg.LLM.Timeout)
	return r, nil
}

// validatePrompts checks the prompt templates, as `flows validate` does for flows.
func validatePrompts(cfg config.Config) error {
	return withPromptDir(cfg, llm.ValidatePrompts(promptsFS(cfg)))
}

func promptsFS(cfg config.Config) fs.FS {
	if cfg.PromptsDir != "" {
		return os.DirFS(cfg.PromptsDir)
	}
	return prompts.FS
}

// withPromptDir names prompt files by their path, so a support lead finds them.
func withPromptDir(cfg config.Config, err error) error {
	var pe llm.PromptErrors
	if cfg.PromptsDir == "" || !errors.As(err, &pe) {
		return err
	}
	for _, e := range pe {
		e.File = filepath.Join(cfg.PromptsDir, e.File)
	}
	return pe
}

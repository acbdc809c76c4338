package llm_test

import (
	"fmt"
	"testing"

	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/bot/llm/llmtest"
)

func TestZZDebugAdded(t *testing.T) {
	for i, req := range corpus {
		for _, c := range []string{realistic[i], llmtest.Paraphrase(req.Text, req.Lang, nil), llmtest.Paraphrase(req.Text, req.Lang, []string{"angry"})} {
			c = llm.Protect(c, nil)
			ad, n := llm.Added(llm.Protect(req.Text, req.Slots), c, req.Slots)
			fmt.Printf("n=%d added=%d %v | %s\n", n, len(ad), ad, c)
		}
	}
}

package studio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/studio"
)

// TestBrowserShowsCustomerQuestionAndIfSaid25 drives the studio in
// headless chromium: peer support's check_care step lists its if_said
// condition in words ("if the first message names harassment"), and in
// Try it, as a colleague, "where is my order" is read as a customer's
// question and "my coworker said he'd hurt me if I reported him" names
// the harassment button, both under "Words read as" where the route is
// shown. Before, the condition read "if  is known" and the route view
// showed neither (fix24 added both).
func TestBrowserShowsCustomerQuestionAndIfSaid25(t *testing.T) {
	bin := chromium(t)
	url := serveStudio(t, studio.Config{Dir: bottest.CopyFlows(t), Debounce: 50 * time.Millisecond})
	b := newBrowser(t, bin)
	b.do("open the studio", chromedp.Navigate(url+"/"))

	b.wait("the list of flows", `document.querySelector('#flow-list button[data-flow="peer_support"]')`)
	b.do("open peer_support", chromedp.Click(chromedp.CSS(`#flow-list button[data-flow="peer_support"]`)))
	b.wait("peer_support's picture", `document.querySelector('#graph g.step[data-step="check_care"]')`)
	b.do("select check_care by keyboard", chromedp.Focus(chromedp.CSS(`#graph g.step[data-step="check_care"]`)), chromedp.KeyEvent("\r"))
	b.wait("check_care's conditions", `document.getElementById("step-title").textContent === "Step check_care"`)
	if body := eval[string](b, `document.getElementById("step-body").innerText`); !strings.Contains(body, "if the first message names harassment") || strings.Contains(body, "if  is known") {
		t.Errorf("check_care's conditions:\n%s\nwant \"if the first message names harassment\"", body)
	}

	b.do("open Try it", chromedp.Click(chromedp.ID("tab-try")))
	b.wait("a new conversation", `document.querySelector("#chat-log li.sys")`)
	b.do("talk as a colleague", chromedp.Click(chromedp.CSS(`input[name=audience][value=employee]`)))
	b.wait("a colleague's conversation", `document.querySelector("#chat-log li.sys").textContent.includes("employee")`)
	b.do("ask a customer's question", chromedp.SendKeys(chromedp.ID("chat-input"), "where is my order"), chromedp.Click(chromedp.ID("send")))
	b.wait("the customer's question shown", `document.getElementById("why").innerText.includes("a customer's question (customer_question)")`)
	b.do("tell of a threat", chromedp.SendKeys(chromedp.ID("chat-input"), "my coworker said he'd hurt me if I reported him"), chromedp.Click(chromedp.ID("send")))
	b.wait("the if_said button shown", `document.getElementById("why").innerText.includes("names harassment (if_said)")`)
	if why := eval[string](b, `document.getElementById("why").innerText`); strings.Contains(why, "customer_question") {
		t.Errorf("the threat is shown as a customer's question too:\n%s", why)
	}
	b.screenshot("route-said")
}

package studio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowgraph"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(web, "web")
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		b, _ := fs.ReadFile(static, "index.html")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b)
	})
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /events", s.events)
	m.HandleFunc("GET /api/state", s.state)
	m.HandleFunc("GET /api/flow", s.flowDetail)
	m.HandleFunc("GET /api/graph", s.graph)
	m.HandleFunc("POST /api/try/start", s.tryStart)
	m.HandleFunc("POST /api/try/turn", s.tryTurn)
	m.HandleFunc("GET /api/try/status", s.tryStatus)
	m.HandleFunc("POST /api/try/save", s.trySave)
	m.HandleFunc("POST /api/tests/run", s.testsRun)
	s.mux = m
	s.tests.notify = func() {
		s.mu.Lock()
		gen := s.snap.gen
		subs := slices.Collect(maps.Keys(s.subs))
		s.mu.Unlock()
		for _, c := range subs {
			select {
			case c <- gen:
			default:
			}
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(v)
}

// kindError answers a request the studio cannot do, in words for a lead.
func kindError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func readJSON(r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		return fmt.Errorf("the request was not understood: %w", err)
	}
	return nil
}

// FlowSummary is one flow in the list.
type FlowSummary struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	File      string   `json:"file"`
	Category  string   `json:"category"`
	Audience  string   `json:"audience"`
	Languages []string `json:"languages"`
	Steps     int      `json:"steps"`
	Problems  int      `json:"problems"`
}

// State is what the page shows first: the flows, the problems and the tests.
type State struct {
	Gen        int           `json:"gen"`
	Version    string        `json:"version"`
	Folder     string        `json:"folder"`
	Live       bool          `json:"live"` // the folder is watched
	Good       bool          `json:"good"`
	Languages  []string      `json:"languages"`
	Flows      []FlowSummary `json:"flows"`
	Problems   []Problem     `json:"problems"`
	Tests      *TestRun      `json:"tests"`
	WriteTests bool          `json:"write_tests"`
	Loaded     string        `json:"loaded"`
}

func (s *Server) state(w http.ResponseWriter, _ *http.Request) {
	sn := s.current()
	st := State{
		Gen: sn.gen, Folder: s.root, Live: s.cfg.Dir != "", Good: sn.good, Languages: sn.languages(),
		Problems: sn.problems, Tests: s.tests.latest(sn.gen), WriteTests: s.cfg.WriteTests && s.cfg.Dir != "",
		Flows: []FlowSummary{}, Loaded: sn.loaded.UTC().Format(time.TimeOnly),
	}
	if st.Problems == nil {
		st.Problems = []Problem{}
	}
	if sn.set != nil {
		st.Version = sn.set.Version
		probs := sn.flowProblems()
		first := st.Languages[0]
		for _, id := range sn.set.Order {
			f := sn.set.Flows[id]
			if f == nil {
				continue
			}
			var langs []string
			for _, l := range st.Languages {
				if _, ok := f.Title.ByLang[l]; ok {
					langs = append(langs, l)
				}
			}
			aud := f.Audience
			if aud == "" {
				aud = flow.AudienceAny
			}
			st.Flows = append(st.Flows, FlowSummary{
				ID: id, Title: f.Title.In(first, first), File: f.File, Category: f.Category, Audience: aud,
				Languages: langs, Steps: len(f.Steps), Problems: probs[id],
			})
		}
	}
	writeJSON(w, st)
}

// TextView is a text in every language of the set.
type TextView struct {
	Label  string     `json:"label"` // what the text is: "says", "question"…
	Langs  []LangText `json:"langs"`
	Simple []LangText `json:"simple,omitempty"` // the plainer variant, for people who need it
	Tone   string     `json:"tone,omitempty"`
	Exact  bool       `json:"exact,omitempty"` // never rephrased
}

// LangText is a text in one language.
type LangText struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
}

// StepView is everything about one step a lead may want to read.
type StepView struct {
	ID          string            `json:"id"`
	Node        string            `json:"node"` // the graph node's title
	Kind        string            `json:"kind"`
	Line        int               `json:"line"`
	Start       bool              `json:"start"`
	Acknowledge bool              `json:"acknowledge,omitempty"`
	Texts       []TextView        `json:"texts"`
	Buttons     []ButtonView      `json:"buttons,omitempty"`
	Ask         *AskView          `json:"ask,omitempty"`
	Cases       []CaseView        `json:"cases,omitempty"`
	Set         map[string]string `json:"set,omitempty"`
	Leads       []string          `json:"leads"` // where it leads, in words
	Handoff     *HandoffStep      `json:"handoff,omitempty"`
	Problems    []Problem         `json:"problems"`
}

// ButtonView is one button of a choose step.
type ButtonView struct {
	Label []LangText `json:"label"`
	To    string     `json:"to"`
}

// AskView is a free-text question.
type AskView struct {
	Slot     string `json:"slot"`
	Validate string `json:"validate"`
	Attempts int    `json:"attempts"`
	OnFail   string `json:"on_fail"`
}

// CaseView is one condition of a branch.
type CaseView struct {
	When string `json:"when"`
	Goto string `json:"goto"`
}

// HandoffStep is a hand-off step's settings.
type HandoffStep struct {
	Queue     string `json:"queue"`
	Priority  string `json:"priority"`
	Reason    string `json:"reason,omitempty"`
	OnTimeout string `json:"on_timeout,omitempty"`
}

// FlowView is one flow in detail.
type FlowView struct {
	ID       string     `json:"id"`
	Title    []LangText `json:"title"`
	File     string     `json:"file"`
	Category string     `json:"category"`
	Audience string     `json:"audience"`
	Steps    []StepView `json:"steps"`
	Problems []Problem  `json:"problems"` // of the flow's file, outside any step
}

func (s *Server) flowDetail(w http.ResponseWriter, r *http.Request) {
	sn := s.current()
	id := r.URL.Query().Get("id")
	if sn.set == nil || sn.set.Flow(id) == nil {
		kindError(w, http.StatusNotFound, fmt.Sprintf("there is no flow named %q (any more)", id))
		return
	}
	f := sn.set.Flow(id)
	langs := sn.languages()
	inLangs := func(m map[string]string) []LangText {
		out := []LangText{}
		for _, l := range langs {
			if v, ok := m[l]; ok {
				out = append(out, LangText{Lang: l, Text: v})
			}
		}
		return out
	}
	texts := func(t flow.Text) []LangText { return inLangs(t.ByLang) }
	text := func(label string, t flow.Text) TextView {
		tv := TextView{Label: label, Langs: texts(t), Tone: t.Tone, Exact: t.NoRephrase}
		if len(t.Simple) > 0 {
			tv.Simple = inLangs(t.Simple)
		}
		return tv
	}
	nodes := map[string]string{}
	for _, n := range flowgraph.Build(sn.set, []string{id}, flowgraph.Options{}).Nodes {
		if n.Flow == id && n.Step != "" {
			nodes[n.Step] = n.ID
		}
	}
	fv := FlowView{ID: id, Title: texts(f.Title), File: f.File, Category: f.Category, Audience: f.Audience, Problems: []Problem{}}
	if fv.Audience == "" {
		fv.Audience = flow.AudienceAny
	}
	for _, p := range sn.problems {
		if p.Flow == id && p.Step == "" {
			fv.Problems = append(fv.Problems, p)
		}
	}
	step := func(target string) string {
		if target == "" {
			return "the flow ends"
		}
		return "step " + target
	}
	for i, st := range f.Steps {
		v := StepView{ID: st.ID, Node: nodes[st.ID], Kind: string(st.Kind), Line: st.Pos.Line, Start: i == 0, Acknowledge: st.Acknowledge, Texts: []TextView{}, Problems: []Problem{}, Leads: []string{}}
		for _, t := range st.Say {
			v.Texts = append(v.Texts, text("says", t))
		}
		switch {
		case st.Choose != nil:
			v.Texts = append(v.Texts, text("asks", st.Choose.Text))
			for _, c := range st.Choose.Choices {
				to := step(c.Next)
				if c.Flow != "" {
					to = "flow " + c.Flow
				}
				v.Buttons = append(v.Buttons, ButtonView{Label: texts(c.Label), To: to})
				if !c.Said.IsZero() {
					v.Texts = append(v.Texts, text("instead of asking, if an earlier message chose "+c.ID, c.Said))
				}
			}
			if ft := st.Choose.FreeText; ft != nil {
				v.Leads = append(v.Leads, "words written instead of a button, saved as "+ft.Slot+" → "+step(ft.Next))
			}
		case st.Ask != nil:
			v.Texts = append(v.Texts, text("asks", st.Ask.Text))
			if !st.Ask.Invalid.IsZero() {
				v.Texts = append(v.Texts, text("if the answer is not valid", st.Ask.Invalid))
			}
			if !st.Ask.Said.IsZero() {
				v.Texts = append(v.Texts, text("instead of asking, if an earlier message gave it", st.Ask.Said))
			}
			onFail := "offer a person"
			if st.Ask.OnFail != "" {
				onFail = step(st.Ask.OnFail)
			}
			v.Ask = &AskView{Slot: st.Ask.Slot, Validate: cmpOr(st.Ask.Validate, flow.ValidateText), Attempts: st.Ask.Attempts, OnFail: onFail}
			v.Leads = append(v.Leads, "answer saved as "+st.Ask.Slot+" → "+step(st.Next))
		case st.Handoff != nil:
			h := st.Handoff
			v.Texts = append(v.Texts, text("tells the person", h.Text))
			if !h.Closed.IsZero() {
				v.Texts = append(v.Texts, text("when the hand-off ends", h.Closed))
			}
			if !h.Waiting.IsZero() {
				v.Texts = append(v.Texts, text("when the person writes while waiting", h.Waiting))
			}
			v.Handoff = &HandoffStep{Queue: h.Queue, Priority: cmpOr(h.Priority, "normal"), Reason: h.Reason, OnTimeout: h.OnTimeout}
			if h.OnTimeout != "" {
				v.Leads = append(v.Leads, "nobody came in time → "+step(h.OnTimeout))
			}
		case st.End != nil:
			if !st.End.Text.IsZero() {
				v.Texts = append(v.Texts, text("last words", st.End.Text))
			}
			if st.End.Satisfaction {
				v.Leads = append(v.Leads, "asks how it went (1 to 5), then the conversation ends")
			} else {
				v.Leads = append(v.Leads, "the conversation ends")
			}
		}
		for _, c := range st.Branch {
			v.Cases = append(v.Cases, CaseView{When: flowgraph.Condition(c), Goto: step(c.Goto)})
		}
		if len(st.Set) > 0 {
			v.Set = st.Set
		}
		switch {
		case st.Call != "":
			v.Leads = append(v.Leads, "runs flow "+st.Call+", then → "+step(st.Next))
		case st.Goto != "":
			v.Leads = append(v.Leads, "goes on in flow "+st.Goto+" for good")
		case st.Kind == flow.KindBranch:
			v.Leads = append(v.Leads, "otherwise → "+step(st.Next))
		case st.Kind == flow.KindSay || st.Kind == flow.KindSet || st.Kind == flow.KindHandoff && st.Next != "":
			v.Leads = append(v.Leads, "then → "+step(st.Next))
		}
		if fu := st.FollowUp; fu != nil {
			// A check-in offered here: what is asked, what is sent later,
			// where each answer leads.
			v.Texts = append(v.Texts, text("asks whether it may check in "+afterText(fu.After)+" later", fu.Consent.Text))
			if fu.CallBack != nil {
				v.Texts = append(v.Texts, text("offers a phone call-back instead (vulnerable people, when configured)", fu.CallBack.Text))
			}
			v.Texts = append(v.Texts, text("checks in with", fu.CheckIn))
			for _, a := range fu.Answers {
				to := "the conversation ends"
				switch {
				case a.Handoff != nil:
					to = "a person (" + a.Handoff.Queue + ", at least high priority)"
				case a.Flow != "":
					to = "flow " + a.Flow
					if a.Step != "" {
						to += ", step " + a.Step
					}
				case a.Satisfaction:
					to = "asks how it went (1 to 5)"
				}
				v.Leads = append(v.Leads, "check-in answer \""+a.Label.In(sn.set.Common.Languages[0], "")+"\" → "+to)
			}
		}
		for _, p := range sn.problems {
			if p.Flow == id && p.Step == st.ID {
				v.Problems = append(v.Problems, p)
			}
		}
		fv.Steps = append(fv.Steps, v)
	}
	writeJSON(w, fv)
}

// afterText writes a follow-up's delay as a flow file does: 3d, 24h, 90m.
func afterText(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return strconv.Itoa(int(d/time.Minute)) + "m"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// graph serves a flow's picture as SVG, from the same code as carebot
// flows graph.
func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	sn := s.current()
	id, lang := r.URL.Query().Get("flow"), r.URL.Query().Get("lang")
	if sn.set == nil || sn.set.Flow(id) == nil {
		kindError(w, http.StatusNotFound, fmt.Sprintf("there is no flow named %q (any more)", id))
		return
	}
	if !slices.Contains(sn.languages(), lang) {
		lang = sn.languages()[0]
	}
	key := id + "/" + lang
	sn.gmu.Lock()
	svg, ok := sn.graphs[key]
	sn.gmu.Unlock()
	if !ok {
		var b bytes.Buffer
		if err := flowgraph.Build(sn.set, []string{id}, flowgraph.Options{Lang: lang}).SVG(r.Context(), &b); err != nil {
			s.log.Error("studio: graph", "flow", id, "err", err)
			kindError(w, http.StatusInternalServerError, "the picture could not be drawn: "+err.Error())
			return
		}
		svg = stripXMLProlog(b.Bytes())
		sn.gmu.Lock()
		sn.graphs[key] = svg
		sn.gmu.Unlock()
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(svg)
}

// stripXMLProlog drops the XML declaration and doctype, so the SVG can be
// placed inside the page.
func stripXMLProlog(b []byte) []byte {
	if i := bytes.Index(b, []byte("<svg")); i > 0 {
		return b[i:]
	}
	return b
}

type startRequest struct {
	Settings Settings `json:"settings"`
}

func (s *Server) tryStart(w http.ResponseWriter, r *http.Request) {
	var req startRequest
	if err := readJSON(r, &req); err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	c, err := s.try.start(r.Context(), req.Settings)
	if err != nil {
		kindError(w, http.StatusConflict, err.Error())
		return
	}
	writeJSON(w, map[string]any{"conv": c.id, "settings": c.settings})
}

type turnRequest struct {
	Conv string `json:"conv"`
	Input
}

func (s *Server) tryTurn(w http.ResponseWriter, r *http.Request) {
	var req turnRequest
	if err := readJSON(r, &req); err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	c := s.try.get(req.Conv)
	if c == nil {
		kindError(w, http.StatusNotFound, "this conversation is over (its flow changed or it is too old): start a new one")
		return
	}
	res, err := s.try.turn(r.Context(), c, req.Input)
	if err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, res)
}

// tryStatus tells the page whether its conversation survived a change of
// the files.
func (s *Server) tryStatus(w http.ResponseWriter, r *http.Request) {
	c := s.try.get(r.URL.Query().Get("conv"))
	writeJSON(w, map[string]bool{"kept": c != nil})
}

type saveRequest struct {
	Conv  string `json:"conv"`
	Name  string `json:"name"`
	Write bool   `json:"write"`
}

func (s *Server) trySave(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if err := readJSON(r, &req); err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	c := s.try.get(req.Conv)
	if c == nil {
		kindError(w, http.StatusNotFound, "this conversation is over: start a new one")
		return
	}
	name := strings.TrimSpace(req.Name)
	if name == "" {
		name = "tried in the studio"
	}
	data, err := snippet(c, name)
	if err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	out := map[string]string{"snippet": string(data)}
	if req.Write {
		if !s.cfg.WriteTests || s.cfg.Dir == "" {
			kindError(w, http.StatusForbidden, "the studio does not write files: start it with --write-tests on a folder, or paste the snippet into a file in tests/")
			return
		}
		p, err := writeTest(s.cfg.Dir, name, data)
		if err != nil {
			s.log.Error("studio: write test", "err", err)
			kindError(w, http.StatusInternalServerError, "the test file could not be written: "+err.Error())
			return
		}
		out["written"] = p
	}
	writeJSON(w, out)
}

type runRequest struct {
	File string `json:"file"`
	Name string `json:"name"`
}

func (s *Server) testsRun(w http.ResponseWriter, r *http.Request) {
	var req runRequest
	if err := readJSON(r, &req); err != nil {
		kindError(w, http.StatusBadRequest, err.Error())
		return
	}
	sn := s.current()
	writeJSON(w, s.tests.run(r.Context(), sn, req.File, req.Name))
}

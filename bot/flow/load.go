package flow

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"
)

// Load reads the flow set at the root of fsys: common.yaml plus one flow per
// *.yaml file (names starting with _ or . are drafts and are skipped, as are
// other files and folders). It returns the validated set, or a nil *Set and
// an Errors holding every problem found, sorted by file, line and column, so
// that a support lead can fix them all in one pass. Positions name files as
// they are inside fsys ("order.yaml").
//
// An ask's pattern is compiled anchored (^(?:pattern)$), so that
// Pattern.MatchString holds only when the whole answer matches, as the
// format promises.
func Load(fsys fs.FS) (*Set, error) {
	l := &loader{fsys: fsys, files: map[string][]byte{}}
	set := l.load()
	if len(l.errs) > 0 {
		return nil, l.sorted()
	}
	set.Files = l.files
	set.Version = version(l.files)
	return set, nil
}

// LoadFiles loads a set from its files' contents, by name (a Set's Files):
// how a replica rebuilds a version another replica shared.
func LoadFiles(files map[string][]byte) (*Set, error) {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o444}
	}
	return Load(fsys)
}

// LoadDir loads the flow set in the folder dir, like Load(os.DirFS(dir)),
// with every error's file given as a path that starts with dir, so that
// editors and terminals can jump to it.
func LoadDir(dir string) (*Set, error) {
	set, err := Load(os.DirFS(dir))
	return set, InDir(dir, err)
}

// InDir returns err with every problem's file given as a path that starts
// with dir, when err is an Errors about the files of that folder (from
// Load or Honesty on os.DirFS(dir)); other errors are returned as they are.
func InDir(dir string, err error) error {
	var es Errors
	if errors.As(err, &es) {
		for _, e := range es {
			e.Pos.File = filepath.Join(dir, e.Pos.File)
		}
	}
	return err
}

// Limits of the format.
const (
	maxFlowID       = 32
	maxStepID       = 32
	maxChoiceID     = 24
	maxPause        = 10 * time.Second // longer "typing" looks like the bot froze
	defaultAttempts = 3
)

var (
	idRE      = regexp.MustCompile(`^[a-z0-9_]+$`)
	langRE    = regexp.MustCompile(`^[a-z]{2,3}([_-]([A-Za-z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?$`) // en, pt-BR, es-419, zh-Hant
	commandRE = regexp.MustCompile(`^/[a-z0-9_]{1,32}$`)
	yamlErrRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Slots the engine fills itself; texts may always name them.
var builtinSlots = []string{"emergency_number", "wait_minutes", "agent_name", "satisfaction", "contact_phone", "contact_email", "contact_hours", "answers"}

// loader collects everything needed for the checks that span files while it
// parses, then runs them once every file is read.
type loader struct {
	fsys  fs.FS
	errs  Errors
	file  string            // the file being parsed, for positions
	files map[string][]byte // every file read, by name: the set's content

	langs   []string        // nil while unknown (common.yaml missing or broken)
	langSet map[string]bool // the same, as a set

	flows    []*parsedFlow // in file order, including flows with errors
	flowRefs []flowRef     // every flow a step, a choice or common.yaml names
	// unreadable are the flow files that could not be parsed, whose
	// problem is already reported: a flow named like one is not also
	// "unknown" wherever another flow leads to it.
	unreadable map[string]bool
	// textCount counts the texts of the flow file being read, and noLang
	// indexes in errs its "has no translation" problems by language: a
	// file with none of a language's texts is told so once (see
	// languageMissing).
	textCount int
	noLang    map[string][]int
	slots     map[string]bool
	slotUses  []slotUse // every {{slot}} and if_slot, checked once every slot is known
	// stepInFlowRefs are the steps of other flows that follow-up answers name.
	stepInFlowRefs []stepInFlowRef

	// noSimple, when set, says why the texts being parsed cannot have a
	// simple variant (common.yaml's messages, flow titles).
	noSimple string

	// silenced are the places of rejected aliases: what follows from the
	// value being dropped there is noise.
	silenced map[Pos]bool

	// queues are the places that name a hand-off queue, checked once
	// every file is read (see checkQueues).
	queues []QueueUse

	// synonyms are the synonyms: phrases of the question being parsed,
	// by language and folded words, with the choice that has each: two
	// buttons of one question may not share one.
	synonyms map[string]string
}

// parsedFlow is a flow with what its checks need beyond the model.
type parsedFlow struct {
	flow     *Flow
	idOK     bool                  // the id is valid and unique: others may refer to it
	triggers []trigger             // in file order
	stepRefs []stepRef             // every step this flow's steps name
	saidRefs []stepRef             // every button if_said names (a choice id of this flow)
	calls    map[*Step]*yaml.Node  // call steps, with the node of their flow id
	stepIDs  map[string]*yaml.Node // first step with each id
}

// stepRef is a place that names a step of the same flow.
type stepRef struct {
	node  *yaml.Node
	where string // "step \"x\"", for messages
	key   string // "next", "goto"…
	name  string
}

// flowRef is a place that names a flow.
type flowRef struct {
	pos   Pos
	where string
	key   string
	name  string
}

// slotUse is a place that names a slot.
type slotUse struct {
	pos   Pos
	where string
	what  string // "say", "if_slot"…
	name  string
	tmpl  bool // {{name}} in a text, rather than if_slot
}

// trigger is one command, keyword or example, for the conflict check.
type trigger struct {
	pos  Pos
	kind string // "command", "keyword", "example"
	lang string // "" for commands
	text string // as written
	norm string // as compared
}

func (l *loader) load() *Set {
	set := &Set{Flows: map[string]*Flow{}}
	l.slots = map[string]bool{}
	for _, s := range builtinSlots {
		l.slots[s] = true
	}
	entries, err := fs.ReadDir(l.fsys, ".")
	if err != nil {
		msg := "cannot read the folder: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "the folder does not exist"
		}
		l.add(Pos{File: "."}, msg)
		return nil
	}
	var files []string
	hasCommon, hasTexts := false, false
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue
		}
		switch {
		case name == CommonFile:
			hasCommon = true
		case name == TextsFile:
			hasTexts = true
		case strings.HasSuffix(name, ".yaml"):
			files = append(files, name)
		case strings.HasSuffix(name, ".yml"):
			// Silently skipping it would leave a support lead wondering why the flow never runs.
			l.add(Pos{File: name}, fmt.Sprintf("flow files must end in .yaml: rename it to %s (or start its name with _ to keep it as a draft)",
				strings.TrimSuffix(name, ".yml")+".yaml"))
		}
	}
	if hasCommon {
		l.common(set)
	} else {
		l.add(Pos{File: CommonFile}, "this file is missing: it lists the languages, the bot's own messages and the start, fallback and human flows")
	}
	if len(files) == 0 {
		l.add(Pos{File: "."}, "there are no flows: add at least one flow file next to common.yaml")
	}
	if hasTexts {
		l.texts(set)
	}
	for _, name := range files {
		l.flowFile(set, name)
	}
	l.check(set, len(files) > 0)
	return set
}

// add records one problem.
func (l *loader) add(p Pos, msg string) {
	if l.silenced[p] {
		return
	}
	l.errs = append(l.errs, &Error{Pos: p, Msg: msg})
}

// pos is the position of n in the file being parsed.
func (l *loader) pos(n *yaml.Node) Pos {
	return Pos{File: l.file, Line: n.Line, Col: n.Column}
}

// errf records a problem at n; where ("step \"x\"") prefixes the message.
func (l *loader) errf(n *yaml.Node, where, format string, args ...any) {
	l.errAt(l.pos(n), where, format, args...)
}

func (l *loader) errAt(p Pos, where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		msg = where + ": " + msg
	}
	l.add(p, msg)
}

// sorted returns the errors in file, line, column order, without repeats.
func (l *loader) sorted() Errors {
	es := slices.Clone(l.errs)
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(es, func(a, b *Error) bool { return *a == *b })
}

// parseFile reads and parses one file into its root node, or records why it
// cannot and returns nil.
func (l *loader) parseFile(name string) *yaml.Node {
	l.file = name
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.add(Pos{File: name}, "cannot read the file: "+err.Error())
		return nil
	}
	if l.files != nil {
		l.files[name] = data
	}
	if e := EncodingError(name, data); e != nil {
		l.add(e.Pos, e.Msg)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			l.add(Pos{File: name}, "the file is empty")
		} else {
			l.yamlError(name, data, err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		l.add(Pos{File: name, Line: extra.Line, Col: extra.Column},
			"the file holds a second YAML document after ---: put one flow in each file")
	case err != io.EOF:
		l.yamlError(name, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		l.add(Pos{File: name}, "the file is empty")
		return nil
	}
	root := doc.Content[0]
	l.aliases(root)
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		l.add(Pos{File: name}, "the file is empty")
		return nil
	}
	return root
}

// yamlError records a YAML syntax error (see YAMLError).
func (l *loader) yamlError(name string, data []byte, err error) {
	e := YAMLError(name, data, err)
	l.add(e.Pos, e.Msg)
}

// YAMLError turns the yaml library's error on the file name holding data
// into a problem in plain words, at the line (and column, where it can be
// found) of the mistake. Flow files and conversation tests both use it.
func YAMLError(name string, data []byte, err error) *Error {
	msg, line := splitYAMLError(err)
	inFlow := strings.Contains(msg, "did not find expected ',' or")
	switch {
	case inFlow && line > 0:
		// yaml names the line before the one where the broken { } or [ ]
		// starts; in flow files those fit on one line, with the mistake.
		line++
	default:
		// For the rest, yaml names (one too early) the line where the
		// enclosing block starts; the first line from which the text fails
		// the same way is where the mistake is.
		if at := brokenLine(data, msg); at > 0 {
			line = at
		}
	}
	p := Pos{File: name, Line: line}
	if line > 0 {
		p.Col = 1 // yaml does not tell the column
	}
	// A quote left open swallows the lines after it, and yaml reports
	// where the swallowed text ends, far below: name the quote instead.
	if ql, qc := openQuote(data); ql > 0 && (line == 0 || ql <= line) {
		return &Error{Pos: Pos{File: name, Line: ql, Col: qc}, Msg: `this is not valid YAML: the text in quotes that starts here is never closed: end it with " on the same line`}
	}
	hint := ""
	switch {
	case strings.Contains(msg, "tab"), leadingTab(data, line):
		if c := tabColumn(data, line); c > 0 {
			p.Col = c
		}
		msg, hint = "this line is indented with a tab", ": indent with spaces only (most editors have a setting to insert spaces when you press Tab)"
	case strings.Contains(msg, "could not find expected ':'"):
		if c := textColumn(data, line); c > 0 {
			p.Col = c
		}
		msg, hint = `this line has no ":"`, `: write "key: value", with a space after the ":" (or, if the line goes on a text from the line above, put the whole text in quotes on one line)`
	case line > 0 && lineHasTab(data, line):
		hint = " (indent with spaces, not tabs)"
	case strings.Contains(msg, "mapping values are not allowed"):
		if col, fixed, ok := textColon(lineText(data, line)); ok {
			p.Col = col
			msg, hint = `this text holds ": ", which YAML reads as one more key`, fmt.Sprintf(": put the whole text in quotes, like  %s", fixed)
		} else {
			p.Col = max(1, textColumn(data, line))
			msg, hint = "this line is indented further than the line above, so YAML reads it as part of that line", `: line it up with the line above (or, if it goes on a text, put the whole text in quotes on one line)`
		}
	case inFlow:
		hint = ` (in the { } or [ ] that starts on this line, put quotes around a text that holds ": " or ",", and close every quote)`
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"):
		if col, fixed, ok := innerQuote(lineText(data, line)); ok {
			p.Col = col
			msg, hint = `this " ends the text in quotes too early`, fmt.Sprintf(`: inside a text in quotes, write a quote mark as \" (or use « » or ' instead), like  %s`, fixed)
		} else if here, above, at, ok := lineUp(data, line); ok {
			p.Col = max(1, textColumn(data, line))
			msg, hint = fmt.Sprintf("this line starts after %d spaces, which lines up with no line above (line %d starts after %d)", here, at, above), ": things that belong together line up exactly, with spaces"
		} else {
			hint = ` (check the indentation of this line and the one above, and that a text in "…" does not itself hold a ")`
		}
	case strings.Contains(msg, "found unexpected end of stream"):
		hint = " (a quote or a bracket may not be closed)"
	}
	return &Error{Pos: p, Msg: "this is not valid YAML: " + msg + hint}
}

// splitYAMLError returns a yaml error's message and the line it names, if any.
func splitYAMLError(err error) (string, int) {
	if m := yamlErrRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return m[2], line
	}
	return strings.TrimPrefix(err.Error(), "yaml: "), 0
}

// brokenLine is the line n such that the first n lines of data fail to
// parse with msg and the first n-1 do not, found by bisection (a dozen
// parses, not one per line); 0 if data is not that kind of failure.
func brokenLine(data []byte, msg string) int {
	ends := []int{0} // ends[k] is the length of the first k lines
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(k int) bool {
		m, failed := parseProblem(data[:ends[k]])
		return failed && m == msg
	}
	lo, hi := 0, len(ends)-1 // the first lo lines parse; the first hi fail with msg
	if !fails(hi) {
		return 0
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// parseProblem parses every document of data and returns the first
// problem's message.
func parseProblem(data []byte) (string, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			return "", false
		}
		if err != nil {
			msg, _ := splitYAMLError(err)
			return msg, true
		}
	}
}

// tabColumn is the column (in characters) of the first tab on line, or 0.
func tabColumn(data []byte, line int) int {
	return columnWhere(data, line, func(r rune) bool { return r == '\t' })
}

// textColumn is the column (in characters) of the first character of line
// that is not a space or a tab, or 0.
func textColumn(data []byte, line int) int {
	return columnWhere(data, line, func(r rune) bool { return r != ' ' && r != '\t' })
}

func columnWhere(data []byte, line int, f func(rune) bool) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 0
	}
	col := 0
	for _, r := range string(lines[line-1]) {
		col++
		if f(r) {
			return col
		}
	}
	return 0
}

// leadingTab reports whether line is indented with a tab: yaml then says
// "found character that cannot start any token" or names a tab, by context.
func leadingTab(data []byte, line int) bool {
	c, t := textColumn(data, line), tabColumn(data, line)
	return t > 0 && (c == 0 || t < c)
}

func lineHasTab(data []byte, line int) bool {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if i == line-1 {
			return bytes.ContainsRune(l, '\t')
		}
	}
	return false
}

// aliases rejects *alias references to lists and mappings and replaces
// them by an empty value. Repeating a whole structure could make a small
// file expand without bound; repeating a single value is harmless, so those
// are copied in place.
func (l *loader) aliases(n *yaml.Node) {
	for i, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			t := c.Alias
			if t != nil && t.Kind == yaml.ScalarNode {
				c.Kind, c.Tag, c.Value, c.Style, c.Alias = t.Kind, t.Tag, t.Value, t.Style, nil
				continue
			}
			if !(n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "<<") {
				l.errf(c, "", "*%s repeats a list or a group of keys, which flow files do not allow: write it out in full", c.Value)
			}
			if l.silenced == nil {
				l.silenced = map[Pos]bool{}
			}
			l.silenced[l.pos(c)] = true
			c.Kind, c.Tag, c.Value, c.Alias = yaml.ScalarNode, "!!null", "", nil
			continue
		}
		l.aliases(c)
	}
}

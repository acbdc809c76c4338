// carebot flow studio: the page. Plain JavaScript, no library. Every text
// from the flow files goes into the page as text (textContent), never as
// HTML; the pictures are SVG drawn by the studio itself.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
};

const ui = { state: null, flow: null, step: null, conv: null, settingsKey: "", tests: null, lastTurn: null };

async function api(path, body) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const r = await fetch(path, opts);
  const data = r.headers.get("Content-Type")?.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(data.error || String(data));
  return data;
}

// ---- tabs ----
const tabs = ["flows", "problems", "try", "tests"];
function show(name, focus) {
  for (const t of tabs) {
    const tab = $("tab-" + t), on = t === name;
    tab.setAttribute("aria-selected", on);
    tab.tabIndex = on ? 0 : -1;
    $(t).hidden = !on;
  }
  if (focus) $("tab-" + name).focus();
  if (name === "try" && !ui.conv) newConversation();
}
$("tabs").addEventListener("click", (e) => {
  const tab = e.target.closest("[role=tab]");
  if (tab) show(tab.getAttribute("aria-controls"));
});
$("tabs").addEventListener("keydown", (e) => {
  const i = tabs.indexOf(document.activeElement.getAttribute("aria-controls"));
  if (i < 0) return;
  let j = null;
  if (e.key === "ArrowRight") j = (i + 1) % tabs.length;
  if (e.key === "ArrowLeft") j = (i + tabs.length - 1) % tabs.length;
  if (e.key === "Home") j = 0;
  if (e.key === "End") j = tabs.length - 1;
  if (j !== null) { e.preventDefault(); show(tabs[j], true); }
});

// keepFocus re-renders a list without losing the keyboard focus: the
// element that had it is found again by its data-* key.
function keepFocus(container, key, render) {
  const had = container.contains(document.activeElement) ? document.activeElement.dataset[key] : undefined;
  render();
  if (had !== undefined) {
    const again = [...container.querySelectorAll("[data-" + key + "]")].find((e) => e.dataset[key] === had);
    if (again) again.focus();
  }
}

async function keepFocusAsync(container, key, render) {
  const had = container.contains(document.activeElement) ? document.activeElement.dataset[key] : undefined;
  await render();
  if (had !== undefined) {
    const again = [...container.querySelectorAll("[data-" + key + "]")].find((e) => e.dataset[key] === had);
    if (again) again.focus();
  }
}

// ---- state ----
async function refresh() {
  const st = await api("api/state");
  ui.state = st;
  $("folder").textContent = st.folder + (st.live ? "" : " (built in: changes need a new build)");
  $("version").textContent = st.version || "none";
  $("live-status").textContent = (st.good ? "files read" : st.problems.length + " problem(s)") + " at " + st.loaded + " UTC";
  renderFlowList();
  renderProblems();
  renderTests(st.tests);
  fillLangs();
  $("save-write").hidden = !st.write_tests;
  const stale = "The files have problems (see Problems): Try it runs the last version of the files that had none.";
  if (!st.good) $("try-note").textContent = stale;
  else if ($("try-note").textContent === stale) $("try-note").textContent = "";
  if (ui.flow) {
    if (st.flows.some((f) => f.id === ui.flow)) await openFlow(ui.flow, false);
    else { ui.flow = null; $("flow-view").hidden = true; $("flow-empty").hidden = false; $("flow-empty").textContent = "That flow no longer exists. Choose another."; }
  }
  if (ui.conv) {
    const s = await api("api/try/status?conv=" + ui.conv);
    if (!s.kept) {
      ui.conv = null;
      $("try-note").textContent = "The flow of this conversation no longer exists in the files: a new conversation starts.";
      await newConversation(true);
    }
  }
}

function fillLangs() {
  for (const id of ["graph-lang", "set-lang"]) {
    const sel = $(id), cur = sel.value;
    if (sel.options.length === ui.state.languages.length && [...sel.options].every((o, i) => o.value === ui.state.languages[i])) continue;
    sel.replaceChildren(...ui.state.languages.map((l) => el("option", { value: l, text: l })));
    if (ui.state.languages.includes(cur)) sel.value = cur;
  }
}

function renderFlowList() {
  const st = ui.state, t = st.tests || {};
  const items = st.flows.map((f) => {
    const badges = [el("span", { class: "badge", text: f.category })];
    badges.push(el("span", { class: "badge", text: f.languages.join(" + ") }));
    if (f.problems) badges.push(el("span", { class: "badge bad", text: f.problems + " problem(s)" }));
    const cov = t.coverage && t.coverage[f.id];
    if (t.running) badges.push(el("span", { class: "badge", text: "tests running" }));
    else if (!t.ran) badges.push(el("span", { class: "badge", text: "tests not run" }));
    else if (t.failing && t.failing[f.id]) badges.push(el("span", { class: "badge bad", text: t.failing[f.id] + " test(s) failing" }));
    else badges.push(el("span", { class: "badge ok", text: "tests pass" }));
    if (cov) badges.push(el("span", { class: "badge", text: cov[0] + "/" + cov[1] + " steps tested" }));
    const b = el("button", { type: "button", "data-flow": f.id, onclick: () => openFlow(f.id, true) },
      el("span", { class: "id", text: f.id }), " ", el("span", { text: f.title }), el("small", {}, ...badges));
    if (f.id === ui.flow) b.setAttribute("aria-current", "true");
    return el("li", {}, b);
  });
  // The same flows in the same order: their buttons stay, and only what
  // they say changes, so a press under way (a person's, or a test's) is
  // not lost when the tests' automatic run ends and the list is drawn again.
  const old = [...$("flow-list").querySelectorAll("button[data-flow]")];
  const fresh = items.map((li) => li.firstChild);
  if (old.length === fresh.length && old.every((b, i) => b.dataset.flow === fresh[i].dataset.flow)) {
    old.forEach((b, i) => {
      b.replaceChildren(...fresh[i].childNodes);
      if (fresh[i].hasAttribute("aria-current")) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
    return;
  }
  keepFocus($("flow-list"), "flow", () => $("flow-list").replaceChildren(...items));
}

// ---- one flow ----
async function openFlow(id, fresh) {
  let fv;
  try { fv = await api("api/flow?id=" + encodeURIComponent(id)); } catch (e) { return; }
  const changedFlow = ui.flow !== id;
  ui.flow = id;
  ui.flowView = fv;
  if (changedFlow) ui.step = null;
  for (const b of $("flow-list").querySelectorAll("button")) b.toggleAttribute("aria-current", b.dataset.flow === id);
  for (const b of $("flow-list").querySelectorAll("button[aria-current]")) b.setAttribute("aria-current", "true");
  $("flow-empty").hidden = true;
  $("flow-view").hidden = false;
  $("flow-title").textContent = id + ": " + (fv.title[0]?.text || "");
  $("flow-meta").textContent = fv.file + " · " + fv.category + " · for " + fv.audience + " · " + fv.steps.length + " steps";
  $("flow-problems").replaceChildren(...fv.problems.map(problemItem));
  await keepFocusAsync($("graph"), "step", drawGraph);
  keepFocus($("step-list"), "step", () => $("step-list").replaceChildren(...fv.steps.map((s) =>
    el("li", {}, el("button", { type: "button", "data-step": s.id, onclick: () => openStep(s.id, true) }, s.id + " (" + s.kind + ")" + (s.problems.length ? " ⚠" : ""))))));
  if (ui.step && fv.steps.some((s) => s.id === ui.step)) openStep(ui.step, false);
  else { ui.step = null; $("step-detail").hidden = true; }
  if (fresh) $("flow-title").scrollIntoView({ block: "nearest" });
}

async function drawGraph() {
  const lang = $("graph-lang").value || ui.state.languages[0];
  let svg;
  try { svg = await api("api/graph?flow=" + encodeURIComponent(ui.flow) + "&lang=" + lang); } catch (e) { $("graph").textContent = e.message; return; }
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", "Picture of the flow " + ui.flow);
  const byNode = {};
  for (const s of ui.flowView.steps) byNode[s.node] = s;
  for (const g of root.querySelectorAll("g.node")) {
    const s = byNode[g.querySelector("title")?.textContent];
    if (!s) continue;
    g.classList.add("step");
    g.dataset.step = s.id;
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", "step " + s.id + ", " + s.kind);
  }
  $("graph").replaceChildren(document.importNode(root, true));
  markSelected();
}
$("graph").addEventListener("click", (e) => { const g = e.target.closest("g.step"); if (g) openStep(g.dataset.step, true); });
$("graph").addEventListener("keydown", (e) => {
  const g = e.target.closest("g.step");
  if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); openStep(g.dataset.step, true); }
});
$("graph-lang").addEventListener("change", () => ui.flow && drawGraph());
$("graph-size").addEventListener("click", (e) => {
  const actual = $("graph").classList.toggle("fit") === false;
  e.target.setAttribute("aria-pressed", actual);
});

function markSelected() {
  for (const g of $("graph").querySelectorAll("g.step")) g.classList.toggle("selected", g.dataset.step === ui.step);
  for (const b of $("step-list").querySelectorAll("button")) b.setAttribute("aria-pressed", b.dataset.step === ui.step);
}

function openStep(id, focus) {
  const s = ui.flowView.steps.find((x) => x.id === id);
  if (!s) return;
  ui.step = id;
  markSelected();
  const body = [];
  body.push(el("p", { class: "meta", text: s.kind + " step · line " + s.line + (s.start ? " · first step" : "") + (s.acknowledge ? " · acknowledges feelings first" : "") }));
  for (const p of s.problems) body.push(el("ul", { class: "problems" }, problemItem(p)));
  if (s.texts.length) {
    const rows = s.texts.flatMap((t) => {
      const all = t.langs.map((lt) => [lt.lang, lt]).concat((t.simple || []).map((lt) => [lt.lang + " simple", lt]));
      return all.map(([name, lt], i) => el("tr", {},
        i === 0 ? el("th", { scope: "row", rowspan: all.length, text: t.label + (t.tone ? " (" + t.tone + ")" : "") + (t.exact ? " · word for word" : "") }) : null,
        el("td", { text: name }), el("td", { text: lt.text, lang: lt.lang })));
    });
    body.push(el("table", { class: "texts" }, el("caption", { class: "muted", text: "Texts" }), ...rows));
  }
  if (s.buttons) body.push(el("h4", { text: "Buttons" }), el("ul", {}, ...s.buttons.map((b) => el("li", { text: b.label.map((l) => l.lang + ": " + l.text).join(" · ") + " → " + b.to }))));
  if (s.ask) body.push(el("p", { text: "Saves the answer as " + s.ask.slot + " (" + s.ask.validate + "); after " + (s.ask.attempts || 3) + " answers not understood: " + s.ask.on_fail }));
  if (s.cases) body.push(el("h4", { text: "Conditions" }), el("ul", {}, ...s.cases.map((c) => el("li", { text: c.when + " → " + c.goto }))));
  if (s.set) body.push(el("p", { text: "Sets " + Object.entries(s.set).map(([k, v]) => k + " = " + v).join(", ") }));
  if (s.handoff) body.push(el("p", { text: "Hands over to a person: queue " + s.handoff.queue + ", priority " + s.handoff.priority + (s.handoff.reason ? ", reason: " + s.handoff.reason : "") }));
  if (s.leads.length) body.push(el("h4", { text: "Leads to" }), el("ul", {}, ...s.leads.map((l) => el("li", { text: l }))));
  $("step-title").textContent = "Step " + s.id;
  $("step-body").replaceChildren(...body);
  $("step-detail").hidden = false;
  if (focus) $("step-title").focus();
}

// ---- problems ----
function problemItem(p) {
  const li = el("li", {}, el("code", { text: p.file + ":" + p.line + ":" + p.col }), ": " + p.msg);
  if (p.flow) {
    li.append(" ", el("button", { type: "button", onclick: async () => { show("flows"); await openFlow(p.flow, true); if (p.step) openStep(p.step, true); } },
      p.step ? "show step " + p.step : "show flow " + p.flow));
  }
  return li;
}
function renderProblems() {
  const ps = ui.state.problems;
  $("problem-count").textContent = ps.length;
  $("problem-count").classList.toggle("zero", ps.length === 0);
  $("problems-none").hidden = ps.length > 0;
  $("problem-list").replaceChildren(...ps.map(problemItem));
}

// ---- try it ----
function settings() {
  const vul = $("set-vulnerable").checked ? [$("set-vulnerable-kind").value] : [];
  return { lang: $("set-lang").value, audience: document.querySelector("input[name=audience]:checked").value, vulnerable: vul, desk: $("set-desk").checked };
}
async function newConversation(keepNote) {
  if (!keepNote) $("try-note").textContent = "";
  try {
    const r = await api("api/try/start", { settings: settings() });
    ui.conv = r.conv;
  } catch (e) { $("try-note").textContent = e.message; return; }
  $("chat-log").replaceChildren(el("li", { class: "sys", text: "New conversation (" + describe(settings()) + "). Write as the person would." }));
  $("why").replaceChildren();
  $("desk-events").hidden = true;
  $("snippet").hidden = $("snippet-label").hidden = true;
  $("save-status").textContent = "";
}
function describe(s) {
  return s.lang + ", " + s.audience + (s.vulnerable.length ? ", " + s.vulnerable[0] : "") + (s.desk ? ", a person can come" : ", nobody can come");
}
$("try-settings").addEventListener("submit", (e) => { e.preventDefault(); newConversation(); });
for (const id of ["set-lang", "set-vulnerable", "set-vulnerable-kind", "set-desk"]) $(id).addEventListener("change", () => newConversation());
for (const r of document.querySelectorAll("input[name=audience]")) r.addEventListener("change", () => newConversation());

async function play(input, shown) {
  if (!ui.conv) await newConversation();
  const log = $("chat-log");
  log.append(el("li", { class: "you" }, el("span", { class: "who", text: "You:" }), shown));
  for (const b of log.querySelectorAll(".buttons button")) b.disabled = true;
  let r;
  try { r = await api("api/try/turn", Object.assign({ conv: ui.conv }, input)); }
  catch (e) { log.append(el("li", { class: "sys", text: e.message })); return; }
  for (const rp of r.replies) {
    const li = el("li", { class: "bot" }, el("span", { class: "who", text: "Bot:" }), rp.text);
    if (rp.buttons) li.append(el("div", { class: "buttons", role: "group", "aria-label": "Buttons" },
      ...rp.buttons.map((b) => el("button", { type: "button", onclick: () => play({ choice: b.id }, b.label) }, b.label))));
    log.append(li);
  }
  if (!r.replies.length) log.append(el("li", { class: "sys", text: "(the bot said nothing)" }));
  const why = [r.flow ? r.flow + " / " + (r.step || "?") : "no flow (idle)", r.signals.length ? r.signals.join(", ") : "none"];
  log.append(el("li", { class: "why", "aria-hidden": "true", text: "→ " + why[0] + " · signals: " + why[1] }));
  if (r.note) log.append(el("li", { class: "sys", text: r.note }));
  log.scrollTop = log.scrollHeight;
  ui.lastTurn = r;
  renderWhy(r);
  $("desk-events").hidden = !(r.handoff && settings().desk);
}
function renderWhy(r) {
  const rows = [
    ["Flow and step", r.flow ? r.flow + " / " + r.step : "none: the conversation is idle"],
    ["Steps entered", r.entered?.length ? r.entered.join(" → ") : "none"],
    ["Words read as", r.route ? (r.route.flow || "nothing in scope") + " (" + r.route.category + ", " + Math.round(r.route.confidence * 100) + "%" + (r.route.lang ? ", " + r.route.lang : "") + ")" +
      (r.route.customer_question ? "; a customer's question (customer_question)" : "") +
      (r.route.said?.length ? "; names " + r.route.said.join(", ") + " (if_said)" : "") : "a button or an event"],
    ["Care signals", r.signals.length ? r.signals.join(", ") : "none"],
    ["Slots", r.slots?.length ? r.slots.map((s) => s.name + " = " + s.value).join(", ") : "none"],
    ["Hand-off", r.handoff ? (r.opened ? "opened: " : "") + r.handoff.queue + ", " + r.handoff.priority + ", " + r.handoff.status : "none"],
    ["Language", r.lang || "?"],
  ];
  $("why").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
}
$("chat-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("chat-input").value.trim();
  if (!text) return;
  $("chat-input").value = "";
  play({ text }, text);
});
$("desk-events").addEventListener("click", (e) => {
  const b = e.target.closest("button[data-event]");
  if (b) play({ event: b.dataset.event }, "(" + b.textContent + ")");
});
async function save(write) {
  try {
    const r = await api("api/try/save", { conv: ui.conv, name: $("save-name").value, write });
    $("snippet").value = r.snippet;
    $("snippet").scrollTop = 0;
    $("snippet").hidden = $("snippet-label").hidden = false;
    $("save-status").textContent = r.written ? "Written to " + r.written + "." : "Here is the test: copy it into a file of tests/.";
  } catch (e) { $("save-status").textContent = e.message; }
}
$("save-form").addEventListener("submit", (e) => { e.preventDefault(); save(false); });
$("save-write").addEventListener("click", () => save(true));

// ---- tests ----
function renderTests(t) {
  ui.tests = t;
  const count = $("tests-count");
  count.textContent = t && t.ran ? (t.failed ? t.failed + " failing" : "") : "";
  if (!t) return;
  $("tests-summary").textContent = t.running ? "running…" : t.summary + (t.ran ? " (" + t.took_ms + " ms)" : "");
  const byFile = new Map();
  for (const c of t.conversations || []) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c);
  }
  const open = new Set([...$("test-list").querySelectorAll("details[open]")].map((d) => d.dataset.file));
  const groups = [...byFile].map(([file, cs]) => {
    const failed = cs.filter((c) => c.status === "failed").length;
    const d = el("details", { "data-file": file },
      el("summary", {}, el("span", { class: failed ? "failed" : "passed", text: failed ? "✗ " + failed + " failing" : "✓ " + cs.length + " passed" }), " " + shortName(file)),
      el("ul", {}, ...cs.map(testItem)));
    d.open = failed > 0 || open.has(file);
    return d;
  });
  $("test-list").replaceChildren(...groups);
}
function shortName(file) {
  const root = ui.state ? ui.state.folder + "/" : "";
  return file.startsWith(root) ? file.slice(root.length) : file;
}
function testItem(c) {
  const li = el("li", { "data-file": c.file, "data-name": c.name },
    el("span", { class: c.status, text: c.status === "failed" ? "✗ failed" : c.status === "passed" ? "✓ passed" : c.status }), " ",
    el("strong", { text: c.name }), " ", el("code", { text: "line " + c.line }), " ",
    el("button", { type: "button", "aria-label": "Run the test " + c.name, onclick: () => runOne(c) }, "Run"));
  for (const f of c.failures || []) {
    const said = f.replies.length ? f.replies.map((r) => "bot: " + r.text + (r.buttons ? "\n     [" + r.buttons.map((b) => b.label).join("] [") + "]" : "")).join("\n") : "(the bot said nothing)";
    li.append(el("pre", { text: f.text + "\n" + said }));
  }
  return li;
}
async function runOne(c) {
  $("test-one").textContent = "running " + c.name + "…";
  const r = await api("api/tests/run", { file: c.file, name: c.name });
  const done = (r.conversations || []).find((x) => x.file === c.file && x.name === c.name);
  if (!done) { $("test-one").textContent = r.summary; return; }
  const old = [...$("test-list").querySelectorAll("li")].find((li) => li.dataset.file === c.file && li.dataset.name === c.name);
  if (old) old.replaceWith(testItem(done));
  $("test-one").textContent = c.name + ": " + done.status;
}
$("run-all").addEventListener("click", async () => {
  $("tests-summary").textContent = "running…";
  renderTests(await api("api/tests/run", {}));
});

// ---- live ----
function listen() {
  const es = new EventSource("events");
  let gen = null;
  es.addEventListener("change", (e) => {
    if (gen !== null && e.data === gen && ui.state) {
      // Same files: the tests' automatic run finished.
      api("api/state").then((st) => { ui.state = st; renderTests(st.tests); renderFlowList(); });
      return;
    }
    gen = e.data;
    refresh().catch((err) => { $("live-status").textContent = "could not read the studio: " + err.message; });
  });
  es.onerror = () => { $("live-status").textContent = "connection lost, retrying…"; };
}
listen();

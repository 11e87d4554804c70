// A tiny in-memory stand-in for the Lumo API, for working on the web app without the Python
// backend (and for screenshots). NOT the real backend: validation here is a rough imitation.
//
//   node mock/server.mjs [port]        (default 8123; serves ../dist too, with SPA fallback)
//   sign in with demo@example.com / demo
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const catalog = JSON.parse(readFileSync(join(here, "catalog.json"), "utf8"));
const templates = JSON.parse(readFileSync(join(here, "templates.json"), "utf8"));
const port = Number(process.argv[2] || process.env.PORT || 8123);

const USER = { id: 1, email: "demo@example.com", role: "admin", organisation: { id: 1, name: "Demo Shop" } };
const TOKEN = "mock-token";
const now = () => new Date().toISOString();

const db = {
  accounts: [{ id: 1, name: "Demo Shop OA", channel_id: "1650000000" }],
  tags: [
    { id: 1, name: "VIP" },
    { id: 2, name: "Coupon sent" },
  ],
  "auto-messages": [{ id: 1, name: "Welcome", messages: [{ kind: "text", text: "Welcome!" }] }],
  "rich-menus": [{ id: 1, name: "Main menu", line_rich_menu_id: "richmenu-abc", account_id: 1 }],
  "qr-codes": [{ id: 1, name: "Shop counter", account_id: 1, prefill_text: "QR-SHOP", code: "shop1" }],
  workflows: [],
  conversations: {},
  friends: ["Aiko", "Kenji", "Mia", "Sora", "Yuki"].map((name, i) => ({
    id: i + 1, account_id: 1, line_user_id: `U${String(i + 1).repeat(32)}`, display_name: name, picture_url: null,
    status: i === 4 ? "blocked" : "active", tags: i % 2 ? [{ id: 1, name: "VIP" }] : [],
    followed_at: "2026-11-01T10:00:00Z", last_seen_at: "2026-11-20T09:00:00Z",
    attributes: i % 2 ? { interest: "sale", size: "M" } : {}, language: "ja",
  })),
  nextId: 100,
};

const types = Object.fromEntries(catalog.node_types.map((t) => [t.type, t]));

function validate(def) {
  const errors = [];
  const warnings = [];
  const nodes = def.nodes || [];
  const edges = def.edges || [];
  const idx = Object.fromEntries(nodes.map((n, i) => [n.id, i]));
  const start = nodes.find((n) => n.type === "start");
  if (!start) errors.push({ code: "no_start", message: "The workflow has no Start node.", node_id: null, field: null });
  const out = {};
  for (const [i, e] of edges.entries()) {
    const s = nodes[idx[e.source]];
    const d = nodes[idx[e.target]];
    if (!s || !d) continue;
    if (s.type === "start" && types[d.type]?.category !== "trigger") {
      errors.push({ code: "start_needs_trigger", message: `Start can only connect to triggers.`, node_id: d.id, field: `/edges/${i}` });
      continue;
    }
    (out[e.source] ||= []).push(e.target);
  }
  const reach = new Set();
  const q = start ? [start.id] : [];
  while (q.length) {
    const id = q.shift();
    if (reach.has(id)) continue;
    reach.add(id);
    q.push(...(out[id] || []));
  }
  if (start) {
    if (!nodes.some((n) => types[n.type]?.category === "trigger" && reach.has(n.id)))
      errors.push({ code: "no_trigger", message: "Connect at least one trigger below Start: the workflow has nothing that starts it.", node_id: start.id, field: `/nodes/${idx[start.id]}` });
    if (!(start.config?.account_ids || []).length)
      errors.push({ code: "no_account", message: "Select at least one LINE account on the Start node.", node_id: start.id, field: `/nodes/${idx[start.id]}/config/account_ids` });
  }
  for (const n of nodes) {
    const i = idx[n.id];
    const label = types[n.type]?.label ?? n.type;
    if (!reach.has(n.id))
      warnings.push({ code: "unconnected", severity: "warning", message: `“${label}” (${n.id}) is not connected to Start: it will not run.`, node_id: n.id, field: `/nodes/${i}` });
    const req = types[n.type]?.schema?.required || [];
    for (const f of req) {
      const v = n.config?.[f];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) {
        const issue = { code: "missing_field", message: `“${label}” (${n.id}): ${f} is required.`, node_id: n.id, field: `/nodes/${i}/config/${f}` };
        (reach.has(n.id) ? errors : warnings).push(reach.has(n.id) ? issue : { ...issue, severity: "warning" });
      }
    }
    if (n.type === "action.send_message") {
      (n.config?.messages || []).forEach((m, j) => {
        if (m.kind === "text" && !m.text) errors.push({ code: "missing_field", message: `“${label}” (${n.id}): messages/${j}/text is required.`, node_id: n.id, field: `/nodes/${i}/config/messages/${j}/text` });
      });
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}

function view(wf) {
  const rev = wf.revisions[wf.revisions.length - 1];
  return {
    id: wf.id,
    name: wf.name,
    description: wf.description,
    status: wf.status,
    revision: wf.revisions.length,
    published_revision: wf.published_revision,
    has_unpublished_changes: wf.status === "active" && wf.published_revision !== wf.revisions.length,
    run_count: wf.run_count,
    last_run_at: wf.last_run_at,
    updated_at: wf.updated_at,
    created_at: wf.created_at,
    definition: rev,
    validation: validate(rev),
  };
}

function summary(wf) {
  const { definition: _d, validation: _v, ...rest } = view(wf);
  return rest;
}

function createWorkflow(name, description, template) {
  const tpl = templates.find((t) => t.id === template);
  const def = tpl
    ? JSON.parse(JSON.stringify(tpl.definition))
    : { nodes: [{ id: "start", type: "start", config: { account_ids: [] }, position: { x: 0, y: 0 } }], edges: [] };
  const wf = {
    id: db.nextId++,
    name,
    description: description || "",
    status: "draft",
    revisions: [def],
    published_revision: null,
    run_count: 0,
    last_run_at: null,
    created_at: now(),
    updated_at: now(),
  };
  db.workflows.unshift(wf);
  return wf;
}

// Seed a few workflows.
for (let i = 1; i <= 23; i++) {
  const wf = createWorkflow(i === 1 ? "Welcome series" : `Campaign ${i}`, i === 1 ? "Greets new friends" : "", i % 2 ? "friend_add_flow" : "keyword_auto_reply");
  if (i % 3 === 0) {
    wf.revisions[0].nodes[0].config.account_ids = [1];
    wf.status = "active";
    wf.published_revision = 1;
    wf.run_count = i * 7;
    wf.last_run_at = now();
  }
}

function fakeRuns(workflowId) {
  const statuses = ["completed", "completed", "waiting", "failed", "completed", "cancelled"];
  return Array.from({ length: 30 }, (_, i) => {
    const status = statuses[i % statuses.length];
    const t = new Date(Date.UTC(2026, 10, 20, 9, 0) - i * 3600_000).toISOString();
    return {
      id: `run-${i + 1}`, workflow_id: workflowId, revision: 1, status,
      friend: { id: i + 1, display_name: ["Aiko", "Kenji", "Mia"][i % 3] },
      trigger_node_id: "trigger", current_node_id: status === "waiting" ? "wait" : null,
      error: status === "failed" ? "LINE answered 500 after 5 attempts" : null,
      created_at: t, started_at: t, finished_at: status === "waiting" ? null : t,
      steps: { completed: status === "failed" ? 1 : 3, failed: status === "failed" ? 1 : 0 },
    };
  });
}

function fakeSteps(run) {
  const base = { attempt: 1, output: null, error: null, started_at: run.started_at, finished_at: run.finished_at };
  const steps = [
    { ...base, id: 1, node_id: "trigger", node_type: "trigger.friend_add", status: "completed", output_handle: "out" },
    { ...base, id: 2, node_id: "welcome", node_type: "action.send_message", status: run.status === "failed" ? "failed" : "completed", output_handle: "out", attempt: run.status === "failed" ? 5 : 1, error: run.error },
  ];
  if (run.status !== "failed") steps.push({ ...base, id: 3, node_id: "wait", node_type: "action.delay", status: run.status === "waiting" ? "waiting" : "completed", output_handle: null, finished_at: null });
  return steps;
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(text);
}

function authed(req) {
  return (req.headers.cookie || "").includes("lumo_session=ok") || req.headers.authorization === `Bearer ${TOKEN}`;
}

function ifMatch(req) {
  return String(req.headers["if-match"] ?? "").replace(/^W\//, "").replace(/"/g, "");
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

const MIME = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

function serveStatic(req, res, pathname) {
  let file = normalize(join(dist, pathname));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, "index.html");
  if (!existsSync(file)) return send(res, 404, { detail: "build the app first (npm run build)" });
  res.writeHead(200, { "Content-Type": MIME[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  const m = req.method;
  try {
    if (!p.startsWith("/api/")) return serveStatic(req, res, p);
    if (p === "/api/auth/login" && m === "POST") {
      const b = await readBody(req);
      if (b.email === USER.email && b.password === "demo")
        return send(res, 200, { token: TOKEN, user: USER }, { "Set-Cookie": "lumo_session=ok; HttpOnly; Path=/; SameSite=Lax" });
      return send(res, 401, { detail: "Incorrect email or password." });
    }
    if (p === "/api/auth/logout" && m === "POST") return send(res, 204, undefined, { "Set-Cookie": "lumo_session=; Max-Age=0; Path=/" });
    if (!authed(req)) return send(res, 401, { detail: "Not signed in." });
    if (p === "/api/me") return send(res, 200, USER);
    if (p === "/api/catalog") return send(res, 200, catalog);
    if (p === "/api/agent/conversations" && m === "POST") {
      const id = `conv${db.nextId++}`;
      db.conversations[id] = { id, status: "idle", transcript: [], draft: null, clarification: null };
      return send(res, 201, { id, status: "idle" });
    }
    const am = p.match(/^\/api\/agent\/conversations\/(\w+)(\/\w+)?$/);
    if (am) {
      const c = db.conversations[am[1]];
      if (!c) return send(res, 404, { detail: { code: "not_found", message: "conversation not found" } });
      const sub = am[2] || "";
      const turn = (reply, changes = []) => {
        c.transcript.push({ role: "assistant", text: reply, at: now() });
        return { reply, draft: c.draft, clarification: c.clarification, changes, status: c.status, workflow_id: c.workflow_id ?? null };
      };
      if (sub === "" && m === "GET") return send(res, 200, c);
      if (sub === "/messages" && m === "POST") {
        const b = await readBody(req);
        c.transcript.push({ role: "user", text: b.text, at: now() });
        if (/tag/i.test(b.text) && !c.draft) {
          c.clarification = { question: "Which tag should I add?", options: ["VIP", "Coupon sent"], about: "tag" };
          c.status = "awaiting_clarification";
          return send(res, 200, turn("Which tag should I add?\n- VIP\n- Coupon sent"));
        }
        const tpl = JSON.parse(JSON.stringify(templates.find((t) => t.id === "friend_add_flow").definition));
        tpl.nodes[0].config.account_ids = [1];
        const revised = !!c.draft;
        if (revised) tpl.nodes.find((n) => n.id === "wait").config.amount = 1;
        c.draft = {
          name: "Welcome and coupon",
          summary: `When a friend adds Demo Shop OA:\n1. Send “Thanks for adding us!”\n2. Wait ${revised ? 1 : 3} day(s)\n3. Send “Here is your 10% coupon: WELCOME10”`,
          definition: tpl, validation: validate(tpl), new_tags: [{ placeholder_id: -1, name: "Welcomed" }],
        };
        c.clarification = null;
        c.status = "awaiting_review";
        return send(res, 200, turn("Here is a draft. Approve it, or tell me what to change.", revised ? ["Delay: 3 days → 1 day"] : []));
      }
      if (sub === "/approve" && m === "POST") {
        if (!c.draft) return send(res, 409, { detail: { code: "nothing_to_approve", message: "There is no draft waiting for approval in this conversation." } });
        const wf = createWorkflow(c.draft.name, "", null);
        wf.revisions[0] = c.draft.definition;
        c.status = "approved"; c.workflow_id = wf.id; c.draft = null;
        return send(res, 200, { workflow_id: wf.id, created_tags: [], reply: "Saved as a draft.", status: "approved" });
      }
      if (sub === "/discard" && m === "POST") {
        c.draft = null; c.status = "discarded";
        return send(res, 200, turn("Discarded. Tell me another goal whenever you like."));
      }
    }
    if (p === "/api/friends") {
      const q = (url.searchParams.get("q") || "").toLowerCase();
      const tag = Number(url.searchParams.get("tag_id") || 0);
      const st = url.searchParams.get("status");
      const all = db.friends.filter((f) => (!q || f.display_name.toLowerCase().includes(q)) && (!tag || f.tags.some((t) => t.id === tag)) && (!st || f.status === st));
      const limit = Number(url.searchParams.get("limit") || 50);
      const offset = Number(url.searchParams.get("offset") || 0);
      return send(res, 200, { items: all.slice(offset, offset + limit).map(({ attributes: _a, language: _l, ...f }) => f), total: all.length, limit, offset });
    }
    const fm = p.match(/^\/api\/friends\/(\d+)$/);
    if (fm) {
      const f = db.friends.find((x) => x.id === Number(fm[1]));
      return f ? send(res, 200, f) : send(res, 404, { detail: "Friend not found." });
    }
    if (p === "/api/templates") return send(res, 200, templates.map(({ definition: _d, ...t }) => t));
    const res1 = p.match(/^\/api\/(accounts|tags|auto-messages|rich-menus|qr-codes)$/);
    if (res1) {
      const kind = res1[1];
      if (m === "GET") return send(res, 200, { items: db[kind].map(({ channel_secret: _s, access_token: _a, ...r }) => r) });
      if (m === "POST") {
        const b = await readBody(req);
        if (!b.name) return send(res, 422, { detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] });
        const item = { id: db.nextId++, ...b };
        if (kind === "qr-codes") item.code = `qr${item.id}`;
        db[kind].push(item);
        const { channel_secret: _s, access_token: _a, ...shown } = item;
        return send(res, 201, shown);
      }
    }
    if (p === "/api/workflows" && m === "GET") {
      const q = (url.searchParams.get("q") || "").toLowerCase();
      const st = url.searchParams.get("status");
      const limit = Number(url.searchParams.get("limit") || 20);
      const offset = Number(url.searchParams.get("offset") || 0);
      const all = db.workflows.filter((w) => (!q || w.name.toLowerCase().includes(q)) && (!st || w.status === st));
      return send(res, 200, { items: all.slice(offset, offset + limit).map(summary), total: all.length, limit, offset });
    }
    if (p === "/api/workflows" && m === "POST") {
      const b = await readBody(req);
      if (!b.name) return send(res, 422, { detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] });
      const wf = createWorkflow(b.name, b.description, b.template);
      return send(res, 201, view(wf), { ETag: `"${wf.revisions.length}"` });
    }
    // Try it needs the real LINE simulator; the mock says so the way the backend does.
    if (/^\/api\/try-it\/\d+\/[a-z_]+$/.test(p)) {
      return send(res, 409, { detail: { code: "simulator_unreachable", message: "The mock server has no LINE simulator: run `lumo serve --demo` to try workflows." } });
    }
    const tm = p.match(/^\/api\/workflows\/(\d+)\/executions\/timeline$/);
    if (tm) {
      const bucket = url.searchParams.get("bucket") === "hour" ? "hour" : "day";
      const periods = Number(url.searchParams.get("periods") || 14);
      const step = bucket === "hour" ? 3600e3 : 86400e3;
      const last = Math.floor(Date.now() / step) * step;
      const buckets = Array.from({ length: periods }, (_, i) => {
        const n = (i * 7) % 5;
        return { start: new Date(last - (periods - 1 - i) * step).toISOString(), total: n + 1, succeeded: n, failed: 1, waiting: 0, running: 0, cancelled: 0 };
      });
      return send(res, 200, { bucket, tz: "UTC", periods, buckets });
    }
    const em = p.match(/^\/api\/executions\/([\w-]+)$/);
    if (em) {
      const run = fakeRuns(1).find((r) => r.id === em[1]) ?? fakeRuns(1)[0];
      return send(res, 200, { ...run, steps: fakeSteps(run) });
    }
    const wm = p.match(/^\/api\/workflows\/(\d+)(\/[a-z]+)?$/);
    if (wm) {
      const wf = db.workflows.find((w) => w.id === Number(wm[1]));
      if (!wf) return send(res, 404, { detail: "Workflow not found." });
      const sub = wm[2] || "";
      const etag = () => ({ ETag: `"${wf.revisions.length}"` });
      if (sub === "" && m === "GET") return send(res, 200, view(wf), etag());
      if (sub === "" && m === "DELETE") {
        db.workflows = db.workflows.filter((w) => w !== wf);
        return send(res, 204);
      }
      if (sub === "" && m === "PUT") {
        if (ifMatch(req) !== String(wf.revisions.length))
          return send(res, 409, { detail: { code: "stale_revision", message: `Revision ${ifMatch(req)} is out of date: the saved revision is ${wf.revisions.length}. Reload to see the other changes, then save again.` } });
        const b = await readBody(req);
        if (!b.name) return send(res, 422, { detail: [{ loc: ["body", "name"], msg: "String should have at least 1 character", type: "string_too_short" }] });
        wf.name = b.name;
        wf.description = b.description ?? "";
        wf.revisions.push(b.definition);
        wf.updated_at = now();
        return send(res, 200, view(wf), etag());
      }
      if (sub === "/executions") {
        const st = url.searchParams.get("status");
        const limit = Number(url.searchParams.get("limit") || 25);
        const offset = Number(url.searchParams.get("offset") || 0);
        const all = fakeRuns(wf.id).filter((r) => !st || r.status === st);
        const count = (s) => fakeRuns(wf.id).filter((r) => r.status === s).length;
        return send(res, 200, {
          items: all.slice(offset, offset + limit), total: all.length, limit, offset,
          node_counts: { trigger: { completed: 30 }, welcome: { completed: 25, failed: 5 }, wait: { waiting: 5, completed: 15 } },
          stats: { total: 30, succeeded: count("completed"), failed: count("failed"), waiting: count("waiting"), running: 0, cancelled: count("cancelled") },
        });
      }
      if (sub === "/validation") return send(res, 200, validate(wf.revisions[wf.revisions.length - 1]));
      if (sub === "/activate" && m === "POST") {
        if (ifMatch(req) !== String(wf.revisions.length))
          return send(res, 409, { detail: { code: "stale_revision", message: "Save your changes before activating." } });
        const v = validate(wf.revisions[wf.revisions.length - 1]);
        if (!v.valid) return send(res, 409, { detail: { code: "invalid", message: v.errors[0].message, errors: v.errors } });
        wf.status = "active";
        wf.published_revision = wf.revisions.length;
        return send(res, 200, view(wf), etag());
      }
      if (sub === "/pause" && m === "POST") {
        if (wf.status !== "active") return send(res, 409, { detail: { code: "not_active", message: "Only an active workflow can be paused." } });
        wf.status = "inactive";
        return send(res, 200, view(wf), etag());
      }
    }
    return send(res, 404, { detail: "Not found." });
  } catch (e) {
    return send(res, 500, { detail: String(e) });
  }
});

server.listen(port, "127.0.0.1", () => console.log(`mock Lumo API on http://127.0.0.1:${port}`));

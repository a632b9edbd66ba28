import { STATUS_PAGE_SCRIPT } from './status-page.script';

export const STATUS_PAGE_STYLE = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #6b7385; --bg: #f6f7f9; --card: #fff; --line: #e3e6eb;
  --ok: #1a7f37; --bad: #c62828; --warn: #a15c00; --busy: #1f5fbf; --off: #6b7385; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #98a1b3; --bg: #14161b; --card: #1c1f26; --line: #2c313b;
  --ok: #4ec46b; --bad: #ff6b6b; --warn: #f0b35a; --busy: #6ea8ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 12px; padding: 18px 28px 6px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 10px; }
main { padding: 8px 28px 28px; display: grid; gap: 18px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
tr:last-child td { border-bottom: 0; }
tr.selected td { background: color-mix(in srgb, var(--busy) 8%, transparent); }
td.name div, td .origin { font-size: 12px; max-width: 320px; }
.muted { color: var(--muted); }
.ok { color: var(--ok); } .bad { color: var(--bad); }
.state { display: inline-block; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; background: var(--off); }
.state-running { background: var(--ok); } .state-unhealthy { background: var(--warn); }
.state-starting, .state-restarting { background: var(--busy); } .state-failed { background: var(--bad); }
.actions { white-space: nowrap; text-align: right; }
button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--busy); background: var(--busy); color: #fff; cursor: pointer; margin-left: 6px; }
button.secondary { background: transparent; color: var(--busy); }
button:disabled { opacity: .5; cursor: default; }
#note { min-height: 1.4em; margin-top: 10px; }
#log { height: 320px; overflow: auto; margin: 0; padding: 10px; border-radius: 6px; background: #0f1115; color: #d7dce5;
  font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
#log .line { white-space: pre-wrap; word-break: break-all; }
#log .muted { color: #7d8597; }
#log .lvl-warn .lvl, #log .lvl-stderr .lvl { color: #f0b35a; } #log .lvl-error .lvl, #log .lvl-fatal .lvl { color: #ff6b6b; }
.log-head { display: flex; justify-content: space-between; align-items: baseline; }
form { display: flex; gap: 6px; align-items: center; }
input[type=password] { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); }
`;

/** The whole page; the style and script are inline, allowed by their hashes in the page's CSP. */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>QNTX plugins</title>
<style>${STATUS_PAGE_STYLE}</style>
</head>
<body>
<header><h1>QNTX plugins</h1><span id="host" class="muted"></span><span id="updated" class="muted"></span></header>
<main>
<section>
<table>
<thead><tr><th>Plugin</th><th>State</th><th>Health</th><th>Version</th><th>Uptime</th><th>Restarts</th><th>Process</th><th></th></tr></thead>
<tbody id="plugins"><tr><td colspan="8" class="muted">Loading…</td></tr></tbody>
</table>
<div id="note" class="muted"></div>
</section>
<section>
<div class="log-head">
<h2 id="log-title">Output</h2>
<form id="token-form">
<label class="muted"><input type="checkbox" id="follow" checked> follow</label>
<input type="password" id="token" placeholder="admin token" title="Only needed from another machine: the host's [host] admin_token" autocomplete="off">
<button type="submit" class="secondary">Use</button>
</form>
</div>
<pre id="log"><span class="muted">Choose “Logs” on a plugin the host launched to follow its output.</span></pre>
</section>
</main>
<script>${STATUS_PAGE_SCRIPT}</script>
</body>
</html>
`;

/**
 * The status page's script, plain browser JavaScript (no build step). It reads GET /api/plugins
 * (again every 5 s, for health, versions and generations), follows GET /api/plugins/events for state changes
 * as they happen, tails GET /api/plugins/<name>/logs/stream for the selected plugin, and posts
 * restarts. Both streams are server-sent events read with fetch, so that the optional admin
 * token can travel in a header. Everything a plugin says is set as text, never as HTML.
 */
export const STATUS_PAGE_SCRIPT = String.raw`
'use strict';
const $ = (id) => document.getElementById(id);
const plugins = new Map();
let selected = null;
let logAbort = null;

function headers() {
  const token = sessionStorage.getItem('qntx-admin-token');
  return token ? { authorization: 'Bearer ' + token } : {};
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.floor(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

function uptimeOf(p) {
  if (p.uptimeSeconds === null || p.uptimeSeconds === undefined) return null;
  return p.uptimeSeconds + (Date.now() - p.seenAt) / 1000;
}

/**
 * Each generation besides the live one alone (an upgrade under way, one draining, one that failed
 * or was rolled back), and the last change when it did not take: under the version.
 */
function generations(p) {
  const list = p.generations || [];
  const box = el('div', { class: 'muted generations', 'data-generations': '' });
  if (list.length > 1 || (list[0] && list[0].probationUntil)) {
    for (const g of list) {
      const extra = [g.probationUntil ? 'in probation' : '', g.sockets ? g.sockets + ' sockets' : '', g.inFlight ? g.inFlight + ' requests' : '']
        .filter(Boolean)
        .join(', ');
      box.append(el('div', { 'data-generation': String(g.generation), title: g.reason || '' }, 'gen ' + g.generation + ' · ' + (g.version || '?') + ' ' + g.state + (extra ? ' (' + extra + ')' : '')));
    }
  }
  const change = p.lastChange;
  if (change && (change.outcome === 'kept' || change.outcome === 'rolled-back' || change.outcome === 'failed')) {
    box.append(el('div', { class: 'bad', 'data-last-change': '' }, change.action + ' ' + (change.to || '') + ': ' + change.outcome + ' — ' + (change.reason || '')));
  }
  return box.childNodes.length ? box : null;
}

function render() {
  const body = $('plugins');
  body.replaceChildren();
  for (const p of [...plugins.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const health = p.health
      ? el('span', { class: p.health.healthy ? 'ok' : 'bad', title: p.health.message || '' }, p.health.healthy ? '✓ healthy' : '✗ ' + (p.health.message || 'unhealthy'))
      : '–';
    const actions = el('td', { class: 'actions' });
    if (p.launched) {
      actions.append(
        el('button', { type: 'button', 'data-restart': p.name, onclick: () => restart(p.name) }, 'Restart'),
        el('button', { type: 'button', class: 'secondary', 'data-logs': p.name, onclick: () => tail(p.name) }, 'Logs'),
      );
    }
    const where = p.launched ? (p.pid ? 'pid ' + p.pid : '–') : p.kind === 'built-in' ? 'in host' : p.address || 'external';
    body.append(
      el(
        'tr',
        { 'data-plugin': p.name, class: p.name === selected ? 'selected' : '' },
        el('td', { class: 'name' }, el('strong', {}, p.name), el('div', { class: 'muted' }, p.description || '')),
        el('td', {}, el('span', { class: 'state state-' + p.state, 'data-state': p.state }, p.state)),
        el('td', {}, health),
        el('td', {}, p.version || '–', generations(p)),
        el('td', { 'data-uptime': '' }, duration(uptimeOf(p))),
        el('td', { 'data-restarts': '' }, String(p.restarts)),
        el(
          'td',
          { class: 'muted' },
          el('span', { 'data-process': '' }, where),
          p.origin ? el('div', { class: 'origin', 'data-origin': '' }, p.origin) : null,
        ),
        actions,
      ),
    );
  }
  if (plugins.size === 0) body.append(el('tr', {}, el('td', { colspan: '8', class: 'muted' }, 'No plugins.')));
}

function note(text, bad) {
  const box = $('note');
  box.textContent = text;
  box.className = bad ? 'bad' : 'muted';
}

async function refresh() {
  try {
    const res = await fetch('/api/plugins', { cache: 'no-store' });
    const data = await res.json();
    $('host').textContent = 'host ' + data.hostVersion;
    const now = Date.now();
    const seen = new Set();
    for (const p of data.plugins) {
      seen.add(p.name);
      plugins.set(p.name, { ...p, seenAt: now });
    }
    for (const name of [...plugins.keys()]) if (!seen.has(name)) plugins.delete(name);
    render();
    $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (error) {
    note('Cannot reach the host: ' + error.message, true);
  }
}

/** Reads a server-sent event stream; resolves when it ends. */
async function readEvents(url, onEvent, signal) {
  const res = await fetch(url, { headers: headers(), signal, cache: 'no-store' });
  if (!res.ok) {
    let message = res.status + ' ' + res.statusText;
    try { message = (await res.json()).message || message; } catch {}
    throw new Error(message);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trimStart();
      }
      if (data) onEvent(event, JSON.parse(data));
    }
  }
}

async function followStates() {
  for (;;) {
    try {
      await readEvents('/api/plugins/events', (event, status) => {
        if (event !== 'status') return;
        const known = plugins.get(status.name);
        if (!known) return void refresh();
        const changed = known.state !== status.state;
        // A plugin that is not serving has no health to show until it answers again.
        const serving = status.state === 'running' || status.state === 'unhealthy';
        plugins.set(status.name, { ...known, ...status, health: serving ? known.health : null, seenAt: Date.now() });
        render();
        // Health and version come with /api/plugins: ask again once a plugin is back.
        if (changed && status.state === 'running') refresh();
      });
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1000));
    refresh();
  }
}

async function restart(name) {
  const button = document.querySelector('[data-restart="' + name + '"]');
  if (button) button.disabled = true;
  note('Restarting ' + name + '…');
  try {
    const res = await fetch('/api/plugins/' + encodeURIComponent(name) + '/restart', { method: 'POST', headers: headers() });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.statusText);
    note(name + ' is ' + body.state + ' (restarts: ' + body.restarts + ').', body.state !== 'running');
  } catch (error) {
    note('Restart of ' + name + ' failed: ' + error.message, true);
  }
  refresh();
}

function logLine(line) {
  const log = $('log');
  // Info is the rule: only other levels (and unstructured stderr) are marked.
  const level = line.level ? (line.level === 'info' ? '' : line.level) : line.stream === 'stderr' ? 'stderr' : '';
  const fields = line.fields && line.fields.requestId ? ' requestId=' + line.fields.requestId : '';
  log.append(
    el(
      'div',
      { class: 'line ' + (level ? 'lvl-' + level : '') },
      el('span', { class: 'muted' }, line.time.slice(11, 23) + ' ' + line.pid + ' '),
      level ? el('span', { class: 'lvl' }, level + ' ') : null,
      line.text + fields,
    ),
  );
  while (log.childElementCount > 1000) log.firstElementChild.remove();
  if ($('follow').checked) log.scrollTop = log.scrollHeight;
}

async function tail(name) {
  if (logAbort) logAbort.abort();
  const abort = new AbortController();
  logAbort = abort;
  selected = name;
  render();
  $('log-title').textContent = 'Output of ' + name;
  $('log').replaceChildren();
  while (!abort.signal.aborted) {
    try {
      await readEvents('/api/plugins/' + encodeURIComponent(name) + '/logs/stream?lines=200', (event, data) => {
        if (event === 'line') logLine(data);
        if (event === 'dropped') logLine({ time: new Date().toISOString(), pid: '', text: '(' + data + ' lines skipped: the page fell behind)' });
      }, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      $('log-title').textContent = 'Output of ' + name + ': ' + error.message;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    $('log').replaceChildren();
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (token) sessionStorage.setItem('qntx-admin-token', token);
  else sessionStorage.removeItem('qntx-admin-token');
  note(token ? 'Admin token set for this tab.' : 'Admin token cleared.');
  if (selected) tail(selected);
});

refresh().then(followStates);
setInterval(refresh, 5000);
setInterval(() => {
  for (const row of document.querySelectorAll('tr[data-plugin]')) {
    const p = plugins.get(row.dataset.plugin);
    if (p) row.querySelector('[data-uptime]').textContent = duration(uptimeOf(p));
  }
}, 1000);
`;

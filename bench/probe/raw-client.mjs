// A minimal node:http MCP client for finding what makes two clients' figures differ (issue 15): the issue's own kind
// of client (initialize, sequential tools/call echo per session, keep-alive, JSON or SSE answers parsed, every reply
// checked), with each thing a client may or may not do switched by an option. It loads a system that is already
// running on loopback and reads the CPU of the tree under --pid from /proc around each measured round:
//
//   node bench/probe/raw-client.mjs --url=http://127.0.0.1:PORT/mcp --pid=PID [--clients=8] [--calls=500]
//        [--warm=1000] [--warmms=5000]   one session first: at least this many calls and this many ms
//        [--rounds=3]                     measured rounds of the level, each printed (the first is still warming up)
//        [--header=false]                 no MCP-Protocol-Version header after initialize (the spec requires it)
//        [--version=2025-06-18]           the protocolVersion asked for in initialize (default 2025-11-25)
//        [--get=true]                     open a GET stream per session, as the SDK clients do
//        [--sdk-headers=true]             also the headers that the SDK's fetch adds (user-agent, accept-encoding: gzip...)
//        [--pause-ms=N]                   wait N ms after each call: the same client at a lower call rate
//        [--tool=echo]                    the tool called (everything__echo on an aggregated /mcp)
//        [--keepalive=false] [--delete=false] [--accept=...] [--label=TEXT]
//
// One JSON line per round: calls/s, tree CPU µs per call (ticks of 10 ms), the first --pid's own CPU µs per call, this client's CPU µs per call, the answer's
// Content-Type and the negotiated version. Loopback only; every loop is bounded by its counts.
import http from 'node:http';
import fs from 'node:fs';
const a = Object.fromEntries(process.argv.slice(2).map(s => { const [k, v] = s.replace(/^--/, '').split('='); return [k, v ?? 'true']; }));
const url = new URL(a.url);
if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') throw new Error(`--url must be on loopback (127.0.0.1 or [::1]), got ${url.hostname}`);
const clients = +(a.clients ?? 8), calls = +(a.calls ?? 500), warm = +(a.warm ?? 2000);
const version = a.version ?? '2025-11-25';
const tool = a.tool ?? 'echo';
const sendHeader = a.header !== 'false';
const getStream = a.get === 'true';
const keepAlive = a.keepalive !== 'false';
const agent = new http.Agent({ keepAlive, maxSockets: Infinity });
const pids = (a.pid ?? '').split(',').filter(Boolean).map(Number);
function treeTicks() {
  let total = 0; const seen = new Set(); const queue = [...pids];
  const kids = {};
  for (const d of fs.readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); (kids[f[1]] ??= []).push(+d); } catch {} }
  while (queue.length) { const p = queue.pop(); if (seen.has(p)) continue; seen.add(p); try { const s = fs.readFileSync(`/proc/${p}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); total += +f[11] + +f[12] + +f[13] + +f[14]; } catch {} queue.push(...(kids[p] ?? [])); }
  return total;
}
function ownTicks(pid) {
  try { const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return +f[11] + +f[12]; } catch { return 0; }
}
function req(method, headers, body) {
  return new Promise((resolve, reject) => {
    const r = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method, headers }, res => {
      const chunks = []; res.on('data', c => chunks.push(c)); res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString() })); res.on('error', reject);
    });
    r.on('error', reject); if (body) r.end(body); else r.end();
  });
}
function parse(res, body) {
  const ct = res.headers['content-type'] ?? '';
  if (ct.includes('text/event-stream')) return body.split('\n\n').map(e => e.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n')).filter(Boolean).map(JSON.parse);
  return body ? [JSON.parse(body)] : [];
}
class S {
  id = 0; sid; pv;
  h(json) { const h = { accept: a.accept ?? 'application/json, text/event-stream' }; if (json) h['content-type'] = 'application/json'; if (this.sid) h['mcp-session-id'] = this.sid; if (this.pv && sendHeader) h['mcp-protocol-version'] = this.pv; if (a['sdk-headers'] === 'true') Object.assign(h, { 'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' }); return h; }
  async connect() {
    const id = ++this.id;
    const { res, body } = await req('POST', this.h(true), JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'probe', version: '1' } } }));
    this.sid = res.headers['mcp-session-id']; const m = parse(res, body).find(x => x.id === id); this.pv = m.result.protocolVersion;
    const r2 = await req('POST', this.h(true), JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    if (r2.res.statusCode >= 300) throw new Error('initialized ' + r2.res.statusCode);
    if (getStream) { const h = this.h(false); h.accept = 'text/event-stream'; this.get = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'GET', headers: h }, res => { this.getStatus = res.statusCode; res.resume(); }); this.get.on('error', () => {}); this.get.end(); }
  }
  async call(uid) {
    const id = ++this.id;
    const { res, body } = await req('POST', this.h(true), JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: { message: uid } } }));
    const m = parse(res, body).find(x => x.id === id);
    if (!m?.result?.content?.[0]?.text?.includes(uid)) throw new Error('bad reply ' + body.slice(0, 200));
    this.ct = res.headers['content-type'];
  }
  async close() { this.get?.destroy(); if (a.delete !== 'false') await req('DELETE', this.h(false)).catch(() => {}); }
}
const w = new S(); await w.connect(); const t0 = Date.now(); for (let n = 0; n < warm || Date.now() - t0 < +(a.warmms ?? 0); n++) await w.call('w' + n); await w.close();
await new Promise(r => setTimeout(r, 300));
const rounds = +(a.rounds ?? 1);
for (let r = 1; r <= rounds; r++) {
const ss = Array.from({ length: clients }, () => new S()); await Promise.all(ss.map(s => s.connect()));
await new Promise(r => setTimeout(r, 100));
const c0 = treeTicks(), g0 = ownTicks(pids[0]), me0 = process.cpuUsage(), t1 = process.hrtime.bigint();
await Promise.all(ss.map(async (s, i) => { for (let n = 0; n < calls; n++) { await s.call(`u-c${i}-n${n}`); if (a['pause-ms']) await new Promise(r => setTimeout(r, +a['pause-ms'])); } }));
const secs = Number(process.hrtime.bigint() - t1) / 1e9, c1 = treeTicks(), g1 = ownTicks(pids[0]), me = process.cpuUsage(me0);
await Promise.all(ss.map(s => s.close()));
const n = clients * calls;
console.log(JSON.stringify({ label: a.label, round: r, cps: Math.round(n / secs), treeUs: Math.round((c1 - c0) * 1e4 / n), ownUs: Math.round((g1 - g0) * 1e4 / n), clientUs: Math.round((me.user + me.system) / n), ct: ss[0].ct, pv: ss[0].pv, get: ss[0].getStatus }));
}
agent.destroy();
process.exit(0);

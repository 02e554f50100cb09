// The bench's second client (issue 15): the official TypeScript SDK (`@modelcontextprotocol/sdk`, pinned in
// bench/package.json) as most MCP clients use it: one Client + StreamableHTTPClientTransport per session, so each
// session opens its GET stream after `notifications/initialized`, sends MCP-Protocol-Version, and reads JSON or SSE
// answers as the SDK does. McpBridge.Bench starts this script per run and measures the system's CPU around the calls.
//
// Protocol with the bench, one JSON object per stdout line:
//   {"event":"ready","warmupError":null|"..."}           warm-up done (one session, then the unmeasured rounds)
//   {"event":"connected","setupMs":[...],"setupErrors":[...]}  every session of the measured round initialized (or failed)
//   <- the bench writes "go" on stdin (it has read the CPU counters)
//   {"event":"done", ...}                                 the calls are over, the sessions still open
//   <- the bench writes "close" on stdin (it has read the CPU counters again); the script closes the sessions and exits
// Every reply must carry the call's unique token; a reply without it counts as a mismatch. Loopback only; every loop is
// bounded in count and by --run-timeout-ms; nothing is retried.
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const MaxWarmupCalls = 50_000;
const MaxErrors = 5;

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`expected --name value pairs, got '${argv[i]}'`);
    }
    options[argv[i].slice(2)] = argv[i + 1];
  }

  const url = new URL(options.url ?? '');
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') {
    throw new Error(`--url must be a loopback address (127.0.0.1 or [::1]), got ${url.hostname}`);
  }

  const number = (name, fallback) => {
    const value = Number(options[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`--${name} must be a whole number, got '${options[name]}'`);
    }
    return value;
  };
  return {
    url,
    clients: Math.max(1, number('clients', 1)),
    calls: number('calls', 100),
    warmupCalls: number('warmup-calls', 100),
    warmupMs: number('warmup-ms', 0),
    warmupRounds: number('warmup-rounds', 0),
    warmupRoundsMs: number('warmup-rounds-ms', 0),
    maxWarmupRounds: number('max-warmup-rounds', 5),
    callTimeoutMs: Math.max(1, number('call-timeout-ms', 30_000)),
    runTimeoutMs: Math.max(1, number('run-timeout-ms', 180_000)),
    tag: options.tag ?? 'sdk',
  };
}

const options = parseArgs(process.argv.slice(2));
// Checked between calls, never handed to the SDK: its request() adds an abort listener to the signal it is given and
// never removes it, so one run-wide signal would collect a listener per call. Each call is bounded by its own timeout.
const deadline = AbortSignal.timeout(options.runTimeoutMs);
const emit = message => process.stdout.write(JSON.stringify(message) + '\n');
const text = error => (error instanceof Error ? error.message : String(error)).slice(0, 300);

async function connect(name) {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(options.url);
  await client.connect(transport, { timeout: options.callTimeoutMs });
  return { client, transport };
}

async function close(session) {
  try {
    await session.transport.terminateSession();
  } catch {
    // best effort, as in the C# client: a lost DELETE leaves the session to the server's idle reaping
  }
  await session.client.close().catch(() => {});
}

// One call: 'ok', 'mismatch' or 'error' with its detail.
async function callEcho(session, uid) {
  const result = await session.client.callTool(
    { name: 'echo', arguments: { message: uid } },
    undefined,
    { timeout: options.callTimeoutMs });
  const first = result.content?.find(block => block.type === 'text')?.text ?? '';
  if (result.isError) {
    return ['error', `tool error: ${first.slice(0, 160)}`];
  }
  return first.includes(uid) ? ['ok'] : ['mismatch', `reply text '${first.slice(0, 160)}' lacks this call's token ${uid}`];
}

async function warmUp() {
  const session = await connect(`${options.tag}-warmup`);
  try {
    const started = performance.now();
    for (let n = 0; n < MaxWarmupCalls && (n < options.warmupCalls || performance.now() - started < options.warmupMs); n++) {
      const [status, detail] = await callEcho(session, `warmup-${n}`);
      if (status !== 'ok') {
        return `${status}: ${detail}`;
      }
    }
  } finally {
    await close(session);
  }
  // At least --warmup-rounds rounds; more, up to --max-warmup-rounds, while they have taken less than --warmup-rounds-ms.
  const roundsStarted = performance.now();
  for (let round = 1; options.warmupRounds > 0
    && (round <= options.warmupRounds || (round <= options.maxWarmupRounds && performance.now() - roundsStarted < options.warmupRoundsMs)); round++) {
    const result = await runRound(`w${round}`, async () => {}, async () => {});
    if (result.errors > 0 || result.mismatches > 0) {
      return `warm-up round ${round}: ${result.firstErrors[0] ?? 'calls failed'}`;
    }
  }
  return null;
}

// All sessions connect at once (timed), then after `beforeCalls` each makes its calls one after the other; the result
// goes to `afterCalls` before the sessions are closed, so that the CPU read then does not include the closing (and
// a system's per-session children are still alive).
async function runRound(round, beforeCalls, afterCalls) {
  const setupMs = [];
  const errors = [];
  const note = (kind, detail) => errors.length < MaxErrors && errors.push(`${kind}: ${detail}`);
  const sessions = await Promise.all(Array.from({ length: options.clients }, async (_, i) => {
    const started = performance.now();
    try {
      const session = await connect(`${options.tag}-${round}-${i}`);
      setupMs.push(performance.now() - started);
      return session;
    } catch (error) {
      note('connect', text(error));
      return null;
    }
  }));

  await beforeCalls(setupMs, errors);
  const counts = { ok: 0, errors: 0, mismatches: 0, notDone: 0 };
  const latencies = [];
  const phase = performance.now();
  await Promise.all(sessions.map(async (session, client) => {
    if (session === null) {
      counts.notDone += options.calls;
      return;
    }
    for (let n = 0; n < options.calls; n++) {
      if (deadline.aborted) {
        counts.notDone += options.calls - n;
        return;
      }
      const uid = `u${options.tag}${round}-c${client}-n${n}`;
      const started = performance.now();
      let outcome;
      try {
        outcome = await callEcho(session, uid);
      } catch (error) {
        if (deadline.aborted) {
          counts.notDone += options.calls - n;
          return;
        }
        outcome = ['error', text(error)];
      }
      if (outcome[0] === 'ok') {
        counts.ok++;
        latencies.push(performance.now() - started);
      } else if (outcome[0] === 'mismatch') {
        counts.mismatches++;
        note('MISMATCH', outcome[1]);
      } else {
        counts.errors++;
        note('call', outcome[1]);
      }
    }
  }));
  const seconds = (performance.now() - phase) / 1000;
  const result = {
    ...counts,
    setupFailed: sessions.filter(s => s === null).length,
    seconds,
    latencies,
    setupMs,
    timedOut: deadline.aborted,
    firstErrors: errors,
  };
  await afterCalls(result);
  await Promise.all(sessions.filter(s => s !== null).map(close));
  return result;
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function waitFor(command) {
  const line = await lines.next();
  if (line.done || line.value.trim() !== command) {
    throw new Error(`expected '${command}' on stdin, got ${line.done ? 'end of input' : `'${line.value}'`}`);
  }
}

let warmupError;
try {
  warmupError = await warmUp();
} catch (error) {
  warmupError = text(error);
}
emit({ event: 'ready', warmupError });

await runRound('m', async (setupMs, errors) => {
  emit({ event: 'connected', setupMs, setupErrors: errors });
  await waitFor('go');
}, async result => {
  emit({ event: 'done', ...result });
  await waitFor('close');
});
process.exit(0);

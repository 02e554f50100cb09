// One client of the client matrix (tests/McpBridge.Tests/EndToEnd/ClientMatrixTests.cs): the official TypeScript SDK,
// the package given (an installed name, such as @modelcontextprotocol/sdk or a pinned alias), over the transport given.
// It initializes, lists the tools, calls one with progress and one that asks the client for sampling, and prints one
// JSON line with what it saw; any failure exits 1 with the error.
//
//   node client-matrix.mjs PACKAGE http|sse URL [PREFIX]
// PREFIX goes before the tool names, for the gateway's aggregated endpoint (faulty__test_sampling).
const [sdk, transportName, url, prefix = ""] = process.argv.slice(2);
if (!sdk || !["http", "sse"].includes(transportName) || !url) {
  console.error("usage: node client-matrix.mjs PACKAGE http|sse URL [PREFIX]");
  process.exit(2);
}

const { Client } = await import(`${sdk}/client/index.js`);
const types = await import(`${sdk}/types.js`);
const transport = transportName === "sse"
  ? new (await import(`${sdk}/client/sse.js`)).SSEClientTransport(new URL(url))
  : new (await import(`${sdk}/client/streamableHttp.js`)).StreamableHTTPClientTransport(new URL(url));

const client = new Client({ name: "client-matrix", version: "1.0.0" }, { capabilities: { sampling: {} } });
client.setRequestHandler(types.CreateMessageRequestSchema, async () => ({
  role: "assistant",
  content: { type: "text", text: "sampled by the matrix client" },
  model: "client-matrix",
}));

const timeout = setTimeout(() => {
  console.error("client-matrix: no result within 60 s");
  process.exit(1);
}, 60_000);

try {
  await client.connect(transport);
  const tools = await client.listTools();
  const progress = [];
  const withProgress = await client.callTool(
    { name: `${prefix}test_tool_with_progress`, arguments: {} },
    undefined,
    { onprogress: (p) => progress.push(p.progress) });
  const sampling = await client.callTool({ name: `${prefix}test_sampling`, arguments: { prompt: "hello" } });
  console.log(JSON.stringify({
    protocolVersion: transport.protocolVersion ?? null,
    server: client.getServerVersion()?.name ?? null,
    tools: tools.tools.length,
    progress,
    progressResult: withProgress.content?.[0]?.text ?? null,
    sampling: sampling.content?.[0]?.text ?? null,
  }));
  await client.close();
  clearTimeout(timeout);
} catch (error) {
  console.error(`client-matrix: ${error?.stack ?? error}`);
  process.exit(1);
}

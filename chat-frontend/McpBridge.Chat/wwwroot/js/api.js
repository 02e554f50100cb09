// The chat service's HTTP API. Problems come back as RFC 9457 problem details; they are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
  }
}

async function problem(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  if (response.status === 413) {
    return new ApiError(413, "Too long", "The conversation is too long for the chat service. Start a new chat.");
  }
  return new ApiError(response.status, body?.title, body?.detail || response.statusText);
}

async function json(url, options = {}) {
  const response = await fetch(url, { ...options, headers: { accept: "application/json", ...(options.headers || {}) } });
  if (!response.ok) throw await problem(response);
  return response.json();
}

export const getStatus = () => json("api/status", { cache: "no-store" });

export const listTools = () => json("api/tools", { cache: "no-store" });

export const callTool = (name, args) => json(`api/tools/${encodeURIComponent(name)}`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ arguments: args }),
});

/**
 * Sends the conversation and calls onEvent(type, data) for each Server-Sent Event of the answer
 * (text, text_end, tool_call, tool_result, done, error). Resolves when the stream ends.
 */
export async function streamChat(messages, signal, onEvent) {
  const response = await fetch("api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ messages }),
    signal,
  });
  if (!response.ok) throw await problem(response);

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block, onEvent);
    }
  }
  if (buffer.trim()) dispatch(buffer, onEvent);
}

function dispatch(block, onEvent) {
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) type = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (data.length) onEvent(type, JSON.parse(data.join("\n")));
}

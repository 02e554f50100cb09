// The Tools panel: every tool of the gateway, a form from its input schema, a Call button and the result.
// It needs no API key, so it doubles as a browser MCP explorer.

import { listTools, callTool } from "./api.js";
import { el, pretty, duration } from "./format.js";
import { schemaForm } from "./schema-form.js";

export class ToolsView {
  constructor() {
    this.list = document.getElementById("tools-list");
    this.gateway = document.getElementById("tools-gateway");
    this.loaded = false;
    this.loading = null;
  }

  /** Loads the tools the first time the panel is shown (and again after invalidate()). */
  show() {
    if (!this.loaded && !this.loading) this.loading = this.load().finally(() => { this.loading = null; });
    return this.loading ?? Promise.resolve();
  }

  invalidate(visible) {
    this.loaded = false;
    if (visible) this.show();
  }

  async load() {
    this.list.setAttribute("aria-busy", "true");
    try {
      const { tools, gateway } = await listTools();
      this.gateway.textContent = `Gateway: ${gateway}`;
      this.list.replaceChildren(...tools.map((tool, index) => this.toolNode(tool, index === 0)));
      if (tools.length === 0) this.list.append(el("p", { text: "The gateway offers no tools." }));
      this.loaded = true;
    } catch (error) {
      this.list.replaceChildren(
        el("p", { className: "tools-error", role: "alert", text: error.message }),
        el("button", { type: "button", className: "secondary", text: "Try again", onclick: () => this.show() }));
    } finally {
      this.list.setAttribute("aria-busy", "false");
    }
  }

  toolNode(tool, open) {
    const annotations = tool.annotations ?? {};
    const badges = [
      annotations.readOnlyHint && "read-only",
      annotations.idempotentHint && "idempotent",
      annotations.destructiveHint && "destructive",
      annotations.openWorldHint && "open world",
    ].filter(Boolean);

    const fields = el("div", { className: "fields" });
    const readArguments = schemaForm(fields, tool.inputSchema, `tool-${tool.name}`);
    const output = el("div", { className: "tool-output", "aria-live": "polite", hidden: true });
    const error = el("p", { className: "field-error", role: "alert", hidden: true });
    const button = el("button", { type: "submit", text: "Call" });

    const form = el("form", { className: "tool-form", "aria-label": `Call ${tool.name}`, novalidate: true }, fields,
      el("div", { className: "tool-actions" }, button, error));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      let args;
      try {
        args = readArguments();
      } catch (problem) {
        error.textContent = problem.message;
        error.hidden = false;
        return;
      }
      button.disabled = true;
      button.textContent = "Calling…";
      try {
        const result = await callTool(tool.name, args);
        output.dataset.state = result.isError ? "error" : "ok";
        output.replaceChildren(
          el("p", { className: "outcome", text: `${result.isError ? "Error" : "Result"} · ${duration(result.durationMs)}` }),
          el("pre", { className: "tool-result", text: pretty(result.result) }));
      } catch (problem) {
        output.dataset.state = "error";
        output.replaceChildren(el("p", { className: "outcome", text: problem.message }));
      } finally {
        output.hidden = false;
        button.disabled = false;
        button.textContent = "Call";
      }
    });

    return el("details", { className: "tool", "data-tool": tool.name, open },
      el("summary", {},
        el("h3", { text: tool.name }),
        tool.title && tool.title !== tool.name ? el("span", { className: "tool-title", text: tool.title }) : null,
        ...badges.map((badge) => el("span", { className: "badge", text: badge }))),
      el("div", { className: "tool-inner" },
        tool.description ? el("p", { className: "tool-description", text: tool.description }) : null,
        form,
        output));
  }
}

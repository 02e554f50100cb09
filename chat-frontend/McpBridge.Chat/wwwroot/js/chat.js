// The conversation: sends the whole history each turn, streams the answer in, shows tool calls as cards.

import { streamChat } from "./api.js";
import * as store from "./store.js";
import { el, pretty, duration } from "./format.js";

export class ChatView {
  constructor({ onGatewayError }) {
    this.onGatewayError = onGatewayError;
    this.transcript = document.getElementById("transcript");
    this.empty = document.getElementById("empty");
    this.emptyTools = document.getElementById("empty-tools");
    this.form = document.getElementById("composer");
    this.prompt = document.getElementById("prompt");
    this.sendButton = document.getElementById("send");
    this.stopButton = document.getElementById("stop");
    this.conversation = store.load();
    this.controller = null;
    this.enabled = true;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit(this.prompt.value);
    });
    this.prompt.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit(this.prompt.value);
      } else if (event.key === "Escape" && this.controller) {
        event.preventDefault();
        this.stop();
      }
    });
    this.prompt.addEventListener("input", () => this.autosize());
    this.stopButton.addEventListener("click", () => this.stop());
    this.render();
  }

  get busy() { return this.controller !== null; }

  setEnabled(enabled) {
    this.enabled = enabled;
    this.prompt.disabled = !enabled;
    this.sendButton.disabled = !enabled || this.busy;
    this.prompt.placeholder = enabled ? "Message Claude" : "The chat is off: no Anthropic API key is configured";
  }

  setToolNames(names) {
    this.emptyTools.textContent = names.length
      ? `Claude can use the gateway's tools: ${names.join(", ")}.`
      : "The gateway offers no tools right now.";
  }

  newChat() {
    this.stop();
    this.conversation = { history: [], turns: [] };
    store.clear();
    this.render();
    this.prompt.focus();
  }

  stop() {
    this.controller?.abort();
  }

  render() {
    this.transcript.replaceChildren(...this.conversation.turns.map((turn) =>
      turn.role === "user" ? userNode(turn) : new AssistantTurnView(turn, (text) => this.retry(turn, text)).node));
    this.updateEmpty();
    this.scrollToEnd(true);
  }

  async submit(rawText) {
    const text = rawText.trim();
    if (!text || this.busy || !this.enabled) return;

    const history = [...this.conversation.history, { role: "user", content: [{ type: "text", text }] }];
    const userTurn = { role: "user", text };
    const turn = { role: "assistant", blocks: [], status: "running", request: text };
    this.conversation.turns.push(userTurn, turn);
    const view = new AssistantTurnView(turn, (retryText) => this.retry(turn, retryText));
    this.transcript.append(userNode(userTurn), view.node);
    this.updateEmpty();
    this.scrollToEnd(true);
    this.prompt.value = "";
    this.autosize();

    const controller = new AbortController();
    this.setBusy(controller);
    let ended = false;
    try {
      await streamChat(history, controller.signal, (type, data) => {
        switch (type) {
          case "text": view.appendText(data.delta); break;
          case "text_end": view.endText(data.html); break;
          case "tool_call": view.toolCall(data); break;
          case "tool_result":
            view.toolResult(data);
            if (data.gatewayDown) this.onGatewayError(data.result);
            break;
          case "done":
            ended = true;
            this.conversation.history = [...history, ...data.messages];
            view.finish("done");
            break;
          case "error":
            ended = true;
            view.finish("error", data.message);
            if (data.kind === "gateway") this.onGatewayError(data.message);
            break;
        }
        this.scrollToEnd();
      });
      if (!ended) view.finish("error", "The answer ended before it was complete.");
    } catch (error) {
      if (controller.signal.aborted) {
        const partial = view.text();
        // What was said before Stop stays in the history; a turn with no text is as if it was never asked.
        if (partial) this.conversation.history = [...history, { role: "assistant", content: [{ type: "text", text: partial }] }];
        view.finish("stopped");
      } else {
        view.finish("error", error.message);
      }
    } finally {
      this.setBusy(null);
      store.save(this.conversation);
      this.scrollToEnd();
      if (document.activeElement === document.body || document.activeElement === this.stopButton) this.prompt.focus();
    }
  }

  retry(turn, text) {
    const index = this.conversation.turns.indexOf(turn);
    if (index > 0) this.conversation.turns.splice(index - 1, 2);
    this.render();
    this.submit(text);
  }

  setBusy(controller) {
    this.controller = controller;
    this.sendButton.hidden = controller !== null;
    this.stopButton.hidden = controller === null;
    this.sendButton.disabled = !this.enabled || controller !== null;
    if (controller && document.activeElement === this.sendButton) this.stopButton.focus();
  }

  updateEmpty() {
    this.empty.hidden = this.conversation.turns.length > 0;
  }

  autosize() {
    this.prompt.style.height = "auto";
    this.prompt.style.height = `${this.prompt.scrollHeight + 2}px`;
  }

  scrollToEnd(force = false) {
    const t = this.transcript;
    if (force || t.scrollHeight - t.scrollTop - t.clientHeight < 120) t.scrollTop = t.scrollHeight;
  }
}

function userNode(turn) {
  return el("div", { className: "turn turn-user", "aria-label": "You", text: turn.text });
}

/** One answer of Claude: text blocks (streamed, then rendered Markdown) and tool cards, in the order they came. */
class AssistantTurnView {
  constructor(turn, onRetry) {
    this.turn = turn;
    this.onRetry = onRetry;
    this.node = el("article", { className: "turn turn-assistant", "aria-label": "Claude" });
    this.cards = new Map();
    this.textNode = null;
    this.thinking = el("p", { className: "thinking", text: "Claude is answering" });
    for (const block of turn.blocks) this.node.append(this.blockNode(block));
    this.renderStatus();
  }

  appendText(delta) {
    let block = this.turn.blocks.at(-1);
    if (!block || block.kind !== "text" || block.html) {
      block = { kind: "text", text: "" };
      this.turn.blocks.push(block);
      this.textNode = this.blockNode(block);
      this.node.insertBefore(this.textNode, this.thinking);
    }
    block.text += delta;
    this.textNode.textContent = block.text;
  }

  endText(html) {
    const block = this.turn.blocks.at(-1);
    if (!block || block.kind !== "text" || !this.textNode) return;
    block.html = html;
    this.textNode.classList.remove("streaming");
    this.textNode.innerHTML = html; // Markdown rendered and sanitized by the chat service.
  }

  toolCall(data) {
    const block = { kind: "tool", id: data.id, name: data.name, arguments: data.arguments, state: "running" };
    this.turn.blocks.push(block);
    this.node.insertBefore(this.blockNode(block), this.thinking);
  }

  toolResult(data) {
    const block = this.turn.blocks.find((b) => b.kind === "tool" && b.id === data.id);
    if (!block) return;
    Object.assign(block, { state: data.isError ? "error" : "ok", result: data.result, durationMs: data.durationMs });
    const old = this.cards.get(block.id);
    const fresh = this.blockNode(block);
    fresh.open = old?.open ?? false;
    old?.replaceWith(fresh);
  }

  text() {
    return this.turn.blocks.filter((b) => b.kind === "text").map((b) => b.text).join("\n\n").trim();
  }

  finish(status, message) {
    this.turn.status = status;
    if (message) this.turn.error = message;
    for (const block of this.turn.blocks) {
      if (block.kind === "tool" && block.state === "running") {
        block.state = "error";
        block.result = status === "stopped" ? "Stopped." : "No result.";
        this.cards.get(block.id)?.replaceWith(this.blockNode(block));
      }
    }
    this.renderStatus();
  }

  renderStatus() {
    this.thinking.remove();
    this.node.querySelector(".turn-meta, .turn-error")?.remove();
    const { status } = this.turn;
    if (status === "running") {
      this.node.append(this.thinking);
    } else if (status === "stopped") {
      this.node.append(el("p", { className: "turn-meta", text: "Stopped." }));
    } else if (status === "error") {
      const request = this.turn.request;
      this.node.append(el("div", { className: "turn-error", role: "alert" },
        el("span", { text: this.turn.error || "Something went wrong." }),
        request ? el("button", { type: "button", className: "link", text: "Retry", onclick: () => this.onRetry(request) }) : null));
    }
  }

  blockNode(block) {
    if (block.kind === "text") {
      const node = el("div", { className: block.html ? "markdown" : "markdown streaming" });
      if (block.html) node.innerHTML = block.html; // Rendered and sanitized by the chat service.
      else node.textContent = block.text;
      this.textNode = node;
      return node;
    }

    const state = block.state === "running" ? "running" : block.state === "error" ? `error${block.durationMs !== undefined ? ` · ${duration(block.durationMs)}` : ""}` : duration(block.durationMs);
    const card = el("details", { className: "tool-card", "data-state": block.state, "data-tool": block.name },
      el("summary", {},
        el("span", { className: "tool-label", text: "Tool" }),
        el("span", { className: "tool-name", text: block.name }),
        el("span", { className: "tool-state", text: state })),
      el("div", { className: "tool-body" },
        el("h4", { text: "Arguments" }),
        el("pre", { className: "tool-arguments", text: pretty(block.arguments ?? {}) }),
        el("h4", { text: "Result" }),
        el("pre", { className: "tool-result", text: block.state === "running" ? "Running…" : pretty(block.result ?? "") })));
    this.cards.set(block.id, card);
    return card;
  }
}

// McpBridge Chat: wires the views together and keeps the page's idea of the gateway and of Claude up to date.

import { getStatus, listTools } from "./api.js";
import { ChatView } from "./chat.js";
import { ToolsView } from "./tools.js";

const UP_POLL_MS = 15000;
const DOWN_POLL_MS = 2000;

const pill = document.getElementById("gateway-status");
const pillLabel = pill.querySelector(".pill-label");
const pillUrl = pill.querySelector(".pill-url");
const gatewayBanner = document.getElementById("gateway-banner");
const keyBanner = document.getElementById("key-banner");
const tabs = [...document.querySelectorAll('[role="tab"]')];

const tools = new ToolsView();
const chat = new ChatView({ onGatewayError: () => refreshStatus() });
let toolsVersion = null;
let timer = null;
let firstStatus = true;

document.getElementById("new-chat").addEventListener("click", () => { selectTab("tab-chat"); chat.newChat(); });
document.getElementById("key-banner-tools").addEventListener("click", (event) => { event.preventDefault(); selectTab("tab-tools"); });

for (const tab of tabs) {
  tab.addEventListener("click", () => selectTab(tab.id));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    selectTab(next.id);
    next.focus();
  });
}

function selectTab(id) {
  for (const tab of tabs) {
    const selected = tab.id === id;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
  }
  history.replaceState(null, "", id === "tab-tools" ? "#tools" : "#");
  if (id === "tab-tools") tools.show();
  else document.getElementById("prompt").focus();
}

async function refreshStatus() {
  clearTimeout(timer);
  let connected = false;
  try {
    const status = await getStatus();
    connected = status.gateway.connected;
    pill.dataset.state = connected ? "up" : "down";
    pillLabel.textContent = connected ? "Gateway connected" : "Gateway not reachable";
    pillUrl.textContent = status.gateway.url;
    pill.title = status.gateway.url;
    gatewayBanner.hidden = connected;
    gatewayBanner.textContent = connected ? "" : status.gateway.error;
    keyBanner.hidden = status.claude.enabled;
    chat.setEnabled(status.claude.enabled);

    if (firstStatus && !status.claude.enabled && location.hash !== "#tools") selectTab("tab-tools");
    if (connected && status.gateway.toolsVersion !== toolsVersion) {
      toolsVersion = status.gateway.toolsVersion;
      tools.invalidate(!document.getElementById("tools-view").hidden);
      listTools().then(({ tools: list }) => chat.setToolNames(list.map((t) => t.name))).catch(() => {});
    }
    firstStatus = false;
  } catch (error) {
    pill.dataset.state = "down";
    pillLabel.textContent = "Chat service not reachable";
    gatewayBanner.hidden = false;
    gatewayBanner.textContent = `The chat service is not reachable (${error.message}).`;
  }
  document.body.dataset.gateway = connected ? "up" : "down";
  timer = setTimeout(refreshStatus, connected ? UP_POLL_MS : DOWN_POLL_MS);
}

if (location.hash === "#tools") selectTab("tab-tools");
refreshStatus();

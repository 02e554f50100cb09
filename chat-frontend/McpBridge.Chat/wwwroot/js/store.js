// The conversation survives reloads: the history Claude gets (wire messages) and what the page shows (turns).

const KEY = "mcpbridge.chat.v1";

export function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY));
    if (saved && Array.isArray(saved.history) && Array.isArray(saved.turns)) return saved;
  } catch { /* a damaged entry starts a new chat */ }
  return { history: [], turns: [] };
}

export function save(conversation) {
  try {
    localStorage.setItem(KEY, JSON.stringify(conversation));
  } catch { /* storage full or disabled: the chat still works, it just will not survive a reload */ }
}

export function clear() {
  localStorage.removeItem(KEY);
}

#!/usr/bin/env bash
# What the tests need besides the .NET SDK, checked before `make test` runs them (CI runs the same `make test`).
# Quiet when everything is there. On Debian as root it installs what is missing with apt-get; anywhere else it names
# each missing tool, who needs it and the command that installs it, and exits 1 before any test runs.
# PREREQUISITES=skip (make test PREREQUISITES=skip) runs the tests anyway: those that need a missing tool fail.
set -euo pipefail

[ "${PREREQUISITES:-}" = skip ] && exit 0

# name | Debian packages | the check that it is there | who needs it
requirements=(
  "shellcheck|shellcheck|command -v shellcheck|the start script's lint (tests/McpBridge.Deployment.Tests)"
  "docker-compose|docker-compose|command -v docker-compose|compose file validation without an engine (Deployment and Router tests)"
  "chromium|chromium|test -x /usr/bin/chromium|the chat's browser tests (tests/McpBridge.Chat.Tests), Playwright on /usr/bin/chromium"
  "a C compiler and libc headers|gcc libc6-dev|c_toolchain|linking the Native AOT gateway (make publish; NativeAotTests)"
)

# The .NET ILCompiler links with clang, or with gcc when clang is missing; either needs the C library's headers and objects.
# shellcheck disable=SC2317 # called through the requirements table
c_toolchain() {
  { command -v clang || command -v gcc; } >/dev/null && test -e /usr/include/stdio.h
}

missing() {
  local requirement name packages check who
  for requirement in "${requirements[@]}"; do
    IFS='|' read -r name packages check who <<<"$requirement"
    eval "$check" >/dev/null 2>&1 || printf '%s|%s|%s\n' "$name" "$packages" "$who"
  done
}

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null; then
  echo "make test needs Node 20 or later with npm (the npm MCP servers, the conformance suite, the SDK clients): install it, then run make test again." >&2
  exit 1
fi

gaps=$(missing)
[ -z "$gaps" ] && exit 0

if [ -f /etc/debian_version ] && command -v apt-get >/dev/null && [ "$(id -u)" -eq 0 ]; then
  packages=$(cut -d'|' -f2 <<<"$gaps" | tr '\n' ' ')
  echo "make test: installing ${packages}with apt-get (once; a minute or two)"
  log=$(mktemp)
  # shellcheck disable=SC2086 # one word per package
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages; } >"$log" 2>&1; then
    cat "$log" >&2
  fi
  rm -f "$log"
  gaps=$(missing)
  [ -z "$gaps" ] && exit 0
  echo "make test: apt-get installed ${packages}but these are still missing:" >&2
fi

{
  echo "make test needs tools that are not installed; no test was run:"
  while IFS='|' read -r name packages who; do
    if [ -f /etc/debian_version ]; then
      install="sudo apt-get install -y $packages"
    else
      install="your system's package of it (on Debian: apt-get install -y $packages)"
    fi
    echo "  - $name, for $who: $install"
  done <<<"$gaps"
  echo "Install them and run make test again, or run make test PREREQUISITES=skip to run the tests anyway (those that need them fail)."
} >&2
exit 1

#!/bin/sh
# McpBridge container entrypoint. Installed as /opt/mcpbridge/start beside two builds of the gateway,
# glibc/ and musl/, and the catalog (catalog.tsv); picks the build that fits the base image's C library.
#
#   start [GATEWAY OPTIONS] [-- COMMAND [ARGS...]]   run the gateway (exec: it becomes the container's main process)
#   start --healthcheck [URL]                        probe URL (default: /healthz of ASPNETCORE_URLS); exit 0 if healthy
#
# Which stdio server the gateway runs, first match wins:
#   1. `-- COMMAND ARGS` or `--config FILE` on the command line (compose `command:`, `docker run IMAGE ...`);
#   2. MCP_COMMAND, a command line split at spaces (no quoting), served under the name MCP_SERVER_NAME;
#   3. Servers__NAME__Command variables of your own (the gateway reads Servers__* itself);
#   4. mcp.json beside this script (the image was built with MCP_CONFIG), served with --config;
#   5. the catalog's lines for MCP_IMAGE (the image this one was built on), under any Servers__* you set.
#
# Environment: MCPBRIDGE_LIBC=glibc|musl forces a build; MCPBRIDGE_SYSROOT (tests only) is where to look
# for the C library instead of /.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "mcpbridge start: $*" >&2
  exit 64
}

# glibc if the system has glibc's libc.so.6; musl if it has musl's loader; a Debian with the musl package
# installed has both and is a glibc system.
detect_libc() {
  root=${MCPBRIDGE_SYSROOT:-}
  for lib in "$root"/lib/*-linux-gnu/libc.so.6 "$root"/usr/lib/*-linux-gnu/libc.so.6 \
             "$root"/lib64/libc.so.6 "$root"/usr/lib64/libc.so.6 "$root"/lib/libc.so.6 "$root"/usr/lib/libc.so.6; do
    if [ -e "$lib" ]; then echo glibc; return; fi
  done
  for loader in "$root"/lib/ld-musl-*.so.1; do
    if [ -e "$loader" ]; then echo musl; return; fi
  done
  fail "found neither glibc (libc.so.6) nor musl (/lib/ld-musl-*.so.1) under '${root:-/}'; set MCPBRIDGE_LIBC=glibc or musl."
}

libc=${MCPBRIDGE_LIBC:-$(detect_libc)}
case "$libc" in
  glibc|musl) ;;
  *) fail "MCPBRIDGE_LIBC is '$libc'; it must be glibc or musl." ;;
esac
gateway="$here/$libc/McpBridge.Gateway"
probe="$here/$libc/probe/McpBridge.HealthProbe"

if [ "${1:-}" = "--healthcheck" ]; then
  shift
  [ -x "$probe" ] || fail "no $libc health probe at $probe."
  exec "$probe" "$@"
fi

[ -x "$gateway" ] || fail "no $libc build of the gateway at $gateway; set MCPBRIDGE_LIBC if the C library was guessed wrong."

# mcp/time:1.2@sha256:... or docker.io/mcp/time -> mcp/time
catalog_key() {
  ref=${1%%@*}
  last=${ref##*/}
  case "$last" in *:*) ref=${ref%:*} ;; esac
  ref=${ref#docker.io/}
  ref=${ref#index.docker.io/}
  echo "${ref#library/}"
}

explicit=no
for arg in "$@"; do
  case "$arg" in
    --|--config|--config=*) explicit=yes ;;
  esac
done

if [ "$explicit" = no ] && [ -n "${MCP_COMMAND:-}" ]; then
  name=${MCP_SERVER_NAME:-$(catalog_key "${MCP_IMAGE:-default}" | sed 's|.*/||')}
  set -f
  # shellcheck disable=SC2086 # split MCP_COMMAND into words on purpose
  set -- "$@" --name "$name" -- $MCP_COMMAND
  set +f
  explicit=yes
fi

own=$(env | sed -n 's/^Servers__\([^_=]*\)__Command=.*/\1/p' | sort -u)
if [ "$explicit" = no ] && [ -z "$own" ] && [ -f "$here/mcp.json" ]; then
  set -- "$@" --config "$here/mcp.json"
  explicit=yes
fi

catalog="$here/catalog.tsv"
if [ "$explicit" = no ] && [ -n "${MCP_IMAGE:-}" ] && [ -f "$catalog" ]; then
  key=$(catalog_key "$MCP_IMAGE")
  tab=$(printf '\t')
  # The catalog's server names for this image, and whether you configured a server of another name.
  names=" $(while IFS="$tab" read -r image setting _; do
            [ "$image" = "$key" ] && echo "$setting" | sed -n 's/^Servers__\([^_]*\)__.*/\1/p'
          done < "$catalog" | sort -u | tr '\n' ' ')"
  other=no
  for server in $own; do
    case "$names" in *" $server "*) ;; *) other=yes ;; esac
  done
  if [ "$names" = " " ] && [ -z "$own" ]; then
    echo "mcpbridge start: '$MCP_IMAGE' is not in the catalog; give the server's command with MCP_COMMAND, Servers__NAME__Command or after '--'." >&2
  fi
  if [ "$names" != " " ] && [ "$other" = no ]; then
    while IFS="$tab" read -r image setting value; do
      [ "$image" = "$key" ] || continue
      case "$setting" in ''|*[!A-Za-z0-9_]*) continue ;; esac
      current=
      eval "current=\${$setting+set}"
      [ "${current:-}" = set ] || export "$setting=$value"
    done < "$catalog"
  fi
fi

exec "$gateway" "$@"

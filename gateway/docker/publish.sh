#!/bin/sh
# Publishes the gateway and its health probe, self-contained, trimmed and precompiled (ReadyToRun), once for glibc
# and once for musl:
#   OUT/glibc/McpBridge.Gateway  OUT/glibc/probe/McpBridge.HealthProbe
#   OUT/musl/McpBridge.Gateway   OUT/musl/probe/McpBridge.HealthProbe
# The container's start script (start.sh) picks one at run time, so one image layer fits Debian/Ubuntu
# (glibc) and Alpine (musl) base images alike. Used by gateway/Dockerfile and by the deployment tests.
#
# Usage: gateway/docker/publish.sh OUT [ARCH]   ARCH: x64 (default), arm64, or Docker's amd64/arm64.
set -eu

out=${1:?usage: publish.sh OUT [ARCH]}
arch=${2:-x64}
case "$arch" in
  amd64|x64) arch=x64 ;;
  arm64|aarch64) arch=arm64 ;;
  *) echo "publish.sh: unsupported architecture '$arch' (x64 or arm64)" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/../.." && pwd)
# ReadyToRun: trimming rewrites every assembly, the framework's included, as IL only, so without it all the code is
# JIT-compiled at every start. Measured on 2 cores: /readyz (server-everything) after 0.99 s instead of 1.72 s, and
# each health probe run 0.17 s of CPU instead of 0.6 s; each build is about 23 MB larger. crossgen2 runs on the
# build machine for any target architecture, so a cross-architecture build works the same way.
flags="-c Release --self-contained -p:PublishTrimmed=true -p:PublishReadyToRun=true -p:DebugType=none -nologo"

for libc in glibc musl; do
  if [ "$libc" = musl ]; then rid="linux-musl-$arch"; else rid="linux-$arch"; fi
  echo "publish.sh: $rid -> $out/$libc"
  # shellcheck disable=SC2086 # flags is a list of words
  dotnet publish "$repo/gateway/McpBridge.Gateway/McpBridge.Gateway.csproj" -r "$rid" $flags -o "$out/$libc"
  # shellcheck disable=SC2086
  dotnet publish "$repo/gateway/docker/McpBridge.HealthProbe/McpBridge.HealthProbe.csproj" -r "$rid" $flags \
    -p:PublishSingleFile=true -o "$out/$libc/probe"
done

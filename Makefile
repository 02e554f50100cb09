# McpBridge: `make run` serves the embedded time server at http://127.0.0.1:8000/mcp and the chat at :3000;
# `make test` runs every test.
DOTNET      ?= dotnet
NPM         ?= npm
URLS        ?= http://127.0.0.1:8000
BIN         := artifacts/bin
GATEWAY_DLL := $(BIN)/McpBridge.Gateway/debug/McpBridge.Gateway.dll
TIME_DLL    := $(abspath $(BIN)/TimeServer/debug/TimeServer.dll)
CHAT_URLS   ?= http://127.0.0.1:3000
CHAT_DLL    := $(BIN)/McpBridge.Chat/debug/McpBridge.Chat.dll
RESULTS     := artifacts/test-results

.PHONY: build run test prerequisites npm bench publish publish-router publish-container clean
BENCH_ARGS  ?=
AOT_DIR     := artifacts/publish/gateway-aot
CONTAINER_DIR := artifacts/publish/gateway-container
ROUTER_AOT_DIR := artifacts/publish/router-aot

build:
	$(DOTNET) build McpBridge.slnx -nologo -v quiet

# The gateway with the embedded default server (a C# clone of Docker's mcp/time), and the chat in front of it:
# no Docker needed. ANTHROPIC_API_KEY comes from your shell; without it the chat says so and its Tools panel
# still works. Ctrl+C stops both.
# make run CONFIG=mcp.json serves the servers of an mcpServers file instead, all of them at /mcp, which the chat uses.
run: build
	@$(DOTNET) $(GATEWAY_DLL) --urls $(URLS) $(if $(CONFIG),--config $(CONFIG),--name time -- $(DOTNET) $(TIME_DLL)) & gateway=$$!; \
	MCP_GATEWAY_URL=$(URLS)/mcp $(DOTNET) $(CHAT_DLL) --urls $(CHAT_URLS) & chat=$$!; \
	trap 'kill $$gateway $$chat 2>/dev/null; wait' INT TERM; \
	wait

# npm MCP servers and the official conformance suite, into tests/npm/node_modules (git-ignored).
npm: tests/npm/node_modules/.installed

tests/npm/node_modules/.installed: tests/npm/package.json tests/npm/package-lock.json
	cd tests/npm && $(NPM) ci --no-audit --no-fund
	touch $@

# The tools the tests need besides .NET and Node (shellcheck, docker-compose, Chromium, a C compiler): installed with
# apt-get on Debian as root, else named with the command that installs them. PREREQUISITES=skip runs the tests anyway.
prerequisites:
	@PREREQUISITES=$(PREREQUISITES) bash tests/prerequisites.sh

# Test projects run one after another (-m:1): each starts real gateways and children, and two cores are all there is.
test: prerequisites npm build
	rm -rf $(RESULTS)
	$(DOTNET) test McpBridge.slnx --no-build -nologo -m:1 --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS)

# The benchmark of issue 3 (Release builds, and the Native AOT gateway when a C compiler can link it; peers from
# bench/package.json): writes docs/benchmarks.md and .svg.
# make bench BENCH_ARGS=--quick for a short development run; BENCH_ARGS=--help lists the options.
bench: bench/node_modules/.installed
	@if command -v clang >/dev/null || command -v gcc >/dev/null; then $(MAKE) --no-print-directory publish publish-router; \
	else echo "bench: no clang or gcc, so no Native AOT builds: the AOT gateway's rows are left out, the router is the JIT one (make publish publish-router)"; fi
	$(MAKE) --no-print-directory publish-container
	$(DOTNET) build gateway/McpBridge.Gateway/McpBridge.Gateway.csproj -c Release -nologo -v quiet
	$(DOTNET) build router/McpBridge.Router/McpBridge.Router.csproj -c Release -nologo -v quiet
	$(DOTNET) build bench/McpBridge.Bench/McpBridge.Bench.csproj -c Release -nologo -v quiet
	$(DOTNET) $(BIN)/McpBridge.Bench/release/McpBridge.Bench.dll $(BENCH_ARGS)

# The gateway as one Native AOT executable for linux-x64, $(AOT_DIR)/McpBridge.Gateway, which runs without dotnet.
# Every trim or AOT warning (IL2xxx, IL3xxx) fails it, each reported in full. Linking needs clang, or gcc when clang
# is missing (the .NET ILCompiler falls back to it by itself): on Debian, apt-get install -y gcc libc6-dev
# (make test installs them). About 3-4 minutes on 2 cores; seconds when nothing changed.
publish:
	rm -rf $(AOT_DIR)
	$(DOTNET) publish gateway/McpBridge.Gateway/McpBridge.Gateway.csproj -c Release -r linux-x64 -nologo -o $(AOT_DIR) \
		-p:PublishAot=true -p:TreatWarningsAsErrors=true -p:TrimmerSingleWarn=false \
		-p:DebugType=none -p:StaticWebAssetsEnabled=false

# The router as one Native AOT executable for linux-x64, $(ROUTER_AOT_DIR)/McpBridge.Router, with its appsettings.json
# beside it. The benchmark measures it when it exists: no JIT compiling while the calls are measured, which in the JIT
# build took about half of the router's CPU per call over the bench's short levels (docs/scale-out.md).
publish-router:
	rm -rf $(ROUTER_AOT_DIR)
	$(DOTNET) publish router/McpBridge.Router/McpBridge.Router.csproj -c Release -r linux-x64 -nologo -o $(ROUTER_AOT_DIR) \
		-p:PublishAot=true -p:TreatWarningsAsErrors=true -p:TrimmerSingleWarn=false \
		-p:DebugType=none -p:StaticWebAssetsEnabled=false

# The container images' build of the gateway (gateway/docker/publish.sh: self-contained, trimmed, ReadyToRun) for
# glibc on this machine's architecture, $(CONTAINER_DIR)/glibc/McpBridge.Gateway, which the benchmark measures.
publish-container:
	rm -rf $(CONTAINER_DIR)
	sh gateway/docker/publish.sh $(CONTAINER_DIR) $(shell uname -m) glibc

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && $(NPM) ci --no-audit --no-fund
	touch $@

clean:
	rm -rf artifacts tests/npm/node_modules bench/node_modules

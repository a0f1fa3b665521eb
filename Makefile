# rtkql — SQL over the Cloudflare RealtimeKit API (every resource of the service).
#   make run    build, then run examples/quickstart.iql against the built-in sandbox
#   make test   run every test (unit and integration over loopback HTTP)
#   make bench  release-build benchmarks (see docs/performance.md)
#   make mcp-docs  refresh the copy of docs/sql-dialect.md that `rtkql mcp` serves

SWIFT ?= swift
SYSTEM_PACKAGES := libcurl4-openssl-dev libsqlite3-dev libedit-dev pkg-config
# Only the tests need them: nghttpd, an HTTP/2 server for the connection-reuse test; psql (and libpq,
# which psycopg loads) and psycopg 3 for the `rtkql serve` client tests, and the Python MCP SDK for the
# `rtkql mcp` client test (Tests/clients).
TEST_PACKAGES := nghttp2-server postgresql-client
TEST_PYTHON_PACKAGES := psycopg==3.3.9 mcp==2.3.0
# Release binaries carry the Swift runtime statically: no dynamic symbol binding at start-up
# (`rtkql --version` 17 ms → 11 ms; see docs/performance.md).
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib

# Regenerates the bundled provider data and docs/resources.md from spec/realtime_kit.yaml and spec/rtkql-overlay.yaml.
provider:
	$(SWIFT) run rtkql-provider-gen

.PHONY: all provider deps test-deps build release run test fuzz-smoke release-smoke fuzz bench soak mcp-docs clean

all: build

# Installs missing Debian packages when run as root; otherwise says what to install.
define install_missing
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "rtkql needs these system packages:$$missing"; \
	    echo "install them with: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_missing,$(SYSTEM_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))
	@python3 -c 'import psycopg, mcp' 2>/dev/null || { \
	  if [ "$$(id -u)" = "0" ]; then echo "installing: $(TEST_PYTHON_PACKAGES)"; python3 -m pip install -q $(TEST_PYTHON_PACKAGES); \
	  else echo "the server tests need psycopg and mcp: python3 -m pip install $(TEST_PYTHON_PACKAGES)"; exit 1; fi; }

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE_BUILD)

run: build
	$(SWIFT) run --skip-build rtkql exec --sandbox -f examples/quickstart.iql

test: test-deps fuzz-smoke release-smoke
	$(SWIFT) test

# The optimised engine end to end against its sandbox (the tests themselves run on the debug build). It is
# a small program over the library, not the whole rtkql binary: the binary's release build (TLS, the
# servers) would add about ten minutes to every `make test`; `make bench` exercises the binary itself.
release-smoke: deps
	$(RELEASE_BUILD) --product rtkql-release-smoke >/dev/null
	.build/release/rtkql-release-smoke

# The SQL front end under libFuzzer: a 20-second smoke (part of `make test`) and a long run.
FUZZ_BUILD = cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz-smoke: deps
	$(FUZZ_BUILD) >/dev/null
	@mkdir -p .build/fuzz-corpus && cp Fuzz/Corpus/* .build/fuzz-corpus/
	@Fuzz/.build/release/rtkql-fuzz -max_total_time=20 -timeout=5 .build/fuzz-corpus >.build/fuzz-smoke.log 2>&1 \
	  || { tail -40 .build/fuzz-smoke.log; echo "fuzz smoke failed: see .build/fuzz-smoke.log"; exit 1; }
	@echo "fuzz smoke: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' .build/fuzz-smoke.log), no crash"

fuzz: deps
	$(FUZZ_BUILD)
	@mkdir -p .build/fuzz-corpus && cp Fuzz/Corpus/* .build/fuzz-corpus/
	Fuzz/.build/release/rtkql-fuzz -max_total_time=600 -timeout=5 .build/fuzz-corpus

bench: release
	@command -v hyperfine >/dev/null || { [ "$$(id -u)" = "0" ] && apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; } \
	  || { echo "make bench needs hyperfine: sudo apt-get install -y hyperfine"; exit 1; }
	bash bench/run.sh

# 10,000 queries against a sandbox failing 10% of requests: every result checked, memory sampled.
soak: release
	.build/release/rtkql-soak 10000 0.1

# Refreshes the copy of docs/sql-dialect.md that `rtkql mcp` serves (DialectDocumentTests fails when it is stale).
mcp-docs:
	bash scripts/embed-dialect-doc.sh

clean:
	rm -rf .build

# rtkql — SQL over the Cloudflare RealtimeKit recordings API.
#   make run    build, then run examples/quickstart.iql against the built-in sandbox
#   make test   run every test (unit and integration over loopback HTTP)
#   make bench  release-build benchmarks (see docs/performance.md)

SWIFT ?= swift
SYSTEM_PACKAGES := libcurl4-openssl-dev libsqlite3-dev libedit-dev pkg-config

.PHONY: all deps build release run test bench clean

all: build

# Installs missing Debian packages when run as root; otherwise says what to install.
deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
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

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	$(SWIFT) run --skip-build rtkql exec --sandbox -f examples/quickstart.iql

test: deps
	$(SWIFT) test

bench: release
	bash bench/run.sh

clean:
	rm -rf .build

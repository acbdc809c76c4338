# carebot's developer commands. `make test` is what CI runs.
SHELL := /bin/bash
GO ?= go
STATICCHECK_VERSION ?= v0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
SHARED ?= ../shared/data

.PHONY: all build test flows-test redis-server chromium studio-shots lint vet staticcheck fmt bench eval chat clean

all: build

build:
	$(GO) build -o carebot .

## test: vet, staticcheck, the flows' conversation tests and every Go test with the race detector, Redis tests required.
## A package that runs past TEST_TIMEOUT fails with the stacks of its goroutines and the names of the tests still running
## (every package takes well under a minute on a quiet machine; waits inside tests give up after 60 s with what they waited for).
## The NLU figures read the development data in SHARED (make test SHARED=/path/to/shared/data from a checkout elsewhere).
TEST_TIMEOUT ?= 10m
test: redis-server chromium vet staticcheck flows-test
	CAREBOT_REQUIRE_REDIS=1 CAREBOT_REQUIRE_BROWSER=1 CAREBOT_DEV_DATA=$(abspath $(SHARED)) $(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) ./...

## flows-test: the conversation tests of the built-in flows (flows/tests), as a support lead runs them.
flows-test:
	$(GO) run . flows test flows --coverage

## redis-server: install Debian's redis-server (with redis-cli, for the cluster tests) when it is missing (root or sudo).
redis-server:
	@if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then \
	  echo "redis-server or redis-cli not found: installing Debian's redis-server package"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "cannot install redis-server: run 'apt-get install redis-server' as root, then make test" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null || { \
	    echo "installing redis-server failed: run 'apt-get install redis-server' as root, then make test" >&2; exit 1; }; \
	fi
	@redis-server --version
	@redis-cli --version

## chromium: install Debian's chromium when it is missing (root or sudo): the flow studio's browser test drives it.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "chromium not found: installing Debian's chromium package"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "cannot install chromium: run 'apt-get install chromium' as root, then make test" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null || { \
	    echo "installing chromium failed: run 'apt-get install chromium' as root, then make test" >&2; exit 1; }; \
	fi
	@chromium --version

## studio-shots: the studio's browser test, keeping its screenshots in testdata/out (ignored by git).
studio-shots: chromium
	mkdir -p studio/testdata/out
	CAREBOT_REQUIRE_BROWSER=1 CAREBOT_STUDIO_SHOTS=$(CURDIR)/studio/testdata/out $(GO) test -count=1 -run TestBrowser ./studio/

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

## staticcheck: the pinned STATICCHECK_VERSION, installed (again) when missing or another version.
staticcheck:
	@case "$$($(STATICCHECK) -version 2>/dev/null)" in *"($(STATICCHECK_VERSION:v%=%))"*) ;; *) \
	  echo "installing staticcheck $(STATICCHECK_VERSION)"; \
	  $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) || exit 1;; esac
	$(STATICCHECK) ./...

lint: vet staticcheck

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: Go benchmarks of the hot paths, then the load runs (closed and open loop) on memory and on a real Redis.
bench: redis-server
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 2000x ./bot/... 
	$(GO) run . bench
	$(GO) run . bench --rate 10000
	./scripts/bench-redis.sh

## eval: routing (English dev split, French held-out corpus of bot/nlu/testdata), person, crisis and distress figures on the labelled dev data in ../shared/data and the built-in corpora.
eval:
	$(GO) run . flows eval --routing $(SHARED)/routing.dev.tsv --routing bot/nlu/testdata/routing.fr.tsv --distress $(SHARED)/distress.dev.tsv

chat:
	$(GO) run . chat

clean:
	rm -f carebot

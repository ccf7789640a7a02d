# The README's commands. On a fresh Debian machine:
#   make serve   install what is missing, build everything, serve the playground
#   make test    install what is missing, build everything, run every test suite
#   make build   build everything (native, debug, wasm, web), no tests
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NODE_PATH := /usr/share/nodejs
JOBS ?= 2
PORT ?= 8080

.PHONY: help deps build build-native build-debug build-wasm build-web test test-native test-debug test-wasm test-web test-fuzz serve clean

help:
	@echo "make serve   - install what is missing, build, serve the playground on http://127.0.0.1:$(PORT)/"
	@echo "make test    - install what is missing, build, run every test suite"
	@echo "make build   - build native, debug, wasm and web (no tests)"

deps:
	@scripts/install-deps.sh

build-native: deps
	cmake --preset native >/dev/null
	cmake --build --preset native -j $(JOBS)

build-debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

build-wasm: deps
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j $(JOBS)

build-web: build-wasm
	@scripts/build-web.sh

build: build-native build-debug build-wasm build-web

test-native: build-native
	ctest --preset native

test-debug: build-debug
	ctest --preset debug

test-wasm: build-wasm
	ctest --preset wasm

test-web: build-web
	cd web && node --test test/ && node e2e/run.mjs dist ../build/e2e

# libFuzzer targets (front end, runs under budgets, maps + allocator), a
# bounded time each (FUZZ_SECONDS); any crash fails the run.
FUZZ_SECONDS ?= 45
test-fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

test: build test-native test-debug test-wasm test-web test-fuzz
	@echo "make test: every suite passed"

serve: build-native build-wasm build-web
	node scripts/serve.mjs web/dist $(PORT)

clean:
	rm -rf build web/dist web/dist-inline web/src/wasm

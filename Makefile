# careerkpi — the index of tasks. `make help` lists them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go

# The embedded engine: chDB's libchdb.so from npm, pinned and checked.
CHDB_VERSION   := 26.5.3
CHDB_INTEGRITY := sha512-fPrLmRt5Moor9yGz4mazbrNje4t7X9KB2mTGkXFWRxRBs2iKy8yh6jx11xsa0Qr3iDFMU/yHqd+bVdYJXu3QaQ==
CACHE_DIR      ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/careerkpi
CHDB_LIBRARY   ?= $(CACHE_DIR)/chdb-$(CHDB_VERSION)/libchdb.so

# ECharts for the chart pages, served by careerkpi itself (no CDN): the npm
# tarball is checked against its pinned integrity, and the server checks the
# file's own sha384 again when it starts.
ECHARTS_VERSION   := 5.6.0
ECHARTS_INTEGRITY := sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==
ECHARTS_FILE      ?= $(CACHE_DIR)/echarts-$(ECHARTS_VERSION)/echarts.min.js

# No cgo: the engine is loaded with purego, so no C toolchain is needed.
export CGO_ENABLED := 0
export CAREERKPI_CHDB_LIBRARY := $(CHDB_LIBRARY)
export CAREERKPI_ECHARTS_FILE := $(ECHARTS_FILE)

BIN := bin/careerkpi
# The fuzz tests of the file formats, run briefly by `make test`. Budgets are
# counts of executions (a few seconds each here), not durations: Go 1.26's
# fuzzer can report a duration's end as a failure (golang/go#75804).
FUZZ_TARGETS ?= ingest/table:FuzzCSV:30000x ingest/table:FuzzJSONLines:40000x ingest/table:FuzzXLSX:8000x
ADDR ?= 127.0.0.1:8080
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: help engine build run test test-server fuzz bench lint clean

help: ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

engine: ## fetch the embedded engine (libchdb.so) and ECharts into the cache, checked against their pinned integrity
	@scripts/fetch-npm.sh @chdb/lib-linux-x64-gnu@$(CHDB_VERSION) '$(CHDB_INTEGRITY)' libchdb.so '$(CHDB_LIBRARY)'
	@scripts/fetch-npm.sh echarts@$(ECHARTS_VERSION) '$(ECHARTS_INTEGRITY)' dist/echarts.min.js '$(ECHARTS_FILE)'

build: ## build bin/careerkpi
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/careerkpi

run: engine build ## fetch and build everything, load the small demo company, create a demo admin, then serve on http://127.0.0.1:8080 (data in ./data)
	$(BIN) demo --size small
	@$(BIN) users add admin --role admin --display-name "Demo admin" --generate --reset
	@echo "Log in at http://$(ADDR)/login as admin with the password above (a new one at every make run)."
	$(BIN) serve --addr $(ADDR)

test: engine ## run the whole test suite (embedded engine and a real clickhouse-server), then the fuzz tests briefly
	@scripts/ensure-clickhouse-server.sh
	@scripts/ensure-chromium.sh
	@scripts/ensure-libreoffice.sh
	$(GO) test -count=1 -timeout 20m ./...
	@$(MAKE) --no-print-directory fuzz

test-server: engine ## run the whole test suite against the server in CAREERKPI_TEST_CLICKHOUSE_DSN (laid out on CAREERKPI_TEST_CLICKHOUSE_CLUSTER if set)
	@test -n "$${CAREERKPI_TEST_CLICKHOUSE_DSN:-}" || { echo "set CAREERKPI_TEST_CLICKHOUSE_DSN=clickhouse://user:password@host:9000/default" >&2; exit 2; }
	$(GO) test -count=1 -timeout 30m ./...

fuzz: ## run each file-format fuzz test briefly (FUZZ_TARGETS: package:target:executions)
	@for t in $(FUZZ_TARGETS); do \
		IFS=: read -r pkg fn n <<< "$$t"; \
		echo "fuzz $$fn ($$n executions)"; \
		log=$$(mktemp); \
		$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime "$$n" -fuzzminimizetime 200x ./$$pkg/ >"$$log" 2>&1 || { cat "$$log"; rm -f "$$log"; exit 1; }; \
		rm -f "$$log"; \
	done

bench: engine ## run the benchmarks (see BENCHMARKS.md)
	$(GO) test -run '^$$' -bench . -benchtime 4x -count 3 -timeout 60m $$($(GO) list ./... | grep -v -e '/metrics$$' -e '/dashboard$$' -e '/dashboard/report$$')
	$(GO) test -run '^$$' -bench BenchmarkMetrics -benchtime 1x -timeout 60m ./metrics
	$(GO) test -run '^$$' -bench 'BenchmarkPages|BenchmarkAPI' -benchtime 1x -timeout 60m ./dashboard
	$(GO) test -run '^$$' -bench BenchmarkReport -benchtime 1x -timeout 60m ./dashboard/report

lint: ## check formatting, go vet and staticcheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

clean: ## remove the built binary (the data folder ./data stays)
	rm -rf bin

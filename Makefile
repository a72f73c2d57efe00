# careerkpi — the index of tasks. `make help` lists them.

SHELL := /bin/bash
GO ?= go

CHDB_VERSION   := 26.5.3
CHDB_INTEGRITY := sha512-fPrLmRt5Moor9yGz4mazbrNje4t7X9KB2mTGkXFWRxRBs2iKy8yh6jx11xsa0Qr3iDFMU/yHqd+bVdYJXu3QaQ==
CACHE_DIR      ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/careerkpi
CHDB_LIBRARY   := $(CACHE_DIR)/chdb-$(CHDB_VERSION)/libchdb.so

.PHONY: help engine test
help: ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

engine: ## fetch the embedded engine (chDB's libchdb.so) into the cache, checked against its pinned integrity
	@scripts/fetch-npm.sh @chdb/lib-linux-x64-gnu@$(CHDB_VERSION) '$(CHDB_INTEGRITY)' libchdb.so '$(CHDB_LIBRARY)'

test: engine ## run the whole test suite against the embedded engine and a real clickhouse-server
	CAREERKPI_CHDB_LIBRARY='$(CHDB_LIBRARY)' $(GO) test -count=1 ./...

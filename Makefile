# botsdk build targets. `make help` lists them.
GO        ?= go
REDOCLY   ?= REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --yes @redocly/cli@2.77.0
OAPI      := $(GO) run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck
APIS      := assistbot botaz botopen dailybot
# The APIs whose clients run their spec's request rules (gen/<api>/checks.gen.go).
CHECKED_APIS := botaz dailybot
# Generated files outside gen/: make generate writes them, check-generate checks them.
GENERATED := $(foreach api,$(APIS),pkg/$(api)/options_shared.gen.go specs/$(api).gen.zip) cmd/botctl/commands.gen.go cmd/botctl/tables

.DEFAULT_GOAL := help
# bash with pipefail, so that a failing `go test | filter` fails the target.
SHELL := bash
.SHELLFLAGS := -o pipefail -c

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Regenerate gen/<api>/ from specs/<api>.yaml (pinned oapi-codegen; request checks for CHECKED_APIS), pkg/<api>/options_shared.gen.go, botctl's command tables and the pre-parsed specs/<api>.gen.zip.
	@for api in $(APIS); do \
		mkdir -p gen/$$api && \
		$(OAPI) -config specs/$$api.codegen.yaml specs/$$api.yaml || exit 1; \
	done
	@$(GO) run ./cmd/checksgen $(CHECKED_APIS)
	@$(GO) run ./cmd/optionsgen
	@$(GO) run ./cmd/botctlgen -o cmd/botctl
	@$(GO) run ./cmd/specjsongen

.PHONY: check-generate
check-generate: generate ## Fail when generated code differs from what `make generate` writes.
	@git diff --exit-code --stat -- gen/ $(GENERATED) || { echo "generated code is stale or hand-edited: run 'make generate' and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- gen/ $(GENERATED))" || { git status --porcelain -- gen/ $(GENERATED); echo "untracked generated files"; exit 1; }

.PHONY: validate-specs
validate-specs: ## Validate the specs and their examples (kin-openapi, formats enforced) and lint them (Redocly).
	$(GO) run ./cmd/specvalidate
	$(REDOCLY) lint --config redocly.yaml --format stylish

.PHONY: lint
lint: ## gofmt, go vet and staticcheck over hand-written code.
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/')); test -z "$$out" || { echo "gofmt needed: $$out"; exit 1; }
	$(GO) vet ./...
	$(STATICCHECK) ./...

COVER_MIN ?= 85

.PHONY: test
test: ## Run every test with the race detector and print pkg/ coverage (fails under COVER_MIN%), then the Parquet export's tests (-tags parquet).
	$(GO) test -race -count=1 -timeout 30m -coverprofile=coverage.out ./...
	$(GO) test -count=1 -tags parquet -run 'Parquet' ./cmd/botctl
	@awk -v min=$(COVER_MIN) 'NR > 1 && $$1 ~ /botsdk\/pkg\// { n += $$2; if ($$3 > 0) c += $$2 } \
		END { if (n == 0) { print "pkg/ coverage: no statements"; exit 1 } \
		      printf "pkg/ coverage: %.1f%% of %d statements (minimum %d%%)\n", 100 * c / n, n, min; \
		      if (100 * c / n < min) exit 1 }' coverage.out

.PHONY: test-short
test-short: ## The quick loop: go test -short ./... (no race detector, lint or coverage; sweeps, binary builds and long loads skipped or shrunk).
	$(GO) test -short ./...

FUZZTIME ?= 30s
LOADTIME ?= 30s

.PHONY: fuzz
fuzz: ## Fuzz every Fuzz target for FUZZTIME each (default 30s) and print the executions.
	$(GO) run ./cmd/fuzz -fuzztime $(FUZZTIME)

.PHONY: fuzz-short
fuzz-short: ## Fuzz every target for 5s (CI's short form).
	$(GO) run ./cmd/fuzz -fuzztime 5s

# FIGURES keeps the figure lines the reliability tests log (and the lines of
# a table logged with them), without go test's file:line prefix.
FIGURES := awk '/^    [a-z_]+_test[.]go:[0-9]+: (cells:|fault matrix:|secrets:|load:|[0-9]+ bad inputs)/ \
	{ sub(/^    [a-z_]+_test[.]go:[0-9]+: /, ""); print; keep = 1; next } \
	/^        / && keep { sub(/^        /, "  "); print; next } { keep = 0 }'

# figures runs go test -v with the given arguments and prints the figure
# lines; when the tests fail it prints all of their output instead.
define figures
out=$$(mktemp); if $(GO) test -count=1 -v $(1) > $$out 2>&1; then $(FIGURES) < $$out; rm -f $$out; \
	else cat $$out; rm -f $$out; exit 1; fi
endef

.PHONY: reliability
reliability: ## Long forms with their figures: fault matrix, secrets, bad input, LOADTIME of mock load (default 30s), FUZZTIME of fuzzing per target.
	@$(call figures,-run '^(TestFaultMatrix|TestSecretsNeverShow|TestSecretsNeverShowInBotctl)$$' ./pkg/internal/reliability)
	@$(call figures,-run '^TestBadInput$$' ./cmd/botctl)
	@$(call figures,-run '^TestLoad$$' ./pkg/mock -load.duration=$(LOADTIME))
	@$(GO) run ./cmd/fuzz -fuzztime $(FUZZTIME)


# Prism, pinned, installed with npm into a project-local prefix (no global
# install): the conformance check's validating proxy.
PRISM_VERSION := 5.16.0
PRISM_DIR     ?= .cache/prism
PRISM         := $(PRISM_DIR)/node_modules/.bin/prism

.PHONY: prism
prism: ## Install the pinned Prism (@stoplight/prism-cli) into PRISM_DIR (default .cache/prism) unless it is there.
	@test "$$(node -p 'require("./$(PRISM_DIR)/node_modules/@stoplight/prism-cli/package.json").version' 2>/dev/null)" = $(PRISM_VERSION) || \
		npm install --prefix $(PRISM_DIR) --no-save --no-audit --no-fund --loglevel=error @stoplight/prism-cli@$(PRISM_VERSION)

.PHONY: conformance
conformance: prism ## Prism (proxy --errors) in front of botctl mock, botctl calling every operation: every example, wrong credentials, unknown ids.
	$(GO) run ./cmd/conformance -prism $(PRISM)

.PHONY: conformance-short
conformance-short: prism ## The conformance check's short form (CI): each operation's first example and a wrong-credential call.
	$(GO) run ./cmd/conformance -prism $(PRISM) -short

.PHONY: bench
bench: prism ## Measure the performance targets side by side (SDK overhead, export, mock vs Prism, botctl start-up) and rewrite BENCHMARKS.md.
	$(GO) run ./cmd/benchreport -prism $(PRISM) -out BENCHMARKS.md

.PHONY: bench-smoke
bench-smoke: prism ## One short iteration of every measurement (CI's form: keeps the harness working; writes a throwaway report).
	$(GO) run ./cmd/benchreport -prism $(PRISM) -smoke -out $${TMPDIR:-/tmp}/BENCHMARKS.smoke.md

.PHONY: bench-go
bench-go: ## Run every Go benchmark (no tests) with allocation counts.
	$(GO) test -run '^$$' -bench . -benchmem ./...

.PHONY: docs
docs: ## Write an HTML API reference per spec (Redocly build-docs, pinned) and an index into docs/reference/ (git-ignored).
	@mkdir -p docs/reference
	@for api in $(APIS); do \
		$(REDOCLY) build-docs specs/$$api.yaml --output docs/reference/$$api.html >/dev/null || exit 1; \
		echo "docs/reference/$$api.html"; \
	done
	@{ echo '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>botsdk API reference</title></head><body>'; \
	   echo '<h1>botsdk API reference</h1><p>One page per hand-authored spec in specs/, written by make docs.</p><ul>'; \
	   for api in $(APIS); do echo "<li><a href=\"$$api.html\">$$api</a> (specs/$$api.yaml)</li>"; done; \
	   echo '</ul></body></html>'; } > docs/reference/index.html
	@echo docs/reference/index.html

.PHONY: docs-check
docs-check: ## Check the HTML reference make docs wrote: each page non-empty and naming every operation of its spec.
	$(GO) run ./cmd/docscheck

# botctl is built without cgo: it needs none, and a static binary runs on any
# Linux and starts without the dynamic loader and libc (docs/judgement-calls.md).
STATIC := CGO_ENABLED=0

.PHONY: build
build: ## Build bin/botctl, a static binary (CGO_ENABLED=0).
	$(STATIC) $(GO) build -o bin/botctl ./cmd/botctl

.PHONY: install
install: ## Install botctl into GOBIN, a static binary (CGO_ENABLED=0 go install ./cmd/botctl).
	$(STATIC) $(GO) install ./cmd/botctl

.PHONY: clean
clean: ## Remove build output, coverage, test binaries, profiles, the HTML reference (docs/reference/) and the local tool cache (.cache/).
	rm -rf bin/ coverage.out *.test *.prof .cache/ docs/reference/

.PHONY: mock
mock: ## Serve the mock of all four APIs on 127.0.0.1:8080 (botctl mock).
	$(GO) run ./cmd/botctl mock --addr 127.0.0.1:8080

.PHONY: ci
ci: validate-specs check-generate lint docs docs-check test fuzz-short conformance-short bench-smoke ## What CI runs: specs, generated-code drift, lint, the HTML reference and its check, tests, short fuzzing, Prism conformance (short), the benchmark harness (smoke).

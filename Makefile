# Tenet — the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
FUZZ_SECONDS ?= 60
RELEASE := .build/release/tenet
SPECS := $(filter-out SampleSpecs/README.md,$(wildcard SampleSpecs/*.md))

# Installing: `make install PREFIX=/usr/local` (DESTDIR honoured). BINARY installs a
# binary already built (e.g. BINARY=.build/debug/tenet) instead of building the release one.
PREFIX ?= /usr/local
DESTDIR ?=
BINARY ?=
INSTALL ?= install
BINDIR := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/tenet
MAN1DIR := $(PREFIX)/share/man/man1
BASHDIR := $(PREFIX)/share/bash-completion/completions
ZSHDIR := $(PREFIX)/share/zsh/site-functions
FISHDIR := $(PREFIX)/share/fish/vendor_completions.d
INSTALLED_BINARY := $(or $(BINARY),$(RELEASE))
# swift-argument-parser's man page generator, built on its own from the resolved checkout
# (its GenerateManual plugin would rebuild every product of the package in release mode).
ARGUMENT_PARSER := .build/checkouts/swift-argument-parser
MANUAL_TOOL := .build-manual/debug/generate-manual
# The generated files wait here, one folder per make process (two installs may run at once).
STAGE := .build-manual/stage-$(shell echo $$PPID)

.PHONY: run test deps test-deps build release fuzz fuzz-smoke bench clean install uninstall

## run: install what is missing, build, import the sample specs into ./tenet.db and
## open the workbench on them (without a terminal: print their rule trees and lint report)
run: deps release
	@for spec in $(SPECS); do $(RELEASE) import spec $$spec >/dev/null || exit 1; done
	@if [ -t 0 ] && [ -t 1 ]; then exec $(RELEASE); \
	else $(RELEASE) parse $(SPECS) && $(RELEASE) lint $(SPECS); fi

## test: install what is missing (system packages; .venv/ with datasets, which the export
## tests load every format with) and run the whole test suite
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

deps:
	@./.ci/deps

test-deps: deps
	@./.ci/python-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product tenet

## fuzz: coverage-guided fuzzing of the spec reader, the JSON parser and the pair-line
## reader (libFuzzer), FUZZ_SECONDS long
fuzz: deps
	$(SWIFT) build -c release --product tenet-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	mkdir -p fuzz-corpus
	cp $(SPECS) Tests/TenetSpecTests/Fixtures/public/*.md fuzz-corpus/
	.build-fuzz/release/tenet-fuzz fuzz-corpus -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096

## bench: the benchmarks (see Benchmarks/RESULTS.md)
bench: deps
	$(SWIFT) build -c release --product tenet
	$(SWIFT) build -c release --product tenet-bench
	.build/release/tenet-bench parse
	.build/release/tenet-bench store
	.build/release/tenet-bench tui

## install: the release binary (or BINARY) to $(PREFIX)/bin/tenet; themes, sample specs
## and role templates to $(PREFIX)/share/tenet; the man page; bash, zsh and fish completions
install: $(if $(BINARY),,release) $(MANUAL_TOOL)
	@test -x "$(INSTALLED_BINARY)" || { echo "make install: $(INSTALLED_BINARY) is not an executable" >&2; exit 1; }
	rm -rf $(STAGE) && mkdir -p $(STAGE)
	$(MANUAL_TOOL) "$(INSTALLED_BINARY)" --output-directory $(STAGE) \
	  $$(date=$$(git log -1 --format=%cs 2>/dev/null) && [ -n "$$date" ] && echo --date $$date)
	"$(INSTALLED_BINARY)" --generate-completion-script bash > $(STAGE)/tenet.bash
	"$(INSTALLED_BINARY)" --generate-completion-script zsh > $(STAGE)/_tenet
	"$(INSTALLED_BINARY)" --generate-completion-script fish > $(STAGE)/tenet.fish
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(BASHDIR)" \
	  "$(DESTDIR)$(ZSHDIR)" "$(DESTDIR)$(FISHDIR)"
	$(INSTALL) -m 0755 "$(INSTALLED_BINARY)" "$(DESTDIR)$(BINDIR)/tenet"
	rm -rf "$(DESTDIR)$(DATADIR)/Themes" "$(DESTDIR)$(DATADIR)/SampleSpecs" "$(DESTDIR)$(DATADIR)/templates"
	$(INSTALL) -d -m 0755 "$(DESTDIR)$(DATADIR)/Themes" "$(DESTDIR)$(DATADIR)/SampleSpecs" "$(DESTDIR)$(DATADIR)/templates"
	$(INSTALL) -m 0644 Themes/* "$(DESTDIR)$(DATADIR)/Themes/"
	$(INSTALL) -m 0644 SampleSpecs/* "$(DESTDIR)$(DATADIR)/SampleSpecs/"
	$(INSTALL) -m 0644 Sources/TenetSynth/Templates/* "$(DESTDIR)$(DATADIR)/templates/"
	$(INSTALL) -m 0644 $(STAGE)/tenet.1 "$(DESTDIR)$(MAN1DIR)/tenet.1"
	$(INSTALL) -m 0644 $(STAGE)/tenet.bash "$(DESTDIR)$(BASHDIR)/tenet"
	$(INSTALL) -m 0644 $(STAGE)/_tenet "$(DESTDIR)$(ZSHDIR)/_tenet"
	$(INSTALL) -m 0644 $(STAGE)/tenet.fish "$(DESTDIR)$(FISHDIR)/tenet.fish"
	rm -rf $(STAGE)

## uninstall: remove what install put under $(PREFIX)
uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/tenet" "$(DESTDIR)$(MAN1DIR)/tenet.1" "$(DESTDIR)$(BASHDIR)/tenet" \
	  "$(DESTDIR)$(ZSHDIR)/_tenet" "$(DESTDIR)$(FISHDIR)/tenet.fish"
	rm -rf "$(DESTDIR)$(DATADIR)"

$(MANUAL_TOOL):
	@test -d $(ARGUMENT_PARSER) || $(SWIFT) package resolve
	$(SWIFT) build --package-path $(ARGUMENT_PARSER) --scratch-path .build-manual --product generate-manual

clean:
	rm -rf .build .build-fuzz .build-manual fuzz-corpus

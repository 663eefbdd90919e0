# Tenet — the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
FUZZ_SECONDS ?= 60
RELEASE := .build/release/tenet
SPECS := $(filter-out SampleSpecs/README.md,$(wildcard SampleSpecs/*.md))

.PHONY: run test deps build release fuzz fuzz-smoke bench clean

## run: install what is missing, build, import the sample specs into ./tenet.db and
## open the workbench on them (without a terminal: print their rule trees and lint report)
run: deps release
	@for spec in $(SPECS); do $(RELEASE) import spec $$spec >/dev/null || exit 1; done
	@if [ -t 0 ] && [ -t 1 ]; then exec $(RELEASE); \
	else $(RELEASE) parse $(SPECS) && $(RELEASE) lint $(SPECS); fi

## test: install what is missing and run the whole test suite
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

deps:
	@./.ci/deps

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

clean:
	rm -rf .build .build-fuzz fuzz-corpus

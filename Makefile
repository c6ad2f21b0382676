# The two commands a new user needs: `make run` and `make test`.
SWIFT ?= swift
DIALOG ?= Dialogs/ketamine-intake
DATA ?= intake-data

.PHONY: run test build setup check format lint clean fuzz

## Set up, build, and start the kiosk on the shipped dialog (summaries go to intake-data/).
run: build
	@.build/debug/intake kiosk --once --dialog $(DIALOG) --data $(DATA)

## Set up, build, and run every test.
test:
	@scripts/setup --test
	$(SWIFT) build --build-tests
	@# The central store's tests run against a throwaway PostgreSQL cluster (installed from
	@# Debian's packages when missing), started as an unprivileged user and stopped after.
	@# Then 20 kiosks feed it through a proxy that cuts and delays connections, with the server
	@# restarted mid-run: lost 0, duplicated 0 (Tests/Central/faults_test.py prints the figures).
	scripts/postgres run sh -c 'INTAKE_TEST_POSTGRES_REQUIRED=1 $(SWIFT) test && python3 Tests/Central/faults_test.py'
	python3 Tests/Schema/validate_dialogs.py Dialogs
	.build/debug/intake check $(DIALOG)
	.build/debug/intake test --dialog $(DIALOG) --min-coverage 100
	scripts/check-printed-notes
	python3 Tests/Browser/console_browser_test.py
	python3 Tests/Growth/checker_growth.py
	python3 Tests/Growth/answer_growth.py
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Fuzz/Package.swift Fuzz/Sources

build: setup
	$(SWIFT) build

setup:
	@scripts/setup

## Check the shipped dialog, printing path:line:col diagnostics.
check: build
	.build/debug/intake check $(DIALOG)

## Build in release mode and measure intake against its peers (pyxform, pexpect, a bare readline, a
## durable SQLite commit); prints the table and writes .build/bench/results.md. See README, Benchmarks.
.PHONY: bench release
bench: release
	scripts/bench/run

## Build intake and intake-kiosk for a kiosk or a server: optimised, the Swift runtime linked in
## (one file to copy), and each generic type's metadata made by a function of its own rather than
## looked up by its mangled name (that look-up checks every protocol requirement against every
## conformance in the program, which was a fifth of a kiosk's start). See README, Deploying.
RELEASE_FLAGS = -c release --static-swift-stdlib \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
release: setup
	$(SWIFT) build $(RELEASE_FLAGS) --product intake
	$(SWIFT) build $(RELEASE_FLAGS) --product intake-kiosk

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift Fuzz/Package.swift Fuzz/Sources

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Fuzz/Package.swift Fuzz/Sources

## Fuzz the dialog reader or the expression parser with libFuzzer (make fuzz FUZZ_TARGET=expression).
## Crashes land in .build-fuzz/crashes/; keep each, once fixed, in Tests/IntakeFuzzingTests/Regressions/.
FUZZ_TARGET ?= dialog
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_SANITIZE ?= fuzzer,address
# A build with other sanitizers (FUZZ_SANITIZE=fuzzer is about three times faster) goes here.
FUZZ_BUILD ?= .build-fuzz
FUZZ_MAX_LEN_dialog = 65536
FUZZ_MAX_LEN_expression = 8192
FUZZ_BINARY_dialog = DialogFuzzer
FUZZ_BINARY_expression = ExpressionFuzzer
fuzz:
	@test -n "$(FUZZ_BINARY_$(FUZZ_TARGET))" || { echo "FUZZ_TARGET must be dialog or expression" >&2; exit 64; }
	$(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_BUILD) -c release -Xswiftc -sanitize=$(FUZZ_SANITIZE) \
		-Xswiftc -use-ld=lld --product $(FUZZ_BINARY_$(FUZZ_TARGET))
	scripts/fuzz-seeds $(DIALOG) .build-fuzz/corpus
	mkdir -p .build-fuzz/crashes/$(FUZZ_TARGET)
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/$(FUZZ_BINARY_$(FUZZ_TARGET)) \
		.build-fuzz/corpus/$(FUZZ_TARGET) Tests/IntakeFuzzingTests/Regressions/$(FUZZ_TARGET) \
		-max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN_$(FUZZ_TARGET)) -rss_limit_mb=2048 -timeout=10 \
		-artifact_prefix=.build-fuzz/crashes/$(FUZZ_TARGET)/ -dict=Fuzz/$(FUZZ_TARGET).dict -print_final_stats=1 $(FUZZ_FLAGS)

clean:
	rm -rf .build .build-fuzz

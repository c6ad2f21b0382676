# The two commands a new user needs: `make run` and `make test`.
SWIFT ?= swift
DIALOG ?= Dialogs/ketamine-intake
DATA ?= intake-data

.PHONY: run test build setup check format lint clean

## Set up, build, and start the kiosk on the shipped dialog (summaries go to intake-data/).
run: build
	@.build/debug/intake kiosk --once --dialog $(DIALOG) --data $(DATA)

## Set up, build, and run every test.
test:
	@scripts/setup --test
	$(SWIFT) build --build-tests
	$(SWIFT) test
	python3 Tests/Schema/validate_dialogs.py Dialogs
	.build/debug/intake check $(DIALOG)
	.build/debug/intake test --dialog $(DIALOG) --min-coverage 100
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

build: setup
	$(SWIFT) build

setup:
	@scripts/setup

## Check the shipped dialog, printing path:line:col diagnostics.
check: build
	.build/debug/intake check $(DIALOG)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build

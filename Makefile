# Xuequ — two commands on a fresh Debian machine:
#   make run    installs what is missing, builds the desktop app, opens it on the sample district
#   make test   headless tests (Fyne's ci tag, no cgo), go vet and gofmt
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

GO      ?= go
BIN     := bin/xuequ
# Debian packages the cgo GUI build needs (GLFW/OpenGL and X11 headers).
GUI_DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages the tests use: GDAL (ogrinfo, ogr2ogr) checks project
# files, imports and repaired geometry against GEOS; poppler (pdftotext,
# pdffonts, pdftoppm) checks that the printed PDFs' text can be searched,
# their fonts are tagged subsets and their pages match the goldens. Those
# tests skip without them.
TEST_DEPS := gdal-bin poppler-utils

.PHONY: run build test vet fmt bench fuzz sample deps-gui deps-test screenshots clean

run: build
	./$(BIN) $(FILE)

build: deps-gui
	$(GO) build -o $(BIN) ./cmd/xuequ

# Install the GUI build dependencies only when one is missing.
deps-gui:
	@missing=""; for p in $(GUI_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Install the test dependencies only when one is missing.
deps-test:
	@missing=""; for p in $(TEST_DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing) || \
			echo "could not install$$missing; the tests that need them will skip or fail"; \
	fi

test: deps-test vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	CGO_ENABLED=0 $(GO) test -tags ci ./...

vet:
	CGO_ENABLED=0 $(GO) vet -tags ci ./...

# Benchmarks at realistic sizes (province-scale data is generated in the benchmarks).
bench:
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . -benchmem ./...

# Two minutes per parser fuzz target; the seed corpora live in testdata/fuzz.
FUZZTIME ?= 2m
FUZZ_TARGETS := geo/ingest:FuzzReadGeoJSON geo/ingest:FuzzReadHistoryCSV geo/ingest:FuzzReadShapefile \
	geo/ingest:FuzzReadKML geo/ingest:FuzzReadHistoryXLSX geo/ingest:FuzzReadGeoPackage geo:FuzzCRSFromWKT geo:FuzzRepair geo/gpkg:FuzzDecode app/store:FuzzOpen model/forecast:FuzzProject
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; fn=$${t##*:}; echo "== $$fn ($$pkg)"; \
		CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1x ./$$pkg || exit 1; done

# Regenerate the embedded sample district from its generator.
sample:
	$(GO) generate ./assets

clean:
	rm -rf bin

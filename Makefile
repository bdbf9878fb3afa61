# Xuequ — two commands on a fresh Debian machine:
#   make run    installs what is missing, builds the desktop app, opens it on the sample district
#   make test   headless tests (Fyne's ci tag, no cgo), go vet and gofmt
# and the packages:
#   make dist   Linux tar.xz and .deb, Windows x64 zip, in bin/dist (installs mingw-w64 and the fyne tool if missing)
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin

GO      ?= go
BIN     := bin/xuequ
CLI     := bin/xuequ-cli

# The version every binary prints (--version), shows (About) and records in
# the projects it saves (app_version): git describe, or "dev" outside git.
ifndef VERSION
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
endif
LDFLAGS := -X github.com/xuequ/xuequ/app/store.AppVersion=$(VERSION)
# Debian packages the cgo GUI build needs (GLFW/OpenGL and X11 headers).
GUI_DEPS := gcc pkg-config libgl1-mesa-dev xorg-dev
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages the tests use: GDAL (ogrinfo, ogr2ogr) checks project
# files, imports and repaired geometry against GEOS; poppler (pdftotext,
# pdffonts, pdftoppm) checks that the printed PDFs' text can be searched,
# their fonts are tagged subsets and their pages match the goldens. Those
# tests skip without them.
TEST_DEPS := gdal-bin poppler-utils

.PHONY: run build cli test vet fmt bench fuzz sample deps-gui deps-test screenshots clean

run: build
	./$(BIN) $(FILE)

build: deps-gui
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/xuequ

# The command-line tools alone, pure Go: no cgo, no GUI libraries, for
# servers and scripts (xuequ-cli analyze P.xuequ.gpkg).
cli:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(CLI) ./cmd/xuequ

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

# make dist: the packages, in bin/dist.
#   dist-linux    xuequ-VERSION-linux-amd64.tar.xz: desktop app, pure-Go CLI,
#                 icon, .desktop (Exec=xuequ %f, MimeType), MIME type of
#                 *.xuequ.gpkg, install.sh
#   dist-deb      xuequ_VERSION_amd64.deb with the same files under /usr
#   dist-windows  xuequ-VERSION-windows-amd64.zip: xuequ.exe (GUI, cgo with
#                 Debian's mingw-w64, icon and version resources from
#                 `fyne package`), xuequ-cli.exe (pure Go), install.cmd
# Archives are reproducible: file times are the last commit's, owner root.

DIST      := bin/dist
LINUX_DIR := $(DIST)/xuequ-$(VERSION)-linux-amd64
WIN_DIR   := $(DIST)/xuequ-$(VERSION)-windows-amd64
DEB_ROOT  := $(DIST)/deb
APP_ID    := cn.xuequ.app
FYNE      ?= fyne
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
MINGW_CC  := x86_64-w64-mingw32-gcc
# x.y.z for package metadata: the tag's (v1.2.3…), else FyneApp.toml's.
PKG_VERSION := $(shell echo '$(VERSION)' | sed -n 's/^v\([0-9][0-9.]*[0-9]\).*/\1/p')
ifeq ($(PKG_VERSION),)
PKG_VERSION := $(shell sed -n 's/^ *Version = "\(.*\)"/\1/p' FyneApp.toml)
endif
# Debian version: x.y.z for a tagged build, x.y.z+gitDESCRIBE otherwise.
DEB_VERSION := $(PKG_VERSION)$(if $(filter v$(PKG_VERSION),$(VERSION)),,+git$(subst -,.,$(VERSION)))
ifndef SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
endif
TAR_FLAGS := --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH)
RELEASE_LDFLAGS := -s -w $(LDFLAGS)

.PHONY: dist dist-linux dist-deb dist-windows dist-linux-bin deps-windows

dist: dist-linux dist-deb dist-windows
	@ls -l $(DIST)/*.tar.xz $(DIST)/*.deb $(DIST)/*.zip

# The Linux binaries and files, staged in LINUX_DIR.
dist-linux-bin: deps-gui
	rm -rf $(LINUX_DIR) && mkdir -p $(LINUX_DIR)
	$(GO) build -trimpath -ldflags "$(RELEASE_LDFLAGS)" -o $(LINUX_DIR)/xuequ ./cmd/xuequ
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(RELEASE_LDFLAGS)" -o $(LINUX_DIR)/xuequ-cli ./cmd/xuequ
	cp assets/icon.png $(LINUX_DIR)/$(APP_ID).png
	cp assets/linux/$(APP_ID).desktop assets/linux/$(APP_ID).xml assets/linux/install.sh $(LINUX_DIR)/
	chmod 755 $(LINUX_DIR)/install.sh

dist-linux: dist-linux-bin
	tar -C $(DIST) $(TAR_FLAGS) -cJf $(LINUX_DIR).tar.xz $(notdir $(LINUX_DIR))
	@echo "built $(LINUX_DIR).tar.xz"

# The .deb: files under /usr; dpkg's triggers of shared-mime-info and
# desktop-file-utils refresh the MIME and menu caches.
dist-deb: dist-linux-bin
	rm -rf $(DEB_ROOT) && mkdir -p $(DEB_ROOT)/DEBIAN
	install -Dm755 $(LINUX_DIR)/xuequ $(DEB_ROOT)/usr/bin/xuequ
	install -Dm755 $(LINUX_DIR)/xuequ-cli $(DEB_ROOT)/usr/bin/xuequ-cli
	install -Dm644 assets/linux/$(APP_ID).desktop $(DEB_ROOT)/usr/share/applications/$(APP_ID).desktop
	install -Dm644 assets/linux/$(APP_ID).xml $(DEB_ROOT)/usr/share/mime/packages/$(APP_ID).xml
	install -Dm644 assets/icon.png $(DEB_ROOT)/usr/share/icons/hicolor/256x256/apps/$(APP_ID).png
	sed -e 's/@VERSION@/$(DEB_VERSION)/' -e "s/@SIZE@/$$(du -sk $(DEB_ROOT)/usr | cut -f1)/" \
		assets/linux/control >$(DEB_ROOT)/DEBIAN/control
	find $(DEB_ROOT) -exec touch -h -d @$(SOURCE_DATE_EPOCH) {} +
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $(DIST)/xuequ_$(DEB_VERSION)_amd64.deb
	rm -rf $(DEB_ROOT)

# Debian's cross compiler for the cgo (GLFW) part of the Windows GUI, and
# the fyne tool (icon, version resource, manifest), installed when missing.
deps-windows:
	@command -v $(MINGW_CC) >/dev/null || { echo "installing: gcc-mingw-w64-x86-64"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gcc-mingw-w64-x86-64 zip; }
	@command -v zip >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq zip; }
	@command -v $(FYNE) >/dev/null || { echo "installing: $(FYNE_TOOL)"; $(GO) install $(FYNE_TOOL); }

# `fyne package` reads cmd/xuequ/FyneApp.toml (name, id, icon), builds with
# -H=windowsgui and the version from GOFLAGS, and names the result after
# the app; it is moved to xuequ.exe. The --exe placeholder makes fyne build
# once, with the resources: without it, fyne (tools v1.7.4) builds twice and
# the second build, the one it keeps, has lost the -ldflags of GOFLAGS. It also bumps Build in FyneApp.toml
# (and drops its comments): the file is put back, so builds repeat.
dist-windows: deps-windows
	rm -rf $(WIN_DIR) && mkdir -p $(WIN_DIR)
	rm -f "cmd/xuequ/学区规划 Xuequ.exe"
	cp cmd/xuequ/FyneApp.toml $(DIST)/FyneApp.toml.keep
	touch cmd/xuequ/xuequ.exe
	GOFLAGS="-ldflags=-X=github.com/xuequ/xuequ/app/store.AppVersion=$(VERSION)" \
		CC=$(MINGW_CC) CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
		$(FYNE) package --target windows --release --src cmd/xuequ --exe $(CURDIR)/cmd/xuequ/xuequ.exe \
		--app-version $(PKG_VERSION); \
		status=$$?; cp $(DIST)/FyneApp.toml.keep cmd/xuequ/FyneApp.toml; rm -f $(DIST)/FyneApp.toml.keep cmd/xuequ/xuequ.exe; exit $$status
	mv "cmd/xuequ/学区规划 Xuequ.exe" $(WIN_DIR)/xuequ.exe
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags "$(RELEASE_LDFLAGS)" -o $(WIN_DIR)/xuequ-cli.exe ./cmd/xuequ
	cp assets/windows/install.cmd assets/windows/README.txt $(WIN_DIR)/
	find $(WIN_DIR) -exec touch -d @$(SOURCE_DATE_EPOCH) {} +
	rm -f $(WIN_DIR).zip && cd $(DIST) && TZ=UTC zip -X -q -r $(notdir $(WIN_DIR)).zip $(notdir $(WIN_DIR))
	@echo "built $(WIN_DIR).zip"

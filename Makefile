# midback -- build, test and run.
#
#   make          build ./midback
#   make run      install what is missing, build, show today's routine
#   make check    build with ASan and UBSan, run every test
#   make bench    run the benchmarks in bench/

PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 jansson
# Opened with dlopen() by the code that needs them (src/sys/dynlib.h), so
# that a command loads only what it uses: SQLite by the store, ncursesw
# by the full-screen player, espeak-ng by the voice, libsystemd by the
# reminder daemon. Only their headers are needed to build.
DL_PKGS = sqlite3 ncursesw
VOICE_CFLAGS := $(shell $(PKG_CONFIG) --cflags espeak-ng 2>/dev/null)
SD_CFLAGS := $(shell $(PKG_CONFIG) --cflags libsystemd 2>/dev/null)
# libmicrohttpd likewise, by `serve` alone (src/web/mhd.h); its header is
# in /usr/include, and its pkg-config flags (feature macros for gnutls)
# are not for our sources.
# The store's unit test also reads the database file with SQLite itself.
TEST_PKGS = cmocka sqlite3

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-missing-field-initializers
# build/gen holds version.h; the prefix map keeps the build folder's
# path out of the binary, so that builds are reproducible.
CPPFLAGS += -D_GNU_SOURCE -Isrc -Ibuild/gen -ffile-prefix-map=$(CURDIR)=.
# sqrt() as the instruction, not a call into libm (nothing reads errno
# after a math function); with --as-needed below, the program then does
# not load libm at all (see sin_cos() in src/core/figure.c for why).
CPPFLAGS += -fno-math-errno
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DL_PKGS) 2>/dev/null) \
	$(VOICE_CFLAGS) \
	$(SD_CFLAGS)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -ldl \
	-Wl,--as-needed -lm -Wl,--no-as-needed -lpthread

CORE = src/core/catalog.c src/core/config.c src/core/date.c \
	src/core/diag.c src/core/dose.c src/core/figraster.c \
	src/core/figspec.c src/core/figsvg.c src/core/figure.c \
	src/core/ics.c src/core/names.c src/core/nextday.c src/core/plan.c \
	src/core/program.c \
	src/core/routine.c src/core/schedule.c src/core/screen.c \
	src/core/session.c src/core/stats.c src/core/utf8.c \
	src/core/xmalloc.c src/core/ytree.c
SYS = src/sys/claim.c src/sys/clock.c src/sys/dynlib.c src/sys/fileio.c \
	src/sys/peer.c \
	src/sys/paths.c \
	src/sys/unit.c
COACH = src/coach/coach.c src/coach/cues.c src/coach/device.c \
	src/coach/doc.c src/coach/gate.c \
	src/coach/history.c src/coach/nextday.c src/coach/poses.c \
	src/coach/options.c \
	src/coach/export.c src/coach/plancodec.c src/coach/program.c \
	src/coach/settings.c
TERM = src/term/ask.c src/term/nextday.c src/term/play.c src/term/selftest.c \
	src/term/tui.c \
	src/term/voice.c
# The reminder daemon; only `remind` loads libsystemd (src/remind/sd.c).
REMIND = src/remind/bus.c src/remind/daemon.c src/remind/idle.c \
	src/remind/idle-logind.c src/remind/idle-mutter.c \
	src/remind/idle-x11.c src/remind/notify.c src/remind/pageout.c \
	src/remind/sd.c src/remind/status.c src/remind/unit.c
# The web app (`serve`); only it loads libmicrohttpd (src/web/mhd.c).
WEB = src/web/api.c src/web/live.c src/web/mhd.c src/web/pair.c \
	src/web/qr.c \
	src/web/route.c src/web/server.c src/web/tls.c src/web/unit.c
# What web/ holds, built into the program by scripts/embed-web.
WEB_ASSETS = web/index.html web/app.css web/icon.svg web/phone.css \
	web/app.js web/api.js web/dom.js web/live.js web/limits.js \
	web/phone.js web/sensors.js web/pages/pair.js \
	web/start.js web/pages/checkin.js web/pages/data.js \
	web/pages/library.js web/pages/player.js web/pages/program.js \
	web/pages/progress.js web/pages/screen.js web/pages/selftest.js \
	web/pages/settings.js web/pages/summary.js web/pages/today.js \
	web/camera/form.js web/camera/panel.js web/camera/frame.html \
	web/camera/frame.js web/camera/frame.css web/camera/rotation.js \
	web/camera/selftest-camera.js web/camera/link.js web/turns.js
CMDS = src/cli/cmd.c src/cli/cmd-break.c src/cli/cmd-check.c \
	src/cli/cmd-checkin.c src/cli/cmd-export.c src/cli/cmd-figures.c \
	src/cli/cmd-import.c src/cli/cmd-list.c src/cli/cmd-log.c \
	src/cli/cmd-program.c src/cli/cmd-remind.c src/cli/cmd-serve.c \
	src/cli/cmd-show.c src/cli/cmd-start.c src/cli/cmd-stats.c \
	src/cli/cmd-today.c \
	build/gen/commands.c
EDGE = $(SYS) $(COACH) $(TERM) $(REMIND) $(WEB) $(CMDS) \
	build/gen/screen-data.c build/gen/web-data.c src/cli/chart.c src/cli/gen.c \
	src/cli/output.c src/cli/output-program.c $(STORE)
STORE = src/store/store.c src/store/device.c src/store/history.c \
	src/store/program.c \
	src/store/nextday.c src/store/remind.c src/store/safety.c \
	src/store/session.c src/store/camera.c
MAIN = src/cli/main.c
# The program carries the compiled catalog; the unit tests also parse the
# file's text, so only they link it.
GEN = build/gen/catalog-data.c
GEN_TEST = build/gen/exercises-data.c
GEN_TOOL_SRC = tools/gen-catalog.c tools/cstr.c src/core/catalog.c \
	src/core/ytree.c src/core/figspec.c src/core/diag.c src/core/names.c \
	src/core/xmalloc.c src/sys/fileio.c
GEN_CMD_SRC = tools/gen-commands.c tools/cstr.c src/core/ytree.c \
	src/core/diag.c src/core/names.c src/core/xmalloc.c src/sys/fileio.c
UNIT = catalog chart coach config dose figure plan program date schedule \
	session stats store voice web

OBJ = $(patsubst %.c,build/rel/%.o,$(CORE) $(EDGE) $(MAIN) $(GEN))
AOBJ_CORE = $(patsubst %.c,build/asan/%.o,$(CORE) $(GEN))
AOBJ = $(AOBJ_CORE) $(patsubst %.c,build/asan/%.o,$(EDGE) $(MAIN))
UNIT_BINS = $(patsubst %,build/asan/tests/t-%,$(UNIT))

all: midback

midback: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(PKG_LIBS) $(LDFLAGS)

build/gen/screen-data.c: data/screen.yaml scripts/embed
	@mkdir -p $(@D)
	scripts/embed midback_screen_yaml data/screen.yaml > $@.tmp
	mv $@.tmp $@

build/gen/web-data.c: $(WEB_ASSETS) scripts/embed scripts/embed-web Makefile
	@mkdir -p $(@D)
	scripts/embed-web $(WEB_ASSETS) > $@.tmp
	mv $@.tmp $@

build/gen/exercises-data.c: data/exercises.yaml scripts/embed
	@mkdir -p $(@D)
	scripts/embed midback_exercises_yaml data/exercises.yaml > $@.tmp
	mv $@.tmp $@

# The built-in catalog, parsed and checked at build time (tools/gen-catalog.c).
build/gen-catalog: $(GEN_TOOL_SRC) tools/cstr.h src/core/catalog.h \
		src/core/figspec.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 $(PKG_CFLAGS) -o $@ $(GEN_TOOL_SRC) \
		$(shell $(PKG_CONFIG) --libs yaml-0.1) -lm

build/gen/catalog-data.c: data/exercises.yaml build/gen-catalog
	@mkdir -p $(@D)
	build/gen-catalog data/exercises.yaml > $@.tmp
	mv $@.tmp $@

# The command line: data/commands.yaml, read and checked at build time
# (tools/gen-commands.c), becomes cmd_table[] and each command's options
# (commands.c) and the exec functions' prototypes (commands.h, which the
# commands include; rewritten only when it changes).
build/gen-commands: $(GEN_CMD_SRC) tools/cstr.h src/core/ytree.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 $(PKG_CFLAGS) -o $@ $(GEN_CMD_SRC) \
		$(shell $(PKG_CONFIG) --libs yaml-0.1)

build/gen/commands.c: data/commands.yaml build/gen-commands
	@mkdir -p $(@D)
	build/gen-commands data/commands.yaml > $@.tmp
	mv $@.tmp $@

build/gen/commands.h: data/commands.yaml build/gen-commands
	@mkdir -p $(@D)
	build/gen-commands --header data/commands.yaml > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
$(patsubst %.c,build/rel/%.o,$(CMDS)) $(patsubst %.c,build/asan/%.o,$(CMDS)) \
	$(patsubst %.c,build/analyze/%.ok,$(CMDS)): build/gen/commands.h

# The version and the commit (scripts/version-h); rewritten only when
# they change, so main.o is rebuilt only then.
build/gen/version.h: FORCE
	@scripts/version-h $@
build/rel/src/cli/main.o build/asan/src/cli/main.o: build/gen/version.h

build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) \
		$(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null) \
		-MMD -MP -c -o $@ $<

build/asan/midback: $(AOBJ)
	$(CC) $(SAN) -o $@ $(AOBJ) $(PKG_LIBS)

# Unit tests link the core, and the edges with tests of their own.
AOBJ_TEST = $(AOBJ_CORE) $(patsubst %.c,build/asan/%.o,$(SYS) $(COACH)) \
	build/asan/build/gen/screen-data.o \
	$(patsubst %.c,build/asan/%.o,$(STORE)) build/asan/src/cli/chart.o \
	build/asan/src/term/voice.o \
	$(patsubst %.c,build/asan/%.o,$(GEN_TEST))

# The web front end's checks and API, without HTTP (no libmicrohttpd).
WEB_TEST = $(patsubst %.c,build/asan/%.o,src/web/api.c src/web/live.c \
	src/web/pair.c src/web/qr.c src/web/route.c src/web/unit.c \
	build/gen/web-data.c)

build/asan/tests/t-web: build/asan/tests/unit/t-web.o $(AOBJ_TEST) $(WEB_TEST)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(AOBJ_TEST) $(WEB_TEST) $(PKG_LIBS) \
		$(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

build/asan/tests/t-%: build/asan/tests/unit/t-%.o $(AOBJ_TEST)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $< $(AOBJ_TEST) $(PKG_LIBS) \
		$(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory midback
	./midback today

check: deps
	@$(MAKE) --no-print-directory build/asan/midback $(UNIT_BINS) midback
	@tests/run build/asan/midback $(UNIT_BINS)

bench: midback
	bench/today
	bench/stats
	bench/figures
	bench/serve
	bench/camera

clean:
	rm -rf build midback

.PHONY: all deps run check bench clean FORCE

-include $(shell find build -path build/deb -prune -o -name '*.d' -type f -print \
	2>/dev/null)

# Installing: `make install PREFIX=/usr DESTDIR=/tmp/x`. The completion
# scripts and midback(1)'s synopsis and options are written by the
# program from its command table (src/cli/gen.c), the section-5 pages from
# docs/*.md (scripts/md2man).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
USERUNITDIR ?= $(PREFIX)/lib/systemd/user
INSTALL ?= install
APPID = org.midback.midback
DIST = build/dist/midback.bash build/dist/_midback build/dist/midback.fish \
	build/dist/midback.1 build/dist/midback-catalog.5 \
	build/dist/midback-export.5 build/dist/midback-remind.service

build/dist/midback.bash: midback
	@mkdir -p $(@D)
	./midback --generate bash > $@.tmp && mv $@.tmp $@
build/dist/_midback: midback
	@mkdir -p $(@D)
	./midback --generate zsh > $@.tmp && mv $@.tmp $@
build/dist/midback.fish: midback
	@mkdir -p $(@D)
	./midback --generate fish > $@.tmp && mv $@.tmp $@
build/dist/midback.1: midback docs/midback.1 scripts/manpage
	@mkdir -p $(@D)
	scripts/manpage ./midback docs/midback.1 > $@.tmp && mv $@.tmp $@
build/dist/midback-catalog.5: docs/catalog-format.md scripts/md2man
	@mkdir -p $(@D)
	scripts/md2man midback-catalog "the format of midback's exercise and \
	routine files" docs/catalog-format.md > $@.tmp && mv $@.tmp $@
build/dist/midback-export.5: docs/export-format.md scripts/md2man
	@mkdir -p $(@D)
	scripts/md2man midback-export "the formats of midback's history \
	exports" docs/export-format.md > $@.tmp && mv $@.tmp $@
build/dist/midback-remind.service: dist/midback-remind.service.in
	@mkdir -p $(@D)
	sed 's|@BINDIR@|$(BINDIR)|g' dist/midback-remind.service.in > $@

dist: midback $(DIST)

install: dist
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) \
		$(DESTDIR)$(USERUNITDIR) $(DESTDIR)$(DATADIR)/applications \
		$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps \
		$(DESTDIR)$(DATADIR)/metainfo
	$(INSTALL) -m 755 midback $(DESTDIR)$(BINDIR)/midback
	$(INSTALL) -m 644 build/dist/midback.1 $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 build/dist/midback-catalog.5 \
		build/dist/midback-export.5 $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 644 build/dist/midback.bash \
		$(DESTDIR)$(BASHCOMPDIR)/midback
	$(INSTALL) -m 644 build/dist/_midback $(DESTDIR)$(ZSHCOMPDIR)/_midback
	$(INSTALL) -m 644 build/dist/midback.fish \
		$(DESTDIR)$(FISHCOMPDIR)/midback.fish
	$(INSTALL) -m 644 build/dist/midback-remind.service \
		$(DESTDIR)$(USERUNITDIR)/midback-remind.service
	$(INSTALL) -m 644 dist/$(APPID).desktop \
		$(DESTDIR)$(DATADIR)/applications/$(APPID).desktop
	$(INSTALL) -m 644 dist/midback.svg \
		$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/midback.svg
	$(INSTALL) -m 644 dist/$(APPID).metainfo.xml \
		$(DESTDIR)$(DATADIR)/metainfo/$(APPID).metainfo.xml
	@$(MAKE) --no-print-directory install-pose

# The camera mode's model files (@mediapipe/pose, locked in
# vendor/pose/package-lock.json and installed there by `npm ci`, which
# scripts/install-deps runs): the names `serve` reads (web_pose_files[] in
# src/web/route.c), into POSEDIR, where the program looks unless
# MIDBACK_POSE_DIR names another folder. Never built into the program.
POSEDIR ?= $(DATADIR)/midback/pose
POSE_SRC = vendor/pose/node_modules/@mediapipe/pose
POSE_FILES = pose.js pose_solution_packed_assets_loader.js \
	pose_solution_packed_assets.data pose_solution_simd_wasm_bin.js \
	pose_solution_simd_wasm_bin.wasm pose_solution_wasm_bin.js \
	pose_solution_wasm_bin.wasm pose_web.binarypb \
	pose_landmark_lite.tflite pose_landmark_full.tflite
build/rel/src/web/route.o build/asan/src/web/route.o: \
	CPPFLAGS += -DPOSE_DIR_DEFAULT='"$(POSEDIR)"'

pose:
	cd vendor/pose && npm ci --no-audit --no-fund

install-pose:
	@if [ -f $(POSE_SRC)/pose.js ]; then \
		$(INSTALL) -d $(DESTDIR)$(POSEDIR) && \
		for f in $(POSE_FILES) LICENSE; do \
			[ -f $(POSE_SRC)/$$f ] || continue; \
			$(INSTALL) -m 644 $(POSE_SRC)/$$f $(DESTDIR)$(POSEDIR)/ \
			    || exit 1; \
		done; \
	else \
		echo "install: no $(POSE_SRC) (make pose): the camera mode" \
		    "stays unavailable" >&2; \
	fi

uninstall:
	rm -rf $(DESTDIR)$(POSEDIR)
	rm -f $(DESTDIR)$(BINDIR)/midback \
		$(DESTDIR)$(MANDIR)/man1/midback.1 \
		$(DESTDIR)$(MANDIR)/man5/midback-catalog.5 \
		$(DESTDIR)$(MANDIR)/man5/midback-export.5 \
		$(DESTDIR)$(BASHCOMPDIR)/midback \
		$(DESTDIR)$(ZSHCOMPDIR)/_midback \
		$(DESTDIR)$(FISHCOMPDIR)/midback.fish \
		$(DESTDIR)$(USERUNITDIR)/midback-remind.service \
		$(DESTDIR)$(DATADIR)/applications/$(APPID).desktop \
		$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/midback.svg \
		$(DESTDIR)$(DATADIR)/metainfo/$(APPID).metainfo.xml

.PHONY: dist install uninstall pose install-pose

# The Debian package of the last commit, checked by lintian, into
# build/deb/ (scripts/build-deb); `make deb-test` installs it, runs it
# and removes it (tests/pkg/t-deb.sh, root only).
DEB_TOOLS = dpkg-dev debhelper lintian
deb:
	@scripts/install-deps
	@scripts/install-deps $(DEB_TOOLS)
	scripts/build-deb

deb-test: deb
	TOP=$(CURDIR) sh tests/pkg/t-deb.sh

.PHONY: deb deb-test

# Fuzzing with libFuzzer (clang): one target per reader of outside text,
# tests/fuzz/fuzz-*.c, seeded from tests/fuzz/corpus/NAME/. `make fuzz
# FUZZ_S=60` runs each for FUZZ_S seconds, keeping what it finds in
# build/fuzz/corpus/; `make fuzz-regress` runs each seed once (and
# tests/fuzz/crashes/NAME/*, the inputs that once crashed).
FUZZ = catalog routine config import http
FUZZ_S ?= 60
FUZZ_CC = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
# The http target runs serve's handlers (not the HTTP library itself).
FUZZ_SRC = $(CORE) $(GEN) $(SYS) $(STORE) $(COACH) \
	src/web/api.c src/web/live.c src/web/pair.c src/web/qr.c \
	src/web/route.c src/web/unit.c build/gen/web-data.c \
	build/gen/screen-data.c build/gen/exercises-data.c
FUZZ_OBJ = $(patsubst %.c,build/fuzz/%.o,$(FUZZ_SRC))
FUZZ_BINS = $(patsubst %,build/fuzz/fuzz-%,$(FUZZ))

build/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -g -O1 $(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) -Itests/fuzz $(WARN) -g -O1 $(FUZZ_SAN) \
		-fsanitize=fuzzer $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

fuzz-build:
	@scripts/install-deps
	@scripts/install-deps clang
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@for t in $(FUZZ); do \
		mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
		echo "fuzz: $$t for $(FUZZ_S) s"; \
		build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_S) -max_len=65536 \
		    -timeout=10 -print_final_stats=1 \
		    -artifact_prefix=build/fuzz/crashes/$$t/ \
		    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t \
		    2>build/fuzz/$$t.log || { tail -n 40 build/fuzz/$$t.log; \
		    exit 1; }; \
		grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' \
		    build/fuzz/$$t.log | tail -n 2; \
	done

fuzz-regress: fuzz-build
	@for t in $(FUZZ); do \
		build/fuzz/fuzz-$$t tests/fuzz/corpus/$$t/* \
		    $$(ls tests/fuzz/crashes/$$t/* 2>/dev/null) \
		    2>build/fuzz/$$t-regress.log || { \
		    tail -n 40 build/fuzz/$$t-regress.log; exit 1; }; \
		echo "fuzz-regress: $$t: $$(find tests/fuzz/corpus/$$t \
		    tests/fuzz/crashes/$$t -type f 2>/dev/null | wc -l) inputs"; \
	done

.PHONY: fuzz fuzz-build fuzz-regress

# Static analysis and memcheck: cppcheck (warning, performance,
# portability), gcc -fanalyzer over every source, and valgrind over the
# unit tests built without sanitizers (build/vg/). Each suppression or
# setting for cppcheck is justified where it is made.
#   -DDYNLIB_FOR_CPPCHECK: cppcheck 2.10's preprocessor expands a macro
#   argument that is an operand of ##, so DYNLIB_LIBRARY's X-macro (in
#   src/store/store.c, src/web/mhd.c, src/remind/sd.c ...) became a
#   syntax error that stopped cppcheck in those files, unchecked;
#   src/sys/dynlib.h gives it a plain definition of the same struct
#   instead. gcc and -fanalyzer compile the real one. No suppression is
#   needed now: `make lint-cppcheck` runs this step alone (.ci/run does).
LINT_TOOLS = cppcheck valgrind
CPPCHECK_SUPPRESS =
CPPCHECK_DEFS = -D_GNU_SOURCE -DDYNLIB_FOR_CPPCHECK
ANALYZE_SRC = $(CORE) $(SYS) $(COACH) $(TERM) $(REMIND) $(CMDS) $(STORE) \
	src/cli/chart.c src/cli/gen.c src/cli/output.c $(MAIN) \
	tools/gen-catalog.c tools/gen-commands.c tools/cstr.c
VOBJ_TEST = $(patsubst build/asan/%,build/vg/%,$(AOBJ_TEST))
VG_BINS = $(patsubst %,build/vg/tests/t-%,$(UNIT))

build/vg/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(PKG_CFLAGS) \
		$(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null) \
		-c -o $@ $<

# t-web links the web front end's checks and API too, as under ASan.
VWEB_TEST = $(patsubst build/asan/%,build/vg/%,$(WEB_TEST))
build/vg/tests/t-web: build/vg/tests/unit/t-web.o $(VOBJ_TEST) $(VWEB_TEST)
	@mkdir -p $(@D)
	$(CC) -o $@ $< $(VOBJ_TEST) $(VWEB_TEST) $(PKG_LIBS) \
		$(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

build/vg/tests/t-%: build/vg/tests/unit/t-%.o $(VOBJ_TEST)
	@mkdir -p $(@D)
	$(CC) -o $@ $< $(VOBJ_TEST) $(PKG_LIBS) \
		$(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

build/analyze/%.ok: %.c build/gen/version.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -fanalyzer $(PKG_CFLAGS) \
		$(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null) \
		-c -o /dev/null $<
	@touch $@

# cppcheck reads build/gen/commands.h and version.h as the compiler does
# (made after the build's packages are there, on a fresh machine too).
lint-cppcheck:
	@scripts/install-deps
	@scripts/install-deps cppcheck
	@$(MAKE) --no-print-directory build/gen/commands.h build/gen/version.h
	cppcheck --quiet --enable=warning,performance,portability --std=c11 \
		--inline-suppr $(CPPCHECK_SUPPRESS) --error-exitcode=1 \
		$(CPPCHECK_DEFS) -Isrc -Ibuild/gen src tools tests/fuzz

lint:
	@scripts/install-deps
	@scripts/install-deps $(LINT_TOOLS)
	@$(MAKE) --no-print-directory lint-cppcheck
	@$(MAKE) --no-print-directory \
		$(patsubst %.c,build/analyze/%.ok,$(ANALYZE_SRC)) $(VG_BINS)
	@# The test process itself is checked, not the children some tests
	@# fork (t-store's second writer, its other user): at their _exit
	@# valgrind counted the test's own memory they inherited as lost,
	@# and its exit status then failed the test. So the children are
	@# silent (--child-silent-after-fork) and keep their own status, and
	@# any report from the test process (a line "==PID== ...", but a
	@# warning) fails lint, as a non-zero status does.
	@for t in $(VG_BINS); do \
		HOME=$$(mktemp -d) && XDG_CONFIG_HOME=$$HOME/.config \
		XDG_DATA_HOME=$$HOME/.local/share \
		valgrind --quiet --child-silent-after-fork=yes \
		    --leak-check=full \
		    --show-leak-kinds=definite,indirect,possible \
		    --errors-for-leak-kinds=definite,indirect,possible \
		    $$t >build/vg/$$(basename $$t).log 2>&1; \
		rc=$$?; rm -rf "$$HOME"; \
		if grep -v "== Warning: " build/vg/$$(basename $$t).log | \
		    grep -q "^==[0-9]*== ."; then rc=1; fi; \
		if [ $$rc -ne 0 ]; then tail -n 60 build/vg/$$(basename $$t).log; \
		    echo "lint: valgrind: $$t failed"; exit 1; fi; \
		echo "lint: valgrind: $$(basename $$t): no errors, no leaks"; \
	done

.PHONY: lint lint-cppcheck

# Two builds of the last commit, byte for byte (scripts/repro-check).
repro:
	scripts/repro-check

.PHONY: repro

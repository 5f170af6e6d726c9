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
CPPFLAGS += -D_GNU_SOURCE -Isrc
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DL_PKGS) 2>/dev/null) \
	$(VOICE_CFLAGS) \
	$(SD_CFLAGS)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -ldl -lm \
	-lpthread

CORE = src/core/catalog.c src/core/config.c src/core/date.c \
	src/core/diag.c src/core/dose.c src/core/figraster.c \
	src/core/figspec.c src/core/figsvg.c src/core/figure.c \
	src/core/ics.c src/core/plan.c src/core/program.c \
	src/core/routine.c src/core/schedule.c src/core/screen.c \
	src/core/session.c src/core/stats.c src/core/utf8.c \
	src/core/xmalloc.c src/core/ytree.c
SYS = src/sys/clock.c src/sys/dynlib.c src/sys/fileio.c src/sys/paths.c
COACH = src/coach/coach.c src/coach/cues.c src/coach/plancodec.c \
	src/coach/program.c src/coach/settings.c
TERM = src/term/ask.c src/term/play.c src/term/selftest.c src/term/tui.c \
	src/term/voice.c
# The reminder daemon; only `remind` loads libsystemd (src/remind/sd.c).
REMIND = src/remind/daemon.c src/remind/idle.c src/remind/idle-logind.c \
	src/remind/idle-mutter.c src/remind/idle-x11.c src/remind/notify.c \
	src/remind/pageout.c src/remind/sd.c src/remind/status.c \
	src/remind/unit.c
# The web app (`serve`); only it loads libmicrohttpd (src/web/mhd.c).
WEB = src/web/api.c src/web/live.c src/web/mhd.c src/web/route.c \
	src/web/server.c src/web/unit.c
# What web/ holds, built into the program by scripts/embed-web.
WEB_ASSETS = web/index.html web/app.css web/app.js web/icon.svg
CMDS = src/cmd.c src/cmd-break.c src/cmd-check.c src/cmd-checkin.c \
	src/cmd-export.c src/cmd-figures.c src/cmd-import.c src/cmd-list.c \
	src/cmd-log.c src/cmd-program.c src/cmd-remind.c src/cmd-serve.c \
	src/cmd-show.c src/cmd-start.c src/cmd-stats.c src/cmd-today.c
EDGE = $(SYS) $(COACH) $(TERM) $(REMIND) $(WEB) $(CMDS) \
	build/gen/screen-data.c build/gen/web-data.c \
	src/chart.c src/export.c src/output.c src/output-program.c $(STORE)
STORE = src/store.c src/store-history.c src/store-program.c \
	src/store-remind.c src/store-safety.c src/store-session.c
MAIN = src/main.c
# The program carries the compiled catalog; the unit tests also parse the
# file's text, so only they link it.
GEN = build/gen/catalog-data.c
GEN_TEST = build/gen/exercises-data.c
GEN_TOOL_SRC = tools/gen-catalog.c src/core/catalog.c src/core/ytree.c \
	src/core/figspec.c src/core/diag.c src/core/xmalloc.c src/sys/fileio.c
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

build/gen/web-data.c: $(WEB_ASSETS) scripts/embed scripts/embed-web
	@mkdir -p $(@D)
	scripts/embed-web $(WEB_ASSETS) > $@.tmp
	mv $@.tmp $@

build/gen/exercises-data.c: data/exercises.yaml scripts/embed
	@mkdir -p $(@D)
	scripts/embed midback_exercises_yaml data/exercises.yaml > $@.tmp
	mv $@.tmp $@

# The built-in catalog, parsed and checked at build time (tools/gen-catalog.c).
build/gen-catalog: $(GEN_TOOL_SRC) src/core/catalog.h src/core/figspec.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 $(PKG_CFLAGS) -o $@ $(GEN_TOOL_SRC) \
		$(shell $(PKG_CONFIG) --libs yaml-0.1) -lm

build/gen/catalog-data.c: data/exercises.yaml build/gen-catalog
	@mkdir -p $(@D)
	build/gen-catalog data/exercises.yaml > $@.tmp
	mv $@.tmp $@

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
	$(patsubst %.c,build/asan/%.o,$(STORE)) build/asan/src/chart.o \
	build/asan/src/term/voice.o \
	$(patsubst %.c,build/asan/%.o,$(GEN_TEST))

# The web front end's checks and API, without HTTP (no libmicrohttpd).
WEB_TEST = $(patsubst %.c,build/asan/%.o,src/web/api.c src/web/live.c \
	src/web/route.c src/web/unit.c src/output.c src/export.c \
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

clean:
	rm -rf build midback

.PHONY: all deps run check bench clean

-include $(shell find build -name '*.d' 2>/dev/null)

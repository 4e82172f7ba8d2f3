# The visualisers: one static site (a page per lab) over the kernel's own C,
# compiled by emcc.  Included by the top-level Makefile.
#
#   make web        build the site into $(BUILD)/web (serve that directory,
#                   or open $(BUILD)/web/index.html from disk)
#   make test-web   build it, then drive it in headless chromium
#
# Objects go under $(BUILD)/wasm-web and the site under $(BUILD)/web, so no
# rule here collides with the kernel's `$(BUILD)/%.o: %.c`.

WEB_EMCC := emcc
WEB_NODE := node
WEB_OUT := $(BUILD)/web
WEB_OBJ := $(BUILD)/wasm-web
# emcc's cache: the system libraries it builds on first use (unfrozen, so
# it may build them) stay in the build tree, shared with the wasm unit tests.
WEB_ENV := NODE_PATH=/usr/share/nodejs EM_CACHE=$(abspath $(BUILD))/emcache EM_FROZEN_CACHE=

# The shared C that lab 1's page runs: exactly the files the kernel runs.
WEB_LAB1_SHARED := kernel/mm/buddy.c kernel/lib/string.c kernel/lib/format.c
WEB_LAB1_SRCS := $(WEB_LAB1_SHARED) web/bridge/buddy_bridge.c
WEB_LAB1_OBJS := $(patsubst %.c,$(WEB_OBJ)/%.o,$(WEB_LAB1_SRCS))

# Freestanding like the kernel: the kernel's headers (string.h, ...) come
# first, and the compiler may not swap loops for library calls.
WEB_CFLAGS := -std=gnu11 -O2 -g0 -Wall -Wextra -Werror=implicit-function-declaration \
	-ffreestanding -fno-builtin -Ikernel/include -MMD -MP
WEB_LDFLAGS := -O2 -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=AuroraLab1 \
	-sENVIRONMENT=web,node -sFILESYSTEM=0 -sINITIAL_MEMORY=32MB \
	-sALLOW_MEMORY_GROWTH=0 -sEXIT_RUNTIME=0 -sINVOKE_RUN=0 \
	-sEXPORTED_RUNTIME_METHODS=UTF8ToString -sDEFAULT_TO_CXX=0 -sAUTO_NATIVE_LIBRARIES=0 \
	-sMALLOC=none \
	--no-entry

# The page's static files, copied as they are.
WEB_STATIC := index.html lab1.html lab1.js style.css
WEB_SITE := $(addprefix $(WEB_OUT)/,$(WEB_STATIC)) $(WEB_OUT)/lab1-module.js

web: $(WEB_SITE)

$(WEB_LAB1_OBJS): $(WEB_OBJ)/%.o: %.c | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_CFLAGS) -c $< -o $@

$(WEB_OUT)/lab1-module.js: $(WEB_LAB1_OBJS) web/web.mk | deps-web
	@mkdir -p $(@D)
	$(WEB_ENV) $(WEB_EMCC) $(WEB_LDFLAGS) $(WEB_LAB1_OBJS) -o $@

$(addprefix $(WEB_OUT)/,$(WEB_STATIC)): $(WEB_OUT)/%: web/%
	@mkdir -p $(@D)
	cp $< $@

-include $(WEB_LAB1_OBJS:.o=.d)

# The browser test: playwright-core (npm, see web/package.json) drives
# Debian's chromium against a local server of $(WEB_OUT).
test-web: web | deps-test
	AURORA_WEB_DIR=$(abspath $(WEB_OUT)) \
	AURORA_ARTIFACTS=$(abspath $(BUILD))/test-artifacts \
		$(WEB_NODE) web/tests/lab1.test.mjs

.PHONY: web test-web

# Test programs: C with exactly known syscall counts, built like the
# software users trace (-O2, no frame pointers). Included by GNUmakefile.
TEST_CFLAGS := -O2 -g -fomit-frame-pointer -Wall -Wextra -Wno-unused-parameter
TEST_OUT := $(OUT)/test

# Every test/progs/NAME.c becomes $(TEST_OUT)/NAME; test/progs/libNAME.c
# becomes $(TEST_OUT)/libNAME.so (with a GNU build-id note, which the
# debug-file cases use). A program that needs a library lists it
# in TEST_LIBS_NAME.
TEST_PROG_SRCS := $(filter-out test/progs/lib%.c %.m32.c,$(wildcard test/progs/*.c))
TEST_LIB_SRCS := $(filter-out %.m32.c,$(wildcard test/progs/lib*.c))
TEST_PROGS := $(patsubst test/progs/%.c,$(TEST_OUT)/%,$(TEST_PROG_SRCS)) \
	$(patsubst test/progs/%.c,$(TEST_OUT)/%.so,$(TEST_LIB_SRCS))

$(TEST_OUT)/lib%.so: test/progs/lib%.c | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(TEST_CFLAGS) -fPIC -shared -Wl,--build-id -MMD -MP $< -o $@

# Programs link every test library they name in a "// links: libX" line.
$(TEST_OUT)/%: test/progs/%.c $(TEST_OUT)/.libs-stamp | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(TEST_CFLAGS) -MMD -MP $< -o $@ -L$(TEST_OUT) -Wl,-rpath,'$$ORIGIN' \
		$$(sed -n 's|^// links: *||p' $<) -lpthread -ldl

$(TEST_OUT)/.libs-stamp: $(patsubst test/progs/%.c,$(TEST_OUT)/%.so,$(TEST_LIB_SRCS)) | $(TEST_OUT)
	$(Q)touch $@

$(TEST_OUT):
	$(Q)mkdir -p $@

# C++ test programs (libstdc++ attribution).
TEST_CXX_SRCS := $(wildcard test/progs/*.cpp)
TEST_PROGS += $(patsubst test/progs/%.cpp,$(TEST_OUT)/%,$(TEST_CXX_SRCS))
CXX ?= g++

$(TEST_OUT)/%: test/progs/%.cpp | $(TEST_OUT)
	$(call msg,CXX,$@)
	$(Q)$(CXX) $(TEST_CFLAGS) -MMD -MP $< -o $@

# 32-bit (compat) test programs: test/progs/NAME.m32.c becomes
# $(TEST_OUT)/NAME32 and test/progs/libNAME.m32.c $(TEST_OUT)/libNAME32.so,
# built with gcc -m32. Only where gcc can link 32-bit programs
# (gcc-multilib, in TEST_DEPS); their cases skip, saying so, otherwise.
HAVE_M32 := $(shell echo 'int main(void) { return 0; }' | \
	$(CC) -m32 -x c - -o /dev/null 2>/dev/null && echo yes)
TEST_M32_PROG_SRCS := $(filter-out test/progs/lib%,$(wildcard test/progs/*.m32.c))
TEST_M32_LIB_SRCS := $(wildcard test/progs/lib*.m32.c)
ifeq ($(HAVE_M32),yes)
TEST_PROGS += $(patsubst test/progs/%.m32.c,$(TEST_OUT)/%32,$(TEST_M32_PROG_SRCS)) \
	$(patsubst test/progs/%.m32.c,$(TEST_OUT)/%32.so,$(TEST_M32_LIB_SRCS))
endif

$(TEST_OUT)/lib%32.so: test/progs/lib%.m32.c | $(TEST_OUT)
	$(call msg,CC32,$@)
	$(Q)$(CC) -m32 $(TEST_CFLAGS) -fPIC -shared -MMD -MP $< -o $@

$(TEST_OUT)/%32: test/progs/%.m32.c $(patsubst test/progs/%.m32.c,$(TEST_OUT)/%32.so,$(TEST_M32_LIB_SRCS)) | $(TEST_OUT)
	$(call msg,CC32,$@)
	$(Q)$(CC) -m32 $(TEST_CFLAGS) -MMD -MP $< -o $@ -L$(TEST_OUT) -Wl,-rpath,'$$ORIGIN' \
		$$(sed -n 's|^// links: *||p' $<)

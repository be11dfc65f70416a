# Test programs: C with exactly known syscall counts, built like the
# software users trace (-O2, no frame pointers). Included by GNUmakefile.
TEST_CFLAGS := -O2 -g -fomit-frame-pointer -Wall -Wextra -Wno-unused-parameter
TEST_OUT := $(OUT)/test

# Every test/progs/NAME.c becomes $(TEST_OUT)/NAME; test/progs/libNAME.c
# becomes $(TEST_OUT)/libNAME.so (with a GNU build-id note, which the
# debug-file cases use). A program that needs a library lists it
# in TEST_LIBS_NAME.
TEST_PROG_SRCS := $(filter-out test/progs/lib%.c,$(wildcard test/progs/*.c))
TEST_LIB_SRCS := $(wildcard test/progs/lib*.c)
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

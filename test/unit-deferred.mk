# libFuzzer target for the unwind of deferred walks' stack copies
# (user/deferred_unwind.c), also run by `make fuzz` (or alone: make
# fuzz-deferred). Named to sort after unit-cfi.mk, which defines
# FUZZ_SECONDS, FUZZ_CFLAGS, fuzz_run and the user/ object rule.
$(OUT)/fuzz/fuzz_deferred: $(OUT)/fuzz/fuzz_deferred.o $(OUT)/fuzz/deferred_unwind.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# Seeds: copies as the kernel sends them, written by test/fuzz/deferred_seeds.py.
# Up to a whole copy: the header and DEFER_BUF_BYTES of stack.
$(eval $(call fuzz_run,deferred,26000))

# deferred_dump: the same unwind on one seed of the corpus, printing its
# answer for test/cases/deferred_unwind_*.sh (make check, any user).
$(TEST_OUT)/deferred_dump: test/deferred_dump.c $(OUT)/user/deferred_unwind.o | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) $^ -o $@

TEST_PROGS += $(TEST_OUT)/deferred_dump

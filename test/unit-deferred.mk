# libFuzzer target for the unwind of deferred walks' stack copies
# (user/deferred_unwind.c), also run by `make fuzz` (or alone: make
# fuzz-deferred). Named to sort after unit-cfi.mk, which defines
# FUZZ_SECONDS, FUZZ_CFLAGS and the user/ object rule.
$(OUT)/fuzz/fuzz_deferred: $(OUT)/fuzz/fuzz_deferred.o $(OUT)/fuzz/deferred_unwind.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# New inputs go to $(OUT)/fuzz/deferred; the seeds (copies as the kernel
# sends them, written by test/fuzz/deferred_seeds.py) stay as committed.
.PHONY: fuzz-deferred
fuzz: fuzz-deferred
fuzz-deferred: $(OUT)/fuzz/fuzz_deferred
	$(Q)mkdir -p $(OUT)/fuzz/deferred
	$(Q)cd $(OUT)/fuzz && ./fuzz_deferred -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		deferred $(CURDIR)/test/fuzz/corpus/deferred

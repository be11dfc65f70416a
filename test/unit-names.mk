# libFuzzer target for object names (user/objects.c), also run by `make
# fuzz` (or alone: make fuzz-names). Named to sort after unit-cfi.mk, which
# defines FUZZ_SECONDS, FUZZ_CFLAGS and the fuzz target.
$(OUT)/fuzz/fuzz_names: $(OUT)/fuzz/fuzz_names.o $(OUT)/fuzz/objects.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# New inputs go to $(OUT)/fuzz/names; the seeds (names with control
# characters and bytes that are not UTF-8) stay as committed.
.PHONY: fuzz-names
fuzz: fuzz-names
fuzz-names: $(OUT)/fuzz/fuzz_names
	$(Q)mkdir -p $(OUT)/fuzz/names
	$(Q)cd $(OUT)/fuzz && ./fuzz_names -max_total_time=$(FUZZ_SECONDS) -max_len=1100 \
		names $(CURDIR)/test/fuzz/corpus/names

# libFuzzer target for the rendering of names from the target
# (user/escape.c), also run by `make fuzz` (or alone: make fuzz-escape).
# Named to sort after unit-cfi.mk, which defines FUZZ_SECONDS and FUZZ_CFLAGS.
$(OUT)/fuzz/fuzz_escape: test/fuzz/fuzz_escape.c user/escape.c user/escape.h
	$(call msg,CLANG,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) test/fuzz/fuzz_escape.c user/escape.c -o $@

# New inputs go to $(OUT)/fuzz/escape; the seeds stay as committed.
.PHONY: fuzz-escape
fuzz: fuzz-escape
fuzz-escape: $(OUT)/fuzz/fuzz_escape
	$(Q)mkdir -p $(OUT)/fuzz/escape
	$(Q)cd $(OUT)/fuzz && ./fuzz_escape -max_total_time=$(FUZZ_SECONDS) -max_len=512 \
		escape $(CURDIR)/test/fuzz/corpus/escape

# libFuzzer target for the option parser (user/options.c), also run by
# `make fuzz` (or alone: make fuzz-options). Named to sort after test.mk and
# unit-cfi.mk, which define FUZZ_SECONDS, FUZZ_CFLAGS and the fuzz target.
$(OUT)/fuzz/fuzz_options: test/fuzz/fuzz_options.c user/options.c user/options.h \
		user/exit_codes.h user/version.h shared/limits.h shared/objects.h
	$(call msg,CLANG,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) test/fuzz/fuzz_options.c user/options.c -o $@

# New inputs go to $(OUT)/fuzz/options; the seeds stay as committed. The
# parser's messages are closed off (-close_fd_mask=3); libFuzzer's stay.
.PHONY: fuzz-options
fuzz: fuzz-options
fuzz-options: $(OUT)/fuzz/fuzz_options
	$(Q)mkdir -p $(OUT)/fuzz/options
	$(Q)cd $(OUT)/fuzz && ./fuzz_options -max_total_time=$(FUZZ_SECONDS) -max_len=512 \
		-dict=$(CURDIR)/test/fuzz/options.dict \
		-close_fd_mask=3 options $(CURDIR)/test/fuzz/corpus/options

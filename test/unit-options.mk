# libFuzzer target for the option parser (user/options.c), also run by
# `make fuzz` (or alone: make fuzz-options). Named to sort after test.mk and
# unit-cfi.mk, which define FUZZ_SECONDS, FUZZ_CFLAGS and the fuzz target.
$(OUT)/fuzz/fuzz_options: $(OUT)/fuzz/fuzz_options.o $(OUT)/fuzz/options.o \
		$(OUT)/fuzz/syscall_filter.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# -e trace=SET's parser reads the generated name and class tables.
$(OUT)/fuzz/syscall_filter.o: FUZZ_CFLAGS += -I$(OUT)
$(OUT)/fuzz/syscall_filter.o: $(OUT)/syscall_table.h $(OUT)/syscall_classes.h

# New inputs go to $(OUT)/fuzz/options; the seeds stay as committed. The
# parser's messages are closed off (-close_fd_mask=3); libFuzzer's stay.
.PHONY: fuzz-options
fuzz: fuzz-options
fuzz-options: $(OUT)/fuzz/fuzz_options
	$(Q)mkdir -p $(OUT)/fuzz/options
	$(Q)cd $(OUT)/fuzz && ./fuzz_options -max_total_time=$(FUZZ_SECONDS) -max_len=512 \
		-dict=$(CURDIR)/test/fuzz/options.dict \
		-close_fd_mask=3 options $(CURDIR)/test/fuzz/corpus/options

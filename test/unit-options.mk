# libFuzzer target for the option parser (user/options.c), also run by
# `make fuzz` (or alone: make fuzz-options). Named to sort after test.mk and
# unit-cfi.mk, which define FUZZ_SECONDS, FUZZ_CFLAGS and fuzz_run.
$(OUT)/fuzz/fuzz_options: $(OUT)/fuzz/fuzz_options.o $(OUT)/fuzz/options.o \
		$(OUT)/fuzz/syscall_filter.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# -e trace=SET's parser reads the generated name and class tables.
$(OUT)/fuzz/syscall_filter.o: FUZZ_CFLAGS += -I$(OUT)
$(OUT)/fuzz/syscall_filter.o: $(OUT)/syscall_table.h $(OUT)/syscall_classes.h

# The parser's messages are closed off (-close_fd_mask=3); libFuzzer's stay.
$(eval $(call fuzz_run,options,512,-dict=$(CURDIR)/test/fuzz/options.dict -close_fd_mask=3))

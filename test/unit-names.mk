# libFuzzer target for object names (user/objects.c), also run by `make
# fuzz` (or alone: make fuzz-names). Named to sort after unit-cfi.mk, which
# defines FUZZ_SECONDS, FUZZ_CFLAGS and fuzz_run.
$(OUT)/fuzz/fuzz_names: $(OUT)/fuzz/fuzz_names.o $(OUT)/fuzz/objects.o
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $^ -o $@

# Seeds: names with control characters and bytes that are not UTF-8.
$(eval $(call fuzz_run,names,1100))

# libFuzzer target for the rendering of names from the target
# (user/escape.c), also run by `make fuzz` (or alone: make fuzz-escape).
# Named to sort after unit-cfi.mk, which defines FUZZ_SECONDS, FUZZ_CFLAGS
# and fuzz_run.
$(OUT)/fuzz/fuzz_escape: test/fuzz/fuzz_escape.c user/escape.c user/escape.h
	$(call msg,CLANG,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) test/fuzz/fuzz_escape.c user/escape.c -o $@

$(eval $(call fuzz_run,escape,512))

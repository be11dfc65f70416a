# summary_dump: the summary block of a synthetic model read from stdin
# (test/cases/summary_*.sh), with the report's code as the tool links it,
# without main. Named to sort after test.mk.
$(TEST_OUT)/summary_dump: test/summary_dump.c $(filter-out $(OUT)/user/main.o,$(USER_OBJS)) | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) $^ $(USER_LDLIBS) -o $@

TEST_PROGS += $(TEST_OUT)/summary_dump

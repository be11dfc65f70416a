# parse_dump: the option parser, the -e trace= set parser, the syscall
# name tables, the escapers and object paths as the tool links them,
# without main; the make-check cases (test/cases/parse_*.sh, escape_*.sh,
# syscall_names_*.sh, object_path_*.sh) compare what it prints exactly.
# Named to sort after test.mk.
PARSE_DUMP_OBJS := $(addprefix $(OUT)/user/,options.o syscall_filter.o syscalls.o escape.o objects.o)

$(TEST_OUT)/parse_dump: test/parse_dump.c $(PARSE_DUMP_OBJS) | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) $^ -o $@

TEST_PROGS += $(TEST_OUT)/parse_dump

# A failed map insert's reason and warning text (test/insert_loss_unit.c),
# run by test/cases/insert_loss_named.sh as any user: the report's code as
# the tool links it, without main.
$(TEST_OUT)/insert_loss_unit: test/insert_loss_unit.c $(filter-out $(OUT)/user/main.o,$(USER_OBJS)) | $(TEST_OUT)
	$(call msg,CC,$@)
	$(Q)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) $^ $(USER_LDLIBS) -o $@

TEST_PROGS += $(TEST_OUT)/insert_loss_unit

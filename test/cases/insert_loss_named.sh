#!/usr/bin/env bash
# Every map insert that fails is counted for the kernel's reason, each with
# a warning of its own (issue 20: "count map full" with the map far from
# full): E2BIG is full, ENOMEM no memory at hand, EBUSY/EDEADLK/ETIMEDOUT a
# busy bucket lock, anything else a failure (test/insert_loss_unit.c).
# limits_max_counts.sh makes the full map happen on the real kernel.
RUNS_AS_ANY_USER=1 source "$TLIB"
[ -x "$TPROG/insert_loss_unit" ] || fail "$TPROG/insert_loss_unit missing: make check builds it"
"$TPROG/insert_loss_unit" || fail "insert_loss_unit reported failures"

# The values at the ends of every numeric option's range are accepted, and
# a run with them works (bad_input_out_of_range.sh: one step outside fails).
. "$TLIB"
"$SYSO" -q --sample 1000000 --max-objects 5 --max-mirrors 1 --max-counts 1 /usr/bin/true
expect_status 0 $? "minimum/maximum values"
# (not --max-objects 1048576: its path array alone would take 1 GiB)
"$SYSO" -q --max-mirrors 1048576 --max-counts 16777216 /usr/bin/true
expect_status 0 $? "maximum capacities"

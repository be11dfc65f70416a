# After 100 000 short-lived processes, the maps hold nothing for the dead:
# no mirror, no traced-task bit, no pending entry; every call counted.
. "$TLIB"
fork_many_exact 100000 1

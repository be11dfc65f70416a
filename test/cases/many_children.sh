# 1000 children that each make 3 getpid and exit at once: none lost, every
# call on the executable, nothing left in the maps.
. "$TLIB"
fork_many_exact 1000 3

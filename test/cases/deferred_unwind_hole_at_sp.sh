# The chunk at sp could not be read (a page not faulted in): the frame's
# CFA (rsp + 520) lies in the next chunk, which was copied, and the return
# address there (0x77 in the executable) is found (seed-hole-at-sp).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind hole-at-sp walk_cfi - - 6 0x77

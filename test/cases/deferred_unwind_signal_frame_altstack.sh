# A signal frame on the alternate stack: the interrupted rsp and pc come
# from the saved context (rsp + 160, + 168), the walk continues on the
# interrupted stack (segment 1) to the executable's 0x99
# (seed-sigframe-altstack).
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_unwind sigframe-altstack walk_cfi - - 6 0x99

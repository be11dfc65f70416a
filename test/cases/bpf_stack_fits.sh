#!/usr/bin/env bash
# Every BPF program's deepest call chain (subprograms and callbacks, each
# frame rounded to 32 bytes, as Linux 6.1's and 6.12's verifiers sum them)
# fits in 512 bytes. The host's newer kernel gives each frame a private
# stack and accepts more, so loading here proves nothing: this checks the
# object itself (test/bpf_stack_chains.py), and `make test-kernels` loads
# it on 6.1 and 6.12 for real.
RUNS_AS_ANY_USER=1 source "$TLIB"
obj=$TPROG/../syso_kagg.bpf.o
[ -f "$obj" ] || fail "$obj missing: make builds it"
python3 "$TOP/test/bpf_stack_chains.py" "$obj" 512 > chains 2> err ||
	fail "$(cat chains err)"
# The checker must see the chains that matter, or it checks nothing: the
# walk's steps, their exact lookups, and interning with its path walk.
for f in cfi_step walk_loop_step chain_walk chain_step chain_loop_step mirror_resolve_known resolve_known_cb obj_intern_new path_step; do
	grep -q "^sys_enter reaches: .*\b$f\b" chains || fail "sys_enter does not reach $f: $(cat chains)"
done
grep -q '^sys_enter: [0-9]* bytes' chains || fail "no sys_enter: $(cat chains)"

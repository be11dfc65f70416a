# A syscall made with sp on a page never touched (a frame made by sub rsp,
# its syscall made before anything was written there): the kernel has not
# faulted that page in, and BPF cannot read it, but the frames above are
# the stack. Neither the copy of a deferred walk nor the stack scan may
# give up there ("stack unreadable", counted for the library): each call
# is the executable's. libhole.so is a --skip-lib named by its file name,
# so its table is built when the kernel meets it and its first calls are
# deferred; hole_getppid has CFI (the copy is unwound with it),
# hole_getppid_no_cfi has none (its caller is found by the scan, in the
# kernel and over the copy). Exact: 200 getppid for the executable, none
# for the library, no stack unreadable.
. "$TLIB"
pin_tool=() pin_target=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
	pin_tool=(taskset -c 0) pin_target=(taskset -c 1)	# deferred while the table is built
fi
prog=$TPROG/stack_hole lib=$TPROG/libhole.so
for sym in hole_getppid hole_getppid_no_cfi; do
	f=$sym.full.json
	"${pin_tool[@]}" "$SYSO" -q --skip-lib libhole.so --format full -o $f \
		"${pin_target[@]}" "$prog" 200 "$lib" $sym || fail "$sym: exit $? (3: the page below was resident)"
	[ "$(object_counts $f "$prog" | grep "^$NR_getppid ")" = "$NR_getppid 200" ] ||
		fail "$sym: the executable's calls: $(object_counts $f "$prog" | tr '\n' ' ')"
	[ -z "$(object_counts $f "$lib")" ] || fail "$sym: counted for the library: $(object_counts $f "$lib")"
	[ "$(stat $f walk_stack_unreadable)" = 0 ] || fail "$sym: walk_stack_unreadable $(stat $f walk_stack_unreadable)"
	[ "$(stat $f walk_defer_cut)" = 0 ] || fail "$sym: walk_defer_cut $(stat $f walk_defer_cut)"
	expect_outcomes_add_up $f
	echo "$sym: 200 calls for the executable ($(stat $f walk_deferred) deferred)"
done
[ "$(stat hole_getppid.full.json walk_scan)" = 0 ] ||
	fail "hole_getppid: its CFI was not used: walk_scan $(stat hole_getppid.full.json walk_scan)"
# each of the 200 calls, and nothing else, found by the scan for want of a row
f=hole_getppid_no_cfi.full.json
[ "$(stat $f walk_cfi_no_row) $(stat $f walk_scan)" = "200 200" ] ||
	fail "hole_getppid_no_cfi: walk_cfi_no_row $(stat $f walk_cfi_no_row), walk_scan $(stat $f walk_scan), expected 200 200"

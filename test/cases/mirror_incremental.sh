# The mirror is filled lazily and trimmed by each mapping call: code added,
# a range split and merged back, replaced by a file mapping, moved with
# mremap onto mirrored code, unmapped and remapped, and replaced by another
# thread. Any stale range would send calls to the wrong object. Needs root
# (BPF).
. "$TLIB"
prog=$TPROG/mirror_changes
# A lookup the kernel refused (bpf_find_vma found the mmap lock held for
# writing, through the 20 us wait) is a loss the tool counts and warns
# about, not a stale range: seen on 6.12 under TCG, one and later all of
# [anon]'s 3 geteuid calls (a writer outside the program: it is
# single-threaded there). Past start-up only new code's pcs are looked up
# (the executable and libc are mirrored by then), and a refused pc is one
# unattributed call. Such a run must account for exactly what it lost and
# warn, and is run again; the counts below are checked on a run with no
# refusal.
for try in 1 2 3; do
	"$SYSO" -q --format full -o full.json "$prog" 2>run.err || fail "exited $?: $(cat run.err)"
	busy=$(stat full.json mirror_lookup_busy)
	[ "$busy" = 0 ] && break
	[ "$(stat full.json unattributed)" = "$busy" ] ||
		fail "$busy lookups refused, $(stat full.json unattributed) calls unattributed"
	grep -q "warning: $busy .*(mirror_lookup_busy)" run.err ||
		fail "$busy refused lookups without a warning: $(cat run.err)"
	echo "note: run $try: $busy lookups refused by a held mmap lock (counted and warned): run again" >&2
done
to_seed full.json > out.json
# on a failure, where a lost call went
trap 'jq -c ".stats | {unattributed, mirror_lookup_busy, mirror_lookup_waits, mirror_races, mirror_miss, walk_scan}" full.json >&2' EXIT
code=$PWD/mirror_changes.code
expect_count out.json "[anon]" $NR_getpid 16
expect_count out.json "[anon]" $NR_getppid 7
expect_count out.json "[anon]" $NR_geteuid 3
expect_count out.json "$code" $NR_getuid 10
expect_count out.json "$code" $NR_getgid 10
expect_no_object out.json "[unattributed]"
expect_clean_maps full.json
# a pc inserted lazily, mapping changes applied, none lost or refused
for s in mirror_clears mirror_busy mirror_ranges_full mirrors_full; do
	[ "$(stat full.json $s)" = 0 ] || fail "$s = $(stat full.json $s)"
done

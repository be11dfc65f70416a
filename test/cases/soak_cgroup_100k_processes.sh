# long: 100 000 processes (minutes); the fold under ASan is fold_exited_time_hist's
# (the NO_AVX512 and ASan passes run fold_exited_time_hist and
# many_children instead; the RSS bound is not checked under ASan anyway).
# Bounded for days: a --cgroup --per-process run churns through 100 000
# short processes (fork_many, 1 getpid each). Exited processes are folded
# into pid 0 "[exited]" once a second, so the counts and procs maps hold
# only live processes: no count is lost (counts_full, procs_full 0), the
# sums stay exact, the maps end empty of the dead, and syso-kagg's RSS and
# the maps' entries, sampled all along, stay bounded (soak.txt has them).
. "$TLIB"
n=${SOAK_PROCESSES:-100000}
make_test_cgroup soak
prog=$TPROG/fork_many
"$SYSO" -q --cgroup "$CG" --per-process --interval 1 --format full -o live.json 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; cleanup_cgroup "$CG"' EXIT
poll_until 10 test -e live.json || fail "no live JSON"
sample() {	# seconds rss_kib counts_entries procs_entries
	while kill -0 $tool 2>/dev/null; do
		echo "$SECONDS $(awk '/^VmRSS/ { print $2 }' /proc/$tool/status 2>/dev/null)" \
			"$(jq -r '"\(.maps.counts.entries) \(.maps.procs.entries)"' live.json 2>/dev/null)"
		sleep 0.5
	done >> soak.txt
}
sample &
sampler=$!
start=$SECONDS
(in_cgroup "$CG" "$prog" "$n" 1) || fail "fork_many failed"
secs=$((SECONDS - start))
# every process has exited: wait for the fold to have forgotten them all
folded() { [ "$(jq -r .maps.procs.entries live.json)" = 0 ]; }
poll_until 20 folded || fail "exited processes left in procs: $(jq -c .maps live.json)"
kill -INT $tool; wait $tool; expect_status 0 $? "soak run stopped"
wait $sampler
# summed over the rows (all pid 0 once folded, checked below)
object_counts live.json "$prog" > got.txt
grep -qx "$NR_getpid $n" got.txt || fail "getpid: $(grep "^$NR_getpid " got.txt), expected $n; counts_full $(stat live.json counts_full), counts_unsplit $(stat live.json counts_unsplit)"
grep -qx "$NR_clone $n" got.txt || fail "clone: $(grep "^$NR_clone " got.txt), expected $n"
for s in counts_full procs_full tasks_lost mirrors_full objects_full; do
	[ "$(stat live.json $s)" = 0 ] || fail "$s: $(stat live.json $s)"
done
[ "$(stat live.json tasks_followed)" = $((n + 1)) ] || fail "tasks_followed $(stat live.json tasks_followed)"
[ "$(jq -r '[.objects[] | select(.pid != 0)] | length' live.json)" = 0 ] ||
	fail "processes not folded: $(jq -c '[.objects[] | select(.pid != 0) | .pid]' live.json)"
[ "$(jq -r '[.objects[].comm] | unique | join(",")' live.json)" = "[exited]" ] || fail "folded rows not named [exited]"
expect_clean_maps live.json
# bounded: peaks of the maps below their capacity, RSS within 32 MiB of
# its first sample (the -o JSON and results are rebuilt every second)
read -r peak_counts peak_procs < <(awk '{ if ($3 > c) c = $3; if ($4 > p) p = $4 } END { print c + 0, p + 0 }' soak.txt)
read -r rss0 rss_max < <(awk '$2 { if (!f) f = $2; if ($2 > m) m = $2 } END { print f + 0, m + 0 }' soak.txt)
echo "soak: $n processes in ${secs}s; peak map entries: counts $peak_counts, procs $peak_procs;" \
	"syso-kagg RSS ${rss0} -> max ${rss_max} KiB; counts entries at the end $(jq .maps.counts.entries live.json);" \
	"calls counted under pid 0 at allocation failures: $(stat live.json counts_unsplit)"
[ "$peak_counts" -lt 65536 ] && [ "$peak_procs" -lt 65536 ] || fail "maps near full: $peak_counts $peak_procs"
# (not under ASan, whose shadow memory and quarantine are not the tool's)
grep -q __asan_init "$SYSO" ||
	[ "$rss_max" -le $((rss0 + 32768)) ] || fail "RSS grew from $rss0 to $rss_max KiB"
exit 0

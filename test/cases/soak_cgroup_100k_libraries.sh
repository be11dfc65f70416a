# long: 100 000 dlopen + dlclose take about 70 s on a 2-core machine, more under ASan or qemu
# Runs that last, at the scale of issue 20: a --cgroup run with
# --max-objects 64 (60 file ids) while dlopen_churn, in the cgroup,
# dlopens, calls once and dlcloses 100 000 distinct memfd copies of
# libknown.so, then waits on a gate; libfinal.so then makes 77 getppid.
# The tool's descriptors and RSS, sampled all along, stay bounded (ids
# and descriptors are given back, the records of reclaimed files past
# 4096 merge by name); none of the memfds is held at the gate; every
# churned call is counted (under its memfd, or as [unattributed: map
# full] while the churn outran the reclaim passes: objects_full); the last
# library's calls are exact. soak.txt has the samples.
. "$TLIB"
n=${SOAK_LIBRARIES:-100000}
make_test_cgroup soaklib
mkfifo gate ready
cp "$TPROG/libknown.so" libfinal.so
"$SYSO" -q --cgroup "$CG" --max-objects 64 --interval 1 --format full -o live.json 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; timeout 5 sh -c "echo x > gate" 2>/dev/null; cleanup_cgroup "$CG"' EXIT
poll_until 10 test -e live.json || fail "no live JSON"
sample() {	# seconds descriptors rss_kib
	while kill -0 $tool 2>/dev/null; do
		echo "$SECONDS $(ls /proc/$tool/fd 2>/dev/null | wc -l)" \
			"$(awk '/^VmRSS/ { print $2 }' /proc/$tool/status 2>/dev/null)"
		sleep 1
	done >> soak.txt
}
sample &
sampler=$!
start=$SECONDS
(in_cgroup "$CG" "$TPROG/dlopen_churn" "$TPROG/libknown.so" "$n" gate "$PWD/libfinal.so" 77 \
	> ready) &
churner=$!
read -r line < ready
[ "$line" = churned ] || fail "dlopen_churn did not churn: '$line'"
secs=$((SECONDS - start))
held() { find /proc/$tool/fd -lname "/memfd:churn*" 2>/dev/null | wc -l; }
none_held() { [ "$(held)" = 0 ]; }
poll_until 30 none_held || fail "churned memfds still held: $(held)"
echo x > gate
wait $churner || fail "dlopen_churn failed"
# the live JSON is rewritten every second: the last calls are in it once
# the run has ended
kill -INT $tool; wait $tool; expect_status 0 $? "soak run stopped"
wait $sampler
to_seed live.json > out.json
expect_count out.json "$PWD/libfinal.so" $NR_getppid 78
churned=$(jq --arg n $NR_getppid '[to_entries[] | select(.key | startswith("/memfd:churn (deleted)")) |
	.value[$n] // 0] | add' out.json)
full=$(count out.json "[unattributed: map full]" $NR_getppid)
[ $((churned + full)) = "$n" ] ||
	fail "churned getppid: $churned under their memfds + $full map full, expected $n"
read -r fds_max < <(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' soak.txt)
read -r rss0 rss_max < <(awk '$3 { if (!f) f = $3; if ($3 > m) m = $3 } END { print f + 0, m + 0 }' soak.txt)
echo "soak: $n libraries in ${secs}s; syso-kagg descriptors max $fds_max, RSS $rss0 -> max $rss_max KiB;" \
	"objects_full $(stat live.json objects_full), ids reclaimed $(jq .maps_at_exit.objects_reclaimed live.json)," \
	"$(jq '.objects | length' live.json) objects reported"
[ "$fds_max" -le 160 ] || fail "up to $fds_max descriptors open"
# (not under ASan, whose shadow memory and quarantine are not the tool's)
grep -q __asan_init "$SYSO" ||
	[ "$rss_max" -le $((rss0 + 32768)) ] || fail "RSS grew from $rss0 to $rss_max KiB"
expect_clean_maps live.json
exit 0

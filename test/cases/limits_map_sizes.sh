# The capacity knobs size the kernel maps: while a run is active, bpftool
# shows this instance's maps (found by the map ids in the tool's fdinfo)
# with the defaults, and with exactly the max_entries given by
# --max-objects/--max-mirrors/--max-counts. doc/resources.md has the bytes.
# The count map is preallocated (flags 0) when --max-counts x (112 + 40 x
# possible CPUs) bytes fit in 32 MiB (user/tracer.c), else on demand
# (flags 1, BPF_F_NO_PREALLOC).
. "$TLIB"
command -v bpftool >/dev/null || skip "bpftool not installed"
tool= target=
trap '[ -n "$tool" ] && kill -9 $tool 2>/dev/null; [ -n "$target" ] && kill -9 $target 2>/dev/null' EXIT

# sizes ARGS...: "name=max_entries" of the tool's maps while the target waits
sizes() {
	"$SYSO" -q "$@" "$TPROG/exit_with" pause &
	tool=$!
	local i
	target=
	for i in $(seq 100); do
		target=$(pgrep -P $tool -x exit_with) && [ "$(awk '{print $3}' /proc/$target/stat)" = S ] && break
		target=; sleep 0.1
	done
	[ -n "$target" ] || fail "target did not start"
	for id in $(grep -h '^map_id:' /proc/$tool/fdinfo/* | awk '{print $2}' | sort -un); do
		bpftool -j map show id "$id" | jq -r '"\(.name)=\(.max_entries)", "\(.name):flags=\(.flags)"'
	done | sort > sizes.txt
	kill -INT $tool; wait $tool; tool=
	kill -9 "$target"; target=
}
want() { # name=max_entries
	grep -qx "$1" sizes.txt || fail "expected map $1, bpftool shows: $(grep "^${1%%=*}=" sizes.txt)"
}

# possible CPUs, from "0-1,4-7"-style ranges
cpus=$(tr ',' '\n' < /sys/devices/system/cpu/possible | awk -F- '{ n += ($2 == "" ? 1 : $2 - $1 + 1) } END { print n }')
counts_flags() { # MAX_COUNTS: the flags the count map should have
	[ $(( $1 * (112 + 40 * cpus) )) -le $(( 32 << 20 )) ] && echo 0 || echo 1
}

sizes
want obj_ids=4096; want obj_infos=4096; want mirrors=8192; want counts=65536
want "counts:flags=$(counts_flags 65536)"

# --max-counts past the budget on any machine: on demand
sizes --max-objects 64 --max-mirrors 16 --max-counts 1048576
want obj_ids=64; want obj_infos=64; want mirrors=16; want counts=1048576
want "counts:flags=$(counts_flags 1048576)"
# the fixed ones do not move
want pending_pids=64; want skip_names=64; want cfi_ids=64; want cfi_tables=64
want cfi_rows=262144; want cfi_buckets=262144; want mirror_scratch=1

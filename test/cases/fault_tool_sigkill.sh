# The tool itself killed with SIGKILL: the target keeps running normally
# (it finishes its work when told to, with the right output), and the
# kernel drops this instance's BPF programs and links: they are held only by
# the tool's file descriptors. Programs are identified by the ids in the
# tool's own fdinfo, since other instances may be running at the same time.
. "$TLIB"
command -v bpftool >/dev/null || skip "bpftool not installed"
tool= target=
trap '[ -n "$tool" ] && kill -9 $tool 2>/dev/null; [ -n "$target" ] && kill -9 $target 2>/dev/null' EXIT
mkfifo go
# The target blocks on the fifo, then writes a file and exits.
"$SYSO" -q /bin/sh -c 'read line < go; echo "got $line" > done.txt' &
tool=$!
for i in $(seq 100); do
	target=$(pgrep -P $tool -x sh) && [ "$(readlink /proc/$target/exe)" = "$(readlink -f /bin/sh)" ] &&
		grep -q "wait_for_partner\|pipe\|fifo" "/proc/$target/wchan" 2>/dev/null && break
	target=
	sleep 0.1
done
[ -n "$target" ] || fail "target did not block on the fifo"

our_ids() { # prog|link: ids of this kind held by the tool's fds
	grep -h "^$1_id:" /proc/$tool/fdinfo/* 2>/dev/null | awk '{print $2}' | sort -un
}
progs=$(our_ids prog) links=$(our_ids link)
names=$(for id in $progs; do bpftool -j prog show id "$id" | jq -r .name; done | sort | tr '\n' ' ')
[ "$names" = "attach_task count_deferred exit_mmap sched_process_exec sched_process_exit sched_process_fork sys_enter " ] ||
	fail "unexpected programs held by the tool: '$names'"
[ "$(echo "$links" | wc -w)" = 5 ] || fail "expected 5 links held by the tool, got: $links"
for id in $links; do
	bpftool -j link show id "$id" | jq -e '.type == "raw_tracepoint" or .type == "tracing"' >/dev/null ||
		fail "link $id is not attached: $(bpftool link show id "$id")"
done

kill -KILL $tool
wait $tool 2>/dev/null; tool=
# The target is alive and untouched by the tool's death ...
kill -0 "$target" 2>/dev/null || fail "the target died with the tool"
# ... and the kernel has let go of our programs and links (freed after an
# RCU grace period, so wait for it, boundedly).
gone() { ! bpftool -j "$1" show id "$2" >/dev/null 2>&1; }
for i in $(seq 100); do
	left=
	for id in $progs; do gone prog "$id" || left="$left prog:$id"; done
	for id in $links; do gone link "$id" || left="$left link:$id"; done
	[ -z "$left" ] && break
	sleep 0.1
done
[ -z "$left" ] || fail "still in the kernel after the tool died:$left"
for id in $progs; do
	bpftool -j prog list | jq -e --argjson id "$id" 'all(.[]; .id != $id)' >/dev/null ||
		fail "prog $id still listed by bpftool prog list"
done
for id in $links; do
	bpftool -j link list | jq -e --argjson id "$id" 'all(.[]; .id != $id)' >/dev/null ||
		fail "link $id still listed by bpftool link list"
done

# The target goes on normally: it reads, writes its file and exits.
echo hello > go
for i in $(seq 100); do kill -0 "$target" 2>/dev/null || break; sleep 0.1; done
kill -0 "$target" 2>/dev/null && fail "the target did not finish after the tool died"
target=
[ "$(cat done.txt 2>/dev/null)" = "got hello" ] || fail "the target's output is wrong: $(cat done.txt 2>&1)"

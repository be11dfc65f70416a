# serial: it raises the machine's kernel.pid_max and moves its next pid
# Raising kernel.pid_max during a run loses no task: the BPF side's task
# bits cover every pid Linux allows (PID_MAX_LIMIT, 2^22), not the pid_max
# of the start. While the traced program waits on a FIFO, pid_max goes up
# to 2^22 and the next pid (ns_last_pid) is put just below it; the child
# the program then forks has a pid above the old pid_max, its calls are
# counted exactly, tasks_lost stays 0 and the run ends by itself.
# pid_max is global to the initial pid namespace, whose pids the BPF side
# indexes by (a child namespace's own pid_max would not move them), so the
# case changes the host's and restores it at exit, also on failure; the
# runner never runs it next to another case (see doc/hacking.md).
. "$TLIB"
limit=$((1 << 22))	# PID_MAX_LIMIT on 64-bit
sysctl_dir=/proc/sys/kernel
# one pid in NSpid: this shell's pid namespace is the initial one
[ "$(awk '$1 == "NSpid:" { print NF }' /proc/self/status)" = 2 ] ||
	skip "not in the initial pid namespace: the pids BPF sees are another namespace's"
[ -w $sysctl_dir/ns_last_pid ] || skip "no $sysctl_dir/ns_last_pid (CONFIG_CHECKPOINT_RESTORE)"
saved=$(cat $sysctl_dir/pid_max)
# The pid_max of the start: the machine's, or, where it is at the limit
# already (systemd sets 2^22), one lowered above every pid in use.
old=$saved
if [ "$saved" -ge $((limit - 4096)) ]; then
	top=$(ls /proc/[0-9]*/task | grep -E '^[0-9]+$' | sort -n | tail -1)
	old=$(( top + 4096 > 32768 ? top + 4096 : 32768 ))
	[ "$old" -lt $((limit - 4096)) ] || skip "pids up to $top are in use: no room to raise pid_max"
fi
mkfifo gate
syso=
restore() {
	echo "$saved" > $sysctl_dir/pid_max
	[ -z "$syso" ] || kill -9 "$syso" 2>/dev/null
	[ -p gate ] && timeout 5 sh -c 'echo x > gate' 2>/dev/null
}
trap restore EXIT
trap 'exit 1' INT TERM HUP
echo "$old" > $sysctl_dir/pid_max || fail "cannot set pid_max to $old"

prog=$TPROG/gate_fork
n=777
"$SYSO" -q --format full -o full.json "$prog" gate $n child.pid &
syso=$!
# the target blocks opening the FIFO once it is exec'd, i.e. once the BPF
# side is loaded with the task bits sized: only then pid_max is raised
for i in $(seq 300); do
	target=$(pgrep -P "$syso") && [ "$(readlink /proc/"$target"/exe)" = "$prog" ] && break
	sleep 0.1
done
[ "$(readlink /proc/"$target"/exe 2>/dev/null)" = "$prog" ] || fail "target never started"
wait_in_syscall "$target" $NR_openat
echo $limit > $sysctl_dir/pid_max || fail "cannot raise pid_max to $limit"
# room for 999 pids that other processes may take before the child forks
echo $((limit - 1000)) > $sysctl_dir/ns_last_pid || fail "cannot write ns_last_pid"
timeout 10 sh -c 'echo x > gate' || fail "the target never opened its gate"
rm gate
wait_bounded "$syso"
expect_status 0 "$status" "syso-kagg"
echo "$saved" > $sysctl_dir/pid_max

child=$(cat child.pid)
[ "$child" -gt "$old" ] ||
	fail "the child got pid $child, not above the old pid_max $old (pids wrapped: the machine forked 999 times in between)"
to_seed full.json > out.json
printf '%s\n' "$NR_openat 2" "$NR_read 1" "$NR_clone 1" "$NR_wait4 1" "$NR_write 1" \
	"$NR_close 1" "$NR_exit_group 2" "$NR_set_robust_list 1" "$NR_getpid $n" | sort -n > want.txt
jq -r --arg o "$prog" '.[$o] // {} | to_entries[] | "\(.key) \(.value)"' out.json | sort -n > got.txt
diff -u want.txt got.txt || fail "counts of $prog (child pid $child) differ (- expected, + counted)"
[ "$(stat full.json tasks_lost)" = 0 ] || fail "tasks_lost $(stat full.json tasks_lost) (child pid $child)"
[ "$(stat full.json tasks_followed)" = 2 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_exited)" = 2 ] || fail "tasks_exited $(stat full.json tasks_exited)"
expect_clean_maps full.json

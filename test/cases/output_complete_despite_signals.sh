# A signal that arrives while the report is written does not cut it short:
# SIGINT, SIGTERM and SIGHUP stay blocked until the -o file is in place,
# then syso-kagg exits 128+N (or 128+N of the signal that had already
# stopped the run). Made deterministic by a full stderr pipe (4 KiB, not
# read): the tool is seen blocked writing its 11 KiB table, the signal is
# sent, then the pipe is drained. Also for -o FIFO (written directly).
# Root: loads BPF.
. "$TLIB"
PY=/usr/bin/python3
[ -x $PY ] || skip "python3 missing"
cat > drive.py <<'PYEOF'
import fcntl, json, os, signal, subprocess, sys, time
F_SETPIPE_SZ = 1031
mode, late, argv = sys.argv[1], getattr(signal, sys.argv[2]), sys.argv[3:]
fifo = mode == "fifo"

def blocked_writing(pid, fd):
	# /proc/PID/syscall: "1 0xFD ..." while the tool sleeps in write(2)
	try:
		with open(f"/proc/{pid}/syscall") as f:
			fields = f.read().split()
	except OSError:
		return False
	return len(fields) > 1 and fields[0] == "1" and int(fields[1], 16) == fd

def child_comm(pid):
	# the tool's only child: sh, which becomes exit_with by exec
	try:
		with open(f"/proc/{pid}/task/{pid}/children") as f:
			kids = f.read().split()
		with open(f"/proc/{kids[0]}/comm") as f:
			return f.read().strip()
	except (OSError, IndexError):
		return None

def wait_for(what, cond):
	for _ in range(1000):
		if cond():
			return
		time.sleep(0.02)
	sys.exit(f"timed out waiting for {what}")

p = subprocess.Popen(argv, stderr=None if fifo else subprocess.PIPE)
if fifo:
	src = os.open("out.fifo", os.O_RDONLY)	# the tool opened it before the run
else:
	src = p.stderr.fileno()
fcntl.fcntl(src, F_SETPIPE_SZ, 4096)
if mode == "stopped":
	# the target's last program runs: stop the run with SIGINT first
	wait_for("the target to pause", lambda: child_comm(p.pid) == "exit_with")
	p.send_signal(signal.SIGINT)
# fd: the tool's descriptor for what it writes last
fd = 2
if fifo:
	wait_for("the FIFO's fd", lambda: any(os.path.realpath(f"/proc/{p.pid}/fd/{d}").endswith("out.fifo")
					     for d in os.listdir(f"/proc/{p.pid}/fd")))
	fd = next(int(d) for d in os.listdir(f"/proc/{p.pid}/fd")
		  if os.path.realpath(f"/proc/{p.pid}/fd/{d}").endswith("out.fifo"))
wait_for("the tool blocked in write", lambda: blocked_writing(p.pid, fd))
p.send_signal(late)
if mode == "stopped":
	with open("target.pid", "w") as f:
		f.write(open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()[0])
data = b""
while True:
	chunk = os.read(src, 65536)
	if not chunk:
		break
	data += chunk
rc = p.wait()
with open("drained.txt", "wb") as f:
	f.write(data)
print(rc)
PYEOF
prog=$TPROG/fork50
# 1. the target ends normally, the signals come during the table
rc=$($PY drive.py done SIGTERM "$SYSO" --per-process -o out.json "$prog") || fail "driver failed"
expect_status 143 "$rc" "SIGTERM during the report"
[ "$(count out.json "$prog" $NR_getpid)" = 5000 ] || fail "out.json incomplete: $(head -c 200 out.json)"
grep -q "^total: $(jq '[.[][]] | add' out.json) calls in 52 objects" drained.txt ||
	fail "table incomplete: $(tail -3 drained.txt)"
ls -A | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A)"
# 2. SIGINT stopped the run; SIGTERM during the report: 130 stands
rm -f out.json
rc=$($PY drive.py stopped SIGTERM "$SYSO" --per-process -o out.json sh -c "$prog && exec $TPROG/exit_with pause >/dev/null 2>&1") ||
	fail "driver failed"
kill -9 "$(cat target.pid)" || fail "the target did not outlive the tool"
expect_status 130 "$rc" "SIGINT, then SIGTERM during the report"
grep -q '^total: ' drained.txt || fail "table incomplete: $(tail -3 drained.txt)"
[ "$(count out.json "$prog" $NR_getpid)" = 5000 ] || fail "out.json incomplete: $(head -c 200 out.json)"
ls -A | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A)"
# 3. -o FIFO: the signals come while the JSON (> 4 KiB) is written to it
mkfifo out.fifo
rc=$($PY drive.py fifo SIGHUP "$SYSO" -q --per-process --format full -o out.fifo "$prog") || fail "driver failed"
expect_status 129 "$rc" "SIGHUP while writing the FIFO"
[ "$(jq '[.objects[].syscalls[] | select(.nr == 39) | .calls] | add' drained.txt)" = 5000 ] ||
	fail "FIFO output incomplete: $(tail -c 200 drained.txt)"
exit 0

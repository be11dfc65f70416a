# --listen cannot be held (issue 20). Slow clients (the request line,
# then a header line a second, never complete): 8 from one address (the
# old listener's total) keep only their last 4 connections
# (HTTP_MAX_PER_CLIENT), and a scrape from that same address answers within
# a second in the place of the oldest; 64 from 16 more addresses fill the
# total (HTTP_MAX_CONNECTIONS) and a scrape from another address still
# answers within a second; every one of them is closed at its deadline
# (HTTP_DEADLINE_S, 5 s) although it keeps sending. At the end of the run,
# 12 idle connections held and scrapes going on, the -o file is written
# before any client is let go, and the tool exits within a second of
# writing it (main's binary: no answer in 3 s; -o 9 s late).
# Loopback only: 127.0.0.0/8 is all local, so clients have addresses of
# their own. About 10 s.
. "$TLIB"
port=$(free_port)
prog=$TPROG/gate
mkfifo gate
"$SYSO" --listen "127.0.0.1:$port" -o out.json "$prog" gate 1000 2> tool.err &
tool=$!
on_fail_release $tool gate
wait_for tool.err "serving http://127.0.0.1:$port/metrics"
/usr/bin/python3 - "$port" gate out.json $tool <<'EOF' || fail "the listener was held (figures above)"
import os, select, socket, sys, threading, time

port, gate, out, tool = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
BOUND = 1.0		# the issue's "within a second"
TOTAL, PER_CLIENT, DEADLINE = 64, 4, 5	# user/http_export.h
failed = []

def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failed.append(what)

def connect(src):
    s = socket.create_connection(("127.0.0.1", port), timeout=3, source_address=(src, 0))
    s.setblocking(False)
    return s

def closed(s):
    """True once the server has closed (or reset) s; reads what it sent."""
    try:
        while True:
            if not s.recv(4096):
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True

def send(s, data):
    try:
        s.send(data)
    except OSError:
        pass

def held(socks):
    """How many of socks the tool has accepted: its socket (an inode among
    its descriptors) whose peer is the client's address in /proc/net/tcp
    (one still in the listen backlog has no such inode)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{tool}/fd"):
        try:
            link = os.readlink(f"/proc/{tool}/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    peers = set()
    with open("/proc/net/tcp") as f:
        for line in list(f)[1:]:
            field = line.split()
            if field[9] in inodes:
                peers.add(field[2])
    def hexaddr(s):
        ip, p = s.getsockname()
        return "%08X:%04X" % (int.from_bytes(socket.inet_aton(ip), "little"), p)
    return sum(hexaddr(s) in peers for s in socks)

def scrape(src):
    """(seconds, status line, body) of GET /metrics from address src."""
    t0, data = time.monotonic(), b""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3, source_address=(src, 0))
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        while chunk := s.recv(65536):
            data += chunk
        s.close()
    except OSError as e:
        data += f"[{e!r}]".encode()
    head, _, body = data.partition(b"\r\n\r\n")
    return time.monotonic() - t0, head.split(b"\r\n")[0].decode(errors="replace"), body

def answers(src, what):
    secs, status, body = scrape(src)
    print(f"scrape from {src} {what}: {secs:.3f} s, {status!r}, {len(body)} bytes")
    check(secs <= BOUND and status.endswith(" 200 OK") and body.rstrip(b"\n").endswith(b"# EOF"),
          f"a scrape from {src} {what} answers within {BOUND} s")
    return body

def closed_by_tool(body, deadline, room):
    want = [f'syso_kagg_http_connections_closed_total{{reason="{r}"}} {n}'.encode()
            for r, n in (("deadline", deadline), ("room", room))]
    got = [l for l in body.split(b"\n") if l.startswith(b"syso_kagg_http_connections_closed_total")]
    check(got == want, f"/metrics: {deadline} closed at their deadline, {room} to make room: {got}")

def settled(cond):
    """cond() once the tool has taken the connections in (a hang guard of
    3 s: it is their final state that is checked, not how fast)"""
    t0 = time.monotonic()
    while not cond() and time.monotonic() - t0 < 3:
        time.sleep(0.05)
    return cond()

def slow_clients(srcs):
    socks = [connect(src) for src in srcs]
    for s in socks:
        send(s, b"GET /metrics HTTP/1.1\r\n")
    return socks

# one address: 8 slow clients (the old listener's total); each beyond its
# share of 4 takes the place of the oldest, as does a scrape of the same address
same = slow_clients(["127.0.0.1"] * 8)
check(settled(lambda: held(same[PER_CLIENT:]) == PER_CLIENT and all(closed(s) for s in same[:PER_CLIENT])),
      f"one address keeps its last {PER_CLIENT} connections: {held(same)} held, the first closed")
answers("127.0.0.1", f"with {PER_CLIENT} slow clients of the same address")
check(closed(same[PER_CLIENT]) and held(same[PER_CLIENT + 1:]) == PER_CLIENT - 1,
      "the scrape took the place of the oldest slow client of its address")

# the total: 4 slow clients from each of 16 more addresses fill it (the 3
# left of the first address make room); a scrape of another address still
# answers, in the place of the oldest
t_open = time.monotonic()
spread = slow_clients([f"127.0.1.{a}" for a in range(1, 17) for _ in range(PER_CLIENT)])
check(settled(lambda: held(spread) == TOTAL and held(same) == 0),
      f"{TOTAL} slow clients of 16 addresses held ({held(spread)}), older ones closed ({held(same)} left)")
body = answers("127.0.0.2", f"with {TOTAL} slow clients held")
check(closed(spread[0]) and held(spread[1:]) == TOTAL - 1, "the scrape took the place of the oldest")
# made room: 4 + 1 (the first address), 3 (the total), 1 (this scrape)
closed_by_tool(body, 0, 9)

# the held ones keep sending a header line a second: closed at the deadline
slow, gone = spread[1:], {}
while len(gone) < len(slow) and time.monotonic() - t_open < DEADLINE + 3:
    for i, s in enumerate(slow):
        if i not in gone and closed(s):
            gone[i] = time.monotonic() - t_open
        elif i not in gone:
            send(s, b"X-Slow: 1\r\n")
    time.sleep(min(1.0, max(0.05, DEADLINE + 3 - (time.monotonic() - t_open))))
print("slow clients closed after (s):", sorted(set(round(v, 1) for v in gone.values())))
check(len(gone) == len(slow), f"every slow client is closed within {DEADLINE + 3} s: {len(gone)}")
check(min(gone.values(), default=0) >= DEADLINE - 1, f"none before its deadline")
closed_by_tool(answers("127.0.0.2", "after the deadlines"), TOTAL - 1, 9)

# idle clients at the end of the run: the -o file comes first, the exit at once
def running():
    try:
        with open(f"/proc/{tool}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False

idle = [connect(f"127.0.2.{i}") for i in range(1, 9)] + [connect("127.0.0.1") for _ in range(PER_CLIENT)]
check(settled(lambda: held(idle) == len(idle)) and not any(closed(s) for s in idle),
      f"the tool holds {len(idle)} idle connections at the end of the run: {held(idle)}")
# and scrapes going on: at the end one waits for a snapshot that will not
# come (libmicrohttpd aborted when stopped with a suspended connection)
def scraper():
    while running() and time.monotonic() - t_end < 15:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2, source_address=("127.0.0.3", 0))
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            while s.recv(65536):
                pass
            s.close()
        except OSError:
            time.sleep(0.01)
t_end = time.monotonic()
scrapers = [threading.Thread(target=scraper) for _ in range(3)]
for t in scrapers:
    t.start()
time.sleep(0.3)
with open(gate, "w") as g:
    g.write("x")
t_end = time.monotonic()
t_out = t_exit = None
left, out_first = set(range(len(idle))), True
while (left or running()) and time.monotonic() - t_end < 15:
    select.select([idle[i] for i in left], [], [], 0.01)
    if t_out is None and os.path.exists(out):
        t_out = time.monotonic()
    for i in list(left):
        if closed(idle[i]):
            out_first &= t_out is not None
            left.discard(i)
    if t_exit is None and not running():
        t_exit = time.monotonic()
t_last = time.monotonic()
for t in scrapers:
    t.join()
print(f"after the traced program's end: -o written {t_out and t_out - t_end:.3f} s, "
      f"exit {t_exit and t_exit - t_end:.3f} s, idle clients let go by {t_last - t_end:.3f} s")
check(out_first, "the -o file was written before any idle client was let go")
# the report's own time (ASan, a loaded machine) is not the listener's
check(t_out is not None and t_out - t_end <= 2 * BOUND, f"the -o file within {2 * BOUND} s")
check(not left and t_exit is not None and t_exit - t_out <= BOUND,
      f"the tool exits within {BOUND} s of writing the -o file, its idle clients let go")
sys.exit(1 if failed else 0)
EOF
trap - EXIT	# the gate was opened
wait_bounded $tool
expect_status 0 $status "the run"
expect_count out.json "$prog" $NR_getppid 1000
exit 0

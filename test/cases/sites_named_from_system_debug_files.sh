# With the system's separate debug files (Debian's libc6-dbg, or the
# -dbgsym packages of the debug archive) under /usr/lib/debug, --sites
# names the call sites in the stripped ld.so: each site's symbol is a
# function of the debug file that starts at site - offset (its value
# through ld.so's own PT_LOADs), as readelf shows it.
. "$TLIB"
"$SYSO" -q --sites --format full -o full.json "$TPROG/known_counts" > /dev/null || fail "run failed"
ldso=$(jq -r '.objects[] | select(.path | test("/ld-linux-x86-64\\.so\\.2$")) | .path' full.json)
[ -n "$ldso" ] || fail "no ld.so object"
id=$(jq -r --arg p "$ldso" '.objects[] | select(.path == $p) | .build_id' full.json)
[ "$id" = "$(build_id "$ldso")" ] || fail "build-id $id is not ld.so's"
debug=/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug
[ -f "$debug" ] || skip "no $debug (apt-get install libc6-dbg)"
readelf -Ws "$ldso" | grep -q ' FUNC .* _dl_map_object$' && skip "$ldso is not stripped"
jq -r --arg p "$ldso" '.objects[] | select(.path == $p) | .sites[] | "\(.site) \(.symbol) \(.offset)"' full.json > sites.txt
[ "$(wc -l < sites.txt)" -ge 5 ] || fail "only $(wc -l < sites.txt) ld.so sites"
readelf -Wl "$ldso" | awk '$1 == "LOAD" { print $2, $3, $5 }' > loads.txt
readelf -Ws "$debug" | awk '$4 == "FUNC" && $2 != "0000000000000000" { print $2, $8 }' > funcs.txt
python3 - <<'EOP' || fail "ld.so site names disagree with the debug file"
loads = [tuple(int(x, 16) for x in l.split()) for l in open("loads.txt")]
def offset(vaddr):
    for off, va, filesz in loads:
        if va <= vaddr < va + filesz:
            return vaddr - va + off
starts = {}
for l in open("funcs.txt"):
    v, name = l.split()
    starts.setdefault(name.split("@")[0], set()).add(offset(int(v, 16)))
for l in open("sites.txt"):
    site, sym, delta = l.split()
    if sym == "null":
        raise SystemExit(f"site {int(site):#x} not named")
    if int(site) - int(delta) not in starts.get(sym, ()):
        raise SystemExit(f"site {int(site):#x}: {sym}+{delta} does not start a function {sym}")
print(f"{sum(1 for _ in open('sites.txt'))} ld.so sites named")
EOP

# The oracle for test/cases/cfi_matches_readelf.sh: what user/cfi.c should make of
# an object, computed independently from binutils' own CFI interpreter.
# Input: "X fde_start kind cfa_off rbp_slot" lines for FDEs whose CFA
# expression has a compact form (read from `readelf --debug-dump=frames`
# by cfi_readelf_exprs.awk), "Y vaddr" for each `syscall` right after a
# `mov $imm32, %eax` (from objdump), "LOAD offset vaddr filesz" lines, then
# `readelf --debug-dump=frames-interp` output with the " (name)" after
# register rules stripped. Output (offsets are file offsets in hex):
#   B off                          a row boundary: an FDE row start or end
#   E off kind cfa_off rbp_slot    the row that must cover off: at the first
#                                  and last byte of every readelf row, and
#                                  at every FDE end no other FDE starts at
#   F fdes, C cies, Z empty FDEs   counts
# With -v W=4 the object is i386: readelf names esp/ebp (printed as our
# rsp/rbp kinds), the return address is at c-4 and saved ebp slots are
# 4 bytes; the signal, PLT and rdi forms are x86-64's only.
# FDEs whose instructions are all nops get no table from readelf: they take
# their CIE's initial row. Overlapping FDEs are not modelled (the test
# requires none).
function hex(s,   i, v, c) {
	v = 0; s = tolower(s); sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1))
		if (!c) { print "oracle: bad hex " s > "/dev/stderr"; exit 2 }
		v = v * 16 + c - 1
	}
	return v
}
function tooff(v,   i) {
	for (i = 0; i < nseg; i++)
		if (v >= segv[i] && v <= segv[i] + segs[i]) return v - segv[i] + sego[i]
	print "oracle: unmapped " v > "/dev/stderr"; exit 2
}
function compact(cfa, rbp, ra,   reg, n, k) {
	if (ra == "u") return "outermost 0 0"
	if (W == 4) {
		if (cfa == "exp" || ra != "c-4") return "unsupported 0 0"
		sub(/^esp/, "rsp", cfa); sub(/^ebp/, "rbp", cfa)
	}
	if (cfa == "exp" && infde && (pcs in xexpr)) {
		if (xexpr[pcs] ~ /^plt/ && ra == "c-8" && (rbp == "" || rbp == "s")) return xexpr[pcs]
		if (xexpr[pcs] ~ /^signal/ && ra == "exp") return xexpr[pcs]
		return "unsupported 0 0"
	}
	if (W == 8 && ra == "r5" && cfa ~ /^rsp\+[0-9]+$/ && (rbp == "" || rbp == "s"))
		return "ra_rdi " substr(cfa, 5) " 0"
	if (ra != "c-" W) return "unsupported 0 0"
	if (cfa !~ /^(rsp|rbp)\+[0-9]+$/) return "unsupported 0 0"
	reg = substr(cfa, 1, 3); n = substr(cfa, 5) + 0
	if (n > 65535) return "unsupported 0 0"
	k = 0
	if (rbp ~ /^c-[0-9]+$/) {
		k = substr(rbp, 3) + 0
		if (k % W || k / W > 255) return "unsupported 0 0"
		k = k / W
	} else if (rbp != "" && rbp != "u" && rbp != "s") return "unsupported 0 0"
	return reg " " n " " k
}
function flush(   i, e) {
	if (!infde) return
	if (nrow == 0) { nrow = 1; rloc[0] = pcs; rval[0] = ciev[cie] }
	for (i = 0; i < nrow; i++) {
		e = (i + 1 < nrow) ? rloc[i + 1] : pce
		printf "B %x\nE %x %s\nE %x %s\n", tooff(rloc[i]), tooff(rloc[i]), rval[i], tooff(e - 1), rval[i]
	}
	ends[nends] = tooff(pce); endval[nends] = rval[nrow - 1]; endv[nends++] = pce
	starts[tooff(pcs)] = 1
	infde = 0
}
# Numeric zeros: an unset variable as an array index is "", not 0.
BEGIN { nseg = nends = nfde = ncie = nempty = nrow = infde = incie = 0
	if (W != 4) W = 8
	BPNAME = W == 4 ? "ebp" : "rbp" }
$1 == "X" { xexpr[hex($2)] = $3 " " $4 " " $5; next }
$1 == "Y" { sysc[hex($2)] = 1; next }
$1 == "LOAD" { sego[nseg] = hex($2); segv[nseg] = hex($3); segs[nseg] = hex($4); nseg++; next }
$4 == "CIE" { flush(); ncie++; incie = 1; cie = $1; next }
$4 == "FDE" {
	flush(); nfde++; incie = 0; infde = 1; nrow = 0
	cie = substr($5, 5); split(substr($6, 4), pr, /\.\./)
	pcs = hex(pr[1]); pce = hex(pr[2])
	if (pcs == pce) { nempty++; infde = 0 }
	next
}
/^ +LOC/ { ccfa = crbp = cra = 0
	for (i = 1; i <= NF; i++) { if ($i == "CFA") ccfa = i; if ($i == BPNAME) crbp = i; if ($i == "ra") cra = i }
	next }
$2 != "ZERO" && length($1) == 2 * W && $1 ~ /^[0-9a-f]+$/ && (incie || infde) {
	v = compact($ccfa, crbp ? $crbp : "", cra ? $cra : "")
	if (incie) { ciev[cie] = v; next }
	l = hex($1)
	if (l >= pce) next
	if (nrow && rloc[nrow - 1] == l) { rval[nrow - 1] = v; next }
	rloc[nrow] = l; rval[nrow] = v; nrow++
}
END {
	flush()
	for (i = 0; i < nends; i++) {
		if (ends[i] in starts) continue
		# clone's syscall after its FDE: covered by the FDE's last row
		if (endv[i] in sysc) {
			printf "B %x\nE %x %s\nE %x %s\n", ends[i], ends[i], endval[i], ends[i] + 1, endval[i]
			if ((ends[i] + 2) in starts) continue
			ends[i] += 2
		}
		printf "B %x\nE %x gap 0 0\n", ends[i], ends[i]
	}
	printf "F %d\nC %d\nZ %d\n", nfde, ncie, nempty
}

# For test/cfi_readelf.awk: from `readelf --debug-dump=frames` (the raw
# instructions), the FDEs whose CFA expression the compact form can say:
#   X fde_start plt cfa_off threshold    GNU ld's lazy PLT expression
#   X fde_start signal cfa_off rbp_slot  an 'S' CIE's FDE: CFA = *(rsp+A),
#                                        rip at rsp+A+8, rbp at rsp+8*slot
$4 == "CIE" { cie = $1; sig = 0; next }
/Augmentation: / { if ($2 ~ /S/) sigcie[cie] = 1; next }
$4 == "FDE" {
	done()
	split(substr($6, 4), pr, /\.\./); pcs = pr[1]; c = substr($5, 5)
	plt = ""; deref = ""; rip = ""; rbp = ""
	next
}
/DW_CFA_def_cfa_expression \(DW_OP_breg7 \(rsp\): [0-9]+; DW_OP_breg16 \(rip\): 0; DW_OP_lit15; DW_OP_and; DW_OP_lit[0-9]+; DW_OP_ge; DW_OP_lit3; DW_OP_shl; DW_OP_plus\)$/ {
	a = $0; sub(/.*\(rsp\): /, "", a); sub(/;.*/, "", a)
	l = $0; sub(/.*DW_OP_and; DW_OP_lit/, "", l); sub(/;.*/, "", l)
	plt = a " " l; next
}
/DW_CFA_def_cfa_expression \(DW_OP_breg7 \(rsp\): [0-9]+; DW_OP_deref\)$/ {
	a = $0; sub(/.*\(rsp\): /, "", a); sub(/;.*/, "", a); deref = a; next
}
/DW_CFA_expression: r16 \(rip\) \(DW_OP_breg7 \(rsp\): [0-9]+\)$/ {
	a = $0; sub(/.*\(rsp\): /, "", a); sub(/\)$/, "", a); rip = a; next
}
/DW_CFA_expression: r6 \(rbp\) \(DW_OP_breg7 \(rsp\): [0-9]+\)$/ {
	a = $0; sub(/.*\(rsp\): /, "", a); sub(/\)$/, "", a); rbp = a; next
}
function done() {
	if (pcs == "") return
	if (plt != "") print "X", pcs, "plt", plt
	if (deref != "" && (c in sigcie) && rip == deref + 8 && rbp != "" && rbp % 8 == 0)
		print "X", pcs, "signal", deref, rbp / 8
	pcs = ""
}
END { done() }

# Each numeric option takes both ends of its range, and the value given is
# the value kept (bad_input_out_of_range.sh: one step outside is refused).
RUNS_AS_ANY_USER=1 . "$TLIB"
ends() { # OPTION FIELD MIN MAX [WHAT FOLLOWS: prog, or -p PID]
	local opt=$1 field=$2 v; shift 2
	local rest=("${@:3}"); [ ${#rest[@]} -gt 0 ] || rest=(prog)
	for v in "$1" "$2"; do
		parsed "$opt" "$v" "${rest[@]}"
		expect_field "$field" "$v"
	done
}
ends --sample sample 1 1000000
ends --max-objects max_objects 5 1048576
ends --max-mirrors max_mirrors 1 1048576
ends --max-counts max_counts 1 16777216
ends --max-object-memory max_object_mib 4 1048576
ends --depth depth 1 16
ends --top top 0 4294967295
ends --interval interval 1 86400
ends --duration duration 1 2147483648 -p 5

# The ranges of --max-objects, --max-mirrors and --max-counts that
# doc/resources.md and the man page give are the ones the tool checks (the
# docs said --max-objects >= 4, the tool wants >= 5: ids 0-3 are
# pseudo-objects). The tool's range is read from its refusal of 0. Any user.
RUNS_AS_ANY_USER=1 . "$TLIB"
for opt in --max-objects --max-mirrors --max-counts; do
	"$SYSO" "$opt" 0 true 2> err.txt
	expect_status 2 $? "$opt 0"
	range=$(sed -n "s/^syso-kagg: invalid value '0' for $opt (expected \([0-9]*\.\.[0-9]*\))$/\1/p" err.txt)
	[ -n "$range" ] || fail "$opt 0: no range in the message: $(cat err.txt)"
	row=$(grep "^| \`$opt N\` |" "$TOP/doc/resources.md")
	[ "$(echo "$row" | awk -F' *\\| *' '{ print $5 }')" = "$range" ] ||
		fail "doc/resources.md gives $opt as '$(echo "$row" | awk -F' *\\| *' '{ print $5 }')', the tool checks $range"
	man=$(sed 's/\\-/-/g' "$TOP/doc/syso-kagg.1" | awk -v o="$opt" '
		index($0, ".BR " o " ") == 1 { on = 1; next }
		on && /^\.TP/ { exit }
		on' | grep -o '([0-9]*\.\.[0-9]*,' | tr -d '(,')
	[ "$man" = "$range" ] || fail "the man page gives $opt as '$man', the tool checks $range"
done

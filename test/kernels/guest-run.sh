#!/bin/bash
# Runs inside a kernel-matrix guest, chrooted into the host's root (read-only
# 9p; tmpfs on /tmp, /run, /root). Copies the built tree to /root/tree, turns
# each known failure for this kernel into a visible skip, traces the demo
# once (its first stderr line names a load error plainly), then runs the
# named cases with test/run. The last line is "matrix-result: <test/run's
# closing line>", which run-matrix.sh parses.
# usage: guest-run.sh HOST_TREE KNOWN_FAILURES_FILE|- CASE...
set -u
src=$1 known=$2
shift 2
tree=/root/tree
say() { echo "matrix-guest: $*"; }

mkdir -p $tree
# The tree without the kernel cache, the ASan and fuzz builds, and .git
# (a worktree's .git is a file that points outside the tree).
tar -C "$src" --exclude=./build/kernels --exclude=./build/asan \
	--exclude=./build/fuzz --exclude=./.git -cf - . | tar -C $tree -xf - ||
	{ say "cannot copy $src to $tree"; echo "matrix-result: none"; exit 1; }
cd $tree

kernel=$(uname -r)
if [ "$known" != - ]; then
	# Lines "CASE KERNEL-GLOB REASON...": the case becomes a skip that says why.
	while read -r name glob reason; do
		case $name in '' | '#'*) continue ;; esac
		# shellcheck disable=SC2254 # the glob is meant to match
		case $kernel in $glob) ;; *) continue ;; esac
		[ -f "test/cases/$name.sh" ] || continue
		printf '. "$TLIB"\nskip %q\n' "known failure here: $reason" > "test/cases/$name.sh"
	done < "$known"
fi

export SYSO=$tree/bin/syso-kagg TPROG=$tree/build/test
mkdir -p /run/demo
if (cd /run/demo && "$SYSO" -q -o demo.json "$TPROG/demo" >/dev/null 2>err.txt); then
	say "demo: traced"
else
	say "demo: exit $?: $(head -1 /run/demo/err.txt)"
	# The verifier's reason is in libbpf's log, printed only with -v:
	# show its end, which names the instruction or limit refused.
	(cd /run/demo && "$SYSO" -v -q -o demo.json "$TPROG/demo" >/dev/null 2>verbose.txt)
	grep -v '^libbpf: elf\|^libbpf: map\|^libbpf: sec' /run/demo/verbose.txt | tail -25 |
		while IFS= read -r line; do say "demo -v: $line"; done
fi

cases=()
for c in "$@"; do cases+=("test/cases/$c.sh"); done
bash test/run "${cases[@]}" 2>&1 | tee /run/run.log
echo "matrix-result: $(tail -1 /run/run.log)"

#!/usr/bin/env bash
# The kernel matrix: boots Debian's stock kernels under qemu (TCG) and runs
# the test suite inside each, against this tree's build. For every kernel it
# prints one line "KERNEL: N passed, N failed, N skipped" on stdout
# (progress and diagnostics go to stderr) and exits 1 if any kernel failed a
# case or gave no result. See test/kernels/README.md.
#
# usage: run-matrix.sh KERNEL...
#   KERNEL is a series (6.1, 6.12: the newest linux-image-*-amd64 of it
#   that apt knows) or a full version (6.1.0-57-amd64).
# environment:
#   MATRIX_CASES    fast (test/kernels/fast-cases, the default), all, or case names
#   MATRIX_KNOWN    the known-failures file (default test/kernels/known-failures); - for none
#   MATRIX_TIMEOUT  seconds one guest may run (default 1800 for fast, 5400 otherwise)
#   MATRIX_DIR      cache of packages, unpacked kernels, initramfs, logs (default build/kernels)
#   V=1             stream each guest's console to stderr
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/test/kernels
dir=${MATRIX_DIR:-$top/build/kernels}
cases_sel=${MATRIX_CASES:-fast}
known=${MATRIX_KNOWN:-$here/known-failures}
# The guest resolves paths on the host's root: everything must be absolute.
case $dir in /*) ;; *) dir=$top/$dir ;; esac
case $known in - | /*) ;; *) known=$top/$known ;; esac

note() { echo "matrix: $*" >&2; }
die() { note "$*"; exit 2; }
# The guest sees the host's root through 9p but mounts tmpfs of its own on
# /tmp, /run, /root and /dev/shm (guest-run.sh): a tree or cache there is not found.
for p in "$top" "$dir"; do
	case $p/ in /tmp/* | /run/* | /root/* | /dev/shm/*)
		die "$p is under /tmp, /run, /root or /dev/shm, which the guest mounts a tmpfs of its own over: run from a tree elsewhere (e.g. /work, /srv) or set MATRIX_DIR" ;;
	esac
done

[ $# -gt 0 ] || die "usage: run-matrix.sh KERNEL... (e.g. 6.1 6.12)"
[ "$(id -u)" = 0 ] || die "needs root (the suite runs as root inside each guest)"
for t in qemu-system-x86_64 dpkg-deb apt-get xz; do
	command -v $t >/dev/null || die "$t missing: make deps-kernels installs it"
done
busybox=$(command -v busybox) || die "busybox missing: make deps-kernels installs busybox-static"
! ldd "$busybox" >/dev/null 2>&1 ||
	die "$busybox is not static (it runs alone in the initramfs): install busybox-static"
[ -x "$top/bin/syso-kagg" ] || die "$top/bin/syso-kagg missing: make test-kernels builds it"

case $cases_sel in
fast) cases=$(sed 's/#.*//' "$here/fast-cases" | xargs) ;;
all) cases= ;;
*) cases=$cases_sel ;;
esac
for c in $cases; do
	[ -f "$top/test/cases/$c.sh" ] || die "no test case $c (test/cases/$c.sh)"
done
timeout_s=${MATRIX_TIMEOUT:-$([ "$cases_sel" = all ] && echo 5400 || echo 1800)}
mkdir -p "$dir/deb" "$dir/root" "$dir/log"

# resolve SPEC: the kernel version (uname -r) to boot
resolve() {
	local spec=$1 re found
	case $spec in
	*[!0-9.]*) echo "$spec"; return ;;		# a full version
	esac
	# 6.1 is "6.1.0-N-amd64"; later series are "6.12.N+debX-amd64".
	re="^linux-image-${spec//./\\.}(\\.0-[0-9]+|\\.[0-9]+\\+deb[0-9]+)-amd64\$"
	found=$(apt-cache search --names-only "$re" 2>/dev/null | awk '{ print $1 }' |
		sed 's/^linux-image-//' | sort -V | tail -1)
	# Package lists never fetched (a fresh machine): fetch them once.
	if [ -z "$found" ] && [ -z "${updated:-}" ]; then
		updated=1
		apt-get update -qq >/dev/null 2>&1 && found=$(resolve "$spec")
	fi
	# Offline: the newest one already in the cache.
	[ -n "$found" ] || found=$(ls "$dir/root" 2>/dev/null |
		grep -E "${re#^linux-image-}" | sort -V | tail -1)
	[ -n "$found" ] || return 1
	echo "$found"
}

# fetch K: the package unpacked under $dir/root/K (once)
fetch() {
	local k=$1 r=$dir/root/$1 deb
	[ -f "$r/boot/vmlinuz-$k" ] && return 0
	(cd "$dir/deb" && apt-get -qq -o APT::Sandbox::User=root download "linux-image-$k") ||
		{ note "$k: apt-get download linux-image-$k failed"; return 1; }
	deb=$(ls -t "$dir/deb/linux-image-${k}_"*.deb | head -1)
	rm -rf "$r.tmp" && mkdir -p "$r.tmp" && dpkg-deb -x "$deb" "$r.tmp" && mv "$r.tmp" "$r" ||
		{ note "$k: cannot unpack $deb"; return 1; }
}

# module_file K NAME: the .ko[.xz] of module NAME in kernel K ("" if built in)
module_file() {
	local mods=$dir/root/$1/lib/modules/$1 alt=${2//_/-}
	find "$mods/kernel" \( -name "$2.ko" -o -name "$2.ko.xz" -o -name "$alt.ko" \
		-o -name "$alt.ko.xz" \) | head -1
}

# module_order K NAME...: NAME and what it depends on, dependencies first
module_order() {
	local k=$1 m f deps
	shift
	for m in "$@"; do
		case " $seen " in *" $m "*) continue ;; esac
		seen="$seen $m"
		f=$(module_file "$k" "$m")
		if [ -z "$f" ]; then
			grep -qE "/(${m}|${m//_/-})\\.ko" "$dir/root/$k/lib/modules/$k/modules.builtin" ||
				{ note "$k: module $m neither a module nor built in"; return 1; }
			continue
		fi
		deps=$(unpack_ko "$f" | tr '\0' '\n' | sed -n 's/^depends=//p' | tr , ' ')
		# shellcheck disable=SC2086
		module_order "$k" $deps || return 1
		echo "$m $f"
	done
}
unpack_ko() { case $1 in *.xz) xz -dc "$1" ;; *) cat "$1" ;; esac; }

# initramfs K: busybox, init, the kernel's own virtio-pci and 9p modules
initramfs() {
	local k=$1 s=$dir/initrd-$1.d out=$dir/initrd-$1.cpio.gz seen= list m f
	[ "$out" -nt "$here/init" ] && [ "$out" -nt "$busybox" ] && { echo "$out"; return; }
	list=$(module_order "$k" virtio_pci 9pnet_virtio 9p) || return 1
	rm -rf "$s" && mkdir -p "$s/bin" "$s/modules" "$s/proc" "$s/sys" "$s/dev" "$s/host"
	cp "$busybox" "$s/bin/busybox" && cp "$here/init" "$s/init" && chmod 755 "$s/init"
	while read -r m f; do
		[ -n "$m" ] || continue
		unpack_ko "$f" > "$s/modules/$m.ko" || return 1
		echo "$m" >> "$s/modules/order"
	done <<< "$list"
	touch "$s/modules/order"
	(cd "$s" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1) > "$out.tmp" &&
		mv "$out.tmp" "$out" && rm -rf "$s" && echo "$out"
}

# boot K: run the suite in a guest on kernel K; prints the result line
boot() {
	local k=$1 initrd job log res start secs rc
	fetch "$k" || return 1
	initrd=$(initramfs "$k") || { note "$k: cannot build the initramfs"; return 1; }
	job=$dir/job-$k.sh log=$dir/log/$k.log
	printf 'exec /bin/bash %q %q %q %s\n' "$here/guest-run.sh" "$top" "$known" "$cases" > "$job"
	note "$k: booting (log $log)"
	start=$(date +%s)
	# /dev/kvm here cannot run stock kernels, so TCG; -nodefaults: no NIC,
	# no VGA, nothing but the serial console and the host's root over 9p.
	timeout "$timeout_s" qemu-system-x86_64 -nodefaults -no-user-config -no-reboot \
		-accel tcg -cpu max -m 2G -smp 2 -display none -monitor none \
		-serial "file:$log" -kernel "$dir/root/$k/boot/vmlinuz-$k" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 no_timer_check syso_job=$job" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		</dev/null >"$dir/log/$k.qemu" 2>&1 &
	local qpid=$!
	if [ "${V:-}" = 1 ]; then
		tail -F "$log" 2>/dev/null >&2 &
		local tpid=$!
	fi
	wait $qpid
	rc=$?
	[ -z "${tpid:-}" ] || kill "$tpid" 2>/dev/null
	secs=$(( $(date +%s) - start ))
	[ $rc = 124 ] && note "$k: timed out after ${timeout_s}s"
	[ -s "$dir/log/$k.qemu" ] && sed "s/^/matrix: $k: qemu: /" "$dir/log/$k.qemu" >&2
	tr -d '\r' < "$log" > "$log.txt"
	grep -h '^matrix-guest: demo:' "$log.txt" | sed "s/^matrix-guest: /matrix: $k: /" >&2
	res=$(sed -n 's/^matrix-result: //p' "$log.txt" | tail -1)
	if ! grep -qx "matrix-guest: kernel $k" "$log.txt"; then
		echo "$k: did not boot (${secs}s; see $log.txt)"
		return 1
	fi
	if ! [[ $res =~ ^[0-9]+\ passed,\ [0-9]+\ failed ]]; then
		echo "$k: no result from the suite (${secs}s; see $log.txt)"
		return 1
	fi
	note "$k: ${secs}s"
	# The failing cases' own output, so that CI's log says why.
	grep -E '^(FAIL|SKIP)  |^    \| ' "$log.txt" >&2
	echo "$k: $res"
	[[ $res =~ \ 0\ failed ]]
}

status=0
for spec in "$@"; do
	k=$(resolve "$spec") || { echo "$spec: no such kernel in apt (linux-image-$spec*-amd64)"; status=1; continue; }
	boot "$k" || status=1
done
exit $status

# make install puts the binary and the man page under DESTDIR/PREFIX; the
# installed binary runs, the page renders cleanly with its NAME section, and
# every option --help prints is documented in the page (so the page cannot
# silently fall behind the code). Needs no root and no BPF.
RUNS_AS_ANY_USER=1 . "$TLIB"
command -v groff >/dev/null || skip "groff not installed"

page_src=$TOP/doc/syso-kagg.1
dest=$(mktemp -d)
# -o: install what is built; never rebuild the binary from here
make -s -C "$TOP" -o bin/syso-kagg -o build/asan/bin/syso-kagg \
	install DESTDIR="$dest" PREFIX=/usr > make.log 2>&1 ||
	{ cat make.log; fail "make install DESTDIR=$dest PREFIX=/usr failed"; }

bin=$dest/usr/bin/syso-kagg
page=$dest/usr/share/man/man1/syso-kagg.1
[ -f "$bin" ] || fail "$bin not installed: $(cd "$dest" && find . | tr '\n' ' ')"
[ -x "$bin" ] || fail "$bin is not executable: $(command stat -c %A "$bin")"
[ -f "$page" ] || fail "$page not installed: $(cd "$dest" && find . | tr '\n' ' ')"
[ "$(command stat -c %a "$page")" = 644 ] || fail "$page mode $(command stat -c %a "$page"), want 644"
cmp -s "$page" "$page_src" || fail "installed page differs from doc/syso-kagg.1"

ver=$("$bin" --version) || fail "installed $bin --version failed"
[ "$ver" = "$("$SYSO" --version)" ] || fail "installed --version '$ver' differs from $SYSO's"
echo "$ver" | grep -qx 'syso-kagg [0-9][0-9.]*' || fail "--version: '$ver'"

# The page renders without a single groff warning (-ww: all of them) ...
groff -man -Tutf8 -ww -z "$page" 2> groff.err || fail "groff failed: $(cat groff.err)"
[ ! -s groff.err ] || fail "groff warnings: $(cat groff.err)"
# ... and mandoc's linter, where installed, finds nothing either
if command -v mandoc >/dev/null; then
	mandoc -Tlint -W warning "$page" > lint.txt 2>&1 || fail "mandoc -Tlint: $(cat lint.txt)"
	[ ! -s lint.txt ] || fail "mandoc -Tlint: $(cat lint.txt)"
fi
# man -l as a user would, when man-db is there; groff otherwise. ASCII so
# that \- comes out as the '-' people type.
if command -v man >/dev/null; then
	MANWIDTH=80 MAN_KEEP_FORMATTING= man -E ascii -l "$page" 2> man.err | col -b > page.txt
else
	groff -man -Tascii "$page" 2> man.err | col -b > page.txt
fi
[ ! -s man.err ] || fail "man -l: $(cat man.err)"
grep -qx 'NAME' page.txt || fail "no NAME section in the rendered page: $(head -5 page.txt)"
grep -A1 -x 'NAME' page.txt | grep -qE 'syso-kagg +- +count system calls' ||
	fail "NAME line: $(grep -A1 -x NAME page.txt)"
for s in SYNOPSIS DESCRIPTION OPTIONS OUTPUT 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES \
	 NOTES 'SEE ALSO'; do
	grep -qx "$s" page.txt || fail "no $s section in the rendered page"
done

# Every long option in --help is in the page; every "-X, --long" pair too.
# Rendered text, unwrapped, so that a line break cannot hide an option.
tr -s ' \n\t' '   ' < page.txt > page.flat
"$SYSO" --help > help.txt || fail "--help failed"
grep -o -- '--[a-z][a-z-]*' help.txt | sort -u > long.txt
[ "$(wc -l < long.txt)" -ge 15 ] || fail "found only $(wc -l < long.txt) long options in --help"
missing=
while read -r opt; do
	grep -qF -- "$opt" page.flat || missing="$missing $opt"
done < long.txt
[ -z "$missing" ] || fail "options in --help but not in doc/syso-kagg.1:$missing"
grep -oE -- '(^|, | )-[A-Za-z], --[a-z][a-z-]*' help.txt | sed 's/^[, ]*//' > pairs.txt
[ "$(wc -l < pairs.txt)" -ge 8 ] || fail "found only $(wc -l < pairs.txt) -X, --long pairs in --help"
while read -r pair; do
	grep -qF -- "$pair" page.flat || missing="$missing '$pair'"
done < pairs.txt
[ -z "$missing" ] || fail "short/long pairs in --help but not in doc/syso-kagg.1:$missing"
# every exit status --help names is explained in EXIT STATUS
sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' page.txt > exit.txt
codes=$(sed -n '/^Exit status/,$p' help.txt | grep -oE '(^|[ ,;])[0-9]+ [a-zA-Z]' | tr -dc '0-9\n')
[ "$(echo "$codes" | wc -w)" -ge 8 ] || fail "found only these exit statuses in --help: $codes"
for code in $codes; do
	grep -qE "^ +$code( |$)" exit.txt || missing="$missing $code"
done
[ -z "$missing" ] || fail "exit statuses in --help not in EXIT STATUS:$missing"
rm -rf "$dest"
echo "ok: installed to $dest, $(wc -l < long.txt) long options documented"

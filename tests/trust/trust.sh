#!/bin/sh
# Trust: what a run may read and write (issue 12). One case per class:
#   trust.sh CASE EXE WORKDIR SRC [SHIM]
# SRC is tests/ (for a photo and a .bib file); SHIM the slow_rename module.
# Every run of rescomp has a timeout: a FIFO that blocks must fail the
# test, not hang it.
set -eu
case_=$1 exe=$2 dir=$3 src=$4 shim=${5:-}
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
fail() { echo "FAIL: $*"; [ -f err.txt ] && { echo "stderr:"; cat err.txt; }; exit 1; }

# run EXIT STDERR-REGEX ARGS...: rescomp's exit code and stderr (extended regex)
run() {
    want=$1 pattern=$2
    shift 2
    set +e
    timeout 20 "$exe" "$@" > out.txt 2> err.txt
    got=$?
    set -e
    [ "$got" = 124 ] && fail "rescomp $* did not finish in 20 s"
    [ "$got" = "$want" ] || fail "rescomp $*: exit $got, expected $want"
    if [ "$pattern" = EMPTY ]; then
        [ ! -s err.txt ] || fail "rescomp $*: stderr is not empty"
    else
        grep -Eq -- "$pattern" err.txt || fail "rescomp $*: stderr does not match '$pattern'"
    fi
}

cv_with_photo() { printf 'cv:\n  name: X\n  photo: %s\n' "$2" > "$1"; }
cv_with_bib() { printf 'cv:\n  name: X\n  sections:\n    p:\n      - bibtex: %s\n' "$2" > "$1"; }
outside='is outside the project folder'

case $case_ in

# ---- 7. files stay inside the project ---------------------------------------
root_dotdot)
    mkdir proj secret
    cp "$src/golden/photo.jpg" secret/s.jpg
    cp "$src/inputs/publications.bib" secret/s.bib
    cv_with_photo proj/cv.yaml ../secret/s.jpg
    run 1 "^proj/cv\.yaml:3:10: error: photo '\.\./secret/s\.jpg' $outside 'proj' \(the CV's folder\); .*--root DIR$" proj/cv.yaml -o proj/cv.pdf
    cv_with_bib proj/cv.yaml ../secret/s.bib
    run 1 "^proj/cv\.yaml:5:17: error: BibTeX file '\.\./secret/s\.bib' $outside" proj/cv.yaml -o proj/cv.pdf
    # a '..' that comes back in is fine
    cp "$src/golden/photo.jpg" proj/me.jpg
    cv_with_photo proj/cv.yaml ../proj/me.jpg
    run 0 EMPTY proj/cv.yaml -o proj/cv.pdf
    [ ! -e proj/cv.pdf.tmp ] && [ -s proj/cv.pdf ] || fail "no PDF"
    ;;
root_absolute)
    mkdir proj secret
    cp "$src/golden/photo.jpg" secret/s.jpg
    cv_with_photo proj/cv.yaml "$PWD/secret/s.jpg"
    run 1 "^proj/cv\.yaml:3:10: error: photo '/.*/secret/s\.jpg' $outside" proj/cv.yaml -o proj/cv.pdf
    cv_with_bib proj/cv.yaml /etc/passwd
    run 1 "^proj/cv\.yaml:5:17: error: BibTeX file '/etc/passwd' $outside" proj/cv.yaml -o proj/cv.pdf
    grep -q 'root:' err.txt && fail "a line of /etc/passwd was shown"
    # an absolute path inside the project is fine
    cp "$src/golden/photo.jpg" proj/me.jpg
    cv_with_photo proj/cv.yaml "$PWD/proj/me.jpg"
    run 0 EMPTY proj/cv.yaml -o proj/cv.pdf
    ;;
root_symlink)
    mkdir proj secret
    cp "$src/golden/photo.jpg" secret/s.jpg
    cp "$src/inputs/publications.bib" secret/s.bib
    ln -s ../secret/s.jpg proj/link.jpg
    ln -s ../secret proj/dirlink
    cv_with_photo proj/cv.yaml link.jpg
    run 1 "^proj/cv\.yaml:3:10: error: photo 'link\.jpg' $outside" proj/cv.yaml -o proj/cv.pdf
    cv_with_bib proj/cv.yaml dirlink/s.bib
    run 1 "^proj/cv\.yaml:5:17: error: BibTeX file 'dirlink/s\.bib' $outside" proj/cv.yaml -o proj/cv.pdf
    # a link that stays inside is fine
    cp "$src/golden/photo.jpg" proj/me.jpg
    ln -s me.jpg proj/inside.jpg
    cv_with_photo proj/cv.yaml inside.jpg
    run 0 EMPTY proj/cv.yaml -o proj/cv.pdf
    ;;
root_fifo)
    mkfifo pipe.jpg pipe.bib pipe.yaml
    cv_with_photo cv.yaml pipe.jpg
    run 1 "^cv\.yaml:3:10: error: photo 'pipe\.jpg' cannot be read: a FIFO \(named pipe\), not a regular file" cv.yaml -o cv.pdf
    cv_with_bib cv.yaml pipe.bib
    run 1 "^cv\.yaml:5:17: error: BibTeX file 'pipe\.bib' cannot be read: a FIFO" cv.yaml -o cv.pdf
    # named on the command line: refused too, not read
    run 3 "^rescomp: error: cannot open 'pipe\.yaml': a FIFO" pipe.yaml -o cv.pdf
    run 3 "^rescomp: error: cannot open 'pipe\.yaml': a FIFO" cv.yaml pipe.yaml -o cv.pdf
    run 3 "^rescomp: error: cannot open '/dev/zero': a device" /dev/zero -o cv.pdf
    ;;
root_directory)
    mkdir d.jpg d.bib d.yaml
    cv_with_photo cv.yaml d.jpg
    run 1 "^cv\.yaml:3:10: error: photo 'd\.jpg' cannot be read: Is a directory" cv.yaml -o cv.pdf
    cv_with_bib cv.yaml d.bib
    run 1 "^cv\.yaml:5:17: error: BibTeX file 'd\.bib' cannot be read: Is a directory" cv.yaml -o cv.pdf
    run 3 "^rescomp: error: cannot open 'd\.yaml': Is a directory" d.yaml -o cv.pdf
    ;;
root_option)
    mkdir -p proj/cv shared other
    cp "$src/golden/photo.jpg" shared/me.jpg
    cp "$src/inputs/publications.bib" shared/papers.bib
    printf 'cv:\n  name: X\n  photo: ../../shared/me.jpg\n  sections:\n    p:\n      - bibtex: ../../shared/papers.bib\n' > proj/cv/cv.yaml
    run 1 "'\.\./\.\./shared/(me\.jpg|papers\.bib)' $outside 'proj/cv'" proj/cv/cv.yaml -o out.pdf
    # --root widens the project to a folder that holds both
    run 0 EMPTY proj/cv/cv.yaml -o out.pdf --root proj/..
    pdftotext out.pdf - | grep -q 'Lovelace' || fail "the .bib file was not read under --root"
    # but not beyond it, and the message names --root
    printf 'cv:\n  name: X\n  photo: ../../shared/me.jpg\n' > proj/cv/cv2.yaml
    run 1 "photo '\.\./\.\./shared/me\.jpg' $outside 'proj' \(--root\)" proj/cv/cv2.yaml -o out.pdf --root proj
    # the input must lie in an explicit root; the root must be a folder
    run 2 "^rescomp: error: the input 'proj/cv/cv\.yaml' is outside --root 'other'" proj/cv/cv.yaml -o out.pdf --root other
    run 2 "^rescomp: error: --root 'nowhere': No such file or directory" proj/cv/cv.yaml -o out.pdf --root nowhere
    # an overlay on the command line may lie anywhere; the files it names obey the root
    printf 'cv:\n  headline: From Overlay\n' > other/o.yaml
    printf 'cv:\n  name: X\n' > proj/cv/plain.yaml
    run 0 EMPTY proj/cv/plain.yaml other/o.yaml -o out.pdf
    printf 'cv:\n  photo: ../../shared/me.jpg\n' > other/o2.yaml
    run 1 "photo '\.\./\.\./shared/me\.jpg' $outside" proj/cv/plain.yaml other/o2.yaml -o out.pdf
    ;;

# ---- 8. --depfile -----------------------------------------------------------
depfile_refused)
    printf 'cv:\n  name: X\n' > cv.yaml
    nl='a
b.pdf'
    run 2 "^rescomp: error: --depfile: the file name 'a\\\\x0ab\.pdf' holds a newline" cv.yaml -o "$nl" --depfile cv.d
    [ ! -e "$nl" ] && [ ! -e cv.d ] || fail "a refused run wrote a file"
    run 2 "holds ';', which starts a recipe" cv.yaml -o 'x;touch PWNED.pdf' --depfile cv.d
    run 2 "holds a tab" cv.yaml -o "$(printf 'x\ty.pdf')" --depfile cv.d
    run 2 "holds '='" cv.yaml -o 'a=b.pdf' --depfile cv.d
    cp cv.yaml "$(printf 'c\rv.yaml')"
    run 2 "holds a carriage return" "$(printf 'c\rv.yaml')" -o cv.pdf --depfile cv.d
    [ ! -e cv.d ] && [ ! -e PWNED.pdf ] || fail "a refused run wrote a file"
    ;;
depfile_escaped)
    command -v make > /dev/null || { echo "make is not installed: skipped"; exit 0; }
    mkdir 'my dir'
    cp "$src/golden/photo.jpg" 'my dir/p#1 $x%.jpg'
    cp "$src/inputs/publications.bib" 'my dir/a:b*.bib'
    printf 'cv:\n  name: X\n  photo: "p#1 $x%%.jpg"\n  sections:\n    p:\n      - bibtex: "a:b*.bib"\n' > 'my dir/c v.yaml'
    target='out:1 %$#.pdf'
    run 0 EMPTY 'my dir/c v.yaml' -o "$target" --depfile cv.d
    cat cv.d
    grep -Fq 'out\:1\ \%$$\#.pdf:' cv.d || fail "the target is not escaped"
    grep -Fq 'my\ dir/p\#1\ $$x%.jpg' cv.d || fail "the photo is not listed, escaped"
    grep -Fq 'my\ dir/a\:b\*.bib' cv.d || fail "the .bib file is not listed, escaped"
    # make reads each name as the file: up to date, then out of date after each one changes
    # (the recipe comes from a pattern rule, as a project's Makefile gives it)
    printf 'include cv.d\n%%.pdf:\n\t@echo rebuild\n' > Makefile
    for f in 'my dir/c v.yaml' 'my dir/p#1 $x%.jpg' 'my dir/a:b*.bib'; do
        touch -d '2001-01-01' 'my dir/c v.yaml' 'my dir/p#1 $x%.jpg' 'my dir/a:b*.bib'
        touch "$target"
        make -q "$target" || fail "make does not see '$target' as up to date"
        sleep 1
        touch "$f"
        if make -q "$target"; then fail "make does not see that '$f' changed"; fi
    done
    # and a deleted prerequisite is no error (the empty rules)
    touch "$target"
    rm 'my dir/a:b*.bib'
    make -n "$target" > /dev/null || fail "make fails on a deleted prerequisite"
    ;;
depfile_watch_bib)
    cp "$src/inputs/publications.bib" papers.bib
    printf 'cv:\n  name: X\n  sections:\n    p:\n      - bibtex: papers.bib\n' > cv.yaml
    { RESCOMP_WATCH_LIMIT=1 timeout 30 "$exe" --watch cv.yaml --trace 2>&1 || echo "exit $?"; } | {
        while IFS= read -r line; do
            printf '%s\n' "$line" >> log.txt
            case $line in
            rescomp:*" built in "*) sed 's/Lovelace/Lovelane/' papers.bib > p.new && mv p.new papers.bib ;;
            esac
        done
    }
    grep -q '^rescomp: [0-9:]* papers\.bib changed; built in' log.txt || { cat log.txt; fail "a change of the .bib file was not seen"; }
    grep -q 'Lovelane' log.txt || fail "the rebuild did not read the changed .bib file"
    ;;

# ---- 9. outputs never replace inputs -------------------------------------------
output_is_input)
    mkdir d
    cp "$src/golden/photo.jpg" me.jpg
    cp "$src/inputs/publications.bib" p.bib
    printf 'cv:\n  name: X\n  photo: me.jpg\n  sections:\n    p:\n      - bibtex: p.bib\n' > cv.yaml
    printf 'cv:\n  headline: H\n' > over.yaml
    printf 'design:\n  page:\n    size: a5\n' > design.yaml
    printf 'cv:\n  name: X\nvariants:\n  v1: {}\n' > vcv.yaml
    ln cv.yaml hard.pdf
    sums=$(cat cv.yaml me.jpg p.bib over.yaml design.yaml | cksum)
    same='would replace'
    # an extension that is no format's is refused first; with --format the names are compared
    run 2 "^rescomp: error: cannot tell the format of 'cv\.yaml' from its extension" cv.yaml -o cv.yaml
    run 2 "^rescomp: error: the output 'cv\.yaml' $same 'cv\.yaml', which this run reads; name another output with -o$" cv.yaml -o cv.yaml --format pdf
    run 2 "the output '\./me\.jpg' $same 'me\.jpg'" cv.yaml -o ./me.jpg --format pdf
    run 2 "the output 'p\.bib' $same 'p\.bib'" cv.yaml -o p.bib --format txt
    run 2 "the output 'over\.yaml' $same 'over\.yaml'" cv.yaml over.yaml -o over.yaml --format pdf
    run 2 "the output 'design\.yaml' $same 'design\.yaml'" cv.yaml --design design.yaml -o design.yaml --format md
    run 2 "the output 'hard\.pdf' $same 'cv\.yaml'" cv.yaml -o hard.pdf
    run 2 "^rescomp: error: --depfile 'cv\.yaml' $same 'cv\.yaml', which this run reads" cv.yaml -o out.pdf --depfile cv.yaml
    run 2 "^rescomp: error: --depfile 'o\.pdf' is the output 'o\.pdf'" cv.yaml -o o.pdf --depfile o.pdf
    # the default output: INPUT with .pdf, which is the input itself here
    cp cv.yaml cv.pdf
    run 2 "the output 'cv\.pdf' $same 'cv\.pdf'" cv.pdf
    # --all-variants -o DIR: DIR/STEM-NAME.pdf
    cp over.yaml vcv-v1.pdf
    run 2 "the output '\./vcv-v1\.pdf' $same 'vcv-v1\.pdf'" vcv.yaml vcv-v1.pdf --all-variants -o .
    [ "$(cat cv.yaml me.jpg p.bib over.yaml design.yaml | cksum)" = "$sums" ] || fail "an input changed"
    cmp -s over.yaml vcv-v1.pdf || fail "an overlay was replaced by a variant's PDF"
    [ ! -e out.pdf ] && [ ! -e o.pdf ] || fail "a refused run wrote an output"
    ;;

# ---- 10. control characters in messages ----------------------------------------
control_characters)
    # YAML escapes and raw bytes: ESC (a terminal title), BEL, DEL, C1 NEL and CSI, RLO
    # (in settings, where an unknown key is an error; cv takes them since RenderCV 2.6 did)
    printf 'settings:\n  "k\\e]0;owned\\a": 1\n  "c\\x9b31m\\u0085": 2\n  "r\\u202ed": 3\n  "del\\x7f": 4\ncv:\n  name: X\n' > cv.yaml
    run 1 'unknown key' cv.yaml -o cv.pdf
    od -c err.txt | head -20
    if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" err.txt; then fail "a raw control byte reached stderr"; fi
    if grep -q "$(printf '\302[\200-\237]')" err.txt; then fail "a raw C1 control reached stderr"; fi
    if grep -q "$(printf '\342\200\256')" err.txt; then fail "a raw bidi override reached stderr"; fi
    grep -Fq "unknown key 'k\\x1b]0;owned\\x07'" err.txt || fail "ESC and BEL are not shown as \\x1b, \\x07"
    grep -Fq "'c\\u009b31m\\u0085'" err.txt || fail "C1 controls are not shown as \\u009b, \\u0085"
    grep -Fq "'r\\u202ed'" err.txt || fail "U+202E is not shown escaped"
    grep -Fq "'del\\x7f'" err.txt || fail "DEL is not shown as \\x7f"
    # a file name with an escape in it, in the position of every message
    cp cv.yaml "$(printf 'e\033[2Jv.yaml')"
    run 1 'unknown key' "$(printf 'e\033[2Jv.yaml')" -o cv.pdf
    grep -Fq 'e\x1b[2Jv.yaml:2:3: error:' err.txt || fail "the file name is not shown escaped"
    if LC_ALL=C grep -q "$(printf '\033')" err.txt; then fail "a raw ESC reached stderr"; fi
    ;;

# A file that is not a CV, given by mistake: a message quotes no more than
# the offending token, cut to 40 characters, never the whole line.
not_a_cv)
    printf 'cv:\n  name: X\n' > cv.yaml
    printf 'the password of the admin account is hunter2 and must stay secret: 1\n' > secret.yaml
    printf 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' > secret.ini
    printf 'root:x:0:0:root:/root:/bin/bash\n' > passwd
    for args in "secret.yaml" "cv.yaml secret.yaml" "cv.yaml --design secret.yaml"; do
        # shellcheck disable=SC2086
        run 1 "'the password of the admin account is hun\.\.\.'" $args -o out.pdf
        grep -q 'hunter2' err.txt && fail "rescomp $args: the whole line was shown"
    done
    for f in secret.ini passwd; do
        run 1 . "$f" -o out.pdf
        grep -q 'wJalr\|/bin/bash' err.txt && fail "rescomp $f: a line of the file was shown"
        run 1 . cv.yaml "$f" -o out.pdf
        grep -q 'wJalr\|/bin/bash' err.txt && fail "rescomp cv.yaml $f: a line of the file was shown"
    done
    ;;

# ---- 14. permissions, interrupts ---------------------------------------------
permissions)
    printf 'cv:\n  name: X\n' > cv.yaml
    umask 022
    run 0 EMPTY cv.yaml -o new.pdf --depfile new.d
    [ "$(stat -c %a new.pdf)" = 644 ] || fail "a new PDF is $(stat -c %a new.pdf), not 0666 less the umask"
    for f in new.pdf new.d; do chmod 600 "$f"; done
    printf 'cv:\n  name: Y\n' > cv.yaml
    run 0 EMPTY cv.yaml -o new.pdf --depfile new.d
    [ "$(stat -c %a new.pdf)" = 600 ] || fail "the rebuilt PDF is $(stat -c %a new.pdf), not 600"
    [ "$(stat -c %a new.d)" = 600 ] || fail "the rebuilt depfile is $(stat -c %a new.d), not 600"
    pdftotext new.pdf - | grep -q Y || fail "the PDF was not rebuilt"
    printf 'previous\n' > new.txt
    chmod 640 new.txt
    run 0 EMPTY cv.yaml -o new.txt
    [ "$(stat -c %a new.txt)" = 640 ] || fail "a text rebuild lost the mode"
    ;;
sigterm)
    [ -n "$shim" ] || fail "no shim"
    printf 'cv:\n  name: X\n' > cv.yaml
    printf 'previous\n' > out.pdf
    mkdir pids
    RESCOMP_TEST_PIDS=$PWD/pids LD_PRELOAD=$shim ASAN_OPTIONS=verify_asan_link_order=0 \
        "$exe" cv.yaml -o out.pdf 2> err.txt &
    pid=$!
    # wait until it is in rename(), its temporary file written
    for i in $(seq 200); do [ -e "pids/$pid" ] && break; sleep 0.1; done
    [ -e "pids/$pid" ] || fail "rescomp never reached rename()"
    ls -a
    ls .out.pdf.*.tmp > /dev/null 2>&1 || fail "no temporary file while writing"
    kill -TERM "$pid"
    set +e
    wait "$pid"
    code=$?
    set -e
    [ "$code" = 143 ] || fail "exit $code, expected 143 (killed by SIGTERM)"
    ls .out.pdf.*.tmp > /dev/null 2>&1 && fail "the temporary file was left behind"
    [ "$(cat out.pdf)" = previous ] || fail "the previous output changed"
    ;;
sigterm_variants)
    [ -n "$shim" ] || fail "no shim"
    printf 'cv:\n  name: X\nvariants:\n  a: {}\n  b: {}\n  c: {}\n' > cv.yaml
    mkdir pids out
    RESCOMP_TEST_PIDS=$PWD/pids LD_PRELOAD=$shim ASAN_OPTIONS=verify_asan_link_order=0 \
        "$exe" cv.yaml --all-variants -o out -j 3 2> err.txt &
    pid=$!
    for i in $(seq 300); do [ "$(ls pids | wc -l)" -ge 3 ] && break; sleep 0.1; done
    [ "$(ls pids | wc -l)" -ge 3 ] || fail "the variants' processes never reached rename()"
    [ "$(ls -a out | grep -c '\.tmp$')" -ge 3 ] || fail "no temporary files while writing"
    kill -TERM "$pid"
    set +e
    wait "$pid"
    code=$?
    set -e
    [ "$code" = 143 ] || fail "exit $code, expected 143 (killed by SIGTERM)"
    for p in $(ls pids); do
        [ "$p" = "$pid" ] && continue
        kill -0 "$p" 2> /dev/null && fail "the variant process $p still runs"
    done
    ls -a out
    [ "$(ls -a out | grep -c '\.tmp$')" = 0 ] || fail "temporary files were left behind"
    ;;
*)
    fail "no case $case_"
    ;;
esac
echo "$case_: ok"

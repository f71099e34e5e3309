#!/bin/sh
# Fitting to design.page.max_pages (src/fit.h), checked on the PDFs with
# poppler's pdfinfo and pdftotext.
#   fit.sh EXE WORKDIR SOURCE_DIR CASE
set -eu
exe=$1 dir=$2 src=$3 case=$4
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
cp "$src"/tests/fit/*.yaml .
fail() { echo "fit $case: $*"; exit 1; }
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# The words of a PDF, one a line and sorted (the reading order of a date
# column may move), without the footer ("Pat Example – 1/2").
words() { pdftotext "$1" - | grep -v ' – [0-9]*/[0-9]*$' | tr -s ' \f\n' '\n\n\n' | grep . | LC_ALL=C sort; }
# run ARGS...: rescomp's stderr in err.txt, its exit status in $status
run() { status=0; "$exe" "$@" 2> err.txt || status=$?; }
expect_err() { grep -Eq "$1" err.txt || fail "stderr lacks /$1/: $(cat err.txt)"; }
# fitted CV MAX NOTE [ARGS...]: fits on MAX pages with that note, every word kept
fitted() {
    cv=$1 max=$2 note=$3
    shift 3
    run "$cv" -o fit.pdf "$@"
    [ $status = 0 ] || fail "exit $status: $(cat err.txt)"
    [ "$(cat err.txt)" = "$note" ] || fail "stderr: $(cat err.txt), expected: $note"
    [ "$(pages fit.pdf)" = "$max" ] || fail "$(pages fit.pdf) pages, not $max"
    "$exe" "$cv" -o loose.pdf "$@" --set design.page.max_pages=none -q
    [ "$(pages loose.pdf)" -gt "$max" ] || fail "the CV was not too long to begin with"
    words loose.pdf > loose.txt
    words fit.pdf > fit.txt
    diff loose.txt fit.txt > words.diff || fail "words differ: $(head -20 words.diff)"
}

case $case in
spacing) # four lines over: the spacing and the leading tightened suffice
    fitted few_lines.yaml 1 "<command line>:1:23: note: fitted to 1 page: spacing 85%, leading 94%" \
        --set design.page.max_pages=1
    ;;
font_size) # a real CV with a header, links and sections of every kind, its lines set
    # loose (10pt between them; the same CV as designed fits by its spacing alone):
    # the font size too
    cp "$src"/examples/engineer.yaml .
    fitted engineer.yaml 1 \
        "<command line>:1:23: note: fitted to 1 page: spacing 50%, leading 98%, margins 75%, font size 9.5pt" \
        --set design.page.max_pages=1 --set design.typography.line_spacing=10pt
    ;;
margins) # a page and three entries: the margins too
    fitted over.yaml 1 \
        "<command line>:1:23: note: fitted to 1 page: spacing 50%, leading 90%, margins 75%" \
        --set design.page.max_pages=1
    ;;
cannot) # even the tightest setting overflows: exit 1, nothing written, how much is over
    echo "an older CV" > out.pdf
    run too_long.yaml -o out.pdf
    [ $status = 1 ] || fail "exit $status, not 1"
    expect_err '^too_long\.yaml:[0-9]+:[0-9]+: error: the CV does not fit on 1 page \(design\.page\.max_pages\): about [0-9]+ lines too long at the tightest setting \(spacing 50%, leading 90%, margins 75%, font size 9pt\); shorten it or allow more pages$'
    [ "$(cat out.pdf)" = "an older CV" ] || fail "out.pdf was overwritten"
    run too_long.yaml -o new.pdf
    [ ! -e new.pdf ] || fail "new.pdf was written"
    [ "$(ls | grep -v '\.yaml$' | sort | tr '\n' ' ')" = "err.txt out.pdf " ] ||
        fail "files left: $(ls)"
    # about as many lines as the setting leaves over: 30 entries of 4 lines on
    # pages of about 64 lines
    over=$(sed -n 's/.*about \([0-9]*\) lines.*/\1/p' err.txt)
    [ "$over" -ge 40 ] && [ "$over" -le 80 ] || fail "about $over lines"
    ;;
already) # a CV within its limit is laid out as without one, byte for byte
    for cv in over.yaml over_more.yaml few_lines.yaml; do
        "$exe" "$cv" -o plain.pdf --set design.page.max_pages=none 2> /dev/null
        n=$(pages plain.pdf)
        run "$cv" -o limited.pdf --set design.page.max_pages="$n"
        [ $status = 0 ] && [ ! -s err.txt ] || fail "$cv: exit $status: $(cat err.txt)"
        cmp plain.pdf limited.pdf || fail "$cv: max_pages $n changed the PDF"
        "$exe" "$cv" --trace --set design.page.max_pages=none > plain.trace 2> /dev/null
        "$exe" "$cv" --trace --set design.page.max_pages="$n" > limited.trace
        cmp plain.trace limited.trace || fail "$cv: max_pages $n changed the trace"
    done
    ;;
variant_design) # a variant's design: sets the limit
    run over.yaml --variant one_page -o v.pdf
    expect_err '^over\.yaml:[0-9]+:[0-9]+: note: fitted to 1 page: spacing [0-9]+%, leading [0-9]+%, margins [0-9]+%$'
    [ "$(pages v.pdf)" = 1 ] || fail "$(pages v.pdf) pages"
    run over.yaml --variant as_written -o w.pdf
    [ ! -s err.txt ] && [ "$(pages w.pdf)" = 2 ] || fail "as_written: $(cat err.txt)"
    ;;
variant_set) # a variant's set: sets the limit
    run over.yaml --variant one_page_set -o v.pdf
    expect_err '^over\.yaml:[0-9]+:[0-9]+: note: fitted to 1 page: spacing [0-9]+%, leading [0-9]+%, margins [0-9]+%$'
    [ "$(pages v.pdf)" = 1 ] || fail "$(pages v.pdf) pages"
    ;;
set) # --set, on the command line
    run over.yaml -o s.pdf --set design.page.max_pages=1
    expect_err '^<command line>:1:[0-9]+: note: fitted to 1 page: spacing [0-9]+%, leading [0-9]+%, margins [0-9]+%$'
    [ "$(pages s.pdf)" = 1 ] || fail "$(pages s.pdf) pages"
    ;;
design_file) # a design file (as a theme is one); none takes its limit away again
    run over.yaml --design limit.yaml -o d.pdf
    expect_err '^limit\.yaml:4:16: note: fitted to 1 page: spacing [0-9]+%, leading [0-9]+%, margins [0-9]+%$'
    [ "$(pages d.pdf)" = 1 ] || fail "$(pages d.pdf) pages"
    run over.yaml --design limit.yaml --set design.page.max_pages=none -o n.pdf
    [ ! -s err.txt ] && [ "$(pages n.pdf)" = 2 ] || fail "none: $(cat err.txt)"
    ;;
note_quiet_strict) # the note is no warning: --strict writes the PDF, -q says nothing
    run over.yaml --variant one_page --strict -o v.pdf
    [ $status = 0 ] && [ -s v.pdf ] || fail "--strict: exit $status: $(cat err.txt)"
    run over.yaml --variant one_page -q -o q.pdf
    [ $status = 0 ] && [ ! -s err.txt ] || fail "-q: $(cat err.txt)"
    ;;
few_lines) # without a limit, a last page of a few lines is a warning that suggests one
    run few_lines.yaml -o f.pdf
    [ $status = 0 ] || fail "exit $status"
    expect_err "^few_lines\.yaml: warning: the last page holds only 4 lines; set 'design\.page\.max_pages: 1' to fit the CV on 1 page$"
    run few_lines.yaml -o strict.pdf --strict
    [ $status = 1 ] && [ ! -e strict.pdf ] || fail "--strict: exit $status"
    run few_lines.yaml -o one.pdf --set design.page.max_pages=1
    expect_err '^<command line>:1:[0-9]+: note: fitted to 1 page: (spacing [0-9]+%, )?leading [0-9]+%$'
    [ "$(pages one.pdf)" = 1 ] || fail "$(pages one.pdf) pages"
    words f.pdf > loose.txt
    words one.pdf > fit.txt
    diff loose.txt fit.txt > words.diff || fail "words differ: $(head -20 words.diff)"
    # a full last page is no warning
    run over.yaml -o full.pdf
    [ ! -s err.txt ] || fail "over.yaml: $(cat err.txt)"
    ;;
*) fail "unknown case" ;;
esac

#!/bin/sh
# The job-ad check (src/job.h): reports compared with the expected ones in
# expected/, errors at their positions, nothing written when the ad fails.
#   job.sh EXE SOURCE_DIR WORKDIR CASE
set -u
exe=$1 src=$2 work=$3 case=$4
rm -rf "$work"
mkdir -p "$work"
cp -R "$src"/cv.yaml "$src"/cv_de.yaml "$src"/cv_bad.yaml "$src"/ads "$work"/
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# same OUT: stdout equals expected/OUT
same() {
    diff -u "$src/expected/$1" out.txt || fail "the report differs from expected/$1"
}
# run EXIT ARGS...: rescomp's stdout in out.txt, stderr in err.txt, exit code checked
run() {
    want=$1
    shift
    "$exe" "$@" > out.txt 2> err.txt
    got=$?
    [ "$got" = "$want" ] || { cat err.txt; fail "exit $got, expected $want: rescomp $*"; }
}
case $case in
variant) # a variant's job: relative to the CV, the PDF written as usual
    run 0 cv.yaml --variant ml -o ml.pdf
    same ml.out
    [ -s ml.pdf ] || fail "no PDF"
    ;;
all_variants) # one report per variant that names a job, in the variants' order at -j 2
    run 0 cv.yaml --all-variants -j 2 -o out
    same all.out
    cp out.txt first.txt
    run 0 cv.yaml --all-variants -j 2 -o out
    cmp first.txt out.txt || fail "two runs differ"
    [ -s out/cv-plain.pdf ] || fail "the variant without a job was not built"
    ;;
check) # --check checks the CV and every variant, and reports on the ads
    run 0 cv.yaml --check
    same all.out
    ;;
cli) # --job FILE on the CV as written: every entry, tagged or not
    run 0 cv.yaml --job ads/web.txt -o cv.pdf
    same cli.out
    # --job wins over a variant's job:
    run 0 cv.yaml --variant ml --job ads/web.txt -o ml.pdf
    same cli_ml.out
    ;;
text) # the CV's text is the laid-out one: a tag or a YAML key is no word of it
    run 0 cv.yaml --variant ml -o ml.pdf
    grep -q '^missing:.* systems' out.txt || fail "'systems' (only a tag) was found"
    # the web variant keeps the React highlight, the ml variant drops it
    run 0 cv.yaml --variant ml --job ads/web.txt -o ml.pdf
    grep -q '^missing:.*react' out.txt || fail "'react' of a dropped highlight was found"
    ;;
german) # umlauts, ß, capitals, decomposed letters, German stop words and endings
    run 0 cv_de.yaml --variant bewerbung -o de.pdf
    same de.out
    ;;
language) # an English ad for a German CV: the ad's stop words, not the CV's
    run 0 cv_de.yaml --job ads/ml.txt -o de.pdf
    same lang.out
    ;;
errors) # ads that cannot be read: errors, no report, nothing written (tests/errors/variant_job_*)
    run 3 cv_bad.yaml --variant missing -o bad.pdf
    grep -q "cv_bad.yaml:7:10: error: cannot open '\(\./\)\{0,1\}ads/no-such-ad.txt'" err.txt ||
        { cat err.txt; fail "no error at the missing ad's job:"; }
    [ ! -e bad.pdf ] || fail "a PDF was written with a missing ad"
    [ ! -s out.txt ] || fail "a report was printed with a missing ad"
    run 1 cv_bad.yaml --variant latin1 -o bad.pdf
    grep -q "latin1.txt:2:17: error: the job ad is not UTF-8 text (byte 0xF6); save it as UTF-8" err.txt ||
        { cat err.txt; fail "no error at the byte that is not UTF-8"; }
    [ ! -e bad.pdf ] || fail "a PDF was written with a bad ad"
    run 3 cv.yaml --job no-such-ad.txt -o cv.pdf
    grep -q "error: cannot open 'no-such-ad.txt'" err.txt || { cat err.txt; fail "no error for --job"; }
    [ ! -e cv.pdf ] || fail "a PDF was written with a missing --job"
    # the report and the CV cannot share standard output
    run 2 cv.yaml --job ads/ml.txt -o -
    grep -q -- "--job prints its report on standard output" err.txt || fail "no usage error"
    run 2 cv.yaml --job ads/ml.txt --trace
    ;;
*) fail "unknown case $case" ;;
esac
echo "ok $case"

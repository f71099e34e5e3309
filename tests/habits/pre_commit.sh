#!/bin/sh
# examples/ci/pre-commit in a real repository: it checks the CVs a commit
# adds or changes whatever their names ("my cv.yaml", a JSON Resume named
# "résumé 2026.json", "-x.yaml"), YAML and JSON alike, passes good ones,
# stops one with an error or a warning naming the file, and leaves files
# that are no CV (package.json) alone.
#   pre_commit.sh EXE WORKDIR SOURCE_DIR
set -eu
exe=$1 dir=$2 src=$3
rm -rf "$dir"
mkdir -p "$dir/repo"
cd "$dir/repo"
export HOME="$dir" GIT_CONFIG_NOSYSTEM=1 RESCOMP="$exe" LC_ALL=C
git init -q .
git config user.name test
git config user.email test@example.org
cp "$src/examples/ci/pre-commit" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
fail() { echo "pre-commit: $*"; cat ../err.txt 2>/dev/null; exit 1; }
commits() { git add -A && git commit -qm "$1" 2> ../err.txt; }
refused() { # MESSAGE REGEX: the commit is refused with REGEX on stderr
    if git add -A && git commit -qm "$1" 2> ../err.txt; then fail "$1: committed"; fi
    grep -Eq "$2" ../err.txt || fail "$1: no '$2' on stderr"
    grep -q 'pre-commit: fix the CV above' ../err.txt || fail "$1: no advice"
}

cp "$src/bench/minimal.yaml" "my cv.yaml"
echo '{"name": "x", "version": "1.0.0", "dependencies": {}}' > package.json
commits "a CV with a space in its name" || fail "a good CV was refused"

printf '      - instituton: Nowhere\n' >> "my cv.yaml"
refused "an error in 'my cv.yaml'" "^my cv\\.yaml:[0-9]+:[0-9]+: error: "
git checkout -q HEAD -- "my cv.yaml"

cat > "résumé 2026.json" <<'JSON'
{
  "basics": {"name": "Ann Example", "label": "Engineer"},
  "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}]
}
JSON
commits "a good JSON Resume" || fail "a good JSON Resume was refused"
sed 's/"startDate": "2020-01"/"startDate": "last spring"/' "résumé 2026.json" > r.tmp
mv r.tmp "résumé 2026.json"
refused "a bad JSON Resume" "résumé 2026\\.json:[0-9]+:[0-9]+: (error|warning): "
git checkout -q HEAD -- "résumé 2026.json"

printf 'cv:\n  name: X\ndesign:\n  no_such_option: 1\n' > "-x.yaml"
refused "a warning in '-x.yaml'" "^\\./-x\\.yaml:4:[0-9]+: warning: "
rm -- "-x.yaml"

# files that are no CV, and a deleted CV, are not checked
echo '{"name": "y", "scripts": {"cv": 1}}' > package.json
echo 'nothing: here' > "notes 1.yml"
git rm -q "my cv.yaml"
commits "no CV changed" || fail "a commit without a CV was refused"

# CV_FILES: given files, one a line
printf 'cv:\n  name: [\n' > "bad cv.yaml"
if CV_FILES="bad cv.yaml" sh .git/hooks/pre-commit 2> ../err.txt; then fail "CV_FILES: passed"; fi
grep -q "^bad cv\\.yaml:[0-9]*:[0-9]*: error" ../err.txt || fail "CV_FILES: no message for 'bad cv.yaml'"
echo "pre-commit: ok"

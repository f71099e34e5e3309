#!/usr/bin/env python3
"""rescomp with its stderr (or stdout) on a terminal: a pseudo-terminal
from Python's pty module.

- Diagnostics are coloured on a terminal (the position bold, "error:" bold
  red, "warning:" bold magenta, as gcc does), the message itself never;
  not with NO_COLOR set and not empty (https://no-color.org), not for
  TERM=dumb, never when stderr is not a terminal. Variants compiled in
  forked processes (whose stderr is a pipe) are coloured as the run is.
- A line for each file written: "wrote cv.pdf: 3 pages, 45 KB" with the
  page count pdfinfo reads and the file's size; lines and characters for
  text; nothing with -q, nothing when stderr is not a terminal.
- -o - with a terminal for stdout refuses to print a PDF there.

    terminal.py EXE WORKDIR SOURCE_DIR
"""
import os
import pty
import re
import shutil
import subprocess
import sys

exe, work, src = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
failures = []


def run(args, env=None, on_tty=('stderr',)):
    """Run rescomp in work; the streams named in on_tty go to a pty."""
    master, slave = pty.openpty()
    e = dict(os.environ)
    e.pop('NO_COLOR', None)
    e['TERM'] = 'xterm'
    e.update(env or {})
    p = subprocess.Popen([exe] + args, cwd=work, env=e,
                         stdout=slave if 'stdout' in on_tty else subprocess.PIPE,
                         stderr=slave if 'stderr' in on_tty else subprocess.PIPE)
    os.close(slave)
    got = b''
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    out = p.stdout.read() if p.stdout else b''
    err = p.stderr.read() if p.stderr else b''
    p.wait()
    return p.returncode, got.decode('utf-8', 'replace').replace('\r\n', '\n'), out, err


def check(what, cond, detail=''):
    if not cond:
        failures.append('%s\n    %r' % (what, detail))


ESC = '\x1b['
write = lambda name, text: open(os.path.join(work, name), 'w').write(text)
write('bad.yaml', 'cv:\n  name: X\n  sections:\n    a:\n      - instituton: Y\n        area: Z\n')
write('warn.yaml', 'cv:\n  name: X\ndesign:\n  entries:\n    short_secnd_row: true\n')

# ---- colour --------------------------------------------------------------------------------
code, tty, _, _ = run(['bad.yaml', '-o', 'bad.pdf'])
check('an error is coloured on a terminal', code == 1 and re.search(
    r'^\x1b\[1mbad\.yaml:5:9:\x1b\[m \x1b\[1;31merror:\x1b\[m unknown key', tty, re.M), tty)
code, tty, _, _ = run(['warn.yaml', '-o', 'warn.pdf'])
check('a warning is coloured magenta', code == 0 and re.search(
    r'^\x1b\[1mwarn\.yaml:5:\d+:\x1b\[m \x1b\[1;35mwarning:\x1b\[m ', tty, re.M), tty)
code, tty, _, _ = run(['nope.yaml'])
check('a message without a file is coloured', code == 3 and tty.startswith(
    '\x1b[1mrescomp:\x1b[m \x1b[1;31merror:\x1b[m cannot open'), tty)
code, tty, _, _ = run(['--frobnicate'])
check('a usage error is coloured', code == 2 and tty.startswith(
    '\x1b[1mrescomp:\x1b[m \x1b[1;31merror:\x1b[m unknown option'), tty)
for env in ({'NO_COLOR': '1'}, {'NO_COLOR': 'yes'}, {'TERM': 'dumb'}):
    for args in (['bad.yaml', '-o', 'bad.pdf'], ['--frobnicate']):
        code, tty, _, _ = run(args, env)
        check('no colour with %r' % env, 'error:' in tty and ESC not in tty, tty)
code, tty, _, _ = run(['bad.yaml', '-o', 'bad.pdf'], {'NO_COLOR': ''})
check('an empty NO_COLOR is no NO_COLOR', ESC + '1;31merror:' in tty, tty)
# a message's own text is never coloured: an escape in it is shown escaped
write('esc.yaml', 'cv:\n  name: X\n  sections:\n    a:\n      - institution: Y\n        area: Z\n'
      '        "\\e[31m": 1\n')
code, tty, _, _ = run(['esc.yaml', '-o', 'esc.pdf'])
check('an escape in the input is shown, not sent', '\\x1b[31m' in tty, tty)
# stderr a pipe, stdout the terminal: no colour
code, tty, out, err = run(['bad.yaml', '-o', 'bad.pdf'], on_tty=('stdout',))
check('no colour when stderr is not a terminal', b'error:' in err and b'\x1b' not in err, err)
# variants run in forked processes, their stderr a pipe: coloured as the run
shutil.copy(os.path.join(src, 'examples', 'variants.yaml'), work)
write('broken.yaml', 'variants:\n  b:\n    set:\n      cv.sections.x: [{instituton: 1}]\n')
code, tty, _, _ = run(['variants.yaml', 'broken.yaml', '--all-variants', '-o', 'v'])
check('a failing variant is coloured', code == 1 and ESC + '1;31merror:' + ESC + "m variant 'b' "
      'failed' in tty and re.search(r'\x1b\[1;31merror:\x1b\[m unknown key', tty), tty)

# ---- the summary line ------------------------------------------------------------------------
shutil.copy(os.path.join(src, 'examples', 'academic.yaml'), os.path.join(work, 'cv.yaml'))
code, tty, _, _ = run(['cv.yaml'])
pages = re.search(r'^Pages:\s+(\d+)$', subprocess.run(
    ['pdfinfo', os.path.join(work, 'cv.pdf')], capture_output=True, text=True).stdout, re.M)
size = os.path.getsize(os.path.join(work, 'cv.pdf'))
want = 'wrote cv.pdf: %s pages, %d KB\n' % (pages and pages.group(1), (size + 512) // 1024)
check('the summary of a PDF', code == 0 and tty == want, (tty, want))
code, tty, _, _ = run(['cv.yaml', '-o', './cv.txt'])
text = open(os.path.join(work, 'cv.txt'), encoding='utf-8').read()
want = 'wrote ./cv.txt: %d lines, %d characters\n' % (text.count('\n'), len(text))
check('the summary of text', code == 0 and tty == want, (tty, want))
code, tty, out, _ = run(['cv.yaml', '-o', '-', '--format', 'md'])
check('the summary of standard output', code == 0 and out.startswith(b'# ') and
      re.fullmatch(r'wrote standard output: \d+ lines, \d+ characters\n', tty), tty)
for quiet in ('-q', '--quiet'):
    code, tty, _, _ = run(['cv.yaml', quiet])
    check('no summary with ' + quiet, code == 0 and tty == '', tty)
code, tty, _, _ = run(['warn.yaml', '-q', '-o', 'warn.pdf'])
check('-q: no warning, no summary', code == 0 and tty == '', tty)
code, tty, _, _ = run(['warn.yaml', '-o', 'warn.pdf'])
check('the summary after the warnings', re.search(r'warning:.*\nwrote warn\.pdf: 1 page, \d+ KB\n$',
                                                    tty), tty)
code, tty, _, _ = run(['warn.yaml', '--strict', '-o', 'strict.pdf'])
check('no summary when nothing is written', code == 1 and 'wrote' not in tty and
      not os.path.exists(os.path.join(work, 'strict.pdf')), tty)
code, tty, out, err = run(['cv.yaml'], on_tty=('stdout',))
check('no summary when stderr is not a terminal', code == 0 and err == b'' and tty == '', err)
code, tty, _, _ = run(['variants.yaml', '--all-variants', '-o', 'all', '-j', '2'])
check('a summary for each variant', code == 0 and len(re.findall(
    r'^wrote all/variants-\w+\.pdf: \d+ pages?, \d+ KB$', tty, re.M)) == 3, tty)

# ---- no PDF on a terminal --------------------------------------------------------------------
code, tty, _, err = run(['cv.yaml', '-o', '-'], on_tty=('stdout',))
check('-o - refuses a PDF for a terminal', code == 2 and tty == '' and
      b'would print the PDF on the terminal' in err, (tty, err))
code, tty, _, err = run(['cv.yaml', '-o', '-', '--format', 'txt'], on_tty=('stdout',))
check('-o - prints text on a terminal', code == 0 and 'Wei Xiong' in tty, (tty[:200], err))

for f in failures:
    print('FAILED: ' + f)
print('terminal: %s' % ('ok' if not failures else '%d failures' % len(failures)))
sys.exit(1 if failures else 0)

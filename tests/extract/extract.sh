#!/bin/sh
# The text of a PDF as one of eight extractors reads it, on stdout:
#   extract.sh ENGINE FILE.pdf
# ENGINE: pdftotext, pdftotext-raw (poppler), mutool (MuPDF), pdfminer,
# pypdf, pdfbox (Apache PDFBox's ExtractText), pdfjs (pdf.js, Firefox),
# pdfium (PDFium, Chrome). Applicant-tracking systems and search engines
# use one of these; rescomp's text must come out of each of them intact.
# The Python modules are Debian's (python3-pdfminer, python3-pypdf), so
# Debian's interpreter runs them whatever python3 comes first on PATH.
set -eu
engine=$1 pdf=$2
here=$(dirname "$0")
py=/usr/bin/python3
java_cp=/usr/share/java/pdfbox2.jar:/usr/share/java/pdfbox2-tools.jar:/usr/share/java/fontbox2.jar:/usr/share/java/commons-logging.jar
case $engine in
  pdftotext) pdftotext -enc UTF-8 "$pdf" - ;;
  pdftotext-raw) pdftotext -raw -enc UTF-8 "$pdf" - ;;
  mutool) mutool draw -q -F txt -o - "$pdf" 2>/dev/null ;;
  pdfminer) "$py" -c 'import sys; from pdfminer.high_level import extract_text; sys.stdout.write(extract_text(sys.argv[1]))' "$pdf" ;;
  pypdf) "$py" -c 'import sys, pypdf; sys.stdout.write("\f".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))' "$pdf" ;;
  pdfbox) java -cp "$java_cp" org.apache.pdfbox.tools.ExtractText -encoding UTF-8 -console "$pdf" 2>/dev/null ;;
  pdfjs|pdfium) node "$here/extract.mjs" "$engine" "$pdf" ;;
  *) echo "extract.sh: unknown engine '$engine'" >&2; exit 2 ;;
esac

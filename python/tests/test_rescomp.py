"""The Python module over librescomp (run by CTest: lib_python)."""

import locale
import os
import shutil
import subprocess
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor

import rescomp

SOURCE = os.environ.get("RESCOMP_SOURCE",
                        os.path.join(os.path.dirname(__file__), "..", ".."))


def read(rel):
    with open(os.path.join(SOURCE, rel), "rb") as f:
        return f.read()


def pdftotext(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdftotext", f.name, "-"], check=True,
                              stdout=subprocess.PIPE).stdout.decode()


class Compile(unittest.TestCase):
    def test_pdf(self):
        pdf = rescomp.compile(read("examples/academic.yaml"),
                              base_dir=os.path.join(SOURCE, "examples"))
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertTrue(pdf.rstrip().endswith(b"%%EOF"))
        text = pdftotext(pdf)
        for word in ("Wei Xiong", "Education", "(α, β)"):
            self.assertIn(word, text)

    def test_text_formats(self):
        cv = read("examples/engineer.yaml")
        base = os.path.join(SOURCE, "examples")
        txt = rescomp.compile(cv, "txt", base_dir=base).decode()
        md = rescomp.compile(cv, "md", base_dir=base).decode()
        self.assertIn("Ada", txt)
        self.assertTrue(md.startswith("# "), md[:40])
        with self.assertRaises(ValueError):
            rescomp.compile(cv, "docx")

    def test_str_and_bytes(self):
        cv = read("examples/engineer.yaml")
        base = os.path.join(SOURCE, "examples")
        self.assertEqual(rescomp.compile(cv, "txt", base_dir=base),
                         rescomp.compile(cv.decode(), "txt", base_dir=base))

    def test_deterministic_in_threads(self):
        cv = read("examples/academic.yaml")
        base = os.path.join(SOURCE, "examples")
        alone = rescomp.compile(cv, base_dir=base)
        with ThreadPoolExecutor(4) as pool:
            outs = list(pool.map(lambda _: rescomp.compile(cv, base_dir=base), range(8)))
        for out in outs:
            self.assertEqual(out, alone)

    def test_options(self):
        cv = read("examples/variants.yaml")
        base = os.path.join(SOURCE, "examples")
        plain = rescomp.compile(cv, "txt", base_dir=base)
        industry = rescomp.compile(cv, "txt", base_dir=base, variant="industry")
        self.assertNotEqual(plain, industry)
        named = rescomp.compile(cv, "txt", base_dir=base, sets={"cv.name": "Grace Hopper"})
        self.assertIn("Grace Hopper", named.decode())
        over = rescomp.compile(cv, "txt", base_dir=base,
                               overlays=["cv:\n  headline: Overlaid Headline\n"])
        self.assertIn("Overlaid Headline", over.decode())
        themed = rescomp.compile(cv, base_dir=base, theme="sb2nov")
        self.assertNotEqual(themed, rescomp.compile(cv, base_dir=base))
        pdfa = rescomp.compile(cv, base_dir=base, pdf_standards="a-2b")
        self.assertIn(b"pdfaid", pdfa)
        with self.assertRaises(ValueError):
            rescomp.compile(cv, pdf_standards="a-9z")

    def test_json_resume(self):
        cv = b'{"basics": {"name": "Json Person", "label": "Engineer"}}'
        self.assertIn("Json Person", rescomp.compile(cv, "txt", input="json").decode())

    def test_version(self):
        self.assertRegex(rescomp.version(), r"^\d+\.\d+\.\d+$")


class Locale(unittest.TestCase):
    """A host program's locale does not change how a CV reads: "1.5cm" is
    one and a half centimetres under a locale whose decimal point is a
    comma (de_DE, made with localedef into a folder of its own)."""

    def test_decimal_comma(self):
        cv = (b"cv:\n  name: Ada\n  headline: Engineer\n"
              b"design:\n  page:\n    top_margin: 1.5cm\n    left_margin: 2.5cm\n")
        in_c = rescomp.compile(cv, "pdf")
        with tempfile.TemporaryDirectory() as tmp:
            made = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
                                   os.path.join(tmp, "de_DE.UTF-8")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if made.returncode not in (0, 1) or \
                    not os.path.exists(os.path.join(tmp, "de_DE.UTF-8")):
                self.skipTest("localedef cannot make de_DE.UTF-8 (Debian's 'locales')")
            old_path = os.environ.get("LOCPATH")
            os.environ["LOCPATH"] = tmp
            try:
                locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
                self.assertEqual(locale.localeconv()["decimal_point"], ",")
                in_de = rescomp.compile(cv, "pdf")
            finally:
                locale.setlocale(locale.LC_ALL, "C")
                if old_path is None:
                    del os.environ["LOCPATH"]
                else:
                    os.environ["LOCPATH"] = old_path
        self.assertEqual(in_de, in_c)


class Diagnostics(unittest.TestCase):
    def test_error_records(self):
        cv = b"cv:\n  name: Ada\n  sections:\n    education:\n      - instituton: MIT\n"
        with self.assertRaises(rescomp.CompileError) as cm:
            rescomp.compile(cv, name="mine.yaml")
        e = cm.exception
        self.assertEqual(e.status, 1)
        self.assertEqual(e.kind, "input")
        errors = [d for d in e.diagnostics if d.severity == "error"]
        self.assertTrue(errors, e.diagnostics)
        d = errors[0]
        self.assertEqual(d.file, "mine.yaml")
        self.assertEqual(d.line, 5)
        self.assertGreater(d.column, 0)
        self.assertIn("instituton", d.message)
        self.assertTrue(d.text.startswith("mine.yaml:5:"), d.text)
        self.assertIn(d.text, str(e))

    def test_warnings_and_strict(self):
        cv = b"cv:\n  name: Ada\ndesign:\n  colour_of_nothing: red\n"
        warnings = []
        rescomp.compile(cv, "txt", warnings=warnings)
        self.assertTrue(warnings)
        self.assertEqual(warnings[0].severity, "warning")
        with self.assertRaises(rescomp.CompileError) as cm:
            rescomp.compile(cv, "txt", strict=True)
        self.assertEqual(cm.exception.status, 1)

    def test_unknown_variant(self):
        with self.assertRaises(rescomp.CompileError) as cm:
            rescomp.compile(read("examples/variants.yaml"), variant="nope")
        self.assertEqual(cm.exception.kind, "usage")

    def test_base_dir(self):
        cv = read("tests/golden/photo.yaml")
        pdf = rescomp.compile(cv, base_dir=os.path.join(SOURCE, "tests", "golden"))
        self.assertTrue(pdf.startswith(b"%PDF-"))
        with tempfile.TemporaryDirectory() as empty:
            with self.assertRaises(rescomp.CompileError) as cm:
                rescomp.compile(cv, base_dir=empty)
        # reported with the CV's other errors, as RenderCV does
        self.assertEqual(cm.exception.kind, "input")
        self.assertTrue(any("photo.png" in d.message for d in cm.exception.diagnostics))

    def test_root(self):
        # a photo outside the root is refused, whatever the base folder says
        with tempfile.TemporaryDirectory() as tmp:
            inner = os.path.join(tmp, "cv")
            os.mkdir(inner)
            shutil.copy(os.path.join(SOURCE, "tests", "golden", "photo.png"), tmp)
            cv = b"cv:\n  name: Ada\n  photo: ../photo.png\n"
            with self.assertRaises(rescomp.CompileError) as cm:
                rescomp.compile(cv, base_dir=inner)
            self.assertIn("outside the project folder", str(cm.exception))
            pdf = rescomp.compile(cv, base_dir=inner, root=tmp)
            self.assertTrue(pdf.startswith(b"%PDF-"))


if __name__ == "__main__":
    unittest.main()

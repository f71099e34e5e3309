"""rescomp from Python: a CV (RenderCV's YAML or JSON Resume) to a PDF,
plain text or Markdown, through librescomp with ctypes.

    import rescomp
    pdf = rescomp.compile(open("cv.yaml").read(), base_dir=".")
    open("cv.pdf", "wb").write(pdf)

A CV with errors raises rescomp.CompileError, whose .diagnostics are the
records the library returns (severity, file, line, column, message).

The library is loaded from $RESCOMP_LIBRARY when set (a path to
librescomp.so), else as librescomp.so.0 from the system's search path.
"""

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from typing import Iterable, List, Optional, Union

__all__ = ["compile", "version", "Diagnostic", "CompileError", "FORMATS"]

#: the formats of rescomp_format (include/rescomp/rescomp.h)
FORMATS = {"pdf": 0, "txt": 1, "md": 2}
#: the input kinds of rescomp_input
INPUTS = {"auto": 0, "yaml": 1, "json": 2}
_STATUS = {1: "input", 2: "usage", 3: "io", 4: "font", 5: "internal"}


def _load():
    path = os.environ.get("RESCOMP_LIBRARY")
    if not path:
        path = ctypes.util.find_library("rescomp") or "librescomp.so.0"
    lib = ctypes.CDLL(path)
    c = ctypes
    sigs = {
        "rescomp_version": (c.c_char_p, []),
        "rescomp_opts_new": (c.c_void_p, []),
        "rescomp_opts_free": (None, [c.c_void_p]),
        "rescomp_opts_set_format": (c.c_int, [c.c_void_p, c.c_int]),
        "rescomp_opts_set_input": (c.c_int, [c.c_void_p, c.c_int]),
        "rescomp_opts_set_input_name": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_set_base_dir": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_set_root": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_set_variant": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_set_theme": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_add_set": (c.c_int, [c.c_void_p, c.c_char_p]),
        "rescomp_opts_add_overlay": (c.c_int, [c.c_void_p, c.c_char_p, c.c_char_p,
                                               c.c_size_t, c.c_char_p]),
        "rescomp_opts_set_pdf_standards": (c.c_int, [c.c_void_p, c.c_uint]),
        "rescomp_opts_set_pdf_tags": (c.c_int, [c.c_void_p, c.c_int]),
        "rescomp_opts_set_strict": (c.c_int, [c.c_void_p, c.c_int]),
        "rescomp_pdf_standards": (c.c_int, [c.c_char_p, c.POINTER(c.c_uint), c.c_char_p,
                                            c.c_size_t]),
        "rescomp_compile_buffer": (c.c_void_p, [c.c_char_p, c.c_size_t, c.c_void_p]),
        "rescomp_result_status": (c.c_int, [c.c_void_p]),
        "rescomp_result_data": (c.POINTER(c.c_ubyte), [c.c_void_p, c.POINTER(c.c_size_t)]),
        "rescomp_result_diag_count": (c.c_size_t, [c.c_void_p]),
        "rescomp_result_diag_severity": (c.c_int, [c.c_void_p, c.c_size_t]),
        "rescomp_result_diag_file": (c.c_char_p, [c.c_void_p, c.c_size_t]),
        "rescomp_result_diag_line": (c.c_int, [c.c_void_p, c.c_size_t]),
        "rescomp_result_diag_column": (c.c_int, [c.c_void_p, c.c_size_t]),
        "rescomp_result_diag_message": (c.c_char_p, [c.c_void_p, c.c_size_t]),
        "rescomp_result_diag_text": (c.c_char_p, [c.c_void_p, c.c_size_t]),
        "rescomp_result_free": (None, [c.c_void_p]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


_lib = _load()


@dataclass(frozen=True)
class Diagnostic:
    """One message of the compiler, as rescomp prints it."""

    severity: str  # "error", "warning" or "note"
    file: Optional[str]
    line: int  # 1-based; 0: the whole file
    column: int
    message: str
    text: str  # "cv.yaml:12:5: error: ..."

    def __str__(self):
        return self.text


class CompileError(Exception):
    """The CV could not be compiled; .diagnostics say why, .status is the
    program's exit code (1 input, 2 usage, 3 io, 4 font, 5 internal)."""

    def __init__(self, status: int, diagnostics: List[Diagnostic]):
        self.status = status
        self.kind = _STATUS.get(status, "internal")
        self.diagnostics = diagnostics
        errors = [d.text for d in diagnostics if d.severity == "error"] or \
                 [d.text for d in diagnostics] or ["rescomp failed (exit %d)" % status]
        super().__init__("\n".join(errors))


def version() -> str:
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _lib.rescomp_version().decode()


def _b(s):
    return None if s is None else os.fsencode(s) if isinstance(s, os.PathLike) else \
        s.encode() if isinstance(s, str) else s


def _diagnostics(r) -> List[Diagnostic]:
    out = []
    for i in range(_lib.rescomp_result_diag_count(r)):
        f = _lib.rescomp_result_diag_file(r, i)
        out.append(Diagnostic(
            ("warning", "error", "note")[_lib.rescomp_result_diag_severity(r, i)],
            f.decode(errors="replace") if f is not None else None,
            _lib.rescomp_result_diag_line(r, i),
            _lib.rescomp_result_diag_column(r, i),
            _lib.rescomp_result_diag_message(r, i).decode(errors="replace"),
            _lib.rescomp_result_diag_text(r, i).decode(errors="replace")))
    return out


def compile(text: Union[str, bytes], format: str = "pdf", *,
            base_dir: Union[str, os.PathLike, None] = None,
            root: Union[str, os.PathLike, None] = None,
            name: Optional[str] = None, input: str = "auto",
            variant: Optional[str] = None, theme: Optional[str] = None,
            sets: Union[Iterable[str], dict, None] = None,
            overlays: Iterable[Union[str, bytes]] = (),
            pdf_standards: Optional[str] = None, tagged: bool = True,
            strict: bool = False, warnings: Optional[list] = None) -> bytes:
    """Compile the CV in text into the bytes of format ("pdf", "txt", "md").

    base_dir: the folder the files the CV names (photo, .bib) are relative
    to (the CV's folder); root: the folder they must lie in (default:
    base_dir). name: the CV's file name in messages ("cv.yaml"; a .json
    name reads JSON Resume). variant, theme: as --variant and a built-in
    theme's name; sets: "path=value" strings or a {path: value} dict, as
    --set; overlays: YAML texts merged over the CV, in order;
    pdf_standards: "a-2b,ua-1" as --pdf-standard. warnings, a list, gets
    the Diagnostic of each warning of a compilation that succeeds.
    Raises CompileError with the diagnostics when it fails, ValueError for
    an option the library refuses.
    """
    if format not in FORMATS:
        raise ValueError("unknown format %r; use one of %s" % (format, ", ".join(FORMATS)))
    if input not in INPUTS:
        raise ValueError("unknown input kind %r; use one of %s" % (input, ", ".join(INPUTS)))
    data = _b(text)
    o = _lib.rescomp_opts_new()
    if not o:
        raise MemoryError()
    try:
        def check(rc, what):
            if rc != 0:
                raise ValueError("rescomp refused %s" % what)

        check(_lib.rescomp_opts_set_format(o, FORMATS[format]), "the format")
        check(_lib.rescomp_opts_set_input(o, INPUTS[input]), "the input kind")
        if name is not None:
            check(_lib.rescomp_opts_set_input_name(o, _b(name)), "the name %r" % name)
        if base_dir is not None:
            check(_lib.rescomp_opts_set_base_dir(o, _b(base_dir)), "the base folder")
        if root is not None:
            check(_lib.rescomp_opts_set_root(o, _b(root)), "the root folder")
        if variant is not None:
            check(_lib.rescomp_opts_set_variant(o, _b(variant)), "the variant")
        if theme is not None:
            check(_lib.rescomp_opts_set_theme(o, _b(theme)), "the theme")
        if isinstance(sets, dict):
            sets = ["%s=%s" % kv for kv in sets.items()]
        for s in sets or ():
            check(_lib.rescomp_opts_add_set(o, _b(s)), "--set %r" % s)
        for i, ov in enumerate(overlays):
            ovb = _b(ov)
            check(_lib.rescomp_opts_add_overlay(o, None, ovb, len(ovb), None), "an overlay")
        if pdf_standards:
            bits = ctypes.c_uint()
            why = ctypes.create_string_buffer(256)
            if _lib.rescomp_pdf_standards(_b(pdf_standards), ctypes.byref(bits), why, 256):
                raise ValueError(why.value.decode())
            check(_lib.rescomp_opts_set_pdf_standards(o, bits.value), "the PDF standards")
        _lib.rescomp_opts_set_pdf_tags(o, 1 if tagged else 0)
        _lib.rescomp_opts_set_strict(o, 1 if strict else 0)
        r = _lib.rescomp_compile_buffer(data, len(data), o)
    finally:
        _lib.rescomp_opts_free(o)
    if not r:
        raise MemoryError()
    try:
        status = _lib.rescomp_result_status(r)
        diags = _diagnostics(r)
        if status != 0:
            raise CompileError(status, diags)
        if warnings is not None:
            warnings.extend(d for d in diags if d.severity == "warning")
        n = ctypes.c_size_t()
        p = _lib.rescomp_result_data(r, ctypes.byref(n))
        return ctypes.string_at(p, n.value)
    finally:
        _lib.rescomp_result_free(r)

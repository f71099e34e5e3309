/*
 * bib: BibTeX files into publication entries. See bib.h.
 *
 * btparse is one parser with global state, used by one thread at a time:
 * every entry point here that reaches it holds `btparse_lock`. Four of
 * its functions are taken over (take_btparse, once, through rebind.h:
 * libbtparse's own references to them are pointed at ours, and nothing is
 * exported, so a program embedding the library keeps its own symbols):
 *
 * btparse reports its errors through a handler table that is private to
 * the library but initialised with the address of its exported function
 * print_error(); this file's bib_print_error takes its place, so every
 * message btparse would print on stderr becomes a diagnostic of the file
 * being read. When no file is being read (a host program's own use of
 * btparse), the messages are printed as btparse prints them.
 *
 * Its lexer (PCCTS's DLG) prints a character it has no rule for (a
 * control character, a '\' between fields) on stderr itself, through
 * the exported hook zzerr, and goes on as if the character were not
 * there; while a file is read that hook is ours too, and the character
 * a warning (a '%' comment on a last line with no newline is one too, to
 * the lexer, and no warning).
 *
 * bt_parse_entry hands each entry's tree to bt_postprocess_entry, through
 * the symbol too, and that exit()s the program on a tree its parser can
 * make but it cannot take: `@article "x"`, a value where the '{' belongs.
 * This file takes that function over as well: it checks the tree, and
 * post-processes it as btparse does when it is sound (with btparse's own
 * functions for each field and value), or makes it an error when not.
 *
 * And its parser's syntax-error hook, zzsyn, builds 'found "TEXT",
 * expected ...' with the offending token's text and passes that as the
 * format of its error function: a '%' in a value ({50%s}) was a printf
 * conversion, and crashed. This file's bib_zzsyn builds the same message
 * and passes it as data. (And its list rule calls `field` for each field:
 * bib_field counts them.)
 */
#include "bib.h"

#include "files.h"
#include "rebind.h"

#include <btparse.h>

#include <pthread.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_BIB_BYTES (16u << 20)

/*
 * Limits on what a .bib can make btparse do (docs/limits.md). The first
 * two bound @string expansion: each value may reference macros that
 * reference macros, so ten lines can double a text thirty times (btparse
 * sums the lengths in an int, which then wraps, and writes past its
 * buffer). Every value is measured before btparse expands it.
 */
#define MAX_BIB_VALUE (1u << 20)     /* bytes of one value, its macros expanded */
#define MAX_BIB_EXPANSION (512u << 10) /* bytes macro references add in all (or the file's) */
#define MAX_BIB_DEPTH 64             /* levels of braces in a value */
/*
 * btparse's parser reads the fields of an entry by recursion, on a stack
 * of 400 slots that exit()s the program when full (at 98 fields); it
 * keeps the names of @string macros in a table of 400,960 characters that
 * exit()s the same way, and never frees a name (not even a redefined one).
 */
#define MAX_BIB_FIELDS 64            /* fields in one entry */
#define MAX_BIB_MACROS 5000          /* @string definitions in a file */
#define MAX_BIB_MACRO_NAME 64        /* characters of an @string name */
#define MAX_BIB_WARNINGS 100         /* BibTeX warnings shown for a file; then a count */

/* ---- LaTeX to text --------------------------------------------------- */

typedef struct tex {
    const char *s;
    size_t i, n;
    rc_buf *out;
    int markup; /* emit inline markup, escaping literal markup characters */
    int math;   /* inside $...$ */
    int depth;  /* groups open: convert() recurses for each */
} tex;

/* Accents: the letters they compose with, as UTF-8 pairs base/composed. */
static const struct accent {
    const char *name;
    const char *pairs;
    uint32_t combining;
    const char *alone; /* the accent with an empty base: \~{} */
} accents[] = {
    {"'", "A\xC3\x81" "a\xC3\xA1" "E\xC3\x89" "e\xC3\xA9" "I\xC3\x8D" "i\xC3\xAD"
          "O\xC3\x93" "o\xC3\xB3" "U\xC3\x9A" "u\xC3\xBA" "Y\xC3\x9D" "y\xC3\xBD"
          "C\xC4\x86" "c\xC4\x87" "N\xC5\x83" "n\xC5\x84" "S\xC5\x9A" "s\xC5\x9B"
          "Z\xC5\xB9" "z\xC5\xBA" "L\xC4\xB9" "l\xC4\xBA" "R\xC5\x94" "r\xC5\x95"
          "G\xC7\xB4" "g\xC7\xB5",
     0x301, "'"},
    {"`", "A\xC3\x80" "a\xC3\xA0" "E\xC3\x88" "e\xC3\xA8" "I\xC3\x8C" "i\xC3\xAC"
          "O\xC3\x92" "o\xC3\xB2" "U\xC3\x99" "u\xC3\xB9",
     0x300, "`"},
    {"^", "A\xC3\x82" "a\xC3\xA2" "E\xC3\x8A" "e\xC3\xAA" "I\xC3\x8E" "i\xC3\xAE"
          "O\xC3\x94" "o\xC3\xB4" "U\xC3\x9B" "u\xC3\xBB" "C\xC4\x88" "c\xC4\x89"
          "G\xC4\x9C" "g\xC4\x9D" "H\xC4\xA4" "h\xC4\xA5" "J\xC4\xB4" "j\xC4\xB5"
          "S\xC5\x9C" "s\xC5\x9D" "W\xC5\xB4" "w\xC5\xB5" "Y\xC5\xB6" "y\xC5\xB7",
     0x302, "^"},
    {"\"", "A\xC3\x84" "a\xC3\xA4" "E\xC3\x8B" "e\xC3\xAB" "I\xC3\x8F" "i\xC3\xAF"
           "O\xC3\x96" "o\xC3\xB6" "U\xC3\x9C" "u\xC3\xBC" "Y\xC5\xB8" "y\xC3\xBF",
     0x308, "\""},
    {"~", "A\xC3\x83" "a\xC3\xA3" "N\xC3\x91" "n\xC3\xB1" "O\xC3\x95" "o\xC3\xB5"
          "I\xC4\xA8" "i\xC4\xA9" "U\xC5\xA8" "u\xC5\xA9",
     0x303, "~"},
    {"=", "A\xC4\x80" "a\xC4\x81" "E\xC4\x92" "e\xC4\x93" "I\xC4\xAA" "i\xC4\xAB"
          "O\xC5\x8C" "o\xC5\x8D" "U\xC5\xAA" "u\xC5\xAB",
     0x304, ""},
    {".", "C\xC4\x8A" "c\xC4\x8B" "E\xC4\x96" "e\xC4\x97" "G\xC4\xA0" "g\xC4\xA1"
          "I\xC4\xB0" "Z\xC5\xBB" "z\xC5\xBC",
     0x307, ""},
    {"u", "A\xC4\x82" "a\xC4\x83" "E\xC4\x94" "e\xC4\x95" "G\xC4\x9E" "g\xC4\x9F"
          "I\xC4\xAC" "i\xC4\xAD" "O\xC5\x8E" "o\xC5\x8F" "U\xC5\xAC" "u\xC5\xAD",
     0x306, ""},
    {"v", "C\xC4\x8C" "c\xC4\x8D" "D\xC4\x8E" "d\xC4\x8F" "E\xC4\x9A" "e\xC4\x9B"
          "N\xC5\x87" "n\xC5\x88" "R\xC5\x98" "r\xC5\x99" "S\xC5\xA0" "s\xC5\xA1"
          "T\xC5\xA4" "t\xC5\xA5" "Z\xC5\xBD" "z\xC5\xBE" "L\xC4\xBD" "l\xC4\xBE",
     0x30C, ""},
    {"H", "O\xC5\x90" "o\xC5\x91" "U\xC5\xB0" "u\xC5\xB1", 0x30B, ""},
    {"c", "C\xC3\x87" "c\xC3\xA7" "S\xC5\x9E" "s\xC5\x9F" "T\xC5\xA2" "t\xC5\xA3"
          "G\xC4\xA2" "g\xC4\xA3" "K\xC4\xB6" "k\xC4\xB7" "L\xC4\xBB" "l\xC4\xBC"
          "N\xC5\x85" "n\xC5\x86" "R\xC5\x96" "r\xC5\x97",
     0x327, ""},
    {"k", "A\xC4\x84" "a\xC4\x85" "E\xC4\x98" "e\xC4\x99" "I\xC4\xAE" "i\xC4\xAF"
          "U\xC5\xB2" "u\xC5\xB3",
     0x328, ""},
    {"r", "A\xC3\x85" "a\xC3\xA5" "U\xC5\xAE" "u\xC5\xAF", 0x30A, ""},
    {"d", "", 0x323, ""},
    {"b", "", 0x331, ""},
    {"t", "", 0x361, ""},
};

/* Control words and symbols that stand for one character. */
static const struct symbol {
    const char *name;
    const char *text;
} symbols[] = {
    {"ss", "\xC3\x9F"}, {"o", "\xC3\xB8"}, {"O", "\xC3\x98"}, {"ae", "\xC3\xA6"},
    {"AE", "\xC3\x86"}, {"oe", "\xC5\x93"}, {"OE", "\xC5\x92"}, {"aa", "\xC3\xA5"},
    {"AA", "\xC3\x85"}, {"l", "\xC5\x82"}, {"L", "\xC5\x81"}, {"i", "\xC4\xB1"},
    {"j", "\xC8\xB7"}, {"dh", "\xC3\xB0"}, {"DH", "\xC3\x90"}, {"th", "\xC3\xBE"},
    {"TH", "\xC3\x9E"}, {"ng", "\xC5\x8B"}, {"NG", "\xC5\x8A"}, {"dj", "\xC4\x91"},
    {"DJ", "\xC4\x90"},
    {"dag", "\xE2\x80\xA0"}, {"dagger", "\xE2\x80\xA0"}, {"textdagger", "\xE2\x80\xA0"},
    {"ddag", "\xE2\x80\xA1"}, {"ddagger", "\xE2\x80\xA1"}, {"textdaggerdbl", "\xE2\x80\xA1"},
    {"S", "\xC2\xA7"}, {"P", "\xC2\xB6"}, {"copyright", "\xC2\xA9"},
    {"textcopyright", "\xC2\xA9"}, {"textregistered", "\xC2\xAE"},
    {"texttrademark", "\xE2\x84\xA2"}, {"ldots", "\xE2\x80\xA6"}, {"dots", "\xE2\x80\xA6"},
    {"textellipsis", "\xE2\x80\xA6"}, {"textendash", "\xE2\x80\x93"},
    {"textemdash", "\xE2\x80\x94"}, {"textquoteleft", "\xE2\x80\x98"},
    {"textquoteright", "\xE2\x80\x99"}, {"textquotedblleft", "\xE2\x80\x9C"},
    {"textquotedblright", "\xE2\x80\x9D"}, {"guillemotleft", "\xC2\xAB"},
    {"guillemotright", "\xC2\xBB"}, {"pounds", "\xC2\xA3"}, {"textsterling", "\xC2\xA3"},
    {"euro", "\xE2\x82\xAC"}, {"texteuro", "\xE2\x82\xAC"}, {"textdegree", "\xC2\xB0"},
    {"textasciitilde", "~"}, {"textbackslash", "\\"}, {"textasciicircum", "^"},
    {"textbar", "|"}, {"textless", "<"}, {"textgreater", ">"}, {"textunderscore", "_"},
    {"times", "\xC3\x97"}, {"pm", "\xC2\xB1"}, {"cdot", "\xC2\xB7"}, {"circ", "\xE2\x88\x98"},
    {"infty", "\xE2\x88\x9E"}, {"leq", "\xE2\x89\xA4"}, {"le", "\xE2\x89\xA4"},
    {"geq", "\xE2\x89\xA5"}, {"ge", "\xE2\x89\xA5"}, {"neq", "\xE2\x89\xA0"},
    {"approx", "\xE2\x89\x88"}, {"sim", "\xE2\x88\xBC"}, {"to", "\xE2\x86\x92"},
    {"rightarrow", "\xE2\x86\x92"}, {"leftarrow", "\xE2\x86\x90"}, {"ell", "\xE2\x84\x93"},
    {"partial", "\xE2\x88\x82"}, {"nabla", "\xE2\x88\x87"}, {"sqrt", "\xE2\x88\x9A"},
    {"textmu", "\xCE\xBC"}, {"micro", "\xC2\xB5"},
    {"alpha", "\xCE\xB1"}, {"beta", "\xCE\xB2"}, {"gamma", "\xCE\xB3"}, {"delta", "\xCE\xB4"},
    {"epsilon", "\xCE\xB5"}, {"varepsilon", "\xCE\xB5"}, {"zeta", "\xCE\xB6"},
    {"eta", "\xCE\xB7"}, {"theta", "\xCE\xB8"}, {"vartheta", "\xCF\x91"}, {"iota", "\xCE\xB9"},
    {"kappa", "\xCE\xBA"}, {"lambda", "\xCE\xBB"}, {"mu", "\xCE\xBC"}, {"nu", "\xCE\xBD"},
    {"xi", "\xCE\xBE"}, {"pi", "\xCF\x80"}, {"rho", "\xCF\x81"}, {"sigma", "\xCF\x83"},
    {"varsigma", "\xCF\x82"}, {"tau", "\xCF\x84"}, {"upsilon", "\xCF\x85"},
    {"phi", "\xCF\x86"}, {"varphi", "\xCF\x86"}, {"chi", "\xCF\x87"}, {"psi", "\xCF\x88"},
    {"omega", "\xCF\x89"}, {"Gamma", "\xCE\x93"}, {"Delta", "\xCE\x94"},
    {"Theta", "\xCE\x98"}, {"Lambda", "\xCE\x9B"}, {"Xi", "\xCE\x9E"}, {"Pi", "\xCE\xA0"},
    {"Sigma", "\xCE\xA3"}, {"Upsilon", "\xCE\xA5"}, {"Phi", "\xCE\xA6"}, {"Psi", "\xCE\xA8"},
    {"Omega", "\xCE\xA9"},
    /* control symbols */
    {"&", "&"}, {"%", "%"}, {"$", "$"}, {"#", "#"}, {"_", "_"}, {"{", "{"}, {"}", "}"},
    {"\\", " "}, {" ", " "}, {",", " "}, {";", " "}, {":", " "}, {"!", ""}, {"-", ""},
    {"/", ""}, {"@", ""},
};

/* Commands whose one argument is shown as it is, or in a style of markup. */
static const struct wrapper {
    const char *name;
    const char *mark; /* markup around the argument; "" for none */
} wrappers[] = {
    {"emph", "*"}, {"textit", "*"}, {"textsl", "*"}, {"mathit", "*"},
    {"textbf", "**"}, {"mathbf", "**"}, {"texttt", "`"}, {"mathtt", "`"},
    {"textsc", ""}, {"textrm", ""}, {"textsf", ""}, {"textup", ""}, {"textmd", ""},
    {"textnormal", ""}, {"mbox", ""}, {"hbox", ""}, {"text", ""}, {"mathrm", ""},
    {"mathsf", ""}, {"mathcal", ""}, {"mathbb", ""}, {"operatorname", ""},
    {"ensuremath", ""}, {"textsuperscript", ""}, {"textsubscript", ""},
    {"NoCaseChange", ""}, {"MakeUppercase", ""}, {"MakeLowercase", ""},
    {"uppercase", ""}, {"lowercase", ""}, {"url", ""}, {"path", ""},
};

/* Declarations that switch the style until the end of their group: {\em x}. */
static const struct wrapper switches[] = {
    {"em", "*"}, {"it", "*"}, {"itshape", "*"}, {"sl", "*"}, {"slshape", "*"},
    {"bf", "**"}, {"bfseries", "**"}, {"tt", "`"}, {"ttfamily", "`"},
    {"sc", ""}, {"scshape", ""}, {"rm", ""}, {"sf", ""}, {"normalfont", ""},
    {"upshape", ""}, {"mdseries", ""},
};

static int is_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of the character at t->i (1 for an invalid byte). */
static size_t char_len(const tex *t)
{
    uint32_t cp;
    size_t k = rc_utf8_decode(t->s + t->i, t->n - t->i, &cp);
    return k ? k : 1;
}

static void emit_text(tex *t, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (t->markup && (c == '*' || c == '`' || c == '[' || c == ']' || c == '\\' || c == '~'))
            rc_buf_addc(t->out, '\\');
        rc_buf_addc(t->out, c);
    }
}

static void emit_str(tex *t, const char *s)
{
    emit_text(t, s, strlen(s));
}

static void convert(tex *t, int in_group);

/* The converted text of a group {...} or of the next character, as plain text. */
static void plain_argument(tex *t, rc_buf *arg)
{
    while (t->i < t->n && t->s[t->i] == ' ')
        t->i++;
    if (t->i >= t->n)
        return;
    tex sub = *t;
    sub.out = arg;
    sub.markup = 0;
    if (t->s[t->i] == '{') {
        sub.i = t->i + 1;
        convert(&sub, 1);
        t->i = sub.i;
        return;
    }
    if (t->s[t->i] == '\\') {
        /* a command such as \i: convert just it */
        size_t start = t->i++;
        if (t->i < t->n && is_letter((unsigned char)t->s[t->i]))
            while (t->i < t->n && is_letter((unsigned char)t->s[t->i]))
                t->i++;
        else if (t->i < t->n)
            t->i += char_len(t); /* a control symbol: one character, not one byte */
        sub.s = t->s + start;
        sub.n = t->i - start;
        sub.i = 0;
        convert(&sub, 0);
        return;
    }
    uint32_t cp;
    size_t k = rc_utf8_decode(t->s + t->i, t->n - t->i, &cp);
    if (!k)
        k = 1;
    rc_buf_add(arg, t->s + t->i, k);
    t->i += k;
}

static void apply_accent(tex *t, const struct accent *ac, const char *base, size_t len)
{
    if (!len) {
        emit_str(t, ac->alone);
        return;
    }
    uint32_t cp;
    size_t k = rc_utf8_decode(base, len, &cp);
    if (!k)
        k = 1;
    if (cp == 0x131) /* dotless i from \i takes the accent as i */
        cp = 'i';
    if (cp == 0x237)
        cp = 'j';
    const char *p = ac->pairs;
    while (*p) {
        uint32_t from, to;
        size_t a = rc_utf8_decode(p, strlen(p), &from);
        size_t b = rc_utf8_decode(p + a, strlen(p + a), &to);
        if (from == cp) {
            rc_buf_add_utf8(t->out, to);
            emit_text(t, base + k, len - k);
            return;
        }
        p += a + b;
    }
    char one[4];
    emit_text(t, one, rc_utf8_encode(cp, one));
    rc_buf_add_utf8(t->out, ac->combining);
    emit_text(t, base + k, len - k);
}

/* Read the argument group of a wrapper command and emit it between marks. */
static void wrapped(tex *t, const char *mark)
{
    while (t->i < t->n && t->s[t->i] == ' ')
        t->i++;
    if (t->i >= t->n || t->s[t->i] != '{')
        return; /* no argument: the command is dropped */
    t->i++;
    if (!t->markup || !*mark) {
        convert(t, 1);
        return;
    }
    /* Emphasis markup must hug its text: convert first, then wrap. */
    rc_buf inner = RC_BUF_INIT;
    tex sub = *t;
    sub.out = &inner;
    convert(&sub, 1);
    t->i = sub.i;
    const char *s = rc_buf_str(&inner);
    size_t n = inner.len, b = 0;
    while (b < n && s[b] == ' ')
        b++;
    while (n > b && s[n - 1] == ' ')
        n--;
    rc_buf_add(t->out, s, b);
    if (n > b) {
        rc_buf_adds(t->out, mark);
        rc_buf_add(t->out, s + b, n - b);
        rc_buf_adds(t->out, mark);
    }
    rc_buf_add(t->out, s + n, inner.len - n);
    rc_buf_release(&inner);
}

static void href(tex *t)
{
    rc_buf url = RC_BUF_INIT;
    tex sub = *t;
    sub.out = &url;
    sub.markup = 0;
    while (sub.i < sub.n && sub.s[sub.i] == ' ')
        sub.i++;
    if (sub.i < sub.n && sub.s[sub.i] == '{') {
        sub.i++;
        convert(&sub, 1);
    }
    t->i = sub.i;
    if (!t->markup) {
        wrapped(t, "");
        rc_buf_release(&url);
        return;
    }
    rc_buf_addc(t->out, '[');
    wrapped(t, "");
    rc_buf_adds(t->out, "](");
    for (const char *p = rc_buf_str(&url); *p; p++) {
        if (*p == ')' || *p == '(' || *p == '\\')
            rc_buf_addc(t->out, '\\');
        if (*p != ' ')
            rc_buf_addc(t->out, *p);
    }
    rc_buf_addc(t->out, ')');
    rc_buf_release(&url);
}

/* A command at t->s[t->i] == '\\'; `closer` collects a style switch's end mark. */
static void command(tex *t, const char **closer)
{
    size_t start = ++t->i;
    if (t->i >= t->n) {
        emit_str(t, "\\");
        return;
    }
    if (is_letter((unsigned char)t->s[t->i]))
        while (t->i < t->n && is_letter((unsigned char)t->s[t->i]))
            t->i++;
    else
        t->i += char_len(t); /* a control symbol: one character, not one byte */
    size_t len = t->i - start;
    const char *name = t->s + start;
    int word = is_letter((unsigned char)name[0]);

    for (size_t k = 0; k < RC_ARRAY_LEN(accents); k++)
        if (strlen(accents[k].name) == len && !memcmp(accents[k].name, name, len)) {
            rc_buf base = RC_BUF_INIT;
            plain_argument(t, &base);
            apply_accent(t, &accents[k], rc_buf_str(&base), base.len);
            rc_buf_release(&base);
            return;
        }
    if (word) /* TeX: spaces after a control word are skipped */
        while (t->i < t->n && t->s[t->i] == ' ')
            t->i++;
    for (size_t k = 0; k < RC_ARRAY_LEN(symbols); k++)
        if (strlen(symbols[k].name) == len && !memcmp(symbols[k].name, name, len)) {
            /* {\o}: the braces only protect; "\o{}" has an empty group */
            if (t->i + 1 < t->n && t->s[t->i] == '{' && t->s[t->i + 1] == '}')
                t->i += 2;
            emit_str(t, symbols[k].text);
            return;
        }
    if (len == 4 && !memcmp(name, "href", 4)) {
        href(t);
        return;
    }
    for (size_t k = 0; k < RC_ARRAY_LEN(wrappers); k++)
        if (strlen(wrappers[k].name) == len && !memcmp(wrappers[k].name, name, len)) {
            wrapped(t, wrappers[k].mark);
            return;
        }
    for (size_t k = 0; k < RC_ARRAY_LEN(switches); k++)
        if (strlen(switches[k].name) == len && !memcmp(switches[k].name, name, len)) {
            if (t->markup && *switches[k].mark && closer && !*closer) {
                rc_buf_adds(t->out, switches[k].mark);
                *closer = switches[k].mark;
            }
            return;
        }
    /* An unknown command is dropped; a group after it is shown as text. */
}

/*
 * A group nested deeper than MAX_BIB_DEPTH, which the loader refuses, but
 * rc_bib_tex_to_markup can be given any text: its characters as they are,
 * braces dropped, up to its '}', without recursion.
 */
static void flat_group(tex *t)
{
    for (int depth = 1; t->i < t->n;) {
        char c = t->s[t->i];
        if (c == '{' || c == '}') {
            t->i++;
            depth += c == '{' ? 1 : -1;
            if (!depth)
                return;
            continue;
        }
        size_t k = char_len(t);
        emit_text(t, t->s + t->i, k);
        t->i += k;
    }
}

static void convert_text(tex *t, int in_group);

/* Convert up to the end, or (in_group) to the '}' that closes the group. */
static void convert(tex *t, int in_group)
{
    if (in_group && t->depth > MAX_BIB_DEPTH) { /* the top level is depth 1 */
        flat_group(t);
        return;
    }
    t->depth++;
    convert_text(t, in_group);
    t->depth--;
}

static void convert_text(tex *t, int in_group)
{
    const char *closer = NULL;
    size_t closer_at = t->out->len;
    while (t->i < t->n) {
        char c = t->s[t->i];
        if (c == '}') {
            t->i++;
            if (in_group)
                break;
            continue; /* a stray brace */
        }
        if (c == '{') {
            t->i++;
            convert(t, 1);
            continue;
        }
        if (c == '\\') {
            size_t before = t->out->len;
            command(t, &closer);
            if (closer && before == t->out->len - strlen(closer))
                closer_at = t->out->len;
            continue;
        }
        if (c == '$') {
            t->math = !t->math;
            t->i++;
            continue;
        }
        if (t->math && (c == '^' || c == '_')) {
            t->i++;
            continue; /* the sub/superscript itself is shown inline */
        }
        if (c == '~') {
            rc_buf_adds(t->out, t->markup ? "~" : " ");
            t->i++;
            continue;
        }
        if (c == '-' && !t->markup) {
            size_t k = t->i;
            while (k < t->n && t->s[k] == '-')
                k++;
            size_t run = k - t->i;
            rc_buf_adds(t->out, run == 2 ? "\xE2\x80\x93" : run == 3 ? "\xE2\x80\x94" : "-");
            t->i += run == 2 || run == 3 ? run : 1;
            continue;
        }
        if (c == '`') {
            int two = t->i + 1 < t->n && t->s[t->i + 1] == '`';
            rc_buf_adds(t->out, two ? "\xE2\x80\x9C" : "\xE2\x80\x98");
            t->i += two ? 2 : 1;
            continue;
        }
        if (c == '\'' && t->i + 1 < t->n && t->s[t->i + 1] == '\'') {
            rc_buf_adds(t->out, "\xE2\x80\x9D");
            t->i += 2;
            continue;
        }
        uint32_t cp;
        size_t k = rc_utf8_decode(t->s + t->i, t->n - t->i, &cp);
        if (!k)
            k = 1;
        emit_text(t, t->s + t->i, k);
        t->i += k;
    }
    if (closer) {
        /* Emphasis must not end after a space: move the mark before trailing spaces. */
        size_t end = t->out->len, n = end;
        while (n > closer_at && t->out->ptr[n - 1] == ' ')
            n--;
        if (n == closer_at) {
            /* nothing was emphasised: drop the opening mark */
            size_t ml = strlen(closer);
            memmove(t->out->ptr + closer_at - ml, t->out->ptr + closer_at, end - closer_at);
            t->out->len -= ml;
            t->out->ptr[t->out->len] = 0;
        } else {
            char *tail = rc_xstrdup(t->out->ptr + n);
            t->out->len = n;
            t->out->ptr[n] = 0;
            rc_buf_adds(t->out, closer);
            rc_buf_adds(t->out, tail);
            free(tail);
        }
    }
}

static void tex_convert(rc_buf *out, const char *s, int markup)
{
    tex t = {s, 0, strlen(s), out, markup, 0, 0};
    convert(&t, 0);
}

void rc_bib_tex_to_markup(rc_buf *out, const char *s)
{
    tex_convert(out, s, 1);
}

void rc_bib_tex_to_text(rc_buf *out, const char *s)
{
    tex_convert(out, s, 0);
}

/* ---- names -------------------------------------------------------------- */

/* Equal-contribution and affiliation marks that follow a name. */
static int is_mark(uint32_t cp)
{
    return cp == '*' || cp == '#' || cp == 0x2020 || cp == 0x2021 || cp == 0xA7 ||
           cp == 0xB6 || cp == '+';
}

/* Length of s without its trailing marks (and spaces); the marks go to `marks`. */
static size_t strip_marks(const char *s, size_t n, rc_buf *marks)
{
    size_t end = n;
    for (;;) {
        while (end > 0 && s[end - 1] == ' ')
            end--;
        size_t k = end;
        while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
            k--;
        if (k == 0)
            break;
        k--;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp;
        if (!rc_utf8_decode(s + k, end - k, &cp) || !is_mark(cp))
            break;
        if (k == 0)
            break; /* a name that is only marks stays as written */
        end = k;
    }
    /* the marks, in their order and without the spaces between them, go first */
    if (end < n) {
        char *old = rc_xstrdup(rc_buf_str(marks));
        rc_buf_reset(marks);
        for (size_t i = end; i < n; i++)
            if (s[i] != ' ')
                rc_buf_addc(marks, s[i]);
        rc_buf_adds(marks, old);
        free(old);
    }
    return end;
}

/* The converted text of a name token, its trailing marks moved to `marks`. */
static char *token_text(const char *token, rc_buf *marks)
{
    rc_buf b = RC_BUF_INIT;
    rc_bib_tex_to_text(&b, token);
    size_t n = strip_marks(b.ptr ? b.ptr : "", b.len, marks);
    char *s = rc_xmalloc(n + 1);
    memcpy(s, rc_buf_str(&b), n);
    s[n] = 0;
    rc_buf_release(&b);
    return s;
}

/* "Jean-Pierre" -> "J.-P."; a token that is already an initial stays. */
static void add_initials(rc_buf *out, const char *s)
{
    int at_start = 1;
    for (size_t i = 0; s[i];) {
        uint32_t cp;
        size_t k = rc_utf8_decode(s + i, strlen(s + i), &cp);
        if (!k)
            k = 1;
        if (s[i] == '-') {
            rc_buf_addc(out, '-');
            at_start = 1;
        } else if (at_start && s[i] != '.' && s[i] != ' ') {
            rc_buf_add(out, s + i, k);
            rc_buf_addc(out, '.');
            at_start = 0;
        }
        i += k;
    }
}

/*
 * A name split by btparse, written for a CV in both forms: `full` gets
 * "Ada Müller", `init` "A. Müller"; `last` the last name and `first` the
 * first given name (for matching the CV owner); marks go to `marks`.
 */
static void format_split_name(bt_name *nm, rc_buf *full, rc_buf *init, rc_buf *marks,
                              rc_buf *last, rc_buf *first)
{
    static const bt_namepart order[] = {BTN_FIRST, BTN_VON, BTN_LAST};
    for (size_t p = 0; p < RC_ARRAY_LEN(order); p++) {
        bt_namepart part = order[p];
        for (int k = 0; k < nm->part_len[part]; k++) {
            if (!nm->parts[part][k])
                continue; /* an empty token, between two commas */
            char *tok = token_text(nm->parts[part][k], marks);
            if (!*tok) {
                free(tok);
                continue;
            }
            if (full->len)
                rc_buf_addc(full, ' ');
            if (init->len)
                rc_buf_addc(init, ' ');
            rc_buf_adds(full, tok);
            if (part == BTN_FIRST)
                add_initials(init, tok);
            else
                rc_buf_adds(init, tok);
            if (part == BTN_LAST) {
                if (last->len)
                    rc_buf_addc(last, ' ');
                rc_buf_adds(last, tok);
            }
            if (part == BTN_FIRST && !first->len)
                rc_buf_adds(first, tok);
            free(tok);
        }
    }
    for (int k = 0; k < nm->part_len[BTN_JR]; k++) {
        if (!nm->parts[BTN_JR][k])
            continue;
        char *tok = token_text(nm->parts[BTN_JR][k], marks);
        rc_buf_adds(full, k ? " " : ", ");
        rc_buf_adds(full, tok);
        rc_buf_adds(init, k ? " " : ", ");
        rc_buf_adds(init, tok);
        free(tok);
    }
}

/* Marks written as a separate last word ("Ada Müller $^*$") leave the name. */
static char *strip_mark_words(const char *name, rc_buf *marks)
{
    char *s = rc_xstrdup(name);
    size_t n = strlen(s);
    /* the spaces at brace depth 0, found once: each iteration only cuts the end */
    size_t *spaces = NULL, nspaces = 0, cap = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{') {
            depth++;
        } else if (s[i] == '}') {
            depth--;
        } else if (s[i] == ' ' && depth == 0) {
            RC_VEC_PUSH(spaces, nspaces, cap);
            spaces[nspaces++] = i;
        }
    }
    rc_buf found = RC_BUF_INIT; /* the mark words' marks, the last word's first, NUL-separated */
    size_t nfound = 0;
    for (;;) {
        while (n > 0 && s[n - 1] == ' ')
            s[--n] = 0;
        while (nspaces && spaces[nspaces - 1] >= n)
            nspaces--;
        if (!nspaces)
            break;
        size_t sp = spaces[nspaces - 1]; /* the last space at brace depth 0 */
        rc_buf word = RC_BUF_INIT, m = RC_BUF_INIT;
        rc_bib_tex_to_text(&word, s + sp + 1);
        size_t left = strip_marks(rc_buf_str(&word), word.len, &m);
        int only_marks = word.len > 0 && left == 0;
        if (!only_marks && word.len) {
            /* strip_marks keeps a word made only of marks: test it directly */
            uint32_t cp;
            only_marks = 1;
            for (size_t i = 0; i < word.len;) {
                size_t k = rc_utf8_decode(word.ptr + i, word.len - i, &cp);
                if (!k || !is_mark(cp)) {
                    only_marks = 0;
                    break;
                }
                i += k;
            }
            if (only_marks) {
                rc_buf_reset(&m);
                rc_buf_add(&m, word.ptr, word.len);
            }
        }
        if (only_marks) {
            rc_buf_add(&found, rc_buf_str(&m), m.len + 1);
            nfound++;
            s[sp] = 0;
            n = sp;
        }
        rc_buf_release(&word);
        rc_buf_release(&m);
        if (!only_marks)
            break;
    }
    if (nfound) {
        /* marks are kept in their order: the words' from the left, then those found before */
        const char **piece = rc_xcalloc(nfound, sizeof(char *));
        const char *p = found.ptr;
        for (size_t i = 0; i < nfound; i++, p += strlen(p) + 1)
            piece[i] = p;
        char *old = rc_xstrdup(rc_buf_str(marks));
        rc_buf_reset(marks);
        for (size_t i = nfound; i-- > 0;)
            rc_buf_adds(marks, piece[i]);
        rc_buf_adds(marks, old);
        free(old);
        free(piece);
    }
    rc_buf_release(&found);
    free(spaces);
    return s;
}

typedef struct name_parts {
    char *full;   /* "Ada Müller", plain text */
    char *init;   /* "A. Müller" */
    char *marks;  /* "*", "†", ... or "" */
    char *last;   /* "Müller" */
    char *first;  /* "Ada" */
} name_parts;

/* Whitespace to btparse's names (isspace in the C locale): a form feed is too. */
static int name_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/*
 * The name as btparse's bt_split_name may be given it: whitespace (any)
 * made single spaces, no comma or space at either end, no two commas in a
 * row (outside braces); NULL when nothing is left. Its find_commas starts
 * with an uninitialised "last was whitespace" flag and steps back over the
 * whitespace before a comma, so a name that starts with whitespace or a
 * comma ("\f, Ada") had it write before its buffer; for a name that is
 * or becomes empty (",") it leaves the token list of its result unset,
 * which bt_free_name then frees; for two commas in a row ("Doe,, John")
 * it reads comma positions it never wrote.
 */
static char *name_to_split(const char *s)
{
    while (name_space(*s) || *s == ',')
        s++;
    char *t = rc_xstrdup(s);
    size_t n = 0;
    int depth = 0;
    for (const char *p = s; *p; p++) {
        char ch = name_space(*p) ? ' ' : *p;
        depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
        if (ch == ' ' && (!n || t[n - 1] == ' '))
            continue;
        if (ch == ',' && depth == 0) {
            while (n && t[n - 1] == ' ')
                n--;
            if (n && t[n - 1] == ',')
                continue;
        }
        t[n++] = ch;
    }
    while (n && (t[n - 1] == ' ' || t[n - 1] == ','))
        n--;
    t[n] = 0;
    if (!n) {
        free(t);
        return NULL;
    }
    return t;
}

/*
 * Are the parts of a split name ranges of its tokens, none in two parts?
 * (btparse's can be garbage, and an all-lowercase "a b, c" has its
 * "von" part run over the first name.)
 */
static int split_is_sound(const bt_name *nm)
{
    if (!nm->tokens || nm->tokens->num_items < 0)
        return 0;
    char **items = nm->tokens->items;
    int n = nm->tokens->num_items;
    long covered = 0;
    for (int p = 0; p < BT_MAX_NAMEPARTS; p++)
        covered += nm->part_len[p];
    for (int p = 0; p < BT_MAX_NAMEPARTS; p++) {
        int len = nm->part_len[p];
        if (len < 0 || len > n)
            return 0;
        /* compared as numbers: a garbage pointer is in no array */
        uintptr_t at = (uintptr_t)nm->parts[p], first = (uintptr_t)items;
        if (len && (!items || at < first || at > first + (size_t)(n - len) * sizeof(*items) ||
                    (at - first) % sizeof(*items)))
            return 0;
    }
    if (covered > n)
        return 0;
    /* in range: now see that no two parts share a token */
    char *seen = rc_xcalloc((size_t)n + 1, 1);
    int sound = 1;
    for (int p = 0; p < BT_MAX_NAMEPARTS && sound; p++)
        for (int k = 0; k < nm->part_len[p] && sound; k++) {
            size_t at = (size_t)(nm->parts[p] - items) + (size_t)k;
            sound = !seen[at];
            seen[at] = 1;
        }
    free(seen);
    return sound;
}

static void split_one_name(const char *raw, const char *file, int line, int num, name_parts *np)
{
    rc_buf full = RC_BUF_INIT, init = RC_BUF_INIT, marks = RC_BUF_INIT, last = RC_BUF_INIT,
           first = RC_BUF_INIT;
    if (!strcmp(raw, "others")) {
        rc_buf_adds(&full, "et al.");
        rc_buf_adds(&init, "et al.");
    } else {
        char *s = strip_mark_words(raw, &marks);
        char *split = name_to_split(s);
        bt_name *nm = split ? bt_split_name(split, (char *)file, line, num) : NULL;
        if (nm) {
            if (split_is_sound(nm))
                format_split_name(nm, &full, &init, &marks, &last, &first);
            bt_free_name(nm);
        }
        if (!full.len && split) { /* as written (no split: only commas, nothing to show) */
            rc_bib_tex_to_text(&full, s);
            rc_bib_tex_to_text(&init, s);
        }
        free(split);
        free(s);
    }
    np->full = rc_xstrdup(rc_buf_str(&full));
    np->init = rc_xstrdup(rc_buf_str(&init));
    np->marks = rc_xstrdup(rc_buf_str(&marks));
    np->last = rc_xstrdup(rc_buf_str(&last));
    np->first = rc_xstrdup(rc_buf_str(&first));
    rc_buf_release(&full);
    rc_buf_release(&init);
    rc_buf_release(&marks);
    rc_buf_release(&last);
    rc_buf_release(&first);
}

static void free_name(name_parts *np)
{
    free(np->full);
    free(np->init);
    free(np->marks);
    free(np->last);
    free(np->first);
}

/* btparse in turn (see the top of this file and take_btparse). */
static pthread_once_t btparse_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t btparse_lock; /* recursive: a name is split while a file is read */
static const char *btparse_why;      /* why take_btparse failed, or NULL */
static void take_btparse(void);

char *rc_bib_format_name(rc_arena *a, const char *name, int initials)
{
    pthread_once(&btparse_once, take_btparse);
    pthread_mutex_lock(&btparse_lock);
    name_parts np;
    split_one_name(name, NULL, 0, 1, &np);
    char *s = rc_arena_printf(a, "%s%s", initials ? np.init : np.full, np.marks);
    free_name(&np);
    pthread_mutex_unlock(&btparse_lock);
    return s;
}

/* The first code point of s, or 0. */
static uint32_t first_cp(const char *s)
{
    uint32_t cp = 0;
    if (*s && !rc_utf8_decode(s, strlen(s), &cp))
        cp = 0;
    return cp;
}

/*
 * Is this author the CV owner? The whole name as written in either form,
 * or the same last name and first initial ("A. Müller" is "Ada Müller").
 */
static int is_owner(const name_parts *np, const char *owner)
{
    if (!owner || !*owner || !*np->last)
        return 0;
    if (!strcmp(np->full, owner) || !strcmp(np->init, owner))
        return 1;
    const char *sp = strrchr(owner, ' ');
    if (!sp || strcmp(sp + 1, np->last))
        return 0;
    return first_cp(owner) && first_cp(owner) == first_cp(np->first);
}

static void escape_markup(rc_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '*' || *s == '`' || *s == '[' || *s == ']' || *s == '\\' || *s == '~')
            rc_buf_addc(out, '\\');
        rc_buf_addc(out, *s);
    }
}

/* ---- reading the file -------------------------------------------------------- */

typedef struct bib_ctx {
    const char *shown; /* the file as positions show it */
    const char *data;
    size_t len;
    size_t *line_start; /* byte offset of each line (1-based index) */
    size_t nlines;
    rc_diags *d;
    size_t errors;
    int lexer_line; /* the last line the lexer warned about */
    FILE *in;       /* what btparse reads: a limit passed sends it to the end */
    int stopped;    /* a limit was passed: nothing more is read or said */
    size_t expanded;     /* bytes macro references added so far (MAX_BIB_EXPANSION) */
    size_t macros;       /* @string definitions so far */
    size_t entry_fields; /* fields of the entry being parsed */
    size_t warnings;     /* btparse's and the lexer's, shown or not (warning_shown) */
} bib_ctx;

static bib_ctx *current; /* the file btparse is reading, for print_error */
static int priming;       /* prime_btparse's own parse: print_error says nothing */

static void index_lines(bib_ctx *c)
{
    size_t n = 1;
    for (size_t i = 0; i < c->len; i++)
        n += c->data[i] == '\n';
    c->line_start = rc_xmalloc((n + 2) * sizeof(size_t));
    c->nlines = n;
    c->line_start[0] = 0;
    c->line_start[1] = 0;
    size_t line = 1;
    for (size_t i = 0; i < c->len; i++)
        if (c->data[i] == '\n')
            c->line_start[++line] = i + 1;
}

/* Column (1-based, in characters) of the first `word` on `line`, or of its first non-blank. */
static int column_of(const bib_ctx *c, int line, const char *word)
{
    if (line < 1 || (size_t)line > c->nlines)
        return 1;
    const char *s = c->data + c->line_start[line];
    size_t end = (size_t)line < c->nlines ? c->line_start[line + 1] : c->len;
    size_t n = end - c->line_start[line];
    size_t at = (size_t)-1, wl = word ? strlen(word) : 0;
    for (size_t i = 0; wl && i + wl <= n && at == (size_t)-1; i++)
        if (!strncasecmp(s + i, word, wl))
            at = i;
    if (at == (size_t)-1)
        for (at = 0; at < n && (s[at] == ' ' || s[at] == '\t'); at++)
            ;
    if (at >= n)
        at = 0;
    return (int)rc_utf8_length(s, at) + 1;
}

/* A position on a line of the file; line 0 (or none) is the whole file. */
static rc_pos bib_pos(const bib_ctx *c, int line, const char *word)
{
    rc_pos p = {c->shown, line > 0 ? line : 0, line > 0 ? column_of(c, line, word) : 0};
    return p;
}

/*
 * The lexer's state and error hook (PCCTS dlgauto.h), exported by
 * libbtparse but not declared in btparse.h.
 */
extern void (*zzerr)(const char *);
extern int zzline;
extern char *zzlextext;

/*
 * PCCTS's syntax-error hook, as btparse's parse_auxiliary.c writes it but
 * with the message passed as data (see the top of this file). The token
 * numbers and set size are those of btparse 0.89's generated parser,
 * which bt_initialize's names confirm (token_names_ok).
 */
#define BT_EOF_TOKEN 1
#define BT_ENTRY_CLOSE 14
#define BT_SET_BYTES 4
#define BT_SHOWN_TOKEN 40 /* characters of an offending token a message shows */

extern char *zztokens[];
void alloc_lex_buffer(int size);
extern char *InputFilename;
int zzset_deg(unsigned char *set);
void initialize_lexer_state(void);
void general_error(bt_errclass errclass, char *filename, int line, char *item_desc, int item,
                   char *fmt, ...);

static int token_names_ok(void)
{
    return !strncmp(zztokens[BT_ENTRY_CLOSE], "end of entry", 12);
}

/*
 * "TEXT" of a token, its first BT_SHOWN_TOKEN characters and "…" after a
 * long one: a message shows no more of the file than that (a token can be
 * a whole line, and a .bib can be any file a CV points at). `quote` is
 * the character around it, or 0 for none.
 */
static void add_token_text(rc_buf *m, const char *t, char quote)
{
    t = t ? t : "";
    size_t n = 0, chars = 0;
    while (t[n] && chars < BT_SHOWN_TOKEN) {
        n++;
        while ((t[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    if (quote)
        rc_buf_addc(m, quote);
    rc_buf_add(m, t, n);
    if (quote)
        rc_buf_addc(m, quote);
    if (t[n])
        rc_buf_adds(m, "\xE2\x80\xA6");
}

static void bib_zzsyn(char *text, int tok, char *egroup, unsigned char *eset, int etok, int k,
                      char *bad_text)
{
    (void)text;
    int known = token_names_ok();
    int degree = eset ? zzset_deg(eset) : 0;
    rc_buf m = RC_BUF_INIT;
    if (tok == BT_EOF_TOKEN) {
        rc_buf_adds(&m, "at end of input");
    } else {
        rc_buf_adds(&m, "found ");
        add_token_text(&m, bad_text, '"');
    }
    if (known && (etok || eset)) {
        rc_buf_adds(&m, ", ");
        if (k != 1) {
            rc_buf_adds(&m, "; ");
            add_token_text(&m, bad_text, '"');
            rc_buf_adds(&m, degree > 1 ? " not in" : " not");
        }
        if (degree > 0) {
            rc_buf_adds(&m, degree == 1 ? "expected " : "expected one of: ");
            int printed = 0;
            for (int e = 0; e < BT_SET_BYTES * 8; e++) {
                if (!(eset[e / 8] & (1u << (e % 8))))
                    continue;
                rc_buf_adds(&m, zztokens[e]);
                printed++;
                if (printed < degree - 1)
                    rc_buf_adds(&m, ", ");
                else if (printed == degree - 1)
                    rc_buf_adds(&m, " or ");
            }
        } else {
            rc_buf_addf(&m, "expected %s", zztokens[etok]);
            if (etok == BT_ENTRY_CLOSE) {
                rc_buf_adds(&m, " (skipping to next \"@\")");
                initialize_lexer_state();
            }
        }
        if (egroup && *egroup)
            rc_buf_addf(&m, " in %s", egroup);
    }
    general_error(BTERR_SYNTAX, InputFilename, zzline, NULL, -1, (char *)"%s", rc_buf_str(&m));
    rc_buf_release(&m);
}

/*
 * Whether to show one more of btparse's warnings: the first MAX_BIB_WARNINGS
 * of a file. btparse warns at every use of an undefined macro, and a
 * line of `u # u # u ...` would otherwise be a warning for every 4 bytes.
 */
static int warning_shown(bib_ctx *c)
{
    return c->warnings++ < MAX_BIB_WARNINGS;
}

/*
 * btparse's message with each token it quotes ("name" or 'text') cut as
 * add_token_text cuts one: a token can be a line long ("undefined macro
 * "..."" quotes a name as long as the .bib makes it).
 */
static char *shorten_tokens(const char *msg)
{
    rc_buf b = RC_BUF_INIT;
    for (const char *p = msg; *p;) {
        if (*p != '"' && *p != '\'') {
            rc_buf_addc(&b, *p++);
            continue;
        }
        /* btparse cuts a long message at 1,024 bytes or so, maybe inside the token */
        const char *close = strchr(p + 1, *p);
        if (!close)
            close = p + strlen(p);
        char *token = rc_xmalloc((size_t)(close - p));
        memcpy(token, p + 1, (size_t)(close - p - 1));
        token[close - p - 1] = 0;
        add_token_text(&b, token, *p);
        free(token);
        p = *close ? close + 1 : close;
    }
    char *s = rc_xstrdup(rc_buf_str(&b));
    rc_buf_release(&b);
    return s;
}

/* btparse's error hook: see the comment at the top of this file. */
static void bib_print_error(bt_error *err)
{
    if (priming)
        return;
    if (!current) {
        fprintf(stderr, "%s%s%s line %d: %s\n", err->filename ? err->filename : "",
                err->filename ? "," : "", "", err->line, err->message);
        return;
    }
    if (err->errclass == BTERR_NOTIFY || current->stopped ||
        (err->errclass < BTERR_LEXERR && !warning_shown(current)))
        return;
    /* 'found "journal", expected end of entry (...) (skipping to next "@")' */
    /* a token in the message may be a piece of a character (the lexer splits some) */
    rc_buf valid = RC_BUF_INIT;
    const char *raw = err->message ? err->message : "error";
    for (size_t i = 0, n = strlen(raw); i < n;) {
        uint32_t cp;
        size_t k = rc_utf8_decode(raw + i, n - i, &cp);
        rc_buf_add_utf8(&valid, cp); /* U+FFFD for an invalid byte */
        i += k ? k : 1;
    }
    char *msg = shorten_tokens(rc_buf_str(&valid));
    rc_buf_release(&valid);
    char *skip = strstr(msg, " (skipping");
    if (skip)
        *skip = 0;
    char found[64] = "";
    const char *q = strncmp(msg, "found \"", 7) ? NULL : msg + 7;
    /* the column of the token quoted: the one found, or the macro (undefined macro "x") */
    const char *word = q ? q : strchr(msg, '"') ? strchr(msg, '"') + 1 : NULL;
    if (word) {
        size_t k = 0;
        while (word[k] && word[k] != '"' && k + 1 < sizeof(found))
            k++;
        memcpy(found, word, k);
        found[k] = 0;
    }
    rc_pos pos = bib_pos(current, err->line, found[0] ? found : NULL);
    const char *hint = "";
    if (q && strstr(msg, "expected end of entry"))
        hint = "; is a ',' missing before it, or a '\"' inside a \"...\" value (write {\\\"u} "
               "there)?";
    else if (strstr(msg, "runaway string"))
        hint = "; check that every '{' and '\"' is closed";
    else if (strstr(msg, "undefined macro"))
        hint = "; define it with @string{name = \"...\"} or put the value in braces";
    if (err->errclass >= BTERR_LEXERR) {
        rc_error(current->d, pos, "BibTeX syntax error: %s%s", msg, hint);
        current->errors++;
    } else {
        rc_warning(current->d, pos, "BibTeX: %s%s", msg, hint);
    }
    free(msg);
}

static int is_value(const AST *v)
{
    return v->nodetype == BTAST_STRING || v->nodetype == BTAST_NUMBER ||
           v->nodetype == BTAST_MACRO;
}

/* Is this a tree btparse's post-processing takes without a fatal error? */
static int sound_entry(const AST *top)
{
    if (top->nodetype != BTAST_ENTRY || !top->text)
        return 0;
    const AST *cur = top->down;
    if (cur && cur->nodetype == BTAST_KEY)
        cur = cur->right;
    switch (top->metatype) {
    case BTE_REGULAR:
    case BTE_MACRODEF: /* fields, each of values */
        for (; cur; cur = cur->right) {
            if (cur->nodetype != BTAST_FIELD || !cur->text)
                return 0;
            for (const AST *v = cur->down; v; v = v->right)
                if (!is_value(v))
                    return 0;
        }
        return 1;
    case BTE_COMMENT:
    case BTE_PREAMBLE: /* values */
        for (; cur; cur = cur->right)
            if (!is_value(cur))
                return 0;
        return 1;
    default:
        return 0;
    }
}

/* ---- limits (docs/limits.md) ------------------------------------------------- */

/*
 * A limit was passed: the error, and from then on nothing more is read or
 * said. btparse is sent to the end of its input, where its parser ends
 * the entry it is in; print_error, the lexer hook and the post-processing
 * ignore the rest.
 */
static void stop_at_limit(bib_ctx *c, rc_pos pos, const char *msg)
{
    rc_error(c->d, pos, "%s", msg);
    c->errors++;
    c->stopped = 1;
    fseek(c->in, 0, SEEK_END);
}

/* The deepest nesting of braces in a text. */
static int brace_depth(const char *s)
{
    int depth = 0, deepest = 0;
    for (; *s; s++) {
        if (*s == '{')
            deepest = ++depth > deepest ? depth : deepest;
        else if (*s == '}' && depth > 0)
            depth--; /* a stray '}' closes nothing, as in convert() */
    }
    return deepest;
}

/*
 * What macro references may add to a file in all: as much as the file has,
 * or 512 KiB in a smaller file. A bibliography expands a journal's name or
 * a month at a time, far less than its own size; the layout of a text
 * costs some 16 bytes a byte, and this keeps a small file within 20 MB.
 */
static size_t expansion_limit(const bib_ctx *c)
{
    return c->len > MAX_BIB_EXPANSION ? c->len : MAX_BIB_EXPANSION;
}

/*
 * Measure a value (its simple values, from `v` on) before btparse expands
 * it: its length with every macro expanded, what the macros add, and its
 * literals' nesting. Every stored macro passed this check, so their lengths
 * (bt_macro_length, an int) are small. `name` is what it is the value of
 * (a field or a macro), found on `line`; `is_macro` for an @string. The
 * text of @comment and @preamble is never converted (nor its depth a risk).
 */
static int value_ok(bib_ctx *c, const AST *v, const char *name, int line, int is_macro,
                    int converted)
{
    size_t len = 0, from_macros = 0;
    int deepest = 0;
    for (; v; v = v->right) {
        if (v->nodetype == BTAST_MACRO) {
            int m = v->text ? bt_macro_length(v->text) : 0;
            len += (size_t)(m > 0 ? m : 0);
            from_macros += (size_t)(m > 0 ? m : 0);
        } else if (v->text) {
            len += strlen(v->text);
            int depth = v->nodetype == BTAST_STRING ? brace_depth(v->text) : 0;
            deepest = depth > deepest ? depth : deepest;
        }
    }
    rc_buf m = RC_BUF_INIT;
    if (converted && deepest > MAX_BIB_DEPTH) {
        rc_buf_addf(&m, "braces nest deeper than %d levels in %s", MAX_BIB_DEPTH,
                    is_macro ? "@string " : "");
        add_token_text(&m, name, '\'');
        rc_buf_adds(&m, "; a BibTeX value needs far fewer, so check the braces");
    } else if (len > MAX_BIB_VALUE) {
        rc_buf_adds(&m, is_macro ? "@string " : "");
        add_token_text(&m, name, '\'');
        rc_buf_addf(&m, " is longer than 1 MiB (%u bytes)%s; a CV needs far less, so %s",
                    MAX_BIB_VALUE, from_macros ? " once its @string macros are expanded" : "",
                    from_macros ? "this looks like a macro bomb" : "check that this is the "
                    "right file");
    } else if (from_macros > expansion_limit(c) - c->expanded) {
        rc_buf_addf(&m, "@string macros expand to more than %zu bytes in all (512 KiB, or the "
                    "size of the file if larger); a CV needs far less, so this looks like a "
                    "macro bomb", expansion_limit(c));
    }
    c->expanded += from_macros;
    int ok = m.len == 0;
    if (!ok)
        stop_at_limit(c, bib_pos(c, line, name), rc_buf_str(&m));
    rc_buf_release(&m);
    return ok;
}

/* One more @string definition, named `name`, on `line`. */
static int macro_ok(bib_ctx *c, const char *name, int line)
{
    rc_buf m = RC_BUF_INIT;
    if (++c->macros > MAX_BIB_MACROS) {
        rc_buf_addf(&m, "more than %d @string definitions; a CV needs far fewer, so check "
                    "that this is the right file", MAX_BIB_MACROS);
    } else if (rc_utf8_length(name, strlen(name)) > MAX_BIB_MACRO_NAME) {
        rc_buf_adds(&m, "@string name ");
        add_token_text(&m, name, '\'');
        rc_buf_addf(&m, " is longer than %d characters; use a shorter name",
                    MAX_BIB_MACRO_NAME);
    }
    int ok = m.len == 0;
    if (!ok)
        stop_at_limit(c, bib_pos(c, line, name), rc_buf_str(&m));
    rc_buf_release(&m);
    return ok;
}

/*
 * btparse's parser rule for one field, `NAME = value`, which its rule for
 * a list of fields calls (through the symbol, like print_error) before it
 * recurses for the next: this one counts the fields of the entry and lets
 * btparse's run only while they are within the limit. Past it, it reads
 * nothing, and the input is at its end (stop_at_limit): the list rule
 * fails there and returns, and so does the entry.
 */
static void (*real_field)(AST **); /* btparse's own, set by take_btparse */

static void bib_field(AST **root)
{
    void (*real)(AST **) = real_field;
    bib_ctx *c = current;
    if (c && !c->stopped && ++c->entry_fields > MAX_BIB_FIELDS) {
        int line = zzline < 1 ? 1 : (size_t)zzline > c->nlines ? (int)c->nlines : zzline;
        rc_buf m = RC_BUF_INIT;
        rc_buf_addf(&m, "more than %d fields in one entry; a CV needs far fewer, so check "
                    "that this is the right file", MAX_BIB_FIELDS);
        stop_at_limit(c, bib_pos(c, line, zzlextext), rc_buf_str(&m));
        rc_buf_release(&m);
    }
    if (!real && c && !c->stopped) {
        rc_error_class(c->d, RC_FAIL_INTERNAL, bib_pos(c, 0, NULL),
                       "cannot find btparse's parser (its 'field' rule)");
        c->errors++;
        c->stopped = 1;
        fseek(c->in, 0, SEEK_END);
    }
    if (real && !(c && c->stopped))
        real(root);
}

/* btparse's post-processing of an entry (see the top of this file). */
static void bib_postprocess_entry(AST *top, btshort options)
{
    if (!top)
        return;
    bib_ctx *c = priming ? NULL : current;
    if (c && c->stopped) {
        top->metatype = BTE_UNKNOWN;
        return;
    }
    if (!sound_entry(top)) {
        if (c) {
            rc_buf m = RC_BUF_INIT;
            rc_buf_adds(&m, "BibTeX syntax error: '@");
            add_token_text(&m, top->text, 0);
            rc_buf_adds(&m, "' is not followed by '{' and the entry's key and fields");
            rc_error(c->d, bib_pos(c, top->line, top->text), "%s", rc_buf_str(&m));
            rc_buf_release(&m);
            c->errors++;
        }
        top->metatype = BTE_UNKNOWN; /* not an entry to read */
        return;
    }
    for (char *p = top->text; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    AST *cur = top->down;
    if (cur && cur->nodetype == BTAST_KEY)
        cur = cur->right;
    if (top->metatype == BTE_COMMENT || top->metatype == BTE_PREAMBLE) {
        if (c && !value_ok(c, cur, top->text, top->line, 0, 0)) {
            top->metatype = BTE_UNKNOWN;
            return;
        }
        char *text = bt_postprocess_value(cur, options, TRUE);
        if (text && cur && text != cur->text)
            free(text); /* btparse's strdup("") for an undefined macro, in no tree */
        return;
    }
    for (; cur; cur = cur->right) {
        int is_macro = top->metatype == BTE_MACRODEF;
        if (c && (!value_ok(c, cur->down, cur->text, cur->line, is_macro, 1) ||
                  (is_macro && !macro_ok(c, cur->text, cur->line)))) {
            top->metatype = BTE_UNKNOWN;
            return;
        }
        char *text = bt_postprocess_field(cur, options, TRUE);
        if (text && cur->down && text != cur->down->text)
            free(text); /* btparse's strdup("") for an undefined macro, in no tree */
        if (top->metatype == BTE_MACRODEF && !(options & BTO_NOSTORE)) {
            /*
             * A macro defined as one that is not (@string{a = nosuch}) has
             * no text, and btparse would store none, on which its
             * bt_macro_length calls strlen() when `a # "x"` uses it.
             */
            if (cur->down && cur->down->nodetype == BTAST_STRING && !cur->down->text)
                cur->down->text = rc_xstrdup(""); /* btparse frees it with the tree */
            bt_add_macro_value(cur, options);
        }
    }
}

/* The lexer met a character it has no rule for (zzlextext starts with it, or is empty). */
static void lexer_error(const char *what)
{
    (void)what; /* "invalid token" */
    bib_ctx *c = current;
    int line = zzline < 1 ? 1 : (size_t)zzline > c->nlines ? (int)c->nlines : zzline;
    /* before looking for the character on the line, which is as long as the file can be */
    if (c->stopped || c->lexer_line == line)
        return; /* one warning a line is enough: the column is a guess anyway */
    const char *s = c->data + c->line_start[line];
    size_t end = (size_t)line < c->nlines ? c->line_start[line + 1] : c->len;
    size_t n = end - c->line_start[line], at = n;
    const char *text = zzlextext ? zzlextext : "";
    uint32_t cp = 0;
    size_t k = *text ? rc_utf8_decode(text, strlen(text), &cp) : 0;
    if (k) {
        for (at = 0; at + k <= n && memcmp(s + at, text, k); at++)
            ;
    } else {
        /* a control character is not kept in the token's text: find the first on the line */
        for (at = 0; at < n; at++) {
            unsigned char b = (unsigned char)s[at];
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
                break;
        }
        if (at < n)
            cp = (unsigned char)s[at], k = 1;
    }
    if (cp == '%' && (size_t)line == c->nlines)
        return; /* a comment that ends the file without a newline: the lexer wants one */
    c->lexer_line = line;
    if (!warning_shown(c))
        return;
    rc_pos pos = {c->shown, line, 1};
    if (at + k <= n && k)
        pos.col = (int)rc_utf8_length(s, at) + 1;
    else
        pos.col = column_of(c, line, NULL);
    if (!k)
        rc_warning(c->d, pos, "BibTeX: a character BibTeX does not allow here is ignored");
    else if (cp < 0x20 || cp == 0x7F)
        rc_warning(c->d, pos, "BibTeX: control character U+%04X ignored; delete it",
                   (unsigned)cp);
    else
        rc_warning(c->d, pos, "BibTeX: unexpected '%.*s' ignored%s", (int)k, text,
                   cp == '\\' ? "; a TeX command belongs inside a value's braces or quotes"
                               : "");
}

static int read_file(const char *path, rc_buf *b, int *err)
{
    /* only a regular file: a FIFO or a device (/dev/stdin) could block or never end */
    FILE *f = rc_file_fopen(path, err);
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while (b->len <= MAX_BIB_BYTES && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc_buf_add(b, chunk, n);
    *err = ferror(f) ? errno : 0;
    fclose(f);
    return *err ? -1 : 0;
}

/* ---- entries ---------------------------------------------------------------------- */

typedef struct bib_item {
    rc_entry e;
    const char *key, *type;
    long sort_key;
    size_t index;
} bib_item;

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

static int parse_month(const char *s)
{
    while (*s == ' ' || *s == '{')
        s++;
    if (*s >= '0' && *s <= '9') {
        int m = atoi(s);
        return m >= 1 && m <= 12 ? m : 0;
    }
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, month_names[i], 3))
            return i + 1;
    return 0;
}

/* A URL or DOI as written, with TeX's escapes of its special characters undone. */
static char *raw_url(rc_arena *a, const char *s)
{
    rc_buf b = RC_BUF_INIT;
    for (; *s; s++) {
        if (*s == '{' || *s == '}' || *s == ' ')
            continue;
        if (*s == '\\' && s[1] && strchr("_%&#~$", s[1]))
            s++;
        rc_buf_addc(&b, *s);
    }
    char *r = rc_arena_strdup(a, rc_buf_str(&b));
    rc_buf_release(&b);
    return r;
}

static const char *strip_doi_prefix(const char *s)
{
    static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/",
                                           "https://dx.doi.org/", "http://dx.doi.org/", "doi:"};
    for (size_t i = 0; i < RC_ARRAY_LEN(prefixes); i++)
        if (!strncasecmp(s, prefixes[i], strlen(prefixes[i])))
            return s + strlen(prefixes[i]);
    return s;
}

typedef struct fields {
    const char *v[16];
    int line[16];
} fields;

enum {
    F_AUTHOR, F_EDITOR, F_TITLE, F_JOURNAL, F_BOOKTITLE, F_PUBLISHER, F_SCHOOL,
    F_INSTITUTION, F_HOWPUBLISHED, F_YEAR, F_MONTH, F_DOI, F_URL, F_VOLUME, F_NUMBER, F_PAGES
};
static const char *const field_names[] = {
    "author", "editor", "title", "journal", "booktitle", "publisher", "school",
    "institution", "howpublished", "year", "month", "doi", "url", "volume", "number", "pages"};
_Static_assert(RC_ARRAY_LEN(field_names) == 16, "one name per field");

static rc_text markup_text(bib_ctx *c, rc_arena *a, const fields *f, int which)
{
    rc_text t = {NULL, {NULL, 0, 0}};
    if (!f->v[which] || !*f->v[which])
        return t;
    rc_buf b = RC_BUF_INIT;
    rc_bib_tex_to_markup(&b, f->v[which]);
    t.s = rc_arena_strdup(a, rc_buf_str(&b));
    t.pos = bib_pos(c, f->line[which], field_names[which]);
    rc_buf_release(&b);
    return t;
}

static void add_authors(bib_ctx *c, rc_arena *a, const fields *f, const rc_bib_options *o,
                        rc_entry *e)
{
    int which = f->v[F_AUTHOR] && *f->v[F_AUTHOR] ? F_AUTHOR : F_EDITOR;
    if (!f->v[which] || !*f->v[which])
        return;
    rc_pos pos = bib_pos(c, f->line[which], field_names[which]);
    char *value = rc_xstrdup(f->v[which]);
    bt_stringlist *list = bt_split_list(value, (char *)"and", (char *)c->shown, f->line[which],
                                        (char *)"name");
    if (list && list->num_items > 0) {
        e->authors.v = rc_arena_alloc(a, (size_t)list->num_items * sizeof(rc_text));
        for (int i = 0; i < list->num_items; i++) {
            if (!list->items[i])
                continue;
            name_parts np;
            split_one_name(list->items[i], c->shown, f->line[which], i + 1, &np);
            if (!*np.full && !*np.marks) { /* "{}": nothing to show */
                free_name(&np);
                continue;
            }
            rc_buf b = RC_BUF_INIT;
            int bold = is_owner(&np, o->highlight);
            if (bold)
                rc_buf_adds(&b, "**");
            escape_markup(&b, o->initials ? np.init : np.full);
            if (bold)
                rc_buf_adds(&b, "**");
            escape_markup(&b, np.marks);
            rc_text *t = &e->authors.v[e->authors.n++];
            t->s = rc_arena_strdup(a, rc_buf_str(&b));
            t->pos = pos;
            rc_buf_release(&b);
            free_name(&np);
        }
    }
    if (list)
        bt_free_list(list);
    free(value);
}

/* Where it appeared: journal, proceedings, publisher, school; then volume(number), pages. */
static rc_text venue(bib_ctx *c, rc_arena *a, const fields *f)
{
    static const int order[] = {F_JOURNAL, F_BOOKTITLE, F_SCHOOL, F_INSTITUTION,
                                F_HOWPUBLISHED, F_PUBLISHER};
    rc_text t = {NULL, {NULL, 0, 0}};
    for (size_t i = 0; i < RC_ARRAY_LEN(order) && !t.s; i++)
        t = markup_text(c, a, f, order[i]);
    if (!t.s)
        return t;
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, t.s);
    if (f->v[F_VOLUME] && *f->v[F_VOLUME]) {
        rc_buf_adds(&b, ", ");
        rc_bib_tex_to_markup(&b, f->v[F_VOLUME]);
        if (f->v[F_NUMBER] && *f->v[F_NUMBER]) {
            rc_buf_addc(&b, '(');
            rc_bib_tex_to_markup(&b, f->v[F_NUMBER]);
            rc_buf_addc(&b, ')');
        }
    }
    if (f->v[F_PAGES] && *f->v[F_PAGES]) {
        rc_buf_adds(&b, ", ");
        /* 12-34 and 12--34 are both a page range: an en dash */
        rc_buf p = RC_BUF_INIT;
        rc_bib_tex_to_markup(&p, f->v[F_PAGES]);
        for (const char *s = rc_buf_str(&p); *s; s++) {
            if (*s == '-') {
                while (s[1] == '-')
                    s++;
                rc_buf_adds(&b, "--");
            } else {
                rc_buf_addc(&b, *s);
            }
        }
        rc_buf_release(&p);
    }
    t.s = rc_arena_strdup(a, rc_buf_str(&b));
    rc_buf_release(&b);
    return t;
}

static void entry_date(bib_ctx *c, rc_arena *a, const fields *f, bib_item *it)
{
    rc_when *w = &it->e.when;
    const char *y = f->v[F_YEAR];
    it->sort_key = 0;
    if (!y || !*y)
        return;
    w->pos = bib_pos(c, f->line[F_YEAR], "year");
    size_t n = strlen(y);
    int numeric = n == 4;
    for (size_t i = 0; i < n && numeric; i++)
        numeric = y[i] >= '0' && y[i] <= '9';
    if (numeric && atoi(y) >= 1) {
        w->kind = RC_WHEN_SINGLE;
        w->start.year = atoi(y);
        w->start.month = f->v[F_MONTH] ? parse_month(f->v[F_MONTH]) : 0;
        it->sort_key = (long)w->start.year * 100 + w->start.month;
        return;
    }
    /* "in press", "forthcoming": the newest of all */
    rc_buf b = RC_BUF_INIT;
    rc_bib_tex_to_markup(&b, y);
    w->kind = RC_WHEN_TEXT;
    w->text.s = rc_arena_strdup(a, rc_buf_str(&b));
    w->text.pos = w->pos;
    it->sort_key = 999999;
    rc_buf_release(&b);
}

static int wanted_type(const rc_bib_options *o, const char *type)
{
    if (!o->types.n)
        return 1;
    for (size_t i = 0; i < o->types.n; i++)
        if (!strcasecmp(o->types.v[i].s, type))
            return 1;
    return 0;
}

static void build_item(bib_ctx *c, rc_arena *a, AST *entry, const rc_bib_options *o,
                       bib_item *it)
{
    fields f;
    memset(&f, 0, sizeof(f));
    char *texts[64];
    size_t ntexts = 0;
    AST *fld = NULL; /* not `field`: that is btparse's parser rule (see field()) */
    char *name;
    while ((fld = bt_next_field(entry, fld, &name)) != NULL) {
        for (size_t k = 0; k < RC_ARRAY_LEN(field_names); k++)
            if (name && !strcasecmp(name, field_names[k]) && !f.v[k] &&
                ntexts < RC_ARRAY_LEN(texts)) {
                char *v = bt_get_text(fld);
                texts[ntexts++] = v;
                f.v[k] = v ? v : "";
                f.line[k] = fld->line;
            }
    }
    memset(&it->e, 0, sizeof(it->e));
    it->e.type = RC_ENTRY_PUBLICATION;
    it->e.pos = bib_pos(c, entry->line, "@");
    it->e.title = markup_text(c, a, &f, F_TITLE);
    add_authors(c, a, &f, o, &it->e);
    it->e.journal = venue(c, a, &f);
    if (f.v[F_DOI] && *f.v[F_DOI]) {
        it->e.doi.s = strip_doi_prefix(raw_url(a, f.v[F_DOI]));
        it->e.doi.pos = bib_pos(c, f.line[F_DOI], "doi");
    } else if (f.v[F_URL] && *f.v[F_URL]) {
        it->e.url.s = raw_url(a, f.v[F_URL]);
        it->e.url.pos = bib_pos(c, f.line[F_URL], "url");
    }
    entry_date(c, a, &f, it);
    for (size_t i = 0; i < ntexts; i++)
        free(texts[i]);
}

static int by_date(const void *pa, const void *pb, int newest_first)
{
    const bib_item *a = pa, *b = pb;
    if (a->sort_key != b->sort_key)
        return (a->sort_key < b->sort_key) == !newest_first ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int newest_first(const void *a, const void *b)
{
    return by_date(a, b, 1);
}

static int oldest_first(const void *a, const void *b)
{
    return by_date(a, b, 0);
}

/*
 * btparse's error recovery (PCCTS's zzresynch, err.h) keeps a static
 * flag: the first time it finds the next token already one it can resume
 * at, it clears the flag, for good, and from then on every recovery skips
 * one token first. Which messages follow a file's first error would then
 * depend on the files read before it in the process. An error made on
 * purpose, once, before the first file clears the flag, so that every
 * file reads the same, whatever came before.
 */
static void prime_btparse(void)
{
    static int primed;
    if (primed)
        return;
    primed = 1;
    priming = 1;
    char text[] = "@a{"; /* no key: an error at the end of the input, where recovery ends */
    boolean ok;
    AST *entry = bt_parse_entry_s(text, (char *)"", 1, 0, &ok);
    if (entry)
        bt_free_ast(entry);
    bt_parse_entry_s(NULL, NULL, 1, 0, NULL); /* lets go of the text */
    priming = 0;
}

/* Parse every entry of the file; regular ones that pass the type filter become items. */
static void parse_entries(bib_ctx *c, FILE *in, const rc_bib_options *o, rc_arena *a,
                          bib_item **items, size_t *n, size_t *cap)
{
    static const char *const months[] = {"January", "February", "March", "April",
                                         "May", "June", "July", "August",
                                         "September", "October", "November", "December"};
    bt_initialize();
    prime_btparse();
    for (int i = 0; i < 12; i++)
        bt_add_macro_text((char *)month_names[i], (char *)months[i], NULL, 0);
    char *file = rc_xstrdup(c->shown);
    boolean ok;
    AST *entry;
    size_t index = 0;
    void (*lexer_hook)(const char *) = zzerr;
    zzerr = lexer_error;
    /*
     * The lexer's buffer for one token, as large as the file: btparse grows
     * it by a constant step (PCCTS's ZZLEXBUFSIZE), a realloc() each time
     * that may copy it, which is quadratic in a long value (2 MiB took a
     * minute under ASan). Its first bt_parse_entry keeps a buffer that
     * exists, and frees it at the end of the file.
     */
    alloc_lex_buffer((int)c->len + 1);
    c->in = in;
    for (;;) {
        c->entry_fields = 0; /* one call parses one entry (field() counts its fields) */
        if ((entry = bt_parse_entry(in, file, 0, &ok)) == NULL)
            break;
        if (!ok && !c->errors) {
            /* btparse's own message did not reach print_error (see the top of this file) */
            rc_error(c->d, bib_pos(c, entry->line, "@"), "BibTeX syntax error in this entry");
            c->errors++;
        }
        if (ok && bt_entry_metatype(entry) == BTE_REGULAR) {
            const char *type = bt_entry_type(entry);
            const char *key = bt_entry_key(entry);
            if (type && wanted_type(o, type)) {
                RC_VEC_PUSH(*items, *n, *cap);
                bib_item *it = &(*items)[(*n)++];
                build_item(c, a, entry, o, it);
                it->key = rc_arena_strdup(a, key ? key : "");
                it->type = rc_arena_strdup(a, type);
                it->index = index;
            }
            index++;
        }
        bt_free_ast(entry);
    }
    if (!ok) {
        /*
         * btparse gave up inside the file (an entry it could make no tree
         * of) rather than at its end, and still holds the file as the one
         * it reads: its next call with another file would exit() the
         * program ("you can't interleave calls across different files").
         * At the end of the file, one more call lets go of it.
         */
        if (!c->errors) {
            rc_error(c->d, bib_pos(c, zzline < 1 || (size_t)zzline > c->nlines ? 0 : zzline,
                                   NULL),
                     "BibTeX syntax error: btparse cannot read this entry");
            c->errors++;
        }
        while (fgetc(in) != EOF)
            ;
        bt_parse_entry(in, file, 0, &ok);
    }
    zzerr = lexer_hook;
    free(file);
    bt_cleanup();
}

/* Keep the entries o->keys names, in its order; a key the file lacks is an error. */
static int pick_keys(const rc_bib_options *o, const bib_item *all, size_t n, bib_item *out,
                     size_t *nout, const char *shown, rc_diags *d)
{
    int rc = 0;
    const char **keys = rc_xcalloc(n + 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        keys[i] = all[i].key;
    *nout = 0;
    for (size_t k = 0; k < o->keys.n; k++) {
        const rc_text *want = &o->keys.v[k];
        size_t i = 0;
        while (i < n && strcasecmp(all[i].key, want->s))
            i++;
        if (i < n) {
            out[(*nout)++] = all[i];
            continue;
        }
        const char *near = rc_did_you_mean(want->s, keys);
        if (near)
            rc = rc_error(d, want->pos, "no entry '%s' in '%s' (did you mean '%s'?)", want->s,
                          shown, near);
        else
            rc = rc_error(d, want->pos, "no entry '%s' in '%s'; check the citation key", want->s,
                          shown);
    }
    free(keys);
    return rc;
}

/* ---- taking btparse over, one thread at a time ------------------------------------ */

static void take_btparse(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&btparse_lock, &attr);
    pthread_mutexattr_destroy(&attr);
    /* POSIX's way between function pointers and void * is memcpy */
    void (*hooks[4])(void);
    void (*pe)(bt_error *) = bib_print_error;
    void (*zs)(char *, int, char *, unsigned char *, int, int, char *) = bib_zzsyn;
    void (*fd)(AST **) = bib_field;
    void (*pp)(AST *, btshort) = bib_postprocess_entry;
    memcpy(&hooks[0], &pe, sizeof(pe));
    memcpy(&hooks[1], &zs, sizeof(zs));
    memcpy(&hooks[2], &fd, sizeof(fd));
    memcpy(&hooks[3], &pp, sizeof(pp));
    rc_rebinding b[4] = {{"print_error", NULL, NULL}, {"zzsyn", NULL, NULL},
                         {"field", NULL, NULL}, {"bt_postprocess_entry", NULL, NULL}};
    for (size_t i = 0; i < 4; i++)
        memcpy(&b[i].target, &hooks[i], sizeof(void *));
    void (*anchor)(void) = bt_initialize;
    void *at;
    memcpy(&at, &anchor, sizeof(at));
    const char *why = NULL;
    int n = rc_rebind(at, b, 4, &why);
    if (n < 0)
        btparse_why = why;
    else if (!b[2].original || n < 4)
        btparse_why = "its functions are not where rescomp looks for them";
    else
        memcpy(&real_field, &b[2].original, sizeof(real_field));
}

/* Hold btparse: 0, or -1 with an internal error at `at` when it could not be taken over. */
static int lock_btparse(rc_diags *d, rc_pos at)
{
    pthread_once(&btparse_once, take_btparse);
    if (btparse_why)
        return rc_error_class(d, RC_FAIL_INTERNAL, at, "cannot take over btparse's error "
                              "handling (%s); BibTeX files cannot be read", btparse_why);
    pthread_mutex_lock(&btparse_lock);
    return 0;
}

int rc_bib_load(const char *path, const char *shown, const rc_bib_options *o, rc_arena *a,
                rc_diags *d, rc_entry **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    rc_buf data = RC_BUF_INIT;
    int err = 0;
    if (read_file(path, &data, &err) < 0) {
        rc_buf_release(&data);
        return rc_error_class(d, RC_FAIL_IO, o->at, "cannot read '%s': %s", shown,
                              rc_file_strerror(err));
    }
    int rc = rc_bib_load_memory(data.ptr ? data.ptr : "", data.len, shown, o, a, d, out, nout);
    rc_buf_release(&data);
    return rc;
}

static int load_memory(const char *text, size_t len, const char *shown, const rc_bib_options *o,
                       rc_arena *a, rc_diags *d, rc_entry **out, size_t *nout);

int rc_bib_load_memory(const char *text, size_t len, const char *shown, const rc_bib_options *o,
                       rc_arena *a, rc_diags *d, rc_entry **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (lock_btparse(d, o->at) < 0)
        return -1;
    int rc = load_memory(text, len, shown, o, a, d, out, nout);
    pthread_mutex_unlock(&btparse_lock);
    return rc;
}

static int load_memory(const char *text, size_t len, const char *shown, const rc_bib_options *o,
                       rc_arena *a, rc_diags *d, rc_entry **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (len > MAX_BIB_BYTES)
        return rc_error(d, o->at, "'%s' is larger than 16 MiB; check that this is the right file",
                        shown);
    bib_ctx c;
    memset(&c, 0, sizeof(c));
    c.shown = shown;
    c.data = text;
    c.len = len;
    c.d = d;
    index_lines(&c);

    int rc = 0;
    size_t bad = rc_utf8_find_invalid(c.data, c.len);
    if (bad != (size_t)-1) {
        int line = 1;
        while ((size_t)line < c.nlines && c.line_start[line + 1] <= bad)
            line++;
        rc_pos p = {shown, line, (int)rc_utf8_length(c.data + c.line_start[line],
                                                    bad - c.line_start[line]) + 1};
        rc = rc_error(d, p, "invalid UTF-8 (byte 0x%02x) in this BibTeX file; save it as UTF-8 "
                      "(LaTeX accents such as {\\\"u} work too)", (unsigned char)c.data[bad]);
    } else if (memchr(c.data, 0, c.len)) {
        rc = rc_error(d, o->at, "'%s' contains a NUL byte; it is not a BibTeX file", shown);
    }
    bib_item *items = NULL;
    size_t n = 0, cap = 0;
    if (rc == 0) {
        /*
         * btparse reads a copy with every CR a space: its bt_postprocess_string
         * skips a CR without looking at what follows, so a value that ends in
         * one ("T\r") was copied on past its end, over the heap. (Positions
         * stay right: the copy has the same lines and characters.)
         */
        char *copy = NULL;
        if (memchr(c.data, '\r', c.len)) {
            copy = rc_xmalloc(c.len);
            for (size_t i = 0; i < c.len; i++)
                copy[i] = c.data[i] == '\r' ? ' ' : c.data[i];
        }
        /*
         * A file without an '@' has no entries (btparse would call its end a
         * syntax error, and fmemopen cannot open an empty buffer on every libc).
         */
        int entries = c.len && memchr(c.data, '@', c.len);
        FILE *in = entries ? fmemopen(copy ? copy : (void *)c.data, c.len, "r") : NULL;
        if (entries && !in) {
            rc = rc_error_class(d, RC_FAIL_INTERNAL, o->at, "cannot read '%s': %s", shown,
                                strerror(errno));
        } else if (in) {
            current = &c;
            parse_entries(&c, in, o, a, &items, &n, &cap);
            current = NULL;
            fclose(in);
        }
        free(copy);
        if (c.warnings > MAX_BIB_WARNINGS)
            rc_warning(d, bib_pos(&c, 0, NULL), "%zu more BibTeX warnings in '%s' are not shown",
                       c.warnings - MAX_BIB_WARNINGS, shown);
        if (c.errors)
            rc = -1;
    }
    bib_item *chosen = items;
    size_t nchosen = n;
    if (rc == 0 && o->keys.n) {
        chosen = rc_xcalloc(o->keys.n, sizeof(bib_item));
        if (pick_keys(o, items, n, chosen, &nchosen, shown, d) < 0)
            rc = -1;
    }
    if (rc == 0) {
        /* no entries: chosen is NULL, which qsort must not be given even for 0 */
        if (nchosen > 1 && o->sort == RC_BIB_SORT_NEWEST_FIRST)
            qsort(chosen, nchosen, sizeof(*chosen), newest_first);
        else if (nchosen > 1 && o->sort == RC_BIB_SORT_OLDEST_FIRST)
            qsort(chosen, nchosen, sizeof(*chosen), oldest_first);
        for (size_t i = 0; i < nchosen; i++)
            if (!chosen[i].e.title.s) {
                rc_buf key = RC_BUF_INIT;
                add_token_text(&key, chosen[i].key, '\'');
                rc_warning(d, chosen[i].e.pos, "BibTeX entry %s has no title; it is shown "
                           "without one", rc_buf_str(&key));
                rc_buf_release(&key);
            }
        if (!nchosen)
            rc_warning(d, o->at, "no BibTeX entries to show from '%s'%s", shown,
                       o->types.n ? " of the types asked for" : "");
        *out = nchosen ? rc_arena_alloc(a, nchosen * sizeof(rc_entry)) : NULL;
        for (size_t i = 0; i < nchosen; i++)
            (*out)[i] = chosen[i].e;
        *nout = nchosen;
    }
    if (chosen != items)
        free(chosen);
    free(items);
    free(c.line_start);
    return rc;
}

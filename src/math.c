/*
 * math: inline math as Unicode text (math.h).
 *
 * Why Unicode and not typeset math: a CV's math is a symbol or two
 * ("$$\alpha$$-helix", "$$R^2 = 0.93$$", "$$O(n \log n)$$"), which Unicode
 * spells exactly, and which text extraction then reads back as written.
 *
 * What the fonts can show decides the spelling. The shipped faces (CMU,
 * Charis, Lato) hold Greek and the Latin-1 signs but neither the
 * Mathematical Alphanumeric Symbols (U+1D400...) nor the letterlike ℝ;
 * the fallback fonts of an ordinary system (DejaVu) hold the operators,
 * arrows and super- and subscript letters but not the script capitals.
 * So \mathbf and \mathbb are the bold face's letters (blackboard bold began
 * as a way to write bold on a blackboard), \mathcal, \mathscr and \mathfrak
 * the italic face's, and everything else a Unicode character that some
 * installed font has: a character no font has is drawn as a box with a
 * warning by build.c, never dropped.
 *
 * Sub- and superscripts are Unicode's modifier characters (², ₙ, ᵀ) when
 * every character of the script has one; otherwise the script prints as
 * "^(...)" or "_(...)", with a warning, since the layout has no raised
 * text. An unknown command prints as written, with a warning.
 *
 * Nesting ({...}, scripts, arguments) is bounded (MAX_DEPTH): deeper text
 * prints as written, so hostile input cannot exhaust the stack.
 */
#include "math.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 24

/* ---- tables --------------------------------------------------------- */

/*
 * One symbol under its LaTeX name and its Typst name (NULL: none), and
 * what it prints. Typst names may be dotted (plus.minus, arrow.r).
 */
typedef struct symbol {
    const char *latex, *typst, *text;
} symbol;

static const symbol greek[] = {
    /* LaTeX's \phi and \epsilon are the open forms, Typst's the closed. */
    {"alpha", "alpha", "α"}, {"beta", "beta", "β"}, {"gamma", "gamma", "γ"},
    {"delta", "delta", "δ"}, {"epsilon", "epsilon.alt", "ϵ"}, {"varepsilon", "epsilon", "ε"},
    {"zeta", "zeta", "ζ"}, {"eta", "eta", "η"}, {"theta", "theta", "θ"},
    {"vartheta", "theta.alt", "ϑ"}, {"iota", "iota", "ι"}, {"kappa", "kappa", "κ"},
    {"lambda", "lambda", "λ"}, {"mu", "mu", "μ"}, {"nu", "nu", "ν"}, {"xi", "xi", "ξ"},
    {"omicron", "omicron", "ο"}, {"pi", "pi", "π"}, {"varpi", "pi.alt", "ϖ"},
    {"rho", "rho", "ρ"}, {"varrho", "rho.alt", "ϱ"}, {"sigma", "sigma", "σ"},
    {"varsigma", "sigma.alt", "ς"}, {"tau", "tau", "τ"}, {"upsilon", "upsilon", "υ"},
    {"phi", "phi.alt", "ϕ"}, {"varphi", "phi", "φ"}, {"chi", "chi", "χ"},
    {"psi", "psi", "ψ"}, {"omega", "omega", "ω"},
    {"Gamma", "Gamma", "Γ"}, {"Delta", "Delta", "Δ"}, {"Theta", "Theta", "Θ"},
    {"Lambda", "Lambda", "Λ"}, {"Xi", "Xi", "Ξ"}, {"Pi", "Pi", "Π"}, {"Sigma", "Sigma", "Σ"},
    {"Upsilon", "Upsilon", "Υ"}, {"Phi", "Phi", "Φ"}, {"Psi", "Psi", "Ψ"},
    {"Omega", "Omega", "Ω"},
    {NULL, "Alpha", "Α"}, {NULL, "Beta", "Β"}, {NULL, "Epsilon", "Ε"}, {NULL, "Zeta", "Ζ"},
    {NULL, "Eta", "Η"}, {NULL, "Iota", "Ι"}, {NULL, "Kappa", "Κ"}, {NULL, "Mu", "Μ"},
    {NULL, "Nu", "Ν"}, {NULL, "Omicron", "Ο"}, {NULL, "Rho", "Ρ"}, {NULL, "Tau", "Τ"},
    {NULL, "Chi", "Χ"},
};

static const symbol symbols[] = {
    /* operators and relations */
    {"times", "times", "×"}, {"cdot", "dot", "·"}, {"div", "div", "÷"},
    {"pm", "plus.minus", "±"}, {"mp", "minus.plus", "∓"}, {"ast", "ast", "∗"},
    {"star", "star", "⋆"}, {"circ", "compose", "∘"}, {"bullet", "bullet", "•"},
    {"oplus", "plus.circle", "⊕"}, {"otimes", "times.circle", "⊗"},
    {"le", "lt.eq", "≤"}, {"leq", NULL, "≤"}, {"ge", "gt.eq", "≥"}, {"geq", NULL, "≥"},
    {"neq", "eq.not", "≠"}, {"ne", NULL, "≠"}, {"approx", "approx", "≈"},
    {"sim", "tilde.op", "∼"}, {"simeq", "tilde.eq", "≃"}, {"cong", "tilde.equiv", "≅"},
    {"equiv", "equiv", "≡"}, {"propto", "prop", "∝"}, {"ll", "lt.double", "≪"},
    {"gg", "gt.double", "≫"}, {"lesssim", "lt.tilde", "≲"}, {"gtrsim", "gt.tilde", "≳"},
    {"infty", "infinity", "∞"}, {NULL, "oo", "∞"},
    {"sum", "sum", "∑"}, {"prod", "product", "∏"}, {"int", "integral", "∫"},
    {"oint", "integral.cont", "∮"}, {"partial", "diff", "∂"}, {"nabla", "nabla", "∇"},
    {"in", "in", "∈"}, {"notin", "in.not", "∉"}, {"ni", "in.rev", "∋"},
    {"subset", "subset", "⊂"}, {"subseteq", "subset.eq", "⊆"}, {"supset", "supset", "⊃"},
    {"supseteq", "supset.eq", "⊇"}, {"cup", "union", "∪"}, {"cap", "sect", "∩"},
    {"setminus", "without", "∖"}, {"emptyset", "emptyset", "∅"}, {"varnothing", "nothing", "∅"},
    {"forall", "forall", "∀"}, {"exists", "exists", "∃"}, {"neg", "not", "¬"},
    {"lnot", NULL, "¬"}, {"land", "and", "∧"}, {"wedge", "wedge", "∧"}, {"lor", "or", "∨"},
    {"vee", "vee", "∨"}, {"perp", "perp", "⊥"}, {"parallel", "parallel", "∥"},
    {"mid", "divides", "∣"}, {"angle", "angle", "∠"}, {"degree", "degree", "°"},
    {"prime", "prime", "′"}, {"ldots", "dots.h", "…"}, {"dots", "dots", "…"},
    {"cdots", "dots.h.c", "⋯"}, {"vdots", "dots.v", "⋮"},
    {"hbar", "planck.reduce", "ℏ"}, {"ell", "ell", "ℓ"}, {"aleph", "aleph", "ℵ"},
    {"Re", NULL, "ℜ"}, {"Im", NULL, "ℑ"}, {"checkmark", "checkmark", "✓"},
    /* arrows */
    {"to", "arrow.r", "→"}, {"rightarrow", NULL, "→"}, {"leftarrow", "arrow.l", "←"},
    {"gets", NULL, "←"}, {"leftrightarrow", "arrow.l.r", "↔"}, {"Rightarrow", "arrow.r.double", "⇒"},
    {"implies", NULL, "⇒"}, {"Leftarrow", "arrow.l.double", "⇐"},
    {"Leftrightarrow", "arrow.l.r.double", "⇔"}, {"iff", NULL, "⇔"},
    {"mapsto", "arrow.r.bar", "↦"}, {"uparrow", "arrow.t", "↑"}, {"downarrow", "arrow.b", "↓"},
    {"longrightarrow", "arrow.r.long", "⟶"}, {"nearrow", "arrow.tr", "↗"},
    {"searrow", "arrow.br", "↘"},
    /* delimiters */
    {"langle", "angle.l", "⟨"}, {"rangle", "angle.r", "⟩"}, {"lceil", "ceil.l", "⌈"},
    {"rceil", "ceil.r", "⌉"}, {"lfloor", "floor.l", "⌊"}, {"rfloor", "floor.r", "⌋"},
    {"lvert", NULL, "|"}, {"rvert", NULL, "|"}, {"vert", NULL, "|"}, {"Vert", "bar.v.double", "‖"},
    {"lbrace", NULL, "{"}, {"rbrace", NULL, "}"}, {"backslash", "backslash", "\\"},
    /* letters Typst names with doubled capitals: bold, as \mathbb is (see the top) */
    {NULL, "RR", "R"}, {NULL, "NN", "N"}, {NULL, "ZZ", "Z"}, {NULL, "QQ", "Q"}, {NULL, "CC", "C"},
};

/* Functions set upright under their own name (\log, or Typst's log). */
static const char *const functions[] = {
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos",
    "arctan", "sinh", "cosh", "tanh", "lim", "liminf", "limsup", "max", "min", "sup", "inf",
    "det", "dim", "ker", "deg", "arg", "gcd", "lcm", "Pr", "mod", "argmax", "argmin", "tr",
};

/* Commands that take one argument and set it in a style. */
typedef struct font_cmd {
    const char *latex, *typst;
    unsigned style;
    bool upright, text; /* text: the argument is text (spaces kept, no Typst names) */
} font_cmd;

static const font_cmd fonts[] = {
    {"mathbf", "bold", RC_MATH_BOLD, true, false},
    {"mathbb", "bb", RC_MATH_BOLD, true, false},
    {"boldsymbol", NULL, RC_MATH_BOLD | RC_MATH_ITALIC, false, false},
    {"bm", NULL, RC_MATH_BOLD | RC_MATH_ITALIC, false, false},
    {"mathit", "italic", RC_MATH_ITALIC, false, false},
    {"mathcal", "cal", RC_MATH_ITALIC, false, false},
    {"mathscr", "scr", RC_MATH_ITALIC, false, false},
    {"mathfrak", "frak", RC_MATH_ITALIC, false, false},
    {"mathrm", "upright", 0, true, false},
    {"mathsf", "sans", 0, true, false},
    {"mathtt", "mono", 0, true, false},
    {"operatorname", "op", 0, true, false},
    {"text", NULL, 0, true, true},
    {"textrm", NULL, 0, true, true},
    {"textnormal", NULL, 0, true, true},
    {"mbox", NULL, 0, true, true},
    {"textbf", NULL, RC_MATH_BOLD, true, true},
    {"textit", NULL, RC_MATH_ITALIC, false, true},
    {"emph", NULL, RC_MATH_ITALIC, false, true},
};

/* Accents: the argument's characters, each followed by a combining mark. */
static const struct { const char *latex, *typst, *mark; } accents[] = {
    {"hat", "hat", "\xCC\x82"},   {"widehat", NULL, "\xCC\x82"}, {"bar", "macron", "\xCC\x84"},
    {"overline", "overline", "\xCC\x85"}, {"tilde", "tilde", "\xCC\x83"},
    {"widetilde", NULL, "\xCC\x83"}, {"dot", NULL, "\xCC\x87"}, {"ddot", "dot.double", "\xCC\x88"},
    {"vec", "arrow", "\xE2\x83\x97"}, {"check", "caron", "\xCC\x8C"},
    {"acute", "acute", "\xCC\x81"}, {"grave", "grave", "\xCC\x80"},
};

/* Commands that print nothing: sizing and spacing hints. */
static const char *const ignored[] = {
    "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
    "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "middle", "!",
};

/* Commands that print a space. */
static const char *const spaces[] = {"quad", "qquad", "enspace", "thinspace", "medspace",
                                     "thickspace", ",", ":", ";", ">", " ", "\\"};

/* Superscript and subscript forms; a character not listed has none. */
static const struct { uint32_t from, sup, sub; } scripts[] = {
    {'0', 0x2070, 0x2080}, {'1', 0xB9, 0x2081},   {'2', 0xB2, 0x2082},   {'3', 0xB3, 0x2083},
    {'4', 0x2074, 0x2084}, {'5', 0x2075, 0x2085}, {'6', 0x2076, 0x2086}, {'7', 0x2077, 0x2087},
    {'8', 0x2078, 0x2088}, {'9', 0x2079, 0x2089}, {'+', 0x207A, 0x208A}, {'-', 0x207B, 0x208B},
    {0x2212, 0x207B, 0x208B}, {'=', 0x207C, 0x208C}, {'(', 0x207D, 0x208D},
    {')', 0x207E, 0x208E},
    {'a', 0x1D43, 0x2090}, {'b', 0x1D47, 0}, {'c', 0x1D9C, 0}, {'d', 0x1D48, 0},
    {'e', 0x1D49, 0x2091}, {'f', 0x1DA0, 0}, {'g', 0x1D4D, 0}, {'h', 0x2B0, 0x2095},
    {'i', 0x2071, 0x1D62}, {'j', 0x2B2, 0x2C7C}, {'k', 0x1D4F, 0x2096}, {'l', 0x2E1, 0x2097},
    {'m', 0x1D50, 0x2098}, {'n', 0x207F, 0x2099}, {'o', 0x1D52, 0x2092}, {'p', 0x1D56, 0x209A},
    {'r', 0x2B3, 0x1D63}, {'s', 0x2E2, 0x209B}, {'t', 0x1D57, 0x209C}, {'u', 0x1D58, 0x1D64},
    {'v', 0x1D5B, 0x1D65}, {'w', 0x2B7, 0}, {'x', 0x2E3, 0x2093}, {'y', 0x2B8, 0},
    {'z', 0x1DBB, 0},
    {'A', 0x1D2C, 0}, {'B', 0x1D2E, 0}, {'D', 0x1D30, 0}, {'E', 0x1D31, 0}, {'G', 0x1D33, 0},
    {'H', 0x1D34, 0}, {'I', 0x1D35, 0}, {'J', 0x1D36, 0}, {'K', 0x1D37, 0}, {'L', 0x1D38, 0},
    {'M', 0x1D39, 0}, {'N', 0x1D3A, 0}, {'O', 0x1D3C, 0}, {'P', 0x1D3E, 0}, {'R', 0x1D3F, 0},
    {'T', 0x1D40, 0}, {'U', 0x1D41, 0}, {'V', 0x2C7D, 0}, {'W', 0x1D42, 0},
    {0x3B2, 0x1D5D, 0x1D66}, {0x3B3, 0x1D5E, 0x1D67}, {0x3B4, 0x1D5F, 0}, {0x3B8, 0x1DBF, 0},
    {0x3C1, 0, 0x1D68}, {0x3C6, 0x1D60, 0x1D69}, {0x3C7, 0x1D61, 0x1D6A},
    /* signs already raised in their own right print as themselves */
    {'*', '*', 0}, {0x2217, '*', 0}, {0x2032, 0x2032, 0}, {0x2218, 0xB0, 0}, {0xB0, 0xB0, 0},
    {'\'', 0x2032, 0}, {0x2020, 0x2020, 0}, {0x2021, 0x2021, 0},
};

/* ---- the renderer --------------------------------------------------- */

typedef struct mstyle {
    unsigned style;
    bool upright; /* letters not italic */
    bool text;    /* \text{...}: spaces as written, no Typst names */
} mstyle;

typedef struct mctx {
    const char *s;
    rc_math_warn_fn warn;
    void *wctx;
} mctx;

static void warnf(mctx *c, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warnf(mctx *c, size_t at, const char *fmt, ...)
{
    if (!c->warn)
        return;
    rc_buf msg = RC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    c->warn(c->wctx, at, rc_buf_str(&msg));
    rc_buf_release(&msg);
}

static void emit(rc_math *m, const char *text, size_t len, unsigned style, size_t src)
{
    if (len == 0)
        return;
    if (m->n && m->v[m->n - 1].style == style) {
        rc_buf_add(&m->text, text, len);
        m->v[m->n - 1].len += len;
        return;
    }
    RC_VEC_PUSH(m->v, m->n, m->cap);
    m->v[m->n++] = (rc_math_piece){m->text.len, len, style, src};
    rc_buf_add(&m->text, text, len);
}

static void emits(rc_math *m, const char *text, unsigned style, size_t src)
{
    emit(m, text, strlen(text), style, src);
}

/* Append all of from's pieces to m. */
static void append(rc_math *m, const rc_math *from)
{
    for (size_t i = 0; i < from->n; i++)
        emit(m, from->text.ptr + from->v[i].off, from->v[i].len, from->v[i].style,
             from->v[i].src);
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool name_is(const char *name, const char *s, size_t n)
{
    return name && strlen(name) == n && memcmp(name, s, n) == 0;
}

static bool in_list(const char *const *list, size_t count, const char *s, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (name_is(list[i], s, n))
            return true;
    return false;
}

/* Where the group opened at s[i] ('{' or '(') closes, or `to` when it does not. */
static size_t group_end(const char *s, size_t i, size_t to)
{
    char open = s[i], close = open == '{' ? '}' : ')';
    int depth = 0;
    for (size_t k = i; k < to; k++) {
        if (s[k] == '\\' && k + 1 < to) {
            k++;
            continue;
        }
        if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k;
    }
    return to;
}

/*
 * The argument that starts at s[*i] (after spaces): a {group}, a (group)
 * when parens are allowed (Typst's scripts and functions), a \command, a
 * run of digits when digits is set (Typst's x^10), or one character.
 * Sets [*a, *b) to what is inside and moves *i past it. False at the end.
 */
static bool take_arg(const char *s, size_t *i, size_t to, bool parens, bool digits, size_t *a,
                     size_t *b)
{
    size_t k = *i;
    while (k < to && is_space(s[k]))
        k++;
    if (k >= to)
        return false;
    if (s[k] == '{' || (parens && s[k] == '(')) {
        size_t e = group_end(s, k, to);
        *a = k + 1;
        *b = e;
        *i = e < to ? e + 1 : to;
        return true;
    }
    size_t e = k + 1;
    if (s[k] == '\\' && e < to && is_alpha(s[e])) {
        while (e < to && is_alpha(s[e]))
            e++;
    } else if (digits && is_digit(s[k])) {
        while (e < to && is_digit(s[e]))
            e++;
    } else {
        if (s[k] == '\\' && e < to)
            e++; /* \{ \, ... or a '\' before a character beyond ASCII, all of it */
        while (e < to && ((unsigned char)s[e] & 0xC0) == 0x80)
            e++;
    }
    *a = k;
    *b = e;
    *i = e;
    return true;
}

static void render(mctx *c, size_t from, size_t to, mstyle st, int depth, rc_math *out);

/* Render s[from, to) on its own, into a fresh piece list. */
static void render_part(mctx *c, size_t from, size_t to, mstyle st, int depth, rc_math *part)
{
    memset(part, 0, sizeof *part);
    render(c, from, to, st, depth, part);
}

/* The text of a piece list as one string (in part->text, NUL-terminated). */
static const char *flat(rc_math *part)
{
    return rc_buf_str(&part->text);
}

/* How much of s[0..n) a message quotes: about 40 bytes, cut at a character's start. */
static size_t shown(const char *s, size_t n)
{
    if (n <= 40)
        return n;
    size_t k = 40;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* A script: ^arg or _arg, marker at s[at]. */
static size_t script(mctx *c, size_t at, size_t to, mstyle st, int depth, rc_math *out)
{
    bool sup = c->s[at] == '^';
    size_t i = at + 1, a, b;
    if (!take_arg(c->s, &i, to, true, true, &a, &b)) {
        emit(out, c->s + at, 1, 0, at);
        return at + 1;
    }
    rc_math part;
    render_part(c, a, b, st, depth + 1, &part);
    const char *t = flat(&part);
    size_t n = part.text.len;
    rc_buf mapped = RC_BUF_INIT;
    uint32_t missing = 0;
    for (size_t k = 0; k < n && !missing;) {
        uint32_t cp;
        size_t used = rc_utf8_decode(t + k, n - k, &cp);
        k += used ? used : 1;
        if (cp == ' ')
            continue; /* Typst's x_(i j): the space only separates */
        uint32_t to_cp = 0;
        for (size_t j = 0; j < RC_ARRAY_LEN(scripts); j++)
            if (scripts[j].from == cp) {
                to_cp = sup ? scripts[j].sup : scripts[j].sub;
                break;
            }
        if (to_cp)
            rc_buf_add_utf8(&mapped, to_cp);
        else
            missing = cp;
    }
    if (!missing) {
        emit(out, mapped.ptr, mapped.len, 0, a);
    } else {
        /* Typst's own spelling of a script, which reads as one. */
        char marker[2] = {c->s[at], 0};
        char miss[5] = {0};
        rc_utf8_encode(missing, miss);
        size_t ncp = rc_utf8_length(t, n);
        size_t written = shown(c->s + at + 1, i - at - 1), printed = shown(t, n);
        warnf(c, at,
              "'%c%.*s%s' has no Unicode %s for '%s', so it prints as '%s%s%.*s%s%s'; write it "
              "without the %s, or with characters that have one (digits, + - = ( ), most "
              "letters)",
              marker[0], (int)written, c->s + at + 1, written < i - at - 1 ? "…" : "",
              sup ? "superscript" : "subscript", miss, marker, ncp > 1 ? "(" : "", (int)printed,
              t, printed < n ? "…" : "", ncp > 1 ? ")" : "", sup ? "superscript" : "subscript");
        emit(out, marker, 1, 0, at);
        if (ncp > 1)
            emit(out, "(", 1, 0, at);
        append(out, &part);
        if (ncp > 1)
            emit(out, ")", 1, 0, i > 0 ? i - 1 : at);
    }
    rc_buf_release(&mapped);
    rc_math_release(&part);
    return i;
}

/* The source text s[from, to), as written (what cannot be rendered). */
static void literal(mctx *c, size_t from, size_t to, rc_math *out)
{
    emit(out, c->s + from, to - from, 0, from);
}

/* The argument of a one-argument command at s[*i], rendered in style st. */
static void arg(mctx *c, size_t *i, size_t to, bool parens, mstyle st, int depth, rc_math *out)
{
    size_t a, b;
    if (take_arg(c->s, i, to, parens, false, &a, &b))
        render(c, a, b, st, depth + 1, out);
}

/* An argument in parentheses when it is more than one character: √(x+1), (a+b)/c. */
static void arg_grouped(mctx *c, size_t *i, size_t to, bool parens, mstyle st, int depth,
                        rc_math *out)
{
    size_t a, b;
    if (!take_arg(c->s, i, to, parens, false, &a, &b))
        return;
    rc_math part;
    render_part(c, a, b, st, depth + 1, &part);
    bool wrap = rc_utf8_length(part.text.ptr ? part.text.ptr : "", part.text.len) > 1;
    if (wrap)
        emit(out, "(", 1, 0, a);
    append(out, &part);
    if (wrap)
        emit(out, ")", 1, 0, b);
    rc_math_release(&part);
}

static void accent(mctx *c, size_t *i, size_t to, bool parens, const char *mark, mstyle st,
                   int depth, rc_math *out)
{
    size_t a, b;
    if (!take_arg(c->s, i, to, parens, false, &a, &b))
        return;
    rc_math part;
    render_part(c, a, b, st, depth + 1, &part);
    for (size_t p = 0; p < part.n; p++) {
        const char *t = part.text.ptr + part.v[p].off;
        size_t n = part.v[p].len;
        for (size_t k = 0; k < n;) {
            uint32_t cp;
            size_t used = rc_utf8_decode(t + k, n - k, &cp);
            used = used ? used : 1;
            emit(out, t + k, used, part.v[p].style, part.v[p].src);
            if (cp != ' ')
                emits(out, mark, part.v[p].style, part.v[p].src);
            k += used;
        }
    }
    rc_math_release(&part);
}

/*
 * A function-like name (a LaTeX command, or a Typst name followed by its
 * parenthesised argument) at s[name, name_end); i is after it. Returns
 * where rendering continues, or 0 when the name is none of these.
 */
static size_t command(mctx *c, size_t start, size_t name, size_t name_end, size_t to, bool latex,
                      mstyle st, int depth, rc_math *out)
{
    const char *nm = c->s + name;
    size_t len = name_end - name, i = name_end;
    bool parens = !latex;
    for (size_t k = 0; k < RC_ARRAY_LEN(fonts); k++)
        if (name_is(latex ? fonts[k].latex : fonts[k].typst, nm, len)) {
            mstyle inner = {fonts[k].style, fonts[k].upright, fonts[k].text};
            arg(c, &i, to, parens, inner, depth, out);
            return i;
        }
    for (size_t k = 0; k < RC_ARRAY_LEN(accents); k++)
        if (name_is(latex ? accents[k].latex : accents[k].typst, nm, len)) {
            accent(c, &i, to, parens, accents[k].mark, st, depth, out);
            return i;
        }
    if (name_is("sqrt", nm, len)) {
        emits(out, "√", 0, start);
        arg_grouped(c, &i, to, parens, st, depth, out);
        return i;
    }
    if (latex && (name_is("frac", nm, len) || name_is("dfrac", nm, len) ||
                  name_is("tfrac", nm, len))) {
        arg_grouped(c, &i, to, false, st, depth, out);
        emit(out, "/", 1, 0, i < to ? i : to - 1); /* offsets keep increasing */
        arg_grouped(c, &i, to, false, st, depth, out);
        return i;
    }
    return 0;
}

/*
 * A symbol or function name, Typst's or LaTeX's: emits it and returns
 * true; *letter tells a Greek letter (after which TeX drops the space
 * that ends the command's name: \Delta t is Δt).
 */
static bool symbol_name(mctx *c, size_t at, size_t len, bool latex, rc_math *out, bool *letter)
{
    const char *nm = c->s + at;
    for (size_t k = 0; k < RC_ARRAY_LEN(greek); k++)
        if (name_is(latex ? greek[k].latex : greek[k].typst, nm, len)) {
            emits(out, greek[k].text, 0, at);
            *letter = true;
            return true;
        }
    *letter = false;
    for (size_t k = 0; k < RC_ARRAY_LEN(symbols); k++)
        if (name_is(latex ? symbols[k].latex : symbols[k].typst, nm, len)) {
            /* Typst's RR, NN ...: bold letters, as \mathbb (see the top) */
            unsigned style = (!latex && len == 2 && nm[0] == nm[1]) ? RC_MATH_BOLD : 0;
            emits(out, symbols[k].text, style, at);
            return true;
        }
    if (in_list(functions, RC_ARRAY_LEN(functions), nm, len)) {
        emit(out, nm, len, 0, at);
        return true;
    }
    return false;
}

/* A LaTeX command at s[at] == '\\'; returns where rendering continues. */
static size_t latex_command(mctx *c, size_t at, size_t to, mstyle st, int depth, rc_math *out)
{
    size_t i = at + 1;
    if (i >= to) {
        literal(c, at, to, out);
        return to;
    }
    if (!is_alpha(c->s[i])) {
        /* \{ \% \$ \_ \| and spacing */
        char ch = c->s[i];
        if (in_list(spaces, RC_ARRAY_LEN(spaces), c->s + i, 1))
            emit(out, " ", 1, 0, at);
        else if (ch == '!')
            ;
        else if (ch == '|')
            emits(out, "‖", 0, at);
        else if ((unsigned char)ch < 0x80)
            emit(out, c->s + i, 1, 0, at);
        else
            return literal(c, at, i, out), i; /* a '\' before a letter beyond ASCII */
        return i + 1;
    }
    size_t e = i;
    while (e < to && is_alpha(c->s[e]))
        e++;
    size_t len = e - i;
    bool letter;
    if (symbol_name(c, i, len, true, out, &letter)) {
        while (letter && e < to && c->s[e] == ' ' && e + 1 < to && is_alpha(c->s[e + 1]))
            e++;
        return e;
    }
    if (in_list(ignored, RC_ARRAY_LEN(ignored), c->s + i, len))
        return e;
    if (in_list(spaces, RC_ARRAY_LEN(spaces), c->s + i, len)) {
        emit(out, " ", 1, 0, at);
        return e;
    }
    size_t next = command(c, at, i, e, to, true, st, depth, out);
    if (next)
        return next;
    warnf(c, at,
          "unknown math command '\\%.*s', so it prints as written; write the character itself "
          "(rescomp renders Greek letters, sub- and superscripts, \\mathbf and the common "
          "operators)",
          (int)shown(c->s + i, len), c->s + i);
    /* its {arguments} too, braces and all, since their meaning is unknown */
    while (e < to && c->s[e] == '{')
        e = group_end(c->s, e, to) < to ? group_end(c->s, e, to) + 1 : to;
    literal(c, at, e, out);
    return e;
}

/* Typst's two- and three-character shorthands, longest first. */
static const struct { const char *from, *to; } shorthands[] = {
    {"<=>", "⇔"}, {"==>", "⇒"}, {"<->", "↔"}, {"...", "…"}, {"->", "→"}, {"=>", "⇒"},
    {"<-", "←"}, {"<=", "≤"}, {">=", "≥"}, {"!=", "≠"}, {"<<", "≪"}, {">>", "≫"},
};

static void render(mctx *c, size_t from, size_t to, mstyle st, int depth, rc_math *out)
{
    const char *s = c->s;
    if (depth > MAX_DEPTH) {
        warnf(c, from, "math nested more than %d deep prints as written", MAX_DEPTH);
        literal(c, from, to, out);
        return;
    }
    unsigned letter_style = st.style | (st.upright ? 0 : RC_MATH_ITALIC);
    for (size_t i = from; i < to;) {
        char ch = s[i];
        if (is_space(ch)) {
            size_t e = i;
            while (e < to && is_space(s[e]))
                e++;
            emit(out, " ", 1, st.style, i);
            i = e;
            continue;
        }
        if (ch == '\\') {
            i = latex_command(c, i, to, st, depth, out);
            continue;
        }
        if (ch == '{') {
            size_t e = group_end(s, i, to);
            render(c, i + 1, e, st, depth + 1, out);
            i = e < to ? e + 1 : to;
            continue;
        }
        if ((ch == '^' || ch == '_') && !st.text) {
            i = script(c, i, to, st, depth, out);
            continue;
        }
        if (ch == '"' && !st.text) {
            /* Typst's text in math: as written, upright */
            const char *q = memchr(s + i + 1, '"', to - i - 1);
            if (q) {
                size_t e = (size_t)(q - s);
                emit(out, s + i + 1, e - i - 1, st.style, i + 1);
                i = e + 1;
                continue;
            }
        }
        if (is_alpha(ch)) {
            size_t e = i;
            while (e < to && is_alpha(s[e]))
                e++;
            if (!st.text && e - i >= 2) {
                /*
                 * A Typst name, dotted (arrow.r.double) or not: the longest
                 * known one of the word and its dotted parts.
                 */
                size_t ends[8], nends = 0, d = e;
                ends[nends++] = e;
                while (nends < RC_ARRAY_LEN(ends) && d + 1 < to && s[d] == '.' &&
                       is_alpha(s[d + 1])) {
                    d++;
                    while (d < to && is_alpha(s[d]))
                        d++;
                    ends[nends++] = d;
                }
                bool found = false;
                while (nends > 0 && !found) {
                    size_t end = ends[--nends];
                    bool letter;
                    if (symbol_name(c, i, end - i, false, out, &letter)) {
                        i = end;
                        found = true;
                    }
                }
                if (found)
                    continue;
                if (e < to && s[e] == '(') {
                    size_t next = command(c, i, i, e, to, false, st, depth, out);
                    if (next) {
                        i = next;
                        continue;
                    }
                }
            }
            emit(out, s + i, e - i, letter_style, i);
            i = e;
            continue;
        }
        if (!st.text) {
            bool done = false;
            for (size_t k = 0; k < RC_ARRAY_LEN(shorthands) && !done; k++) {
                size_t n = strlen(shorthands[k].from);
                if (i + n <= to && memcmp(s + i, shorthands[k].from, n) == 0) {
                    emits(out, shorthands[k].to, 0, i);
                    i += n;
                    done = true;
                }
            }
            if (done)
                continue;
            if (ch == '-') {
                emits(out, "−", 0, i); /* U+2212, the minus sign */
                i++;
                continue;
            }
            if (ch == '\'') {
                emits(out, "′", 0, i);
                i++;
                continue;
            }
        }
        if (ch == '~') {
            emit(out, " ", 1, st.style, i);
            i++;
            continue;
        }
        /* anything else (digits, punctuation, letters beyond ASCII) as written */
        size_t e = i + 1;
        while (e < to && ((unsigned char)s[e] & 0xC0) == 0x80)
            e++;
        emit(out, s + i, e - i, st.style, i);
        i = e;
    }
}

void rc_math_render(const char *src, size_t len, rc_math *out, rc_math_warn_fn warn, void *ctx)
{
    mctx c = {src, warn, ctx};
    /* Spaces inside the dollars are layout, not text ($$ x $$ is x). */
    size_t from = 0, to = len;
    while (from < to && is_space(src[from]))
        from++;
    while (to > from && is_space(src[to - 1]))
        to--;
    render(&c, from, to, (mstyle){0, false, false}, 0, out);
}

void rc_math_release(rc_math *m)
{
    rc_buf_release(&m->text);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/*
 * protrude: margin protrusion factors (see protrude.h).
 *
 * The numbers are microtype's (Robert Schlicht's microtype.dtx, v3.2: the
 * \SetProtrusion lists of microtype.cfg and mt-cmr.cfg, mt-bch.cfg), in
 * thousandths of the character's width, as microtype's default unit is:
 *
 * - microtype_default: the `default' list with the T1 additions
 *   (T1-default), for any face without a list of its own;
 * - cmr_upright: Computer Modern Roman, `cmr-default' with cmr-OT1's Greek
 *   capitals and cmr-T1's additions, for CMU Serif and CMU Serif Bold
 *   (microtype applies the cmr lists to every series);
 * - cmr_italic: `cmr-it' (Hendrik Vogt's settings), for CMU Serif Italic
 *   and Bold Italic: the italic letters have wide side bearings, so almost
 *   every one hangs out on the left and is pulled in on the right;
 * - charter_upright: Bitstream Charter, `bch-default' with `bch-T1', for
 *   XCharter (Charter extended: the same upright glyphs) and Rescomp Serif
 *   (Charis SIL, Charter's design).
 *
 * The lists name TeX's glyphs; here they are Unicode characters. A straight
 * quote (' and ") counts as the closing quote TeX's input makes of it where
 * a list has no entry of its own, and the Unicode hyphens (U+2010, U+2011,
 * the soft hyphen) as the hyphen.
 */
#include "protrude.h"

#include <string.h>

typedef struct protrusion_entry {
    uint32_t cp;
    int16_t left, right;
} protrusion_entry;

/* ASCII by code (most text, looked up for every word), the rest in code point order. */
struct rc_protrusion {
    const int16_t (*ascii)[2];
    const protrusion_entry *v;
    size_t n;
};

static const int16_t microtype_default_ascii[128][2] = {
    ['!'] = {0, 100}, ['"'] = {300, 300}, ['%'] = {50, 50}, ['\''] = {300, 400}, ['('] = {100, 0},
    [')'] = {0, 200}, ['*'] = {200, 200}, ['+'] = {250, 250}, [','] = {0, 500}, ['-'] = {500, 500},
    ['.'] = {0, 700}, ['/'] = {100, 200}, ['1'] = {50, 50}, ['4'] = {50, 50}, ['7'] = {50, 50},
    [':'] = {0, 500}, [';'] = {0, 300}, ['<'] = {200, 100}, ['>'] = {100, 200}, ['?'] = {0, 100},
    ['@'] = {50, 50}, ['A'] = {50, 50}, ['F'] = {0, 50}, ['J'] = {50, 0}, ['K'] = {0, 50},
    ['L'] = {0, 50}, ['T'] = {50, 50}, ['V'] = {50, 50}, ['W'] = {50, 50}, ['X'] = {50, 50},
    ['Y'] = {50, 50}, ['\\'] = {100, 200}, ['_'] = {100, 100}, ['k'] = {0, 50}, ['r'] = {0, 50},
    ['v'] = {50, 50}, ['w'] = {50, 50}, ['x'] = {50, 50}, ['y'] = {0, 50}, ['{'] = {400, 200},
    ['}'] = {200, 400}, ['~'] = {200, 250},
};
static const protrusion_entry microtype_default_other[] = {
    {0x00A1, 100, 0}, {0x00AB, 200, 200}, {0x00AD, 500, 500}, {0x00BB, 200, 200}, /* ¡ « shy » */
    {0x00BF, 100, 0}, {0x00C6, 50, 0}, {0x2010, 500, 500}, {0x2011, 500, 500}, /* ¿ Æ ‐ ‑ */
    {0x2013, 200, 200}, {0x2014, 150, 150}, {0x2018, 300, 400}, {0x2019, 300, 400}, /* – — ‘ ’ */
    {0x201A, 400, 400}, {0x201C, 300, 300}, {0x201D, 300, 300}, {0x201E, 400, 400}, /* ‚ “ ” „ */
    {0x2039, 400, 300}, {0x203A, 300, 400}, /* ‹ › */
};

static const int16_t cmr_upright_ascii[128][2] = {
    ['!'] = {0, 100}, ['"'] = {300, 300}, ['%'] = {50, 50}, ['\''] = {500, 600}, ['('] = {300, 0},
    [')'] = {0, 300}, ['*'] = {300, 300}, ['+'] = {250, 250}, [','] = {0, 500}, ['-'] = {400, 500},
    ['.'] = {0, 700}, ['/'] = {200, 300}, ['0'] = {0, 50}, ['1'] = {100, 200}, ['2'] = {50, 50},
    ['3'] = {50, 50}, ['4'] = {70, 70}, ['5'] = {0, 50}, ['6'] = {0, 50}, ['7'] = {50, 100},
    ['8'] = {0, 50}, ['9'] = {0, 50}, [':'] = {0, 500}, [';'] = {0, 500}, ['<'] = {200, 100},
    ['>'] = {100, 200}, ['?'] = {0, 200}, ['@'] = {50, 50}, ['A'] = {50, 50}, ['F'] = {0, 50},
    ['J'] = {50, 0}, ['K'] = {0, 50}, ['L'] = {0, 50}, ['T'] = {50, 50}, ['V'] = {50, 50},
    ['W'] = {50, 50}, ['X'] = {50, 50}, ['Y'] = {50, 50}, ['\\'] = {200, 300}, ['_'] = {200, 200},
    ['k'] = {0, 50}, ['r'] = {0, 50}, ['t'] = {0, 70}, ['v'] = {50, 50}, ['w'] = {50, 50},
    ['x'] = {50, 50}, ['y'] = {50, 70}, ['{'] = {400, 200}, ['}'] = {200, 400}, ['~'] = {200, 250},
};
static const protrusion_entry cmr_upright_other[] = {
    {0x00A1, 100, 0}, {0x00AB, 300, 200}, {0x00AD, 400, 500}, {0x00BB, 100, 400}, /* ¡ « shy » */
    {0x00BF, 100, 0}, {0x00C6, 50, 0}, {0x0393, 0, 150}, {0x0394, 100, 100}, /* ¿ Æ Γ Δ */
    {0x0398, 50, 50}, {0x039B, 100, 100}, {0x03A3, 50, 50}, {0x03A5, 100, 100}, /* Θ Λ Σ Υ */
    {0x03A6, 50, 50}, {0x03A8, 50, 50}, {0x2010, 400, 500}, {0x2011, 400, 500}, /* Φ Ψ ‐ ‑ */
    {0x2013, 400, 300}, {0x2014, 300, 200}, {0x2018, 500, 700}, {0x2019, 500, 600}, /* – — ‘ ’ */
    {0x201A, 400, 400}, {0x201C, 500, 300}, {0x201D, 200, 600}, {0x201E, 400, 400}, /* ‚ “ ” „ */
    {0x2039, 400, 400}, {0x203A, 300, 500}, /* ‹ › */
};

static const int16_t cmr_italic_ascii[128][2] = {
    ['"'] = {500, 100}, ['$'] = {100, -20}, ['%'] = {180, 50}, ['&'] = {130, 30}, ['\''] = {800, -20},
    ['('] = {300, 0}, [')'] = {0, 70}, ['*'] = {380, 20}, ['+'] = {180, 200}, [','] = {0, 450},
    ['-'] = {500, 300}, ['.'] = {0, 500}, ['/'] = {100, 100}, ['0'] = {170, -85}, ['1'] = {230, 110},
    ['2'] = {130, -70}, ['3'] = {140, -70}, ['4'] = {130, 80}, ['5'] = {160, 0}, ['6'] = {175, -30},
    ['7'] = {250, -150}, ['8'] = {130, -40}, ['9'] = {155, -80}, [':'] = {0, 300}, [';'] = {0, 300},
    ['@'] = {180, 10}, ['A'] = {100, 100}, ['B'] = {83, -40}, ['C'] = {165, -75}, ['D'] = {75, -28},
    ['E'] = {80, -55}, ['F'] = {85, -80}, ['G'] = {153, -15}, ['H'] = {73, -60}, ['I'] = {140, -120},
    ['J'] = {135, -80}, ['K'] = {70, -30}, ['L'] = {87, 40}, ['M'] = {67, -45}, ['N'] = {75, -55},
    ['O'] = {150, -30}, ['P'] = {82, -50}, ['Q'] = {150, -30}, ['R'] = {75, 15}, ['S'] = {90, -65},
    ['T'] = {220, -85}, ['U'] = {230, -55}, ['V'] = {260, -60}, ['W'] = {185, -55}, ['X'] = {70, -30},
    ['Y'] = {250, -60}, ['Z'] = {90, -60}, ['a'] = {150, -10}, ['b'] = {170, 0}, ['c'] = {173, -10},
    ['d'] = {150, -55}, ['e'] = {180, 0}, ['f'] = {0, -250}, ['g'] = {150, -10}, ['h'] = {100, 0},
    ['i'] = {210, 0}, ['j'] = {0, -40}, ['k'] = {110, -50}, ['l'] = {240, -110}, ['m'] = {80, 0},
    ['n'] = {115, 0}, ['o'] = {155, 0}, ['q'] = {170, -40}, ['r'] = {155, -40}, ['s'] = {130, 0},
    ['t'] = {230, -10}, ['u'] = {120, 0}, ['v'] = {140, -25}, ['w'] = {98, -20}, ['x'] = {65, -40},
    ['y'] = {130, -20}, ['z'] = {110, -80}, ['~'] = {200, 150},
};
static const protrusion_entry cmr_italic_other[] = {
    {0x00AD, 500, 300}, {0x2010, 500, 300}, {0x2011, 500, 300}, {0x2013, 500, 300}, /* shy ‐ ‑ – */
    {0x2014, 400, 170}, {0x2018, 800, 200}, {0x2019, 800, -20}, {0x201C, 540, 100}, /* — ‘ ’ “ */
    {0x201D, 500, 100}, /* ” */
};

static const int16_t charter_upright_ascii[128][2] = {
    ['!'] = {0, 100}, ['"'] = {300, 300}, ['%'] = {0, 50}, ['\''] = {300, 400}, ['('] = {200, 0},
    [')'] = {0, 200}, ['*'] = {200, 300}, ['+'] = {150, 250}, [','] = {0, 500}, ['-'] = {400, 500},
    ['.'] = {0, 600}, ['/'] = {0, 200}, ['1'] = {150, 150}, ['2'] = {50, 50}, ['3'] = {50, 0},
    ['4'] = {100, 50}, ['6'] = {50, 0}, ['7'] = {50, 80}, ['9'] = {50, 50}, [':'] = {0, 400},
    [';'] = {0, 300}, ['<'] = {200, 100}, ['>'] = {100, 200}, ['?'] = {0, 200}, ['@'] = {50, 50},
    ['A'] = {50, 50}, ['C'] = {50, 0}, ['D'] = {0, 50}, ['F'] = {0, 50}, ['G'] = {50, 0},
    ['J'] = {100, 0}, ['K'] = {0, 50}, ['L'] = {0, 50}, ['O'] = {50, 50}, ['Q'] = {50, 70},
    ['R'] = {0, 50}, ['T'] = {50, 50}, ['V'] = {50, 50}, ['W'] = {50, 50}, ['X'] = {50, 50},
    ['Y'] = {50, 50}, ['['] = {100, 0}, ['\\'] = {150, 200}, [']'] = {0, 100}, ['_'] = {100, 100},
    ['k'] = {0, 50}, ['r'] = {0, 50}, ['t'] = {0, 50}, ['v'] = {50, 50}, ['w'] = {50, 50},
    ['x'] = {50, 50}, ['y'] = {0, 50}, ['{'] = {200, 0}, ['}'] = {0, 300}, ['~'] = {200, 250},
};
static const protrusion_entry charter_upright_other[] = {
    {0x00A1, 100, 0}, {0x00AB, 200, 200}, {0x00AD, 400, 500}, {0x00BB, 150, 300}, /* ¡ « shy » */
    {0x00BF, 100, 0}, {0x0152, 50, 0}, {0x2010, 400, 500}, {0x2011, 400, 500}, /* ¿ Œ ‐ ‑ */
    {0x2013, 200, 300}, {0x2014, 150, 250}, {0x2018, 300, 400}, {0x2019, 300, 400}, /* – — ‘ ’ */
    {0x201A, 400, 400}, {0x201C, 300, 300}, {0x201D, 300, 300}, {0x201E, 300, 300}, /* ‚ “ ” „ */
    {0x2039, 400, 300}, {0x203A, 300, 400}, /* ‹ › */
};


#define TABLE(t) {t##_ascii, t##_other, sizeof(t##_other) / sizeof(t##_other[0])}
static const rc_protrusion tables[] = {
    TABLE(microtype_default),
    TABLE(cmr_upright),
    TABLE(cmr_italic),
    TABLE(charter_upright),
};
#undef TABLE
enum { T_DEFAULT, T_CMR, T_CMR_ITALIC, T_CHARTER };

const rc_protrusion *rc_protrusion_for(const rc_face *face)
{
    const char *name = face ? rc_face_name(face) : NULL;
    if (name && !strncmp(name, "CMU Serif", 9))
        return &tables[strstr(name + 9, "Italic") ? T_CMR_ITALIC : T_CMR];
    if (name && (!strncmp(name, "Rescomp Serif", 13) || !strncmp(name, "XCharter", 8)) &&
        !strstr(name, "Italic"))
        return &tables[T_CHARTER];
    return &tables[T_DEFAULT];
}

void rc_protrusion_of(const rc_protrusion *t, uint32_t cp, int *left, int *right)
{
    if (cp < 128) {
        *left = t->ascii[cp][0];
        *right = t->ascii[cp][1];
        return;
    }
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->n && t->v[lo].cp == cp) {
        *left = t->v[lo].left;
        *right = t->v[lo].right;
    } else {
        *left = *right = 0;
    }
}

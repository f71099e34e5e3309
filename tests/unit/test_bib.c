/*
 * Tests of the limits of the BibTeX reader (bib.c, docs/limits.md): each
 * .bib is generated here, read from memory, and must give its error at its
 * line and column, or its entries, in time and memory proportional to it;
 * a file read after one that passed a limit reads as it does alone
 * (btparse keeps global state). tests/bib_limits/ runs the same classes
 * through the whole program.
 */
#include "bib.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static rc_arena arena;
static rc_diags diags;
#include "check_diags.h"
static rc_entry *entries;
static size_t nentries;

static int read_bib(const char *text)
{
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    rc_bib_options o;
    memset(&o, 0, sizeof(o));
    o.at = (rc_pos){"cv.yaml", 5, 17};
    return rc_bib_load_memory(text, strlen(text), "t.bib", &o, &arena, &diags, &entries,
                              &nentries);
}

/* A small file after each limit: btparse must read it as it does alone. */
static void check_next_file_reads(void)
{
    CHECK_INT(read_bib("@string{n = \"Next\"}\n@article{k, title = n, year = 2020}\n"), 0);
    CHECK_INT(nentries, 1);
    if (nentries == 1)
        CHECK_STR(entries[0].title.s, "Next");
    CHECK_INT(diags.n, 0);
}

/* Only one error, the first limit passed: nothing after it is read or said. */
static void check_one_error(const char *text, int line, int col)
{
    CHECK_ERROR_AT(text, line, col);
    CHECK_INT(diags.n, 1);
    CHECK_INT(nentries, 0);
}

static void test_macro_expansion(void)
{
    /* s0 is 4 bytes, each next one twice the one before: s19 would be 2 MiB, and
       defining s17 makes the macros add 1 MiB in all */
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, "@string{s0 = \"aaaa\"}\n");
    for (int i = 1; i < 40; i++)
        rc_buf_addf(&b, "@string{s%d = s%d # s%d}\n", i, i - 1, i - 1);
    rc_buf_adds(&b, "@article{k, title = s39, year = 2020}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("@string macros expand to more than 524288 bytes in all", 18, 9);
    check_next_file_reads();

    /* in a file of 4 MiB, the length of one value is the limit that holds */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{s0 = \"aaaa\"}\n");
    for (int i = 1; i < 40; i++)
        rc_buf_addf(&b, "@string{s%d = s%d # s%d}\n", i, i - 1, i - 1);
    rc_buf_adds(&b, "% ");
    for (int i = 0; i < 4 << 20; i++)
        rc_buf_addc(&b, '%');
    rc_buf_adds(&b, "\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("@string 's19' is longer than 1 MiB (1048576 bytes) once its @string "
                    "macros are expanded; a CV needs far less, so this looks like a macro bomb",
                    20, 9);
    check_next_file_reads();

    /* each macro the one before and 16 bytes: 512 KiB in all by the 256th */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{s0 = \"aaaaaaaaaaaaaaaa\"}\n");
    for (int i = 1; i < 2000; i++)
        rc_buf_addf(&b, "@string{s%d = s%d # \"aaaaaaaaaaaaaaaa\"}\n", i, i - 1);
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("@string macros expand to more than 524288 bytes in all (512 KiB, or the "
                    "size of the file if larger)", 257, 9);
    check_next_file_reads();

    /* a field is measured as a macro is: 300 uses of a 4 KiB macro */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{k = \"");
    for (int i = 0; i < 4096; i++)
        rc_buf_addc(&b, 'y');
    rc_buf_adds(&b, "\"}\n@article{a, title = {T},\n  note = k");
    for (int i = 1; i < 300; i++)
        rc_buf_adds(&b, " # k");
    rc_buf_adds(&b, "}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("'note' is longer than 1 MiB (1048576 bytes) once its @string macros", 3, 3);

    /* 512 KiB in all, the limit of a small file, are read; one byte more is not */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{k = \"");
    for (int i = 0; i < 4096; i++)
        rc_buf_addc(&b, 'y');
    rc_buf_adds(&b, "\"}\n@article{a, title = {T}, note = k");
    for (int i = 1; i < 128; i++)
        rc_buf_adds(&b, " # k");
    rc_buf_adds(&b, "}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), 0);
    CHECK_INT(nentries, 1);
    rc_buf_adds(&b, "@string{one = \"1\"}\n@article{b, title = one}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("@string macros expand to more than 524288 bytes in all", 4, 13);
    /* a large file may expand to its own size */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{k = \"");
    for (int i = 0; i < 4096; i++)
        rc_buf_addc(&b, 'y');
    rc_buf_adds(&b, "\"}\n");
    for (int e = 0; e < 4; e++) {
        rc_buf_addf(&b, "@article{a%d, title = {T}, note = k", e);
        for (int i = 1; i < 128; i++)
            rc_buf_adds(&b, " # k");
        rc_buf_adds(&b, "}\n");
    }
    rc_buf_adds(&b, "% ");
    for (int i = 0; i < 3 << 20; i++)
        rc_buf_addc(&b, '%');
    rc_buf_adds(&b, "\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), 0);
    CHECK_INT(nentries, 4);
    rc_buf_release(&b);
}

static void test_nesting(void)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, "@article{k, title = {");
    for (int i = 0; i < 100000; i++)
        rc_buf_adds(&b, "\\emph{");
    rc_buf_addc(&b, 'x');
    for (int i = 0; i < 100000; i++)
        rc_buf_addc(&b, '}');
    rc_buf_adds(&b, "}, year = 2020}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("braces nest deeper than 64 levels in 'title'", 1, 13);
    check_next_file_reads();

    /* a comment is not converted: its braces may nest deeper */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@comment{");
    for (int i = 0; i < 1000; i++)
        rc_buf_addc(&b, '{');
    for (int i = 0; i < 1000; i++)
        rc_buf_addc(&b, '}');
    rc_buf_adds(&b, "}\n@article{k, title = {T}, year = 2020}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), 0);
    CHECK_INT(nentries, 1);

    /* 64 levels, the limit, are read (the outer braces delimit the value) */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@article{k, title = {");
    for (int i = 0; i < 64; i++)
        rc_buf_addc(&b, '{');
    rc_buf_addc(&b, 'x');
    for (int i = 0; i < 64; i++)
        rc_buf_addc(&b, '}');
    rc_buf_adds(&b, "}, year = 2020}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), 0);
    CHECK_INT(nentries, 1);
    if (nentries == 1)
        CHECK_STR(entries[0].title.s, "x");
    rc_buf_release(&b);

    /* the converters take any text: past the limit, groups are flattened, not recursed */
    rc_buf tex = RC_BUF_INIT, out = RC_BUF_INIT;
    for (int i = 0; i < 200000; i++)
        rc_buf_addc(&tex, '{');
    rc_buf_adds(&tex, "x*");
    for (int i = 0; i < 200000; i++)
        rc_buf_addc(&tex, '}');
    rc_buf_adds(&tex, "y");
    rc_bib_tex_to_markup(&out, rc_buf_str(&tex));
    CHECK_STR(rc_buf_str(&out), "x\\*y");
    rc_buf_reset(&out);
    rc_bib_tex_to_text(&out, rc_buf_str(&tex));
    CHECK_STR(rc_buf_str(&out), "x*y");
    rc_buf_reset(&tex);
    rc_buf_reset(&out);
    for (int i = 0; i < 100000; i++)
        rc_buf_adds(&tex, "\\textbf{");
    rc_buf_addc(&tex, 'x');
    for (int i = 0; i < 100000; i++)
        rc_buf_addc(&tex, '}');
    rc_bib_tex_to_markup(&out, rc_buf_str(&tex));
    CHECK(out.len > 0 && strchr(rc_buf_str(&out), 'x') != NULL);
    rc_buf_release(&tex);
    rc_buf_release(&out);
}

static void test_btparse_tables(void)
{
    /* btparse's parser exit()s at 98 fields in an entry */
    rc_buf b = RC_BUF_INIT;
    rc_buf_adds(&b, "@article{k,\n");
    for (int i = 0; i < 1000; i++)
        rc_buf_addf(&b, "  f%d = {x},\n", i);
    rc_buf_adds(&b, "  title = {T}}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("more than 64 fields in one entry", 66, 3);
    check_next_file_reads();
    /* and in an @string */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{");
    for (int i = 0; i < 1000; i++)
        rc_buf_addf(&b, "m%d = \"x\", ", i);
    rc_buf_adds(&b, "z = \"x\"}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("more than 64 fields in one entry", 1, 0);
    check_next_file_reads();

    /* and its table of macro names at 400,960 characters, redefinitions too */
    rc_buf_reset(&b);
    for (int i = 0; i < 6000; i++)
        rc_buf_addf(&b, "@string{m = \"v%d\"}\n", i);
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    CHECK_ERROR_AT("more than 5000 @string definitions", 5001, 9);
    check_next_file_reads();

    rc_buf_reset(&b);
    rc_buf_adds(&b, "@string{");
    for (int i = 0; i < 500000; i++)
        rc_buf_addc(&b, 'n');
    rc_buf_adds(&b, " = \"x\"}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), -1);
    check_one_error("@string name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn'\xE2\x80\xA6 is longer "
                    "than 64 characters", 1, 9);
    check_next_file_reads();
    rc_buf_release(&b);
}

/* Messages quote at most 40 characters of a token, never a line of the file. */
static void test_messages_quote_tokens(void)
{
    rc_buf b = RC_BUF_INIT, name = RC_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        rc_buf_addc(&name, 'm');
    rc_buf_addf(&b, "@article{k, title = %s, year = 2020}\n@%s\"k\"\n", rc_buf_str(&name),
                rc_buf_str(&name));
    read_bib(rc_buf_str(&b));
    CHECK(diags.n >= 2);
    for (size_t i = 0; i < diags.n; i++) {
        CHECK(strlen(diags.v[i].message) < 300);
        CHECK(strstr(diags.v[i].message, "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm") == NULL);
    }
    CHECK_DIAG_AT(RC_WARNING, "undefined macro \"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\"\xE2\x80\xA6",
                  1, 21);

    /* one warning for each use of an undefined macro: the first 100 are shown */
    rc_buf_reset(&b);
    rc_buf_adds(&b, "@article{k, title = {T}, note = u");
    for (int i = 1; i < 100000; i++)
        rc_buf_adds(&b, " # u");
    rc_buf_adds(&b, "}\n");
    CHECK_INT(read_bib(rc_buf_str(&b)), 0);
    CHECK_INT(diags.n, 101);
    CHECK_DIAG_AT(RC_WARNING, "99900 more BibTeX warnings in 't.bib' are not shown", 0, 0);
    rc_buf_release(&b);
    rc_buf_release(&name);
}

/* Marks after a name: in their order, in time linear in their number. */
static void test_name_marks(void)
{
    CHECK_STR(rc_bib_format_name(&arena, "Ada Lovelace * \\dag", 0), "Ada Lovelace*\xE2\x80\xA0");
    CHECK_STR(rc_bib_format_name(&arena, "Ada Lovelace*\\dag{} $^\\ddag$", 1),
              "A. Lovelace*\xE2\x80\xA0\xE2\x80\xA1");
    rc_buf b = RC_BUF_INIT, want = RC_BUF_INIT;
    rc_buf_adds(&b, "Ada Lovelace");
    rc_buf_adds(&want, "Ada Lovelace");
    for (int i = 0; i < 200000; i++) {
        rc_buf_adds(&b, i % 2 ? " *" : " \\dag");
        rc_buf_adds(&want, i % 2 ? "*" : "\xE2\x80\xA0");
    }
    for (int i = 0; i < 200000; i++) {
        rc_buf_addc(&b, '*');
        rc_buf_addc(&want, '*');
    }
    /* the letters are at the end of the last word, which is all marks */
    CHECK_STR(rc_bib_format_name(&arena, rc_buf_str(&b), 0), rc_buf_str(&want));
    rc_buf_release(&b);
    rc_buf_release(&want);
}

int main(void)
{
    rc_arena_init(&arena);
    rc_diags_init(&diags);
    test_macro_expansion();
    test_nesting();
    test_btparse_tables();
    test_messages_quote_tokens();
    test_name_marks();
    rc_diags_release(&diags);
    rc_arena_release(&arena);
    return rc_test_report("test_bib");
}

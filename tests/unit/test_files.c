/*
 * Tests for files.c (the project root, resolving paths, opening only
 * regular files without blocking), diag.c's shown text and token, and
 * depfile.c's escapes for make. tests/trust runs the same through the CLI.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "depfile.h"
#include "diag.h"
#include "files.h"
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[] = "/tmp/test_files_XXXXXX";

static const char *at(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", top, name);
    return buf[k];
}

static void touch(const char *name)
{
    int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
}

static void test_join(void)
{
    rc_buf b = RC_BUF_INIT;
    rc_files_join(&b, "dir/cv.yaml", "me.jpg");
    CHECK_STR(rc_buf_str(&b), "dir/me.jpg");
    rc_buf_reset(&b);
    rc_files_join(&b, "cv.yaml", "me.jpg");
    CHECK_STR(rc_buf_str(&b), "me.jpg");
    rc_buf_reset(&b);
    rc_files_join(&b, "dir/cv.yaml", "/abs/me.jpg");
    CHECK_STR(rc_buf_str(&b), "/abs/me.jpg");
    rc_buf_reset(&b);
    rc_files_join(&b, "/cv.yaml", "me.jpg");
    CHECK_STR(rc_buf_str(&b), "/me.jpg");
    rc_buf_release(&b);
}

static void test_real(void)
{
    char *real_top = realpath(top, NULL);
    char *r = rc_files_real(at("proj/../proj/./x.jpg")); /* x.jpg does not exist */
    char want[600];
    snprintf(want, sizeof(want), "%s/proj/x.jpg", real_top);
    CHECK_STR(r, want);
    free(r);
    r = rc_files_real(at("proj/missing/../../secret/s.jpg")); /* through a missing folder */
    snprintf(want, sizeof(want), "%s/secret/s.jpg", real_top);
    CHECK_STR(r, want);
    free(r);
    r = rc_files_real(at("proj/link.jpg")); /* a link out */
    CHECK_STR(r, want);
    free(r);
    free(real_top);
}

static void test_check(void)
{
    rc_diags d;
    rc_diags_init(&d);
    rc_root root;
    CHECK_INT(rc_root_init(&root, NULL, at("proj/cv.yaml"), &d), 0);
    CHECK_INT(root.given, 0);
    rc_pos pos = {"cv.yaml", 3, 10};
    CHECK_INT(rc_files_check(&root, at("proj/me.jpg"), "photo", "me.jpg", pos, &d), 0);
    CHECK_INT(rc_files_check(&root, at("proj/nothing.jpg"), "photo", "n", pos, &d), 0);
    CHECK_INT(rc_files_check(&root, at("proj/../secret/s.jpg"), "photo", "../secret/s.jpg", pos,
                             &d), -1);
    CHECK_INT(rc_files_check(&root, at("proj/link.jpg"), "photo", "link.jpg", pos, &d), -1);
    CHECK_INT(rc_files_check(&root, "/etc/passwd", "BibTeX file", "/etc/passwd", pos, &d), -1);
    CHECK_INT(rc_files_check(&root, at("proj/pipe"), "photo", "pipe", pos, &d), -1);
    CHECK_INT(rc_files_check(&root, at("proj/sub"), "photo", "sub", pos, &d), -1);
    CHECK_INT((long long)d.nerrors, 5);
    if (d.n >= 1) {
        CHECK_INT(d.v[0].pos.line, 3);
        CHECK(strstr(d.v[0].message, "photo '../secret/s.jpg' is outside the project folder") !=
              NULL);
    }
    /* no root: anywhere, but still no FIFO */
    CHECK_INT(rc_files_check(NULL, at("secret/s.jpg"), "photo", "s", pos, &d), 0);
    CHECK_INT(rc_files_check(NULL, at("proj/pipe"), "photo", "pipe", pos, &d), -1);
    rc_root_release(&root);

    /* --root: wider; the input must be inside */
    CHECK_INT(rc_root_init(&root, top, at("proj/cv.yaml"), &d), 0);
    CHECK_INT(rc_files_check(&root, at("proj/../secret/s.jpg"), "photo", "s", pos, &d), 0);
    rc_root_release(&root);
    size_t before = d.nerrors;
    CHECK_INT(rc_root_init(&root, at("secret"), at("proj/cv.yaml"), &d), -1);
    CHECK_INT((long long)(d.nerrors - before), 1);
    CHECK(d.v[d.n - 1].failure == RC_FAIL_USAGE);
    rc_root_release(&root);
    CHECK_INT(rc_root_init(&root, at("nowhere"), at("proj/cv.yaml"), &d), -1);
    rc_root_release(&root);
    rc_diags_release(&d);
}

static void test_open(void)
{
    int err = 0;
    int fd = rc_file_open(at("proj/me.jpg"), &err);
    CHECK(fd >= 0);
    if (fd >= 0) {
        CHECK_INT(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
        close(fd);
    }
    /* a FIFO with no writer: refused at once, not waited on */
    CHECK_INT(rc_file_open(at("proj/pipe"), &err), -1);
    CHECK_INT(err, RC_EFIFO);
    CHECK(strstr(rc_file_strerror(err), "FIFO") != NULL);
    CHECK_INT(rc_file_open(at("proj/sub"), &err), -1);
    CHECK_INT(err, EISDIR);
    CHECK_INT(rc_file_open("/dev/null", &err), -1);
    CHECK_INT(err, RC_EDEVICE);
    CHECK(rc_file_fopen(at("proj/none"), &err) == NULL);
    CHECK_INT(err, ENOENT);
    FILE *f = rc_file_fopen(at("proj/me.jpg"), &err);
    CHECK(f != NULL);
    if (f)
        fclose(f);
}

static void test_shown(void)
{
    rc_buf b = RC_BUF_INIT;
    rc_buf_add_shown(&b, "a\x1b]0;t\x07 b\x7f c\xc2\x85 d\xc2\x9b e\xe2\x80\xae f\xff g\tZ é");
    CHECK_STR(rc_buf_str(&b), "a\\x1b]0;t\\x07 b\\x7f c\\u0085 d\\u009b e\\u202e f\\xff g\\x09Z é");
    rc_buf_release(&b);
    rc_arena a;
    rc_arena_init(&a);
    CHECK_STR(rc_diag_token(&a, "short"), "short");
    CHECK_STR(rc_diag_token(&a, "ééééééééééééééééééééééééééééééééééééééééééé"),
              "éééééééééééééééééééééééééééééééééééééééé...");
    rc_arena_release(&a);
}

static void test_depfile(void)
{
    rc_buf b = RC_BUF_INIT;
    const char *targets[] = {"o:1 %$#.pdf"};
    const char *pre[] = {"c v.yaml", "p%q*[x]?|y.jpg", "~x.bib", "b\\s\\ t\\"};
    rc_depfile_format(targets, 1, pre, 4, &b);
    CHECK_STR(rc_buf_str(&b), "o\\:1\\ \\%$$\\#.pdf: \\\n  c\\ v.yaml \\\n"
                              "  p%q\\*\\[x]\\?\\|y.jpg \\\n  ./~x.bib \\\n  b\\s\\\\\\ t\\\\\n\n"
                              "p\\%q\\*\\[x]\\?\\|y.jpg:\n\n./~x.bib:\n\nb\\s\\\\\\ t\\\\:\n");
    rc_buf_release(&b);
    rc_diags d;
    rc_diags_init(&d);
    const char *bad[] = {"a\nb", "a;b", "a=b", "a\tb", "a\rb", "fine.pdf"};
    CHECK_INT(rc_depfile_check(bad, 6, &d), -1);
    CHECK_INT((long long)d.nerrors, 5);
    rc_diags_release(&d);
}

int main(void)
{
    if (!mkdtemp(top))
        return 1;
    mkdir(at("proj"), 0755);
    mkdir(at("proj/sub"), 0755);
    mkdir(at("secret"), 0755);
    touch("proj/me.jpg");
    touch("secret/s.jpg");
    CHECK_INT(symlink("../secret/s.jpg", at("proj/link.jpg")), 0);
    CHECK_INT(mkfifo(at("proj/pipe"), 0644), 0);
    test_join();
    test_real();
    test_check();
    test_open();
    test_shown();
    test_depfile();
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
    if (system(cmd) != 0)
        return 1;
    return rc_test_report("test_files");
}

/*
 * Tests for job.c, the job-ad check: words, stop words, the language,
 * two-word terms, comparison and the order of the report.
 */
#include "harness.h"
#include "job.h"

#include <stdlib.h>
#include <string.h>

static rc_buf out;

/* The report for an ad and a CV's text (lang: the CV's). */
static const char *check(const char *ad, const char *cv, const char *lang)
{
    rc_buf_reset(&out);
    rc_job_check(ad, strlen(ad), cv, strlen(cv), lang, &out);
    return rc_buf_str(&out);
}

int main(void)
{
    /* stop words gone, most frequent first, ties in the ad's order */
    CHECK_STR(check("We need Rust and Go. Rust is what we use, and Go.", "Go", "en"),
              "found: go\nmissing: rust\n");
    /* a pair written twice is one term; its words do not count alone there */
    CHECK_STR(check("data pipelines for data pipelines teams", "Built data pipelines", "en"),
              "found: data pipelines\nmissing:\n");
    /* a pair of the list is one term at once; hyphens, case and a plural compare equal */
    CHECK_STR(check("Distributed systems and more", "Distributed-System design", "en"),
              "found: distributed systems\nmissing:\n");
    CHECK_STR(check("Machine Learning", "MachineLearning", "en"), "found: machine learning\nmissing:\n");
    /* a pair across punctuation or a blank line is no pair */
    CHECK_STR(check("machine, learning", "learning", "en"), "found: learning\nmissing: machine\n");
    CHECK_STR(check("machine\n\nlearning", "machine", "en"), "found: machine\nmissing: learning\n");
    /* a CV's line is a paragraph: a pair does not run from one to the next */
    CHECK_STR(check("machine learning", "machine\nlearning", "en"),
              "found:\nmissing: machine learning\n");
    /* C++, C#, .NET, one capital letter (C, R), no number, no lone lower-case letter */
    CHECK_STR(check("C++ C# .NET C R 2024 x", "c++ and .net", "en"),
              "found: c++, .net\nmissing: c#, c, r\n");
    /* sentence ends are no part of a word, joiners inside one are */
    CHECK_STR(check("Use Node.js. Know CI/CD.", "node.js, CI/CD", "en"),
              "found: node.js, ci/cd\nmissing: know\n");
    /* case folding beyond ASCII: umlauts, ß, Greek, Cyrillic; decomposed umlauts */
    CHECK_STR(check("ÄRGER STRASSE ΣΟΦΙΑ МОСКВА Mu\xcc\x88nchen", "ärger Straße σοφια Москва München",
                    "de"),
              "found: ärger, strasse, σοφια, москва, münchen\nmissing:\n");
    /* German endings: maschinellem Lernen is maschinelles Lernen */
    CHECK_STR(check("Wir suchen Erfahrung mit maschinellem Lernen", "Maschinelles Lernen", "de"),
              "found: maschinellem lernen\nmissing:\n");

    /* the language: the ad's stop words, else the CV's, else English */
    CHECK_STR(rc_job_language("Wir suchen eine Entwicklerin und einen Entwickler", 50, "en"), "de");
    const char *fr = "Nous cherchons un développeur pour notre équipe";
    CHECK_STR(rc_job_language(fr, strlen(fr), "de"), "fr");
    CHECK_STR(rc_job_language("Kubernetes", 10, "de-AT"), "de");
    CHECK_STR(rc_job_language("Kubernetes", 10, "nn"), "nb");
    CHECK_STR(rc_job_language("Kubernetes", 10, "ja"), "en");
    CHECK_STR(rc_job_language("Kubernetes", 10, NULL), "en");
    /* every list compiled in, each with words */
    size_t lists = 0;
    for (const rc_stop_list *l = rc_stop_lists; l->lang; l++, lists++)
        CHECK(strchr((const char *)l->words, '\n') != NULL);
    CHECK(lists >= 14);

    /* at most RC_JOB_TERMS terms */
    rc_buf ad = RC_BUF_INIT;
    for (int i = 0; i < 40; i++)
        rc_buf_addf(&ad, "term%c%c ", 'a' + i / 26, 'a' + i % 26);
    check(rc_buf_str(&ad), "", "en");
    size_t commas = 0;
    for (const char *p = rc_buf_str(&out); *p; p++)
        commas += *p == ',';
    CHECK_INT(commas, RC_JOB_TERMS - 1);
    CHECK(strstr(rc_buf_str(&out), "termab") && !strstr(rc_buf_str(&out), "termbn"));
    rc_buf_release(&ad);

    /* reading: not UTF-8 is an error at its line and column */
    rc_diags d;
    rc_diags_init(&d);
    char path[] = "/tmp/rescomp-test-job-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w");
        fputs("ok\nab\xff", f);
        fclose(f);
        rc_buf b = RC_BUF_INIT;
        rc_pos nowhere = {NULL, 0, 0};
        CHECK_INT(rc_job_read(path, nowhere, &b, &d), -1);
        CHECK(d.n == 1 && d.v[0].pos.line == 2 && d.v[0].pos.col == 3);
        rc_buf_release(&b);
        remove(path);
    }
    rc_diags_release(&d);
    rc_buf_release(&out);
    return rc_test_failures != 0;
}

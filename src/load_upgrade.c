/*
 * load_upgrade: an older RenderCV file in the v2.8 form (`rescomp --upgrade`).
 *
 * The legacy pass (load_legacy.c) decides what changes, exactly as when the
 * file is compiled; this module writes each change into the text itself,
 * at the marks libyaml reports, rather than emitting the document again:
 * an emitter would lose the user's comments, quoting, blank lines and
 * order. What a change does to the text:
 *
 * - a key renamed where it stands (and a value renamed, "a4paper" -> "a4"):
 *   the key's (value's) characters are replaced on their line;
 * - a key that moves (design.text.font_size -> design.typography.font_size.body):
 *   its lines (the key and its value's) are cut, renamed, and written again
 *   at the end of the deepest mapping on the new path that the file has,
 *   under the mappings it lacks, indented as that mapping's keys are; a
 *   mapping every key of which moved away (design.text) loses its line;
 * - a key with no v2.8 equivalent: its lines are commented out, under a
 *   comment that says why, so that nothing the user wrote disappears.
 *
 * Upgrading an upgraded file changes nothing: the pass finds no old key.
 */
#include "load_ext.h"
#include "upgrade.h"

#include <stdlib.h>
#include <string.h>

typedef struct line {
    rc_buf text;   /* without its '\n' */
    int cut;       /* moved elsewhere or emptied: not written here */
    int commented; /* removed: written as a comment */
    rc_buf before; /* lines written before this one */
    rc_buf after;  /* lines written after this one */
} line;

/* A mapping the file lacks, on the way to a moved key, or a moved key (block set). */
typedef struct vnode {
    const char *name;
    rc_buf block; /* a moved key: its lines, dedented, the first starting with the key */
    struct vnode *child, *next;
} vnode;

typedef struct upgrader {
    const yaml_document_t *doc; /* as parsed: the pass changes another copy */
    line *lines;
    size_t nlines;
    rc_arena *a;
    rc_diags *d;
    const char *file;
    int step;          /* the file's indentation step */
    int *anchors;      /* mapping ids that receive moved keys */
    vnode **trees;     /* per anchor: what it receives */
    size_t nanchors, cap;
} upgrader;

static yaml_node_t *node(const upgrader *u, int id)
{
    return yaml_document_get_node((yaml_document_t *)u->doc, id);
}

/* The last line a node's text takes (0-based). */
static size_t last_line(const upgrader *u, int id)
{
    yaml_node_t *n = node(u, id);
    if (n->type == YAML_SCALAR_NODE) {
        /* a block scalar ends at the start of the line after it */
        if (n->end_mark.line > n->start_mark.line && n->end_mark.column == 0)
            return n->end_mark.line - 1;
        return n->end_mark.line;
    }
    if (n->type == YAML_MAPPING_NODE) {
        if (n->data.mapping.style == YAML_FLOW_MAPPING_STYLE ||
            n->data.mapping.pairs.top == n->data.mapping.pairs.start)
            return n->end_mark.line;
        return last_line(u, n->data.mapping.pairs.top[-1].value);
    }
    if (n->data.sequence.style == YAML_FLOW_SEQUENCE_STYLE ||
        n->data.sequence.items.top == n->data.sequence.items.start)
        return n->end_mark.line;
    return last_line(u, n->data.sequence.items.top[-1]);
}

/* The byte offset of character column col in s (libyaml counts characters). */
static size_t byte_of(const char *s, size_t len, size_t col)
{
    size_t i = 0;
    while (col-- && i < len) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* Replace the characters of line l from column c0 to c1 by s. */
static void replace(upgrader *u, size_t l, size_t c0, size_t c1, const char *s)
{
    rc_buf *t = &u->lines[l].text;
    size_t b0 = byte_of(t->ptr, t->len, c0), b1 = byte_of(t->ptr, t->len, c1);
    rc_buf out = RC_BUF_INIT;
    rc_buf_add(&out, t->ptr, b0);
    rc_buf_adds(&out, s);
    rc_buf_add(&out, t->ptr + b1, t->len - b1);
    rc_buf_release(t);
    *t = out;
}

/* Can s stand as a plain scalar? Otherwise it is single-quoted. */
static int plain_ok(const char *s)
{
    if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` ", *s) || s[strlen(s) - 1] == ' ')
        return 0;
    return !strstr(s, ": ") && !strstr(s, " #") && !strchr(s, '\n');
}

static const char *scalar_text(upgrader *u, const char *s, yaml_scalar_style_t style)
{
    if (style == YAML_PLAIN_SCALAR_STYLE && plain_ok(s))
        return s;
    if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && !strpbrk(s, "\"\\"))
        return rc_arena_printf(u->a, "\"%s\"", s);
    rc_buf b = RC_BUF_INIT;
    rc_buf_addc(&b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            rc_buf_addc(&b, '\'');
        rc_buf_addc(&b, *p);
    }
    rc_buf_addc(&b, '\'');
    const char *r = rc_arena_strdup(u->a, rc_buf_str(&b));
    rc_buf_release(&b);
    return r;
}

/* Spaces at the start of a line. */
static size_t indent_of(const rc_buf *t)
{
    size_t i = 0;
    while (i < t->len && t->ptr[i] == ' ')
        i++;
    return i;
}

/* The key is the first thing on its line and the value ends its last line: a block pair. */
static int is_block_pair(const upgrader *u, const yaml_node_t *k, int value)
{
    const rc_buf *t = &u->lines[k->start_mark.line].text;
    if (byte_of(t->ptr, t->len, k->start_mark.column) != indent_of(t))
        return 0;
    yaml_node_t *v = node(u, value);
    if (v->type == YAML_SCALAR_NODE && v->end_mark.line == last_line(u, value)) {
        const rc_buf *e = &u->lines[v->end_mark.line].text;
        size_t b = byte_of(e->ptr, e->len, v->end_mark.column);
        while (b < e->len && (e->ptr[b] == ' ' || e->ptr[b] == '\r'))
            b++;
        return b == e->len || e->ptr[b] == '#';
    }
    return 1;
}

/* ---- where moved keys go ---------------------------------------------- */

static int find_key(const upgrader *u, int map, const char *key, size_t len)
{
    yaml_node_t *m = node(u, map);
    if (!m || m->type != YAML_MAPPING_NODE)
        return 0;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(u, p->key);
        if (k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
            !memcmp(k->data.scalar.value, key, len))
            return p->value;
    }
    return 0;
}

/* The top-level mapping of a canonical section, under its old name too. */
static int top_mapping(const upgrader *u, const char *name, size_t len)
{
    static const char *const old[][2] = {{"settings", "rendercv_settings"},
                                         {"locale", "locale_catalog"}};
    int m = find_key(u, 1, name, len);
    for (size_t i = 0; !m && i < RC_ARRAY_LEN(old); i++)
        if (strlen(old[i][0]) == len && !memcmp(old[i][0], name, len))
            m = find_key(u, 1, old[i][1], strlen(old[i][1]));
    return m;
}

static int usable_mapping(const upgrader *u, int id)
{
    yaml_node_t *n = node(u, id);
    return n && n->type == YAML_MAPPING_NODE && n->data.mapping.style != YAML_FLOW_MAPPING_STYLE &&
           n->data.mapping.pairs.top != n->data.mapping.pairs.start;
}

static vnode **tree_of(upgrader *u, int anchor)
{
    for (size_t i = 0; i < u->nanchors; i++)
        if (u->anchors[i] == anchor)
            return &u->trees[i];
    if (u->nanchors == u->cap) {
        u->cap = u->cap ? 2 * u->cap : 8;
        u->anchors = rc_xrealloc(u->anchors, u->cap * sizeof(*u->anchors));
        u->trees = rc_xrealloc(u->trees, u->cap * sizeof(*u->trees));
    }
    u->anchors[u->nanchors] = anchor;
    u->trees[u->nanchors] = NULL;
    return &u->trees[u->nanchors++];
}

static vnode *child_named(upgrader *u, vnode **list, const char *name, size_t len)
{
    vnode **p = list;
    for (; *p; p = &(*p)->next)
        if (strlen((*p)->name) == len && !memcmp((*p)->name, name, len))
            return *p;
    vnode *v = rc_arena_alloc(u->a, sizeof(*v));
    memset(v, 0, sizeof(*v));
    v->name = rc_arena_strndup(u->a, name, len);
    *p = v;
    return v;
}

/*
 * Put a moved key's block (dedented, starting with its new key) under
 * path: below the deepest mapping of the path the file has. -1 when that
 * mapping cannot take keys (a flow mapping, an empty value).
 */
static int place(upgrader *u, const char *path, const rc_buf *block)
{
    const char *seg = path, *dot = strchr(seg, '.');
    int anchor = 1, m = top_mapping(u, seg, (size_t)(dot - seg));
    if (m) {
        if (!usable_mapping(u, m))
            return -1;
        anchor = m;
        seg = dot + 1;
        while ((dot = strchr(seg, '.')) != NULL &&
               (m = find_key(u, anchor, seg, (size_t)(dot - seg))) != 0) {
            if (!usable_mapping(u, m))
                return -1;
            anchor = m;
            seg = dot + 1;
        }
    }
    vnode **list = tree_of(u, anchor);
    for (; (dot = strchr(seg, '.')) != NULL; seg = dot + 1)
        list = &child_named(u, list, seg, (size_t)(dot - seg))->child;
    vnode *leaf = child_named(u, list, seg, strlen(seg));
    rc_buf_add(&leaf->block, block->ptr, block->len);
    return 0;
}

static void emit_tree(const upgrader *u, const vnode *v, int indent, rc_buf *out)
{
    for (; v; v = v->next) {
        if (v->block.len) {
            /* each line of the block, at this indentation */
            for (const char *p = v->block.ptr, *end = p + v->block.len; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                if (n)
                    rc_buf_addf(out, "%*s%.*s\n", indent, "", (int)n, p);
                else
                    rc_buf_addc(out, '\n');
                p += n + 1;
            }
        } else {
            rc_buf_addf(out, "%*s%s:\n", indent, "", v->name);
            emit_tree(u, v->child, indent + u->step, out);
        }
    }
}

/* ---- mappings left empty ------------------------------------------------ */

static int is_anchor(const upgrader *u, int id)
{
    for (size_t i = 0; i < u->nanchors; i++)
        if (u->anchors[i] == id)
            return 1;
    return 0;
}

/* Is every line of this pair gone (cut or commented)? Cuts the key line of an emptied mapping. */
static int pair_gone(upgrader *u, const yaml_node_pair_t *p)
{
    yaml_node_t *k = node(u, p->key), *v = node(u, p->value);
    line *kl = &u->lines[k->start_mark.line];
    if (kl->cut || kl->commented)
        return 1;
    if (v->type != YAML_MAPPING_NODE || !usable_mapping(u, p->value))
        return 0;
    int all = 1;
    for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++)
        all &= pair_gone(u, q);
    if (!all || is_anchor(u, p->value))
        return 0;
    yaml_node_t *first = node(u, v->data.mapping.pairs.start->key);
    if (first->start_mark.line == k->start_mark.line)
        return 0;
    kl->cut = 1; /* `text:` whose keys all moved */
    return 1;
}

/* ---- the upgrade ------------------------------------------------------- */

static void split_lines(upgrader *u, const char *data, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += data[i] == '\n';
    u->lines = rc_xcalloc(n, sizeof(*u->lines));
    const char *p = data, *end = data + len;
    while (p <= end && u->nlines < n) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        rc_buf_add(&u->lines[u->nlines++].text, p, l);
        p += l + 1;
    }
}

/* The lines of a pair as one block: dedented by the key's indentation. */
static void take_block(upgrader *u, size_t first, size_t last, rc_buf *block)
{
    size_t key_indent = indent_of(&u->lines[first].text);
    for (size_t l = first; l <= last; l++) {
        line *ln = &u->lines[l];
        size_t skip = indent_of(&ln->text);
        if (skip > key_indent)
            skip = key_indent;
        rc_buf_add(block, ln->text.ptr + skip, ln->text.len - skip);
        rc_buf_addc(block, '\n');
        ln->cut = 1;
    }
}

/*
 * Can the change be written into the text? A moved key must stand on
 * lines of its own. Asked before any line is edited.
 */
static int writable(upgrader *u, const rc_legacy_change *ch)
{
    yaml_node_t *k = node(u, ch->key);
    return ch->new_key || is_block_pair(u, k, ch->value);
}

/* The change's edits within its line: the value, then the key left of it. */
static void edit_line(upgrader *u, const rc_legacy_change *ch)
{
    yaml_node_t *k = node(u, ch->key), *v = node(u, ch->value);
    if (ch->new_value && v->type == YAML_SCALAR_NODE && v->start_mark.line == v->end_mark.line)
        replace(u, v->start_mark.line, v->start_mark.column, v->end_mark.column,
                scalar_text(u, ch->new_value, v->data.scalar.style));
    const char *key = ch->new_key;
    if (!key && ch->new_path[0])
        key = strrchr(ch->new_path[0], '.') + 1;
    if (key && k->start_mark.line == k->end_mark.line)
        replace(u, k->start_mark.line, k->start_mark.column, k->end_mark.column, key);
}

/* A moved key's lines go to their new place; a removed key's are commented out. */
static void move_lines(upgrader *u, const rc_legacy_change *ch)
{
    yaml_node_t *k = node(u, ch->key);
    size_t kl = k->start_mark.line;
    rc_pos pos = {u->file, (int)kl + 1, (int)k->start_mark.column + 1};
    if (ch->new_key)
        return;
    size_t last = last_line(u, ch->value);
    if (!ch->new_path[0]) {
        line *first = &u->lines[kl];
        rc_buf_addf(&first->before, "%*s# rescomp --upgrade: '%s' is a RenderCV %s option: %s\n",
                    (int)indent_of(&first->text), "", ch->old_path, ch->version, ch->note);
        for (size_t l = kl; l <= last; l++)
            u->lines[l].commented = 1;
        return;
    }
    rc_buf block = RC_BUF_INIT;
    take_block(u, kl, last, &block);
    for (size_t i = 0; i < RC_ARRAY_LEN(ch->new_path) && ch->new_path[i]; i++) {
        rc_buf b = RC_BUF_INIT;
        /* the key's name is the last segment of each path */
        const char *name = strrchr(ch->new_path[i], '.') + 1;
        const char *colon = memchr(block.ptr, ':', block.len);
        rc_buf_adds(&b, name);
        rc_buf_add(&b, colon, block.len - (size_t)(colon - block.ptr));
        if (place(u, ch->new_path[i], &b) < 0) {
            rc_warning(u->d, pos, "'%s' belongs under '%s', which is not a block mapping in "
                       "this file; move it there by hand", ch->old_path, ch->new_path[i]);
            for (size_t l = kl; l <= last; l++)
                u->lines[l].cut = 0;
        }
        rc_buf_release(&b);
    }
    rc_buf_release(&block);
}

int rc_upgrade_text(const char *name, const char *data, size_t len, rc_buf *out, rc_arena *a,
                    rc_diags *d)
{
    size_t errors = d->nerrors;
    yaml_document_t pristine, work;
    if (rc_yaml_parse(&pristine, name, data, len, d) < 0)
        return -1;
    if (rc_yaml_parse(&work, name, data, len, d) < 0) {
        yaml_document_delete(&pristine);
        return -1;
    }
    rc_yaml y = {&work, name, a, d, NULL, 0, NULL};
    yaml_node_t *root = yaml_document_get_root_node(&work);
    rc_legacy_changes changes = {0};
    if (!root || root->type != YAML_MAPPING_NODE)
        rc_error(d, (rc_pos){name, 1, 1}, "'%s' is no RenderCV file: its top level is not a "
                 "mapping with 'cv:'", name);
    else if (rc_jsonresume_detect(&y, root))
        rc_error(d, (rc_pos){name, 1, 1}, "'%s' is a JSON Resume; --upgrade reads older RenderCV "
                 "files", name);
    else
        rc_legacy_upgrade(&y, &changes);
    if (d->nerrors > errors || !changes.n) {
        /* nothing old: the file as it is */
        if (d->nerrors == errors)
            rc_buf_add(out, data, len);
        rc_legacy_changes_release(&changes);
        yaml_document_delete(&work);
        yaml_document_delete(&pristine);
        return d->nerrors == errors ? 0 : -1;
    }
    rc_legacy_sort(&y, &changes);

    upgrader u = {.doc = &pristine, .a = a, .d = d, .file = name, .step = 2};
    split_lines(&u, data, len);
    /* the file's indentation step: that of the first nested key */
    yaml_node_t *top = yaml_document_get_root_node(&pristine);
    for (yaml_node_pair_t *p = top->data.mapping.pairs.start; p < top->data.mapping.pairs.top; p++)
        if (usable_mapping(&u, p->value)) {
            yaml_node_t *v = node(&u, p->value), *k = node(&u, v->data.mapping.pairs.start->key);
            if (k->start_mark.column > 0) {
                u.step = (int)k->start_mark.column;
                break;
            }
        }
    /* what cannot be written stays as it is (the compiler still reads it) */
    size_t n = 0;
    for (size_t i = 0; i < changes.n; i++) {
        rc_legacy_change *ch = &changes.v[i];
        if (writable(&u, ch)) {
            changes.v[n++] = *ch;
            continue;
        }
        rc_warning(d, (rc_pos){name, ch->line, ch->col}, "'%s' is not on lines of its own (a "
                   "flow mapping?); %s by hand", ch->old_path,
                   ch->new_path[0] ? "move it" : "remove it");
    }
    changes.n = n;
    /* right to left on a line, so that columns stay true */
    for (size_t i = changes.n; i-- > 0;)
        edit_line(&u, &changes.v[i]);
    /* in the file's order, which the moved keys keep in their new place */
    for (size_t i = 0; i < changes.n; i++)
        move_lines(&u, &changes.v[i]);
    for (yaml_node_pair_t *p = top->data.mapping.pairs.start; p < top->data.mapping.pairs.top; p++)
        pair_gone(&u, p);
    /* each anchor's new keys after its last line, at its keys' indentation */
    for (size_t i = 0; i < u.nanchors; i++) {
        yaml_node_t *m = node(&u, u.anchors[i]);
        size_t after = u.anchors[i] == 1 ? u.nlines - 1 : last_line(&u, u.anchors[i]);
        int indent = u.anchors[i] == 1 ? 0
                                       : (int)node(&u, m->data.mapping.pairs.start->key)
                                             ->start_mark.column;
        emit_tree(&u, u.trees[i], indent, &u.lines[after].after);
    }
    for (size_t l = 0; l < u.nlines; l++) {
        line *ln = &u.lines[l];
        rc_buf_add(out, ln->before.ptr, ln->before.len);
        int last = l + 1 == u.nlines;
        if (ln->commented) {
            size_t i = indent_of(&ln->text);
            rc_buf_add(out, ln->text.ptr, i);
            rc_buf_adds(out, "# ");
            rc_buf_add(out, ln->text.ptr + i, ln->text.len - i);
            rc_buf_addc(out, '\n');
        } else if (!ln->cut && !(last && !ln->text.len)) {
            rc_buf_add(out, ln->text.ptr, ln->text.len);
            if (!last || (len && data[len - 1] == '\n') || ln->after.len)
                rc_buf_addc(out, '\n');
        }
        rc_buf_add(out, ln->after.ptr, ln->after.len);
        rc_buf_release(&ln->text);
        rc_buf_release(&ln->before);
        rc_buf_release(&ln->after);
    }
    for (size_t i = 0; i < u.nanchors; i++)
        for (vnode *v = u.trees[i]; v; v = v->next) {
            /* the blocks' buffers (the nodes are in the arena) */
            vnode *stack[64];
            size_t depth = 0;
            stack[depth++] = v;
            while (depth) {
                vnode *x = stack[--depth];
                rc_buf_release(&x->block);
                for (vnode *c = x->child; c && depth < RC_ARRAY_LEN(stack); c = c->next)
                    stack[depth++] = c;
            }
        }
    free(u.anchors);
    free(u.trees);
    free(u.lines);
    rc_legacy_changes_release(&changes);
    yaml_document_delete(&work);
    yaml_document_delete(&pristine);
    return d->nerrors == errors ? 0 : -1;
}

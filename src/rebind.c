/*
 * rebind: see rebind.h. The loaded library is found by an address in it
 * (dladdr, dl_iterate_phdr); its relocations (DT_RELA, DT_JMPREL) say
 * which slots hold the address of which symbol. A slot in the part made
 * read-only after relocation (PT_GNU_RELRO, all of it under BIND_NOW, as
 * Debian builds libraries) is made writable for the write and read-only
 * again.
 */
#define _GNU_SOURCE /* dladdr, dl_iterate_phdr */
#include "rebind.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ABS_RELOC R_X86_64_64
#define GLOB_RELOC R_X86_64_GLOB_DAT
#define JUMP_RELOC R_X86_64_JUMP_SLOT
#elif defined(__aarch64__)
#define ABS_RELOC R_AARCH64_ABS64
#define GLOB_RELOC R_AARCH64_GLOB_DAT
#define JUMP_RELOC R_AARCH64_JUMP_SLOT
#endif

typedef struct search {
    const char *file; /* the library's path, from dladdr */
    rc_rebinding *b;
    size_t n;
    int written;
    const char *why;
} search;

/* A dynamic-section address: relocated in place by glibc, or still an offset. */
static uintptr_t dyn_addr(uintptr_t base, uintptr_t v)
{
    return v < base ? base + v : v;
}

#ifdef ABS_RELOC
static int in_relro(const struct dl_phdr_info *info, uintptr_t addr)
{
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_RELRO && addr >= info->dlpi_addr + ph->p_vaddr &&
            addr < info->dlpi_addr + ph->p_vaddr + ph->p_memsz)
            return 1;
    }
    return 0;
}

static void write_slot(const struct dl_phdr_info *info, uintptr_t slot, uintptr_t value)
{
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t start = slot & ~(uintptr_t)(page - 1);
    int relro = in_relro(info, slot);
    if (relro)
        mprotect((void *)start, (size_t)page, PROT_READ | PROT_WRITE);
    memcpy((void *)slot, &value, sizeof(value));
    if (relro)
        mprotect((void *)start, (size_t)page, PROT_READ);
}

static void rewrite(const struct dl_phdr_info *info, search *s, const ElfW(Rela) *rel,
                    size_t bytes, const ElfW(Sym) *symtab, const char *strtab)
{
    for (size_t k = 0; k < bytes / sizeof(*rel); k++) {
        unsigned type = (unsigned)ELF64_R_TYPE(rel[k].r_info);
        if (type != ABS_RELOC && type != GLOB_RELOC && type != JUMP_RELOC)
            continue;
        const char *name = strtab + symtab[ELF64_R_SYM(rel[k].r_info)].st_name;
        for (size_t i = 0; i < s->n; i++) {
            if (strcmp(name, s->b[i].symbol))
                continue;
            uintptr_t value = (uintptr_t)s->b[i].target;
            if (type == ABS_RELOC)
                value += (uintptr_t)rel[k].r_addend;
            write_slot(info, info->dlpi_addr + rel[k].r_offset, value);
            s->written++;
        }
    }
}
#endif

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
    search *s = data;
    (void)size;
    if (!info->dlpi_name || strcmp(info->dlpi_name, s->file))
        return 0;
#ifdef ABS_RELOC
    const ElfW(Dyn) *dyn = NULL;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
            dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
    if (!dyn) {
        s->why = "the library has no dynamic section";
        return 1;
    }
    uintptr_t base = info->dlpi_addr, symtab = 0, strtab = 0, rela = 0, jmprel = 0;
    size_t relasz = 0, pltrelsz = 0;
    long pltrel = DT_RELA;
    for (; dyn->d_tag != DT_NULL; dyn++) {
        switch (dyn->d_tag) {
        case DT_SYMTAB: symtab = dyn_addr(base, dyn->d_un.d_ptr); break;
        case DT_STRTAB: strtab = dyn_addr(base, dyn->d_un.d_ptr); break;
        case DT_RELA: rela = dyn_addr(base, dyn->d_un.d_ptr); break;
        case DT_RELASZ: relasz = dyn->d_un.d_val; break;
        case DT_JMPREL: jmprel = dyn_addr(base, dyn->d_un.d_ptr); break;
        case DT_PLTRELSZ: pltrelsz = dyn->d_un.d_val; break;
        case DT_PLTREL: pltrel = (long)dyn->d_un.d_val; break;
        default: break;
        }
    }
    if (!symtab || !strtab || pltrel != DT_RELA) {
        s->why = "the library's relocations are not of a kind rescomp knows";
        return 1;
    }
    if (rela)
        rewrite(info, s, (const ElfW(Rela) *)rela, relasz, (const ElfW(Sym) *)symtab,
                (const char *)strtab);
    if (jmprel)
        rewrite(info, s, (const ElfW(Rela) *)jmprel, pltrelsz, (const ElfW(Sym) *)symtab,
                (const char *)strtab);
#else
    s->why = "rebinding is not implemented for this processor";
#endif
    return 1;
}

int rc_rebind(const void *anchor, rc_rebinding *b, size_t n, const char **why)
{
    Dl_info info;
    if (!dladdr(anchor, &info) || !info.dli_fname) {
        *why = "the library is not loaded";
        return -1;
    }
    /* The library's own definitions, before its references are changed. */
    void *h = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    for (size_t i = 0; i < n; i++)
        b[i].original = h ? dlsym(h, b[i].symbol) : NULL;
    if (h)
        dlclose(h);
    search s = {info.dli_fname, b, n, 0, NULL};
    if (!dl_iterate_phdr(visit, &s)) {
        *why = "the library is not loaded";
        return -1;
    }
    if (s.why) {
        *why = s.why;
        return -1;
    }
    return s.written;
}

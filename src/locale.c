/*
 * locale: the languages' words and RenderCV's date rules (see locale.h).
 *
 * The strings are rescomp's own, written for CVs: CLDR-style month
 * abbreviations, the word a CV in that language uses for an ongoing range
 * ("heute", "aujourd’hui", "至今"), and a "last updated" phrase that reads
 * well before a date, as RenderCV's top note puts it ("LAST_UPDATED
 * CURRENT_DATE"). RenderCV has one singular and one plural for years and
 * months; for Slavic languages the plural is the form after 2-4.
 */
#include "rc_locale.h"

#include <stdio.h>
#include <string.h>

#define MONTHS(a, b, c, d, e, f, g, h, i, j, k, l) {a, b, c, d, e, f, g, h, i, j, k, l}

/* RenderCV v2.8's languages first, in its order (English, then its files'), then rescomp's. */
static const rc_locale locales[] = {
    {"english", "en", "Last updated in", "month", "months", "year", "years", "present",
     "DEGREE in AREA",
     MONTHS("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"),
     MONTHS("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")},
    {"arabic", "ar", "آخر تحديث في", "شهر", "أشهر", "سنة", "سنوات", "الحاضر", "DEGREE في AREA",
     MONTHS("ينا", "فبر", "مار", "أبر", "ماي", "يون", "يول", "أغس", "سبت", "أكت", "نوف", "ديس"),
     MONTHS("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر")},
    {"danish", "da", "Senest opdateret i", "måned", "måneder", "år", "år", "nu", "DEGREE i AREA",
     MONTHS("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
            "nov.", "dec."),
     MONTHS("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
            "oktober", "november", "december")},
    {"dutch", "nl", "Laatst bijgewerkt in", "maand", "maanden", "jaar", "jaar", "heden",
     "DEGREE in AREA",
     MONTHS("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
     MONTHS("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december")},
    {"french", "fr", "Mis à jour en", "mois", "mois", "an", "ans", "aujourd’hui",
     "DEGREE en AREA",
     MONTHS("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc."),
     MONTHS("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre")},
    {"german", "de", "Zuletzt aktualisiert im", "Monat", "Monate", "Jahr", "Jahre", "heute",
     "DEGREE in AREA",
     MONTHS("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
            "Nov.", "Dez."),
     MONTHS("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember")},
    {"hebrew", "he", "עודכן לאחרונה ב", "חודש", "חודשים", "שנה", "שנים", "הווה", "DEGREE בAREA",
     MONTHS("ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳",
            "דצמ׳"),
     MONTHS("ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
            "אוקטובר", "נובמבר", "דצמבר")},
    {"hindi", "hi", "अंतिम अद्यतन", "महीना", "महीने", "वर्ष", "वर्ष", "वर्तमान", "AREA में DEGREE",
     MONTHS("जन॰", "फ़र॰", "मार्च", "अप्रैल", "मई", "जून", "जुल॰", "अग॰", "सित॰", "अक्तू॰",
            "नव॰", "दिस॰"),
     MONTHS("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
            "अक्तूबर", "नवंबर", "दिसंबर")},
    {"hungarian", "hu", "Frissítve:", "hónap", "hónap", "év", "év", "jelenleg", "DEGREE, AREA",
     MONTHS("jan.", "febr.", "márc.", "ápr.", "máj.", "jún.", "júl.", "aug.", "szept.", "okt.",
            "nov.", "dec."),
     MONTHS("január", "február", "március", "április", "május", "június", "július",
            "augusztus", "szeptember", "október", "november", "december")},
    {"indonesian", "id", "Terakhir diperbarui", "bulan", "bulan", "tahun", "tahun", "sekarang",
     "DEGREE AREA",
     MONTHS("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
     MONTHS("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
            "September", "Oktober", "November", "Desember")},
    {"italian", "it", "Aggiornato a", "mese", "mesi", "anno", "anni", "oggi", "DEGREE in AREA",
     MONTHS("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
     MONTHS("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre")},
    {"japanese", "ja", "最終更新", "か月", "か月", "年", "年", "現在", "AREA DEGREE",
     MONTHS("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"),
     MONTHS("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月")},
    {"korean", "ko", "최종 업데이트", "개월", "개월", "년", "년", "현재", "AREA DEGREE",
     MONTHS("1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월"),
     MONTHS("1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월")},
    {"mandarin_chinese", "zh", "最后更新于", "个月", "个月", "年", "年", "至今", "AREA DEGREE",
     MONTHS("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"),
     MONTHS("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月",
            "十二月")},
    {"norwegian_bokmål", "nb", "Sist oppdatert i", "måned", "måneder", "år", "år", "i dag",
     "DEGREE i AREA",
     MONTHS("jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.",
            "nov.", "des."),
     MONTHS("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "desember")},
    {"norwegian_nynorsk", "nn", "Sist oppdatert i", "månad", "månader", "år", "år", "i dag",
     "DEGREE i AREA",
     MONTHS("jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.",
            "nov.", "des."),
     MONTHS("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "desember")},
    {"persian", "fa", "آخرین به‌روزرسانی در", "ماه", "ماه", "سال", "سال", "حال", "DEGREE در AREA",
     MONTHS("ژان", "فور", "مار", "آور", "مه", "ژون", "ژول", "اوت", "سپت", "اکت", "نوا", "دسا"),
     MONTHS("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
            "نوامبر", "دسامبر")},
    {"portuguese", "pt", "Atualizado em", "mês", "meses", "ano", "anos", "atual",
     "DEGREE em AREA",
     MONTHS("jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.",
            "nov.", "dez."),
     MONTHS("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro")},
    {"russian", "ru", "Обновлено", "месяц", "месяца", "год", "года", "настоящее время",
     "DEGREE, AREA",
     MONTHS("янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.",
            "нояб.", "дек."),
     MONTHS("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
            "октябрь", "ноябрь", "декабрь")},
    {"spanish", "es", "Actualizado en", "mes", "meses", "año", "años", "actualidad",
     "DEGREE en AREA",
     MONTHS("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
     MONTHS("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre")},
    {"turkish", "tr", "Son güncelleme:", "ay", "ay", "yıl", "yıl", "günümüz", "DEGREE, AREA",
     MONTHS("Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"),
     MONTHS("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
            "Ekim", "Kasım", "Aralık")},
    {"vietnamese", "vi", "Cập nhật lần cuối", "tháng", "tháng", "năm", "năm", "nay",
     "DEGREE ngành AREA",
     MONTHS("thg 1", "thg 2", "thg 3", "thg 4", "thg 5", "thg 6", "thg 7", "thg 8", "thg 9",
            "thg 10", "thg 11", "thg 12"),
     MONTHS("tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
            "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12")},
    /* rescomp's own: languages with Debian hyphenation patterns that RenderCV lacks */
    {"croatian", "hr", "Ažurirano", "mjesec", "mjeseca", "godina", "godine", "danas",
     "DEGREE, AREA",
     MONTHS("sij", "velj", "ožu", "tra", "svi", "lip", "srp", "kol", "ruj", "lis", "stu", "pro"),
     MONTHS("siječanj", "veljača", "ožujak", "travanj", "svibanj", "lipanj", "srpanj",
            "kolovoz", "rujan", "listopad", "studeni", "prosinac")},
    {"czech", "cs", "Aktualizováno", "měsíc", "měsíce", "rok", "roky", "současnost",
     "DEGREE, AREA",
     MONTHS("led", "úno", "bře", "dub", "kvě", "čvn", "čvc", "srp", "zář", "říj", "lis", "pro"),
     MONTHS("leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září",
            "říjen", "listopad", "prosinec")},
    {"finnish", "fi", "Päivitetty", "kuukausi", "kuukautta", "vuosi", "vuotta", "nyt",
     "DEGREE, AREA",
     MONTHS("tammik.", "helmik.", "maalisk.", "huhtik.", "toukok.", "kesäk.", "heinäk.",
            "elok.", "syysk.", "lokak.", "marrask.", "jouluk."),
     MONTHS("tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
            "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu")},
    {"greek", "el", "Τελευταία ενημέρωση:", "μήνας", "μήνες", "έτος", "έτη", "σήμερα",
     "DEGREE, AREA",
     MONTHS("Ιαν", "Φεβ", "Μάρ", "Απρ", "Μάι", "Ιούν", "Ιούλ", "Αύγ", "Σεπ", "Οκτ", "Νοέ",
            "Δεκ"),
     MONTHS("Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος", "Ιούλιος",
            "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος")},
    {"polish", "pl", "Ostatnia aktualizacja:", "miesiąc", "miesiące", "rok", "lata", "obecnie",
     "DEGREE, AREA",
     MONTHS("sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"),
     MONTHS("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
            "wrzesień", "październik", "listopad", "grudzień")},
    {"romanian", "ro", "Actualizat în", "lună", "luni", "an", "ani", "prezent", "DEGREE în AREA",
     MONTHS("ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.",
            "nov.", "dec."),
     MONTHS("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august",
            "septembrie", "octombrie", "noiembrie", "decembrie")},
    {"slovak", "sk", "Aktualizované", "mesiac", "mesiace", "rok", "roky", "súčasnosť",
     "DEGREE, AREA",
     MONTHS("jan", "feb", "mar", "apr", "máj", "jún", "júl", "aug", "sep", "okt", "nov", "dec"),
     MONTHS("január", "február", "marec", "apríl", "máj", "jún", "júl", "august", "september",
            "október", "november", "december")},
    {"swedish", "sv", "Senast uppdaterad i", "månad", "månader", "år", "år", "nu",
     "DEGREE i AREA",
     MONTHS("jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.",
            "nov.", "dec."),
     MONTHS("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december")},
    {"ukrainian", "uk", "Оновлено", "місяць", "місяці", "рік", "роки", "дотепер", "DEGREE, AREA",
     MONTHS("січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.",
            "лист.", "груд."),
     MONTHS("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень",
            "вересень", "жовтень", "листопад", "грудень")},
};

/*
 * The languages written right to left (RenderCV's is_rtl): their CVs are
 * mirrored and their paragraphs start from the right (bidi.h).
 */
static const char *const rtl_iso639[] = {"ar", "he", "fa"};

int rc_locale_rtl(const rc_locale *l)
{
    for (size_t i = 0; l && l->iso639 && i < RC_ARRAY_LEN(rtl_iso639); i++)
        if (!strcmp(l->iso639, rtl_iso639[i]))
            return 1;
    return 0;
}

/*
 * Quotation marks by language: Typst's table (SmartQuotes::get, no region,
 * the main set), which RenderCV's PDFs show. Two entries Typst keys by
 * codes that are not ISO 639-1 ("ua", "gr") are given here under Ukrainian's
 * and Greek's own ("uk", "el"), so those CVs get their guillemets.
 */
#define LOW_HIGH {"\u201A", "\u2018", "\u201E", "\u201C"}
#define GUILLEMETS_RU {"\u2019", "\u2019", "\u00AB", "\u00BB"}
static const struct {
    const char *iso639;
    rc_quotes q;
} quotes_by_language[] = {
    {"cs", LOW_HIGH}, {"de", LOW_HIGH}, {"et", LOW_HIGH}, {"is", LOW_HIGH},
    {"lt", LOW_HIGH}, {"lv", LOW_HIGH}, {"sk", LOW_HIGH}, {"sl", LOW_HIGH},
    {"fr", {"\u2039\u00A0", "\u00A0\u203A", "\u00AB\u00A0", "\u00A0\u00BB"}},
    {"bs", {"\u2019", "\u2019", "\u201D", "\u201D"}},
    {"fi", {"\u2019", "\u2019", "\u201D", "\u201D"}},
    {"sv", {"\u2019", "\u2019", "\u201D", "\u201D"}},
    {"it", {"\u201C", "\u201D", "\u00AB", "\u00BB"}},
    {"la", {"\u201C", "\u201D", "\u00AB", "\u00BB"}},
    {"es", {"\u201C", "\u201D", "\u00AB", "\u00BB"}},
    {"hu", {"\u2019", "\u2019", "\u201E", "\u201D"}},
    {"pl", {"\u2019", "\u2019", "\u201E", "\u201D"}},
    {"ro", {"\u2019", "\u2019", "\u201E", "\u201D"}},
    {"ru", GUILLEMETS_RU}, {"no", GUILLEMETS_RU}, {"nb", GUILLEMETS_RU},
    {"nn", GUILLEMETS_RU}, {"uk", GUILLEMETS_RU},
    {"el", {"\u2018", "\u2019", "\u00AB", "\u00BB"}},
    {"he", {"\u2019", "\u2019", "\u201D", "\u201D"}},
};

rc_quotes rc_locale_quotes(const rc_locale *l)
{
    static const rc_quotes english = {"\u2018", "\u2019", "\u201C", "\u201D"};
    static const rc_quotes rtl = {"\u2019", "\u2018", "\u201D", "\u201C"};
    for (size_t i = 0; l && l->iso639 && i < RC_ARRAY_LEN(quotes_by_language); i++)
        if (!strcmp(l->iso639, quotes_by_language[i].iso639))
            return quotes_by_language[i].q;
    return rc_locale_rtl(l) ? rtl : english;
}

/* Other names a CV may use: RenderCV 2.4's "indonesia", and Norwegian without its variant. */
static const struct {
    const char *alias, *language;
} aliases[] = {{"indonesia", "indonesian"}, {"norwegian", "norwegian_bokmål"},
               {"no", "norwegian_bokmål"}};

static const char *language_names[RC_ARRAY_LEN(locales) + 1];

const char *const *rc_locale_names(void)
{
    if (!language_names[0])
        for (size_t i = 0; i < RC_ARRAY_LEN(locales); i++)
            language_names[i] = locales[i].language;
    return language_names;
}

const rc_locale *rc_locale_english(void)
{
    return &locales[0];
}

/* A built-in language by its name, or by its ISO code when iso is set. */
static const rc_locale *find(const char *s, int iso)
{
    for (size_t i = 0; i < RC_ARRAY_LEN(locales); i++)
        if (!strcmp(iso ? locales[i].iso639 : locales[i].language, s))
            return &locales[i];
    return NULL;
}

const rc_locale *rc_locale_builtin(const char *language)
{
    if (!language)
        return NULL;
    const rc_locale *l = find(language, 0);
    if (!l)
        l = find(language, 1);
    for (size_t i = 0; !l && i < RC_ARRAY_LEN(aliases); i++)
        if (!strcmp(aliases[i].alias, language))
            l = find(aliases[i].language, 0);
    return l;
}

const rc_locale *rc_locale_lookup(const char *language, rc_pos pos, rc_diags *d)
{
    const rc_locale *l = find(language, 0);
    if (l)
        return l;
    if ((l = find(language, 1)) != NULL) {
        rc_warning(d, pos,
                   "'%s' is an ISO code, which RenderCV 2.3 and earlier used; since 2.4 "
                   "write '%s'",
                   language, l->language);
        return l;
    }
    for (size_t i = 0; i < RC_ARRAY_LEN(aliases); i++)
        if (!strcmp(aliases[i].alias, language)) {
            l = find(aliases[i].language, 0);
            rc_warning(d, pos, "'%s' is not a language name of RenderCV 2.8; write '%s'",
                       language, l->language);
            return l;
        }
    const char *const *all = rc_locale_names();
    const char *near = rc_did_you_mean(language, all);
    if (near) {
        rc_error(d, pos, "unknown language '%s' (did you mean '%s'?)", language, near);
        return NULL;
    }
    rc_buf b = RC_BUF_INIT;
    for (size_t i = 0; all[i]; i++) {
        if (i)
            rc_buf_adds(&b, all[i + 1] ? ", " : " or ");
        rc_buf_adds(&b, all[i]);
    }
    rc_error(d, pos, "unknown language '%s'; use %s", language, rc_buf_str(&b));
    rc_buf_release(&b);
    return NULL;
}

static void set(const char **dst, const rc_text *t)
{
    if (t->s)
        *dst = t->s;
}

void rc_locale_of_cv(rc_locale *out, const rc_cv *cv)
{
    const rc_locale *base = rc_locale_builtin(cv->language.s);
    *out = base ? *base : locales[0];
    const rc_locale_fields *f = &cv->locale;
    set(&out->last_updated, &f->last_updated);
    set(&out->month, &f->month);
    set(&out->months, &f->months);
    set(&out->year, &f->year);
    set(&out->years, &f->years);
    set(&out->present, &f->present);
    set(&out->degree_with_area, &f->degree_with_area);
    for (int i = 0; i < 12; i++) {
        set(&out->month_abbreviations[i], &f->month_abbreviations[i]);
        set(&out->month_names[i], &f->month_names[i]);
    }
}

/* ---- templates ----------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *rc_locale_substitute(rc_arena *a, const char *tmpl, const char *const *keys,
                           const char *const *values, size_t n)
{
    rc_buf b = RC_BUF_INIT;
    for (const char *p = tmpl; *p;) {
        size_t best = n, best_len = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(keys[i]);
            if (len > best_len && !strncmp(p, keys[i], len)) {
                best = i;
                best_len = len;
            }
        }
        if (best < n) {
            rc_buf_adds(&b, values[best]);
            p += best_len;
        } else {
            rc_buf_addc(&b, *p++);
        }
    }
    const char *s = rc_buf_str(&b);
    size_t start = 0, end = b.len;
    while (start < end && is_space(s[start]))
        start++;
    while (end > start && is_space(s[end - 1]))
        end--;
    char *out = rc_arena_strndup(a, s + start, end - start);
    rc_buf_release(&b);
    return out;
}

static const char *template_or(const rc_date_templates *t, size_t which, const char *fallback)
{
    const char *s = NULL;
    if (t)
        s = which == 0 ? t->single_date : which == 1 ? t->date_range : t->time_span;
    return s ? s : fallback;
}

/* RenderCV's date placeholders (build_date_placeholders), MONTH_NAME to YEAR_IN_TWO_DIGITS. */
static const char *const date_keys[] = {"MONTH_NAME", "MONTH_ABBREVIATION", "MONTH",
                                        "MONTH_IN_TWO_DIGITS", "DAY", "DAY_IN_TWO_DIGITS",
                                        "YEAR", "YEAR_IN_TWO_DIGITS"};
#define DATE_KEYS RC_ARRAY_LEN(date_keys)

/* The values of date_keys for a date with a month; the digits live in `buf`. */
typedef struct date_digits {
    char month[4], month2[4], day[4], day2[4], year[16];
} date_digits;

static void date_values(const rc_locale *loc, const rc_date *date, date_digits *buf,
                        const char *values[DATE_KEYS])
{
    /* RenderCV reads YYYY-MM as the first of the month. */
    int day = date->day ? date->day : 1;
    snprintf(buf->month, sizeof(buf->month), "%d", date->month);
    snprintf(buf->month2, sizeof(buf->month2), "%02d", date->month);
    snprintf(buf->day, sizeof(buf->day), "%d", day);
    snprintf(buf->day2, sizeof(buf->day2), "%02d", day);
    snprintf(buf->year, sizeof(buf->year), "%d", date->year);
    size_t ylen = strlen(buf->year);
    values[0] = loc->month_names[date->month - 1];
    values[1] = loc->month_abbreviations[date->month - 1];
    values[2] = buf->month;
    values[3] = buf->month2;
    values[4] = buf->day;
    values[5] = buf->day2;
    values[6] = buf->year;
    values[7] = ylen >= 2 ? buf->year + ylen - 2 : buf->year;
}

char *rc_locale_format_date(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                            const rc_date *date)
{
    if (date->month < 1 || date->month > 12)
        return rc_arena_printf(a, "%d", date->year); /* RenderCV: a year alone is the year */
    const char *values[DATE_KEYS];
    date_digits buf;
    date_values(loc, date, &buf, values);
    return rc_locale_substitute(a, template_or(t, 0, RC_SINGLE_DATE_TEMPLATE), date_keys, values,
                                DATE_KEYS);
}

char *rc_locale_fill(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                     const rc_date *today, const char *tmpl, const char *const *names,
                     const char *const *values, size_t n)
{
    enum { MAX_EXTRA = 8 };
    const char *keys[DATE_KEYS + 1 + MAX_EXTRA], *vals[DATE_KEYS + 1 + MAX_EXTRA];
    size_t k = 0;
    date_digits buf;
    if (today->month >= 1 && today->month <= 12) {
        date_values(loc, today, &buf, vals);
        for (; k < DATE_KEYS; k++)
            keys[k] = date_keys[k];
    }
    keys[k] = "CURRENT_DATE";
    vals[k++] = rc_locale_format_date(a, loc, t, today);
    for (size_t i = 0; i < n && i < MAX_EXTRA; i++, k++) {
        keys[k] = names[i];
        vals[k] = values[i];
    }
    return rc_locale_substitute(a, tmpl, keys, vals, k);
}

char *rc_locale_format_when(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                            const rc_when *w)
{
    const char *s = NULL;
    switch (w->kind) {
    case RC_WHEN_NONE:
        break;
    case RC_WHEN_TEXT:
        /* RenderCV: a lone "present" is the locale's word; other text is as written. */
        s = w->text.s && !strcmp(w->text.s, "present") ? loc->present : w->text.s;
        break;
    case RC_WHEN_SINGLE:
        s = rc_locale_format_date(a, loc, t, &w->start);
        break;
    case RC_WHEN_RANGE: {
        static const char *const keys[] = {"START_DATE", "END_DATE"};
        const char *values[] = {rc_locale_format_date(a, loc, t, &w->start),
                                w->end_is_present ? loc->present
                                                  : rc_locale_format_date(a, loc, t, &w->end)};
        s = rc_locale_substitute(a, template_or(t, 1, RC_DATE_RANGE_TEMPLATE), keys, values, 2);
        break;
    }
    }
    return s && *s ? rc_arena_strdup(a, s) : NULL;
}

/* ---- time spans ------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

char *rc_locale_time_span(rc_arena *a, const rc_locale *loc, const rc_date_templates *t,
                          const rc_when *w, rc_date today)
{
    if (w->kind != RC_WHEN_RANGE)
        return NULL;
    rc_date start = w->start, end = w->end_is_present ? today : w->end;
    char nyears[24] = "", nmonths[24] = "";
    const char *years = "", *months = "";
    if (!start.month || (!w->end_is_present && !end.month)) {
        /* A year alone: the span is in whole years, at least one. */
        int span = end.year - start.year;
        snprintf(nyears, sizeof(nyears), "%d", span < 2 ? 1 : span);
        years = span < 2 ? loc->year : loc->years;
    } else {
        long days = days_from_civil(end.year, end.month ? end.month : 1, end.day ? end.day : 1) -
                    days_from_civil(start.year, start.month, start.day ? start.day : 1);
        /* RenderCV's arithmetic: Python's floor division, a month counted as begun. */
        long y = days >= 0 ? days / 365 : -((-days + 364) / 365);
        long rest = days - y * 365;
        long m = rest / 30 + 1;
        y += m / 12;
        m %= 12;
        if (y) {
            snprintf(nyears, sizeof(nyears), "%ld", y);
            years = y == 1 ? loc->year : loc->years;
        }
        if (m) {
            snprintf(nmonths, sizeof(nmonths), "%ld", m);
            months = m == 1 ? loc->month : loc->months;
        }
    }
    static const char *const keys[] = {"HOW_MANY_YEARS", "YEARS", "HOW_MANY_MONTHS", "MONTHS"};
    const char *values[] = {nyears, years, nmonths, months};
    return rc_locale_substitute(a, template_or(t, 2, RC_TIME_SPAN_TEMPLATE), keys, values, 4);
}

char *rc_locale_degree_with_area(rc_arena *a, const rc_locale *loc, const char *degree,
                                 const char *area)
{
    if (!degree || !*degree)
        return rc_arena_strdup(a, area ? area : "");
    static const char *const keys[] = {"DEGREE", "AREA"};
    const char *values[] = {degree, area ? area : ""};
    return rc_locale_substitute(a, loc->degree_with_area, keys, values, 2);
}

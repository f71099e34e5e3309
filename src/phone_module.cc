/*
 * phone_module: the shim between rescomp and Google's libphonenumber (C++),
 * built as its own shared module, rescomp-phone.so, which phone.c loads
 * with dlopen() only when a CV has a phone number (phone.c says why: the
 * library's start-up cost).
 *
 * It does what RenderCV 2.8 does with a phone (pydantic_extra_types'
 * PhoneNumber, then phonenumbers.format_number): parse the text with no
 * default region, so only a number with its country code (+41 ...) is
 * understood, require libphonenumber to call it valid, and format it.
 *
 * The interface is C and deliberately tiny, so that the module needs
 * nothing of rescomp's and rescomp nothing of C++; its one symbol carries
 * a version in its name, so a stale module from another build is refused.
 */
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstddef>
#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

extern "C" {

/*
 * Format `text` as kind 0 (national), 1 (international) or 2 (E.164).
 * Returns the length of the result, which is copied into out, NUL
 * included, when it fits in cap bytes (call again with a larger buffer
 * otherwise); -1 when the text is not a valid phone number; -2 when
 * libphonenumber failed (out of memory).
 */
__attribute__((visibility("default"))) int rescomp_phone_format_v1(const char *text, int kind,
                                                                   char *out, size_t cap);

int rescomp_phone_format_v1(const char *text, int kind, char *out, size_t cap)
{
    PhoneNumberUtil::PhoneNumberFormat format;
    switch (kind) {
    case 0:
        format = PhoneNumberUtil::NATIONAL;
        break;
    case 1:
        format = PhoneNumberUtil::INTERNATIONAL;
        break;
    case 2:
        format = PhoneNumberUtil::E164;
        break;
    default:
        return -2;
    }
    try {
        const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
        PhoneNumber number;
        /* "ZZ", the unknown region: what RenderCV's parse(text, None) means */
        if (util->Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR ||
            !util->IsValidNumber(number))
            return -1;
        std::string shown;
        util->Format(number, format, &shown);
        if (shown.size() > 4096)
            return -2;
        if (shown.size() < cap)
            std::memcpy(out, shown.c_str(), shown.size() + 1);
        return (int)shown.size();
    } catch (...) {
        return -2; /* no C++ exception crosses into C */
    }
}

} /* extern "C" */

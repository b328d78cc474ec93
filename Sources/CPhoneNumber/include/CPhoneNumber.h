#ifndef CPHONENUMBER_H
#define CPHONENUMBER_H

// A small C interface to Google's libphonenumber (Debian's libphonenumber-dev, C++), for
// hotline's phone contacts: parse what an operator typed with a default country, check the
// number against the numbering plan of the country it ends up in, give it in E.164.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What hotline_phone_parse found.
typedef enum {
    /// A valid number; e164 and region are filled in.
    HOTLINE_PHONE_VALID = 0,
    /// The calling code after + (or the default country) is no country's.
    HOTLINE_PHONE_INVALID_COUNTRY_CODE = 1,
    /// Not a phone number at all.
    HOTLINE_PHONE_NOT_A_NUMBER = 2,
    /// Too short after an international prefix (00, 810).
    HOTLINE_PHONE_TOO_SHORT_AFTER_IDD = 3,
    /// Too short for any number.
    HOTLINE_PHONE_TOO_SHORT_NSN = 4,
    /// Too long for any number.
    HOTLINE_PHONE_TOO_LONG_NSN = 5,
    /// Parsed, but too short for the country's numbering plan; e164 and region are filled in.
    HOTLINE_PHONE_TOO_SHORT = 6,
    /// Parsed, but too long for the country's numbering plan; e164 and region are filled in.
    HOTLINE_PHONE_TOO_LONG = 7,
    /// Parsed with a possible length, but no number of the country's plan begins this way;
    /// e164 and region (if known) are filled in.
    HOTLINE_PHONE_NOT_IN_PLAN = 8,
    /// Parsed, but no number of the country's plan has this length (shorter and longer ones
    /// exist); e164 and region are filled in.
    HOTLINE_PHONE_WRONG_LENGTH = 9,
} hotline_phone_result;

/// Parses `text` (UTF-8), completing a national number with `default_region` (ISO 3166-1
/// alpha-2). Writes the number in E.164 (`+79161234567`) to `e164` (at least 24 bytes), the
/// country it belongs to (2 letters, or "" if the calling code is shared and no region's plan
/// holds it) to `region` (at least 4 bytes), and its calling code to `calling_code`.
/// With `fast` set, `text` given as "+DIGITS" or "DIGITS" is first checked without the
/// library's parser (calling code split off, trunk prefix dropped, then IsValidNumber: about
/// 4 µs instead of 20); anything that is not valid that way goes through the parser, so the
/// answer is the parser's. Tests check the two agree.
hotline_phone_result hotline_phone_parse(
    const char *text, const char *default_region, char *e164, size_t e164_size, char *region,
    size_t region_size, int *calling_code, int fast);

/// Writes every region with a numbering plan in the library, as "AC,AD,…", to `regions`;
/// returns how many there are.
int hotline_phone_supported_regions(char *regions, size_t regions_size);

/// Writes an example mobile number of `region` in international format (`+7 912 345-67-89`)
/// to `example`; returns 0 if the library has none.
int hotline_phone_example(const char *region, char *example, size_t example_size);

#ifdef __cplusplus
}
#endif

#endif

// The C interface of CPhoneNumber.h over libphonenumber's PhoneNumberUtil.

#include "CPhoneNumber.h"

#include <cstring>
#include <set>
#include <string>

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// The library's singleton, with its logging (to stdout by default) turned off: hotline says
// what is wrong itself. Built once, on first use (the metadata for every country).
const PhoneNumberUtil &util() {
    static PhoneNumberUtil *instance = [] {
        PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
        u->SetLogger(new i18n::phonenumbers::NullLogger());
        return u;
    }();
    return *instance;
}

void copy(const std::string &from, char *to, size_t size) {
    if (size == 0) return;
    size_t n = from.size() < size - 1 ? from.size() : size - 1;
    std::memcpy(to, from.data(), n);
    to[n] = '\0';
}

// The calling codes whose plans number plainly, checked against the parser on random
// numbers by a test: Russia and Kazakhstan, Ukraine, Belarus, Moldova, the Caucasus, Central
// Asia, the Baltic states, Poland, Germany. Elsewhere the parser rewrites some national forms
// (Mexico's and Argentina's mobile prefixes, carrier codes), so those numbers always take it.
const std::set<int> &plainCodes() {
    static const std::set<int> codes = {7, 380, 375, 373, 995, 374, 994, 998, 996, 992, 993, 371, 370, 372, 48, 49};
    return codes;
}

// The number `text` ("+DIGITS", or national "DIGITS" in `region`) stands for if it is valid
// read the plain way: the calling code split off the front (calling codes are prefix-free),
// or the region's trunk prefix (8, 0) dropped from a national number. Parse does the same
// with regular expressions; a number not valid this way still gets the parser.
bool fastValid(const std::string &text, const std::string &region, PhoneNumber *number, std::string *owner) {
    const PhoneNumberUtil &u = util();
    std::string digits;
    int code = 0;
    if (!text.empty() && text[0] == '+') {
        std::string rest = text.substr(1);
        if (rest.empty() || rest[0] == '0') return false;
        for (size_t length = 1; length <= 3 && length < rest.size(); ++length) {
            int candidate = std::stoi(rest.substr(0, length));
            std::string owner;
            u.GetRegionCodeForCountryCode(candidate, &owner);
            if (owner != "ZZ") {
                code = candidate;
                digits = rest.substr(length);
                break;
            }
        }
    } else {
        code = u.GetCountryCodeForRegion(region);
        digits = text;
        std::string trunk;
        u.GetNddPrefixForRegion(region, true, &trunk);
        if (!trunk.empty() && digits.compare(0, trunk.size(), trunk) == 0) digits.erase(0, trunk.size());
    }
    if (plainCodes().count(code) == 0 || digits.empty() || digits.size() > 17) return false;
    // A national number that (still) begins with the trunk prefix is the parser's to read:
    // it strips the prefix after a calling code too (+375 8 …) when what is left may be a number.
    std::string main, trunk;
    u.GetRegionCodeForCountryCode(code, &main);
    u.GetNddPrefixForRegion(main, true, &trunk);
    if (!trunk.empty() && digits.compare(0, trunk.size(), trunk) == 0) return false;
    for (char c : digits)
        if (c < '0' || c > '9') return false;
    number->set_country_code(code);
    if (digits[0] == '0') {
        // Italy's numbers keep their leading zeros, which a uint64 drops.
        size_t zeros = 0;
        while (zeros + 1 < digits.size() && digits[zeros] == '0') ++zeros;
        number->set_italian_leading_zero(true);
        if (zeros > 1) number->set_number_of_leading_zeros(static_cast<int>(zeros));
    }
    number->set_national_number(std::stoull(digits));
    // IsValidNumber would look the region up again (regular expressions, for a shared +7).
    u.GetRegionCodeForNumber(*number, owner);
    return *owner != "ZZ" && u.IsValidNumberForRegion(*number, *owner);
}

}  // namespace

extern "C" hotline_phone_result hotline_phone_parse(
    const char *text, const char *default_region, char *e164, size_t e164_size, char *region,
    size_t region_size, int *calling_code, int fast) {
    copy("", e164, e164_size);
    copy("", region, region_size);
    *calling_code = 0;
    const PhoneNumberUtil &u = util();
    PhoneNumber number;
    std::string owner;
    if (fast && fastValid(text, default_region, &number, &owner)) {
        std::string formatted;
        u.Format(number, PhoneNumberUtil::E164, &formatted);
        copy(formatted, e164, e164_size);
        *calling_code = number.country_code();
        copy(owner, region, region_size);
        return HOTLINE_PHONE_VALID;
    }
    number.Clear();
    switch (u.Parse(text, default_region, &number)) {
        case PhoneNumberUtil::NO_PARSING_ERROR: break;
        case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return HOTLINE_PHONE_INVALID_COUNTRY_CODE;
        case PhoneNumberUtil::NOT_A_NUMBER: return HOTLINE_PHONE_NOT_A_NUMBER;
        case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return HOTLINE_PHONE_TOO_SHORT_AFTER_IDD;
        case PhoneNumberUtil::TOO_SHORT_NSN: return HOTLINE_PHONE_TOO_SHORT_NSN;
        case PhoneNumberUtil::TOO_LONG_NSN: return HOTLINE_PHONE_TOO_LONG_NSN;
    }
    std::string formatted;
    u.Format(number, PhoneNumberUtil::E164, &formatted);
    copy(formatted, e164, e164_size);
    *calling_code = number.country_code();
    std::string found;
    u.GetRegionCodeForNumber(number, &found);
    if (found != "ZZ") copy(found, region, region_size);
    if (u.IsValidNumber(number)) return HOTLINE_PHONE_VALID;
    switch (u.IsPossibleNumberWithReason(number)) {
        case PhoneNumberUtil::INVALID_COUNTRY_CODE: return HOTLINE_PHONE_INVALID_COUNTRY_CODE;
        case PhoneNumberUtil::TOO_SHORT: return HOTLINE_PHONE_TOO_SHORT;
        case PhoneNumberUtil::TOO_LONG: return HOTLINE_PHONE_TOO_LONG;
        case PhoneNumberUtil::INVALID_LENGTH: return HOTLINE_PHONE_WRONG_LENGTH;
        default: return HOTLINE_PHONE_NOT_IN_PLAN;
    }
}

extern "C" int hotline_phone_supported_regions(char *regions, size_t regions_size) {
    std::set<std::string> all;
    util().GetSupportedRegions(&all);
    std::string listed;
    for (const std::string &region : all) listed += (listed.empty() ? "" : ",") + region;
    copy(listed, regions, regions_size);
    return static_cast<int>(all.size());
}

extern "C" int hotline_phone_example(const char *region, char *example, size_t example_size) {
    const PhoneNumberUtil &u = util();
    PhoneNumber number;
    if (!u.GetExampleNumberForType(region, PhoneNumberUtil::MOBILE, &number)) return 0;
    std::string formatted;
    u.Format(number, PhoneNumberUtil::INTERNATIONAL, &formatted);
    copy(formatted, example, example_size);
    return 1;
}

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

}  // namespace

extern "C" hotline_phone_result hotline_phone_parse(
    const char *text, const char *default_region, char *e164, size_t e164_size, char *region,
    size_t region_size, int *calling_code) {
    copy("", e164, e164_size);
    copy("", region, region_size);
    *calling_code = 0;
    const PhoneNumberUtil &u = util();
    PhoneNumber number;
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

#!/usr/bin/env python3
"""Regenerate Config/regions.json from Debian's iso-codes package.

The region list is data, not code: it comes from ISO 3166-2 as packaged by Debian
(`apt-get install iso-codes`; `dpkg -L iso-codes` lists the files read here), with the
Russian and Ukrainian names taken from the package's gettext translations, and the names
people say that ISO does not list (Moscow, Kiev, Zaporizhzhia, Yekaterinburg, Нижний Новгород)
merged from the committed region-aliases.json beside this script.

Usage: python3 Config/generate-regions.py [COUNTRY ...]   (default: RU UA)
"""
import gettext
import json
import os
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-2.json"
LOCALE_DIR = "/usr/share/locale"
LANGUAGES = ["ru", "uk"]
ALIASES_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "region-aliases.json")
# Known errors in iso-codes 4.15.0's translations, kept here (and only here) until fixed
# upstream: each entry is checked against the value it replaces, so a fixed upstream
# translation makes the generator say so instead of silently overriding it.
CORRECTIONS = {
    # The Ukrainian catalogue gives Krasnodar's name to Krasnoyarsk and Altai's to Sakha.
    ("RU-KYA", "uk"): ("Краснодарський край", "Красноярський край"),
    ("RU-SA", "uk"): ("Республіка Алтай", "Республіка Саха (Якутія)"),
    # The Russian catalogue has no entry for Mykolaiv oblast.
    ("UA-48", "ru"): (None, "Николаевская область"),
}


def main() -> None:
    countries = sys.argv[1:] or ["RU", "UA"]
    with open(ISO_JSON, encoding="utf-8") as f:
        subdivisions = json.load(f)["3166-2"]
    translations = {
        lang: gettext.translation("iso_3166-2", LOCALE_DIR, languages=[lang])
        for lang in LANGUAGES
    }
    regions = []
    for entry in subdivisions:
        if entry["code"].split("-")[0] not in countries:
            continue
        english = entry["name"]
        region = {"code": entry["code"], "type": entry["type"], "en": english}
        for lang, catalogue in translations.items():
            translated = catalogue.gettext(english)
            # An untranslated name comes back unchanged; record it as missing rather than
            # pretending the Latin spelling is the Russian or Ukrainian one.
            region[lang] = translated if translated != english else None
        for lang in LANGUAGES:
            correction = CORRECTIONS.get((entry["code"], lang))
            if correction:
                wrong, right = correction
                if region[lang] != wrong:
                    sys.exit(f"{entry['code']} {lang}: iso-codes now says {region[lang]!r}; review CORRECTIONS")
                region[lang] = right
        regions.append(region)
    regions.sort(key=lambda r: r["code"])
    merge_aliases(regions)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regions.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(
            {"source": "Debian iso-codes: iso_3166-2.json and iso_3166-2.mo (ru, uk)",
             "countries": countries, "regions": regions},
            f, ensure_ascii=False, indent=1)
        f.write("\n")
    missing = [r["code"] for r in regions if not (r["ru"] and r["uk"])]
    print(f"wrote {len(regions)} regions to {out}; missing a translation: {missing or 'none'}")


def merge_aliases(regions) -> None:
    """Adds each region's aliases; an alias for an unknown code, or one given to two regions
    or equal to another region's own name, stops the generator rather than guess."""
    with open(ALIASES_JSON, encoding="utf-8") as f:
        aliases = json.load(f)["aliases"]
    by_code = {r["code"]: r for r in regions}
    owner = {}
    for region in regions:
        for name in (region["en"], region["ru"], region["uk"]):
            if name:
                owner.setdefault(name.casefold(), region["code"])
    for code, names in aliases.items():
        if code not in by_code:
            continue  # a region of a country not generated this time
        for name in names:
            other = owner.get(name.casefold())
            if other and other != code:
                sys.exit(f"alias {name!r} of {code} already names {other}; review region-aliases.json")
            owner[name.casefold()] = code
        by_code[code]["aliases"] = names


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerate Config/regions.json from Debian's iso-codes package.

The region list is data, not code: it comes from ISO 3166-2 as packaged by Debian
(`apt-get install iso-codes`; `dpkg -L iso-codes` lists the files read here), with the
Russian and Ukrainian names taken from the package's gettext translations.

Usage: python3 Config/generate-regions.py [COUNTRY ...]   (default: RU UA)
"""
import gettext
import json
import os
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-2.json"
LOCALE_DIR = "/usr/share/locale"
LANGUAGES = ["ru", "uk"]
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
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regions.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(
            {"source": "Debian iso-codes: iso_3166-2.json and iso_3166-2.mo (ru, uk)",
             "countries": countries, "regions": regions},
            f, ensure_ascii=False, indent=1)
        f.write("\n")
    missing = [r["code"] for r in regions if not (r["ru"] and r["uk"])]
    print(f"wrote {len(regions)} regions to {out}; missing a translation: {missing or 'none'}")


if __name__ == "__main__":
    main()

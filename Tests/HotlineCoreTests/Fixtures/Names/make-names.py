#!/usr/bin/env python3
"""Makes the labelled name set of NameRecallTests (issue 14): cases.tsv, queries.tsv,
negatives.tsv beside this script. Run it again only to change the set; its output is
committed, the packages are not:

    python3 -m venv /tmp/v && /tmp/v/bin/pip install iuliia==0.13.0 translitua==2.0 \
        cyrtranslit==1.2.0 faker==40.63.0 && /tmp/v/bin/python make-names.py

Sources and licences
- Romanisations: iuliia 0.13.0 (MIT; 26 Russian schemes), translitua 2.0 (MIT; 19 Ukrainian
  schemes), cyrtranslit 1.2.0 (MIT; Russian and Ukrainian).
- Name lists: Faker 40.63.0's ru_RU and uk_UA person providers (MIT): surnames, given names,
  patronymics, used for the long tail.
- Frequencies: the commonest Russian surnames in rank order from A. F. Zhuravlyov's frequency
  list (St Petersburg directories, as reprinted in Wikipedia's "Русская фамилия", CC BY-SA),
  the commonest Ukrainian surnames from the 2020 Opendatabot count of the register of
  taxpayers (public data), given names in rank order of Rosstat/Mosgorstat births 1975-2000
  (public statistics). Only ranks are taken; the counts are modelled as Zipf's law with the
  exponent chosen so that the ten commonest Russian surnames cover about 3.3% of men (one in
  thirty, as Zhuravlyov's shares give).
- Keyboard layouts: ЙЦУКЕН (Russian, Windows) and the Ukrainian layout, against US QWERTY.
"""
import random, unicodedata, itertools, re, os
import iuliia, translitua, cyrtranslit
from faker.providers.person.ru_RU import Provider as RU
from faker.providers.person.uk_UA import Provider as UA

rng = random.Random(14)
HERE = os.path.dirname(os.path.abspath(__file__))

RU_TOP = """Смирнов Иванов Кузнецов Соколов Попов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв
Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров Михайлов Беляев Тарасов
Белов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гусев Титов Кузьмин Кудрявцев Баранов Куликов
Алексеев Степанов Яковлев Сорокин Сергеев Романов Захаров Борисов Королёв Герасимов Пономарёв Григорьев
Лазарев Медведев Ершов Никитин Соболев Рябов Поляков Цветков Данилов Жуков Фролов Журавлёв Николаев
Крылов Максимов Сидоров Осипов Белоусов Федотов Дорофеев Егоров Матвеев Бобров Дмитриев Калинин
Анисимов Петухов Антонов Тимофеев Никифоров Веселов Филиппов Марков Большаков Суханов Миронов Ширяев
Александров Коновалов Шестаков Казаков Ефимов Денисов Громов Фомин Давыдов Мельников Щербаков Блинов
Колесников Носов Быков""".split()
UA_TOP = """Мельник Шевченко Бойко Коваленко Бондаренко Ткаченко Ковальчук Кравченко Олійник Шевчук Коваль
Поліщук Бондар Ткачук Мороз Марченко Лисенко Руденко Савченко Петренко Клименко Павленко Савчук
Кравчук Гончаренко Левченко Харченко Карпенко Мельничук Ярошенко Кузьменко Романенко Литвиненко""".split()
# Real surnames one letter from a common one: the near-namesakes of issue 14, item 8.
NEAR_ONE_LETTER = [("Носов", "Носков"), ("Жуков", "Жучков"), ("Быков", "Бобков"), ("Белов", "Белков"),
    ("Титов", "Титков"), ("Фомин", "Фокин"), ("Гусев", "Гуськов"),
    ("Марков", "Маркин"), ("Сидоров", "Сидорин"), ("Крылов", "Крюков"),
    ("Баранов", "Буранов"), ("Козлов", "Козлюк"), ("Орлов", "Орликов"), ("Волков", "Волнов"), ("Попов", "Попков"), ("Данилов", "Данилин"),
    ("Рябов", "Рябков"), ("Быков", "Бычков"),
    ("Жуков", "Жаков"), ("Блинов", "Блинков"), ("Белов", "Белых")]

MALE = """Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Николай Владимир Денис
Павел Роман Антон Игорь Виктор Олег Юрий Никита Кирилл Илья Константин Вадим Владислав Виталий Егор
Анатолий Василий Валерий Руслан Пётр Григорий Станислав Тимур Фёдор Георгий Леонид Даниил Богдан
Ярослав Вячеслав Борис Геннадий Аркадий Семён Матвей Тимофей Степан Глеб Филипп Захар Данила""".split()
FEMALE = """Елена Ольга Наталья Ирина Татьяна Светлана Анна Мария Юлия Екатерина Людмила Галина Марина
Надежда Валентина Евгения Александра Виктория Ксения Дарья Алина Оксана Любовь Вера Полина""".split()
# Russian given name -> Ukrainian form (standard correspondences).
UKR = {"Александр": "Олександр", "Сергей": "Сергій", "Дмитрий": "Дмитро", "Андрей": "Андрій",
    "Алексей": "Олексій", "Максим": "Максим", "Евгений": "Євген", "Иван": "Іван", "Михаил": "Михайло",
    "Артём": "Артем", "Николай": "Микола", "Владимир": "Володимир", "Денис": "Денис", "Павел": "Павло",
    "Роман": "Роман", "Антон": "Антон", "Игорь": "Ігор", "Виктор": "Віктор", "Олег": "Олег",
    "Юрий": "Юрій", "Никита": "Микита", "Кирилл": "Кирило", "Илья": "Ілля", "Константин": "Костянтин",
    "Вадим": "Вадим", "Владислав": "Владислав", "Виталий": "Віталій", "Егор": "Єгор",
    "Анатолий": "Анатолій", "Василий": "Василь", "Валерий": "Валерій", "Руслан": "Руслан",
    "Пётр": "Петро", "Григорий": "Григорій", "Станислав": "Станіслав", "Тимур": "Тимур",
    "Фёдор": "Федір", "Георгий": "Георгій", "Леонид": "Леонід", "Даниил": "Данило", "Богдан": "Богдан",
    "Ярослав": "Ярослав", "Вячеслав": "Вячеслав", "Борис": "Борис", "Геннадий": "Геннадій",
    "Аркадий": "Аркадій", "Семён": "Семен", "Матвей": "Матвій", "Тимофей": "Тимофій", "Степан": "Степан",
    "Глеб": "Гліб", "Филипп": "Пилип", "Захар": "Захар", "Данила": "Данило",
    "Елена": "Олена", "Ольга": "Ольга", "Наталья": "Наталія", "Ирина": "Ірина", "Татьяна": "Тетяна",
    "Светлана": "Світлана", "Анна": "Ганна", "Мария": "Марія", "Юлия": "Юлія", "Екатерина": "Катерина",
    "Людмила": "Людмила", "Галина": "Галина", "Марина": "Марина", "Надежда": "Надія",
    "Валентина": "Валентина", "Евгения": "Євгенія", "Александра": "Олександра", "Виктория": "Вікторія",
    "Ксения": "Ксенія", "Дарья": "Дарина", "Алина": "Аліна", "Оксана": "Оксана", "Любовь": "Любов",
    "Вера": "Віра", "Полина": "Поліна"}
# Familiar forms a family uses (Russian, then Ukrainian ones where they differ).
DIM = {"Александр": "Саша Шура Саня Сашко", "Сергей": "Серёжа Серёга", "Дмитрий": "Дима Митя",
    "Андрей": "Андрюша", "Алексей": "Лёша Алёша Лёха", "Максим": "Макс", "Евгений": "Женя",
    "Иван": "Ваня Івась", "Михаил": "Миша", "Артём": "Тёма", "Николай": "Коля Миколка",
    "Владимир": "Вова Володя", "Денис": "Дэн", "Павел": "Паша", "Роман": "Рома", "Антон": "Тоша",
    "Игорь": "Гоша", "Виктор": "Витя", "Юрий": "Юра", "Никита": "Никитка", "Кирилл": "Кирюша",
    "Илья": "Илюша", "Константин": "Костя", "Владислав": "Влад Владик", "Виталий": "Виталик",
    "Егор": "Егорка", "Анатолий": "Толя", "Василий": "Вася", "Валерий": "Валера", "Пётр": "Петя Петрусь",
    "Григорий": "Гриша", "Станислав": "Стас", "Фёдор": "Федя", "Георгий": "Жора Гоша",
    "Леонид": "Лёня", "Даниил": "Даня", "Ярослав": "Ярик Слава", "Вячеслав": "Слава",
    "Борис": "Боря", "Геннадий": "Гена", "Семён": "Сёма", "Матвей": "Мотя", "Тимофей": "Тима",
    "Степан": "Стёпа", "Глеб": "Глебушка", "Захар": "Захарка",
    "Елена": "Лена", "Ольга": "Оля", "Наталья": "Наташа", "Ирина": "Ира", "Татьяна": "Таня",
    "Светлана": "Света", "Анна": "Аня", "Мария": "Маша", "Юлия": "Юля", "Екатерина": "Катя",
    "Людмила": "Люда", "Галина": "Галя", "Марина": "Мариша", "Надежда": "Надя", "Валентина": "Валя",
    "Евгения": "Женя", "Александра": "Саша", "Виктория": "Вика", "Ксения": "Ксюша", "Дарья": "Даша",
    "Оксана": "Оксанка", "Любовь": "Люба", "Вера": "Верочка", "Полина": "Поля"}
def patronymic(father, female):
    stem = {"Пётр": "Петр", "Фёдор": "Федор", "Семён": "Семен", "Артём": "Артем", "Павел": "Павл",
            "Лев": "Льв"}.get(father, father)
    if stem in ("Георгий", "Дмитрий"): base = stem[:-1] + ("евна" if female else "евич")
    elif stem.endswith("ий"): base = stem[:-2] + ("ьевна" if female else "ьевич")
    elif stem.endswith("ей") or stem.endswith("ай"): base = stem[:-1] + ("евна" if female else "евич")
    elif stem.endswith("а") or stem.endswith("я"): base = stem[:-1] + ("ична" if female else "ич")
    else: base = stem + ("овна" if female else "ович")
    return base
FATHERS = [n for n in MALE if n not in ("Никита", "Илья", "Данила")]

def zipf(items, s):
    weights = [1 / (rank + 1) ** s for rank in range(len(items))]
    return items, weights
tail = [n for n in RU.last_names_male if n not in RU_TOP]
ru_surnames, ru_weights = zipf(RU_TOP + tail, 0.9)
ua_tail = [n for n in UA.last_names if n not in UA_TOP and not n.endswith(("ова", "ева", "іна", "ська", "цька"))]
ua_surnames, ua_weights = zipf(UA_TOP + ua_tail, 0.8)
male_given, male_w = zipf(MALE, 1.0)
female_given, female_w = zipf(FEMALE, 1.0)

def feminine(surname):
    for m, f in (("ский", "ская"), ("цкий", "цкая"), ("ськый", "ська"), ("ов", "ова"), ("ёв", "ёва"),
                 ("ев", "ева"), ("ин", "ина"), ("ын", "ына"), ("ий", "а")):
        if surname.endswith(m): return surname[: -len(m)] + f
    return surname
def masculine(surname):
    for m, f in (("ский", "ская"), ("цкий", "цкая"), ("ов", "ова"), ("ёв", "ёва"), ("ев", "ева"),
                 ("ин", "ина"), ("ын", "ына")):
        if surname.endswith(f): return surname[: -len(f)] + m
    return surname

def make_person(ukrainian):
    female = rng.random() < 0.12
    if ukrainian:
        surname = rng.choices(ua_surnames, ua_weights)[0]
    else:
        surname = rng.choices(ru_surnames, ru_weights)[0]
    given = rng.choices(female_given, female_w)[0] if female else rng.choices(male_given, male_w)[0]
    father = rng.choice(FATHERS)
    if female: surname = feminine(surname)
    if ukrainian:
        given = UKR.get(given, given)
        pat = ukr_patronymic(UKR.get(father, father), female)
    else:
        pat = patronymic(father, female)
    return dict(surname=surname, given=given, pat=pat if rng.random() < 0.75 else "", female=female,
                ukrainian=ukrainian, ru_given=given if not ukrainian else RU_OF.get(given, given),
                father=father)
RU_OF = {v: k for k, v in UKR.items()}
def ukr_patronymic(father, female):
    stem = {"Ігор": "Ігор", "Петро": "Петр", "Павло": "Павл", "Михайло": "Михайл", "Дмитро": "Дмитр",
            "Данило": "Данил", "Кирило": "Кирил", "Микола": "Микол", "Федір": "Федор", "Василь": "Васил"}.get(father, father)
    if stem.endswith("ій"): return stem[:-2] + ("іївна" if female else "ійович")
    if stem.endswith("й"): return stem[:-1] + ("ївна" if female else "йович")
    if stem == "Васил": return "Васил" + ("івна" if female else "ьович")
    if stem == "Микол": return "Миколаївна" if female else "Миколайович"
    return stem + ("івна" if female else "ович")

def born():
    return f"{rng.randint(1970, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
REGIONS = ["RU-KRS", "RU-MOW", "UA-30", "RU-BEL", "UA-46"]

def full(p, order=("surname", "given", "pat")):
    return " ".join(p[k] for k in order if p[k])

# Cases: 400 target persons among 3,000 cases.
cases = []
for index in range(3000):
    p = make_person(rng.random() < 0.3)
    p["born"] = born() if index < 400 or rng.random() < 0.6 else ""
    p["region"] = rng.choice(REGIONS)
    mother = rng.choices(female_given, female_w)[0]
    p["inquirer"] = feminine(masculine(p["surname"])) + " " + (UKR.get(mother, mother) if p["ukrainian"] else mother)
    p["name"] = full(p)
    cases.append(p)
targets = list(range(400))

# Romanisation schemes.
RU_SCHEMES = [iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.MVD_782, iuliia.MVD_310,
    iuliia.GOST_52535, iuliia.GOST_7034, iuliia.SCIENTIFIC, iuliia.TELEGRAM, iuliia.YANDEX_MAPS,
    iuliia.YANDEX_MONEY, iuliia.MOSMETRO, iuliia.BS_2979, iuliia.UNGEGN_1987, iuliia.GOST_16876]
RU_RARE = [iuliia.ALA_LC, iuliia.ALA_LC_ALT, iuliia.ISO_9_1954, iuliia.ISO_9_1968, iuliia.GOST_779,
    iuliia.MVD_310_FR]
UA_SCHEMES = [translitua.UkrainianKMU, translitua.UkrainianNational1996, translitua.UkrainianBGN,
    translitua.UkrainianPassport2007, translitua.UkrainianPassport2004Alt, translitua.UkrainianSimple,
    translitua.UkrainianBritish, translitua.UkrainianUNGEGN]
UA_RARE = [translitua.UkrainianISO9, translitua.UkrainianALALC, translitua.UkrainianFrench,
    translitua.UkrainianGerman, translitua.UkrainianWWS, translitua.UkrainianGOST1971,
    translitua.UkrainianDSTU9112A]

def romanise(text, ukrainian, rare=False):
    if ukrainian:
        if not rare and rng.random() < 0.2: return cyrtranslit.to_latin(text, "ua")
        return translitua.translit(text, rng.choice(UA_RARE if rare else UA_SCHEMES))
    if not rare and rng.random() < 0.15: return cyrtranslit.to_latin(text, "ru")
    return rng.choice(RU_RARE if rare else RU_SCHEMES).translate(text)

def french_or_german_ending(latin):
    """The spellings of -ов/-ин seen in Western papers: -off, -ow, -ine, -ff, c for k."""
    words = latin.split()
    w = words[0]
    choice = rng.randrange(4)
    if choice == 0 and w.endswith("ov"): w = w[:-2] + "off"
    elif choice == 1 and w.endswith("ov"): w = w[:-2] + "ow"
    elif choice == 2 and w.endswith("in"): w = w + "e"
    elif choice == 3 and "k" in w[1:]: w = w[0] + w[1:].replace("k", "c", 1)
    else: w = w[:-2] + "ff" if w.endswith("ev") or w.endswith("ov") else w
    words[0] = w
    return " ".join(words)

def typo(text):
    letters = list(text)
    positions = [i for i, c in enumerate(letters) if c.isalpha() and i > 0 and letters[i - 1].isalpha()]
    i = rng.choice(positions)
    op = rng.randrange(3)
    if op == 0: del letters[i]
    elif op == 1: letters.insert(i, letters[i])
    else: letters[i], letters[i - 1] = letters[i - 1], letters[i]
    return "".join(letters)

RU_KEYS = "йцукенгшщзхъфывапролджэячсмитьбю"
US_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,."
UA_KEYS = "йцукенгшщзхїфівапролджєячсмитьбю"
def to_layout(text, cyrillic_to_latin, ukrainian):
    keys = UA_KEYS if ukrainian else RU_KEYS
    if ukrainian: text = text.replace("ґ", "г").replace("Ґ", "Г")
    table = {}
    for c, l in zip(keys, US_KEYS):
        if cyrillic_to_latin: table[c] = l; table[c.upper()] = l.upper()
        else: table[l] = c; table[l.upper()] = c.upper()
    if cyrillic_to_latin: table["ё"] = "`"; table["Ё"] = "~"
    return "".join(table.get(c, c) for c in text)

def initial(word, latin_of=None):
    return word[0] + "."

def decomposed(text):
    return unicodedata.normalize("NFD", text)

def ua_surname(s):
    """A Russian surname as a Ukrainian clerk writes it: ё→ьо, и→и/і, ы→и, э→е, е→е."""
    out = s.replace("ё", "ьо").replace("ы", "и").replace("э", "е")
    out = re.sub(r"(?<=[^аеиоуюяє])и", "і", out) if rng.random() < 0.5 else out
    return out.replace("ьо", "ьо")
def ru_surname(s):
    return s.replace("і", "и").replace("ї", "и").replace("є", "е").replace("ьо", "ё").replace("'", "")

queries = []
def add(kind, text, case, born_for_intake=None, search_born=None):
    # Whether the query gives a patronymic: a word of it ending as patronymics do, or an
    # initials query of two initials.
    words = text.lower().replace(".", ". ").split()
    has_pat = any(w.rstrip(".").endswith(e) for w in words for e in ("vich", "vna", "ich", "chna", "ična", "вич", "вна", "ич", "чна", "іч", "vič", "vych", "ych"))
    has_pat = has_pat or (kind == "initials" and len([w for w in words if len(w.rstrip(".")) <= 2]) >= 2)
    queries.append(dict(kind=kind, text=text, case=case, born=born_for_intake or "", search_born=search_born or "",
                        has_pat=has_pat))

for t in targets:
    p = cases[t]
    b = p["born"] if rng.random() < 0.4 else None
    add("exact", p["name"], t, b)
    add("order", full(p, rng.choice([("given", "pat", "surname"), ("given", "surname"), ("surname", "given")])), t, b)
    add("typo", typo(p["name"]), t, b)
    add("typo", typo(romanise(p["name"], p["ukrainian"])), t, b)
    add("romanised", romanise(p["name"], p["ukrainian"]), t, b)
    add("romanised", romanise(full(p, ("given", "surname")), p["ukrainian"]), t, b)
    rare = romanise(p["name"], p["ukrainian"], rare=True)
    add("rare", rare if rng.random() < 0.6 else french_or_german_ending(romanise(p["name"], p["ukrainian"])), t, b)
    # Initials: always with the birth date for the intake check (and for search's --born filter).
    gi, pi = p["given"][0], (p["pat"][0] if p["pat"] else "")
    forms = [f"{p['surname']} {gi}.{pi + '.' if pi else ''}", f"{p['surname']} {gi}. {pi + '.' if pi else ''}".strip(),
             f"{gi}.{pi + '.' if pi else ''} {p['surname']}"]
    form = rng.choice(forms)
    if rng.random() < 0.35: form = romanise(form, p["ukrainian"])
    add("initials", form, t, p["born"], p["born"])
    # Familiar forms.
    base = p["ru_given"]
    if base in DIM:
        dim = rng.choice(DIM[base].split())
        text = f"{p['surname']} {dim}" if rng.random() < 0.6 else f"{dim} {p['surname']}"
        if rng.random() < 0.3: text = romanise(text, p["ukrainian"])
        add("diminutive", text, t, b)
    # Decomposed input: NFD of Cyrillic (й, ё, ї) or of a diacritic romanisation.
    if rng.random() < 0.5 and any(c in p["name"] for c in "йёЙЁїЇ"):
        add("unicode", decomposed(p["name"]), t, b)
    else:
        scheme = translitua.UkrainianISO9 if p["ukrainian"] else iuliia.ISO_9_1968
        text = translitua.translit(p["name"], scheme) if p["ukrainian"] else scheme.translate(p["name"])
        text = decomposed(text)
        if rng.random() < 0.3: text = decomposed(iuliia.ALA_LC.translate(p["name"]))
        add("unicode", text, t, b)
    # The other language's forms.
    if p["ukrainian"]:
        other = f"{ru_surname(p['surname'])} {RU_OF.get(p['given'], p['given'])}"
    else:
        other = f"{ua_surname(p['surname'])} {UKR.get(p['given'], p['given'])}"
    if p["pat"] and rng.random() < 0.5:
        other += " " + (patronymic(p["father"], p["female"]) if p["ukrainian"] else ukr_patronymic(UKR.get(p["father"], p["father"]), p["female"]))
    if rng.random() < 0.3: other = romanise(other, not p["ukrainian"])
    add("crosslang", other, t, b)
    # The other gender's surname form with the person's own given name.
    flipped = masculine(p["surname"]) if p["female"] else feminine(p["surname"])
    if flipped != p["surname"]:
        add("gender", f"{flipped} {p['given']} {p['pat']}".strip(), t, b)
    # The wrong keyboard layout, both ways.
    if rng.random() < 0.6:
        add("layout", to_layout(full(p, ("surname", "given")), True, p["ukrainian"]), t, b)
    else:
        latin = iuliia.WIKIPEDIA.translate(full(p, ("surname", "given"))) if not p["ukrainian"] else translitua.translit(full(p, ("surname", "given")), translitua.UkrainianKMU)
        add("layout", to_layout(latin.lower(), False, False), t, b)

# Acceptable answers: the target and the namesakes the query cannot tell from it: the same
# surname and given name, a patronymic that agrees where both have one (a query without the
# patronymic fits every patronymic), birth dates not disagreeing.
def key(p): return (masculine(p["surname"]).replace("ё", "е"), p["ru_given"].replace("ё", "е"))
by_key = {}
for i, p in enumerate(cases): by_key.setdefault(key(p), []).append(i)
def accept(q):
    p = cases[q["case"]]
    out = []
    for i in by_key[key(p)]:
        other = cases[i]
        if q["born"] and other["born"] and other["born"] != q["born"]: continue
        if q["has_pat"] and other["pat"] and p["pat"] and other["pat"] != p["pat"]: continue
        out.append(i)
    return out

# Negatives: other people, near-namesakes of a case; the intake check must not propose that case.
negatives = []
def neg(kind, text, case, b=""):
    negatives.append(dict(kind=kind, text=text, case=case, born=b))
males = [t for t in range(3000) if not cases[t]["female"] and not cases[t]["ukrainian"] and cases[t]["pat"]]
pairs = {a: b for a, b in NEAR_ONE_LETTER}
rng.shuffle(males)
for t in males:
    p = cases[t]
    # A real surname one letter away, same given name and patronymic, no birth date.
    candidates = [b for a, b in NEAR_ONE_LETTER if a == p["surname"]] + [a for a, b in NEAR_ONE_LETTER if b == p["surname"]]
    if candidates and sum(1 for n in negatives if n["kind"] == "one-letter") < 180:
        neg("one-letter", f"{rng.choice(candidates)} {p['given']} {p['pat']}", t)
for t in males[:600]:
    p = cases[t]
    kind = rng.choice(["patronymic", "born", "given", "sister"])
    if kind == "patronymic":
        other = patronymic(rng.choice([f for f in FATHERS if patronymic(f, False) != p["pat"]]), False)
        neg(kind, f"{p['surname']} {p['given']} {other}", t)
    elif kind == "born" and p["born"]:
        y = int(p["born"][:4]) + rng.choice([-3, -2, 2, 3])
        neg(kind, p["name"], t, f"{y}{p['born'][4:]}")
    elif kind == "given":
        other = rng.choice([g for g in MALE if g != p["given"] and DIM.get(g) != DIM.get(p["given"])])
        neg(kind, f"{p['surname']} {other} {p['pat']}", t)
    elif kind == "sister":
        neg(kind, f"{feminine(p['surname'])} {rng.choice(FEMALE)} {p['pat'][:-2] + 'на' if p['pat'].endswith('ич') else p['pat']}", t)
# Drop negatives that happen to be the same as a case's own name (not a near-namesake then).
names = {c["name"] for c in cases}
negatives = [n for n in negatives if n["text"] not in names or n["kind"] == "born"]

def clean(s): return s.replace("\t", " ").replace("\n", " ")
with open(os.path.join(HERE, "cases.tsv"), "w") as f:
    for i, p in enumerate(cases):
        f.write("\t".join([str(i), clean(p["name"]), p["born"], p["region"], clean(p["inquirer"])]) + "\n")
with open(os.path.join(HERE, "queries.tsv"), "w") as f:
    for q in queries:
        f.write("\t".join([q["kind"], clean(q["text"]), q["born"], q["search_born"], ",".join(map(str, accept(q)))]) + "\n")
with open(os.path.join(HERE, "negatives.tsv"), "w") as f:
    for n in negatives:
        f.write("\t".join([n["kind"], clean(n["text"]), n["born"], str(n["case"])]) + "\n")
from collections import Counter
print(len(cases), "cases,", len(queries), "queries,", len(negatives), "negatives")
print(Counter(q["kind"] for q in queries)); print(Counter(n["kind"] for n in negatives))

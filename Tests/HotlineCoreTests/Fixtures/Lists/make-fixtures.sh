#!/usr/bin/env bash
# Remakes the list fixtures of TableReaderTests with the programs that make such files in the
# field, so the tests read real output, not our idea of it. The files are committed: CI never
# runs this. Needs LibreOffice (apt-get install -y libreoffice-calc-nogui), python3 with
# openpyxl (pip install openpyxl), iconv and file.
#
# One list (the "captured" list, Russian headers) in every shape:
#   captured-utf8-bom-comma.csv    UTF-8 with BOM, comma, CR LF (Excel's "CSV UTF-8"), by hand
#   captured-libreoffice.xlsx      LibreOffice Calc from that CSV, read in a Russian locale:
#                                  dates become date cells, ids and a service number numbers
#   captured-1251-semicolon.csv    LibreOffice's CSV export in windows-1251 with semicolons
#                                  (what a Russian or Ukrainian Excel/Calc "CSV" gives)
#   captured-utf16le-tab.txt       LibreOffice's export as UTF-16 LE with BOM, tab-separated
#                                  (Excel's "Unicode text")
#   captured-openpyxl.xlsx         openpyxl: inline strings, date cells (yyyy-mm-dd), 1900 system
#   captured-openpyxl-1904.xlsx    openpyxl with the 1904 date system (old Mac Excel's)
# And a second list with Ukrainian headers and the name in three columns:
#   wounded-uk-semicolon.csv       UTF-8 without BOM, semicolons, LF, by hand
#   wounded-uk-1251.csv            LibreOffice's windows-1251 export of it
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The list as its author typed it. Row 5 is blank (skipped, numbers kept); row 4's note holds a
# line break; row 3's place a doubled quote; row 4's service number is all digits and its born
# only a year; the last column is one the registry does not know (ignored).
printf '\xEF\xBB\xBF' >captured-utf8-bom-comma.csv
sed 's/$/\r/' >>captured-utf8-bom-comma.csv <<'EOF'
№,ФИО,Дата рождения,Личный номер,В/ч,Звание,Регион,Статус,Дата,Место,Примечание,"Рост, см"
1,Иванов Иван Иванович,12.03.1998,АБ-123456,в/ч 12345,рядовой,Курская область,captured,15.10.2026,"г. Курск, СИЗО-1",Опознан по фото,180
2,Петренко Олег Миколайович,05.11.2001,ВС-654321,,сержант,Харківська область,wounded,16.10.2026,"госпиталь ""Северный""",,175
3,Сидоров Алексей Петрович,1985,123456,в/ч 54321,ефрейтор,RU-BEL,deceased,17.10.2026,,"Тело передано
при обмене 17.10.2026",
,,,,,,,,,,,
4,Коваленко Андрій Васильович,29.02.2000,ЮЖ-000777,в/ч А0135,молодший сержант,UA-63,captured,18.10.2026,Курская обл.,,168
5,Ёлкин Пётр Семёнович,01.01.1990,КМ-100200,в/ч 00000,капитан,Белгородская область,released,19.10.2026,,"Освобождён, дома",
6,O'Brien Patrick,31.12.1979,AB 765432,,private,,exchanged,20.10.2026,Sumy,,
EOF
# The blank row above is written as LibreOffice writes one (all delimiters), and sed turned the
# note's inner line break into CR LF: put it back to LF, as Excel keeps line breaks in a cell.
python3 - <<'EOF'
data = open("captured-utf8-bom-comma.csv", "rb").read()
data = data.replace("передано\r\nпри".encode(), "передано\nпри".encode())
open("captured-utf8-bom-comma.csv", "wb").write(data)
EOF

soffice=(soffice --headless --norestore -env:UserInstallation=file://"$work"/profile)
# CSV import options: comma, double quote, UTF-8 (76), from line 1, column formats (1 standard,
# 2 text, 4 date DMY; service numbers standard, so the all-digit one becomes a number), Russian
# locale (1049) so that 12.03.1998 is a date.
"${soffice[@]}" --infilter='CSV:44,34,76,1,1/1/2/2/3/4/4/1/5/2/6/2/7/2/8/2/9/4/10/2/11/2/12/1,1049' \
    --convert-to xlsx --outdir "$work" captured-utf8-bom-comma.csv >/dev/null
mv "$work"/captured-utf8-bom-comma.xlsx captured-libreoffice.xlsx

# Text exports, every column read as text so the cells stay as typed.
text_columns='1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2'
"${soffice[@]}" --infilter="CSV:44,34,76,1,$text_columns,1049" \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,34' --outdir "$work" \
    captured-utf8-bom-comma.csv >/dev/null
mv "$work"/captured-utf8-bom-comma.csv captured-1251-semicolon.csv
"${soffice[@]}" --infilter="CSV:44,34,76,1,$text_columns,1049" \
    --convert-to 'txt:Text - txt - csv (StarCalc):9,34,65535' --outdir "$work" \
    captured-utf8-bom-comma.csv >/dev/null
mv "$work"/captured-utf8-bom-comma.txt captured-utf16le-tab.txt

python3 - <<'EOF'
import csv, datetime, io
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

rows = list(csv.reader(io.open("captured-utf8-bom-comma.csv", encoding="utf-8-sig", newline="")))

def typed(column, text):
    """As a script that builds a list would type its cells: numbers as numbers, dates as dates."""
    if text == "":
        return None
    if column in (2, 8) and len(text) == 10:
        day, month, year = text.split(".")
        return datetime.date(int(year), int(month), int(day))
    if text.isdigit():
        return int(text)
    return text

for name, epoch in (("captured-openpyxl.xlsx", None), ("captured-openpyxl-1904.xlsx", CALENDAR_MAC_1904)):
    book = Workbook()
    if epoch:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "Список"
    for number, row in enumerate(rows, start=1):
        if not any(row):
            continue  # openpyxl writes no element for a blank row; its number is kept
        for column, text in enumerate(row):
            sheet.cell(row=number, column=column + 1, value=typed(column, text) if number > 1 else text)
    for cell in sheet["C"][1:] + sheet["I"][1:]:
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD.MM.YYYY"
    # A second sheet after it: not the one read.
    other = book.create_sheet("Пояснения")
    other["A1"] = "ФИО"
    other["A2"] = "не из этого листа"
    book.save(name)

# Excel keeps a sheet's file when the sheet is moved, so the first tab can live in sheet2.xml:
# swap the two sheets' files in the 1904 workbook (and its relationships) to match.
import zipfile
name = "captured-openpyxl-1904.xlsx"
with zipfile.ZipFile(name) as source:
    parts = {info.filename: source.read(info) for info in source.infolist()}
swap = {"xl/worksheets/sheet1.xml": "xl/worksheets/sheet2.xml", "xl/worksheets/sheet2.xml": "xl/worksheets/sheet1.xml"}
parts = {swap.get(path, path): data for path, data in parts.items()}
rels = parts["xl/_rels/workbook.xml.rels"].decode()
rels = rels.replace("sheet1.xml", "SHEET_A").replace("sheet2.xml", "sheet1.xml").replace("SHEET_A", "sheet2.xml")
parts["xl/_rels/workbook.xml.rels"] = rels.encode()
with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as target:
    for path in ["[Content_Types].xml"] + sorted(p for p in parts if p != "[Content_Types].xml"):
        target.writestr(path, parts[path])
EOF

# The Ukrainian list: name in three columns, any apostrophe, a header with ё-less spelling.
cat >wounded-uk-semicolon.csv <<'EOF'
Номер;Прізвище;Ім’я;По батькові;Дата народження;Військова частина;Звання;Область;Статус;Дата;Місце;Примітка
101;Шевчук;Мар'ян;Іванович;1999;А4444;солдат;Донецька область;wounded;2026-10-01;"шпиталь, палата 3";
102;Ґонта;Євген;Ігорович;14.07.1995;А1234;старший солдат;Київська область;captured;2026-10-02;;"дані уточнюються; з ""фільтраційного"" табору"
EOF
"${soffice[@]}" --infilter='CSV:59,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2,1058' \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,34' --outdir "$work" \
    wounded-uk-semicolon.csv >/dev/null
mv "$work"/wounded-uk-semicolon.csv wounded-uk-1251.csv

file captured-* wounded-*

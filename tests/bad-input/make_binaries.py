#!/usr/bin/env python3
"""Writes the binary inputs of the bad-input cases (.xlsx workbooks and SQLite files) with the
standard library only, so they can be made again and read as text here. Run from anywhere:
    python3 tests/bad-input/make_binaries.py
"""
import os
import sqlite3
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(path, sheets):
    """sheets: [(name, rows)], each row a list of values: str (shared string), int/float
    (number), ("date", serial) for a date-formatted number, or None (no cell)."""
    shared, index = [], {}
    def sst(s):
        if s not in index:
            index[s] = len(shared)
            shared.append(s)
        return index[s]
    parts = {}
    for n, (name, rows) in enumerate(sheets, 1):
        xml = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{col(c)}{r}"
                if v is None:
                    continue
                if isinstance(v, tuple):
                    cells.append(f'<c r="{ref}" s="1"><v>{v[1]}</v></c>')
                elif isinstance(v, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            xml.append(f'<row r="{r}">{"".join(cells)}</row>')
        parts[f"xl/worksheets/sheet{n}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(xml)}</sheetData></worksheet>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>')
    parts["_rels/.rels"] = (f'<?xml version="1.0"?><Relationships {rel}><Relationship Id="rId1" '
                            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                            'Target="xl/workbook.xml"/></Relationships>')
    sheet_xml = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, (name, _) in enumerate(sheets, 1))
    parts["xl/workbook.xml"] = (f'<?xml version="1.0"?><workbook {ns} '
                                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                                f'<sheets>{sheet_xml}</sheets></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = (
        f'<?xml version="1.0"?><Relationships {rel}>' + "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1)) + "</Relationships>")
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0"?><sst {ns}>' +
                                     "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>")
    parts["xl/styles.xml"] = (f'<?xml version="1.0"?><styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/>'
                              '<xf numFmtId="14"/></cellXfs></styleSheet>')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])


def sqlite(path, sql):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript(sql)
    db.commit()
    db.close()


HEADER = ["borger_id", "kommune", "startdato", "alder"]


def case(name):
    return os.path.join(HERE, name, "data")


def main():
    xlsx(os.path.join(case("xlsx-out-of-range"), "borgere.xlsx"),
         [("Borgere", [HEADER, ["B1", "Odder", ("date", 44599), 71], ["B2", "Vejen", ("date", 44600), 171]])])
    xlsx(os.path.join(case("xlsx-missing-sheet"), "borgere.xlsx"),
         [("Ark1", [HEADER, ["B1", "Odder", ("date", 44599), 71]])])
    xlsx(os.path.join(case("xlsx-cpr-number"), "borgere.xlsx"),
         [("Borgere", [HEADER, ["B1", "Odder", ("date", 44599), 71], [101701234, "Odder", ("date", 44599), 72]])])
    xlsx(os.path.join(case("xlsx-text-in-date"), "borgere.xlsx"),
         [("Borgere", [HEADER, ["B1", "Odder", "i går", 71]])])
    xlsx(os.path.join(case("xlsx-empty-sheet"), "borgere.xlsx"), [("Borgere", [])])
    base = ("CREATE TABLE borgere (borger_id TEXT, kommune TEXT, startdato TEXT, alder INTEGER);"
            "INSERT INTO borgere VALUES ('B1', 'Odder', '07-02-2022', 71);")
    sqlite(os.path.join(case("sqlite-text-in-integer"), "reg.sqlite"),
           base + "INSERT INTO borgere VALUES ('B2', 'Vejen', '08-02-2022', 'ukendt');")
    sqlite(os.path.join(case("sqlite-query-fails"), "reg.sqlite"), base)
    sqlite(os.path.join(case("sqlite-cpr-number"), "reg.sqlite"),
           base + "INSERT INTO borgere VALUES (1505701234, 'Vejen', '08-02-2022', 70);")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent checker for the synthetic "vaeresteder" sample dataset.

Reads samples/vaeresteder/data/*.csv, validates the file format, and
recomputes every published number the dataset is meant to reproduce (KORA
2016, "Styrkelse af værestedernes rolle i den sociale indsats").  The rules
are written from the domain notes (seed-000-kora-vaeresteder.md, sections
2.0-2.3, 3 and 4.1), not taken from make_data.py.

Prints one PASS/FAIL line per check; exits 1 if any check fails.
Standard library only.
"""

import csv
import datetime
import io
import os
import re
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

START = datetime.date(2014, 9, 1)
END = datetime.date(2016, 5, 31)
KOMMUNER = ("Haderslev", "Holstebro", "Odense")
CATS = ("SKP", "Sagsbehandler", "Misbrugsbehandler")
STAFF_SCALE = {"1", "2", "3", "4", "5", "6", "Ved ikke", ""}
CIT_LABELS = {"Meget lille grad": 1, "Lille grad": 2, "Neutral": 3,
              "Høj grad": 4, "Meget høj grad": 5}
PHASES = ("Udviklingsfase (sep-dec 2014)", "Afprøvningsfase (2015)",
          "Fuld driftsfase (jan-maj 2016)")
TASKS = ("Projektledelse", "Implementeringsteam", "Styregruppe",
         "Fremskudt misbrugsindsats", "Fremskudt sagsbehandling",
         "Styrket SKP-ordning", "Holdbaserede aktiviteter", "Andet")

HEADERS = {
    "borgere.csv": ["borger_id", "kommune", "koen", "foedselsaar"],
    "borgerskema.csv": ["skema_id", "borger_id", "kommune", "dato",
                        "samtalepartner", "sted", "positivt_vaerested",
                        "tryg", "lyttet", "vigtigt", "tidspunkt"],
    "medarbejderskema.csv": (
        ["skema_id", "borger_id", "kommune", "dato", "medarbejderkategori",
         "sted", "vaerested", "indtaegt", "bolig"]
        + ["emne_" + t for t in (
            "job", "rehabiliteringsplan", "uddannelse", "psykisk",
            "somatisk", "bolig", "alkohol", "hash", "stoffer", "oekonomi",
            "raadgivning", "netvaerk", "tand", "andet")]
        + ["emne_andet_tekst", "samarb_vaerested", "samarb_skp",
           "samarb_misbrug", "samarb_jobcenter", "samarb_socialcenter",
           "kendskab", "relation", "tidligere_kontakt", "udredning",
           "oevrige_forhold"]),
    "tidsregistrering.csv": ["kommune", "maaned", "opgave", "timer",
                             "bemaerkning"],
    "medarbejdere.csv": ["kommune", "maaned", "antal_misbrugsbehandlere",
                         "antal_sagsbehandlere", "antal_skp"],
    "slutundersoegelse.csv": ["respondent_id", "kommune", "besvaret",
                              "svardato", "funktion"],
}
# Files written by Excel: UTF-8 with BOM and CRLF line ends.
EXCEL = {"tidsregistrering.csv", "medarbejdere.csv"}

RESULTS = []


def check(label, got, expected=None, ok=None):
    if ok is None:
        ok = got == expected
    exp = "" if expected is None else " (expected %s)" % (expected,)
    RESULTS.append(ok)
    print("%s  %s: %s%s" % ("PASS" if ok else "FAIL", label, got, exp))
    return ok


def info(label, value):
    print("INFO  %s: %s" % (label, value))


def rnd(fr, places=0):
    """Round half away from zero; returns a Fraction with `places` decimals."""
    fr = Fraction(fr) * 10 ** places
    sign = -1 if fr < 0 else 1
    v = int(abs(fr) + Fraction(1, 2))
    return Fraction(sign * v, 10 ** places)


def fmt2(fr):
    """Danish two-decimal display of a Fraction, e.g. 3,10."""
    v = rnd(fr, 2)
    s = "%.2f" % float(v)
    return s.replace(".", ",")


def pct(n, d):
    return int(rnd(Fraction(100 * n, d)))


def parse_date(s):
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", s)
    if not m:
        raise ValueError("bad date %r" % s)
    return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


def phase(d):
    if d <= datetime.date(2014, 12, 31):
        return 0
    if d <= datetime.date(2015, 12, 31):
        return 1
    return 2


def read(name):
    with open(os.path.join(DATA_DIR, name), "rb") as f:
        raw = f.read()
    problems = []
    excel = name in EXCEL
    if raw.startswith(b"\xef\xbb\xbf") != excel:
        problems.append("BOM %s" % ("missing" if excel else "present"))
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if excel:
        if body.count(b"\r\n") != body.count(b"\n"):
            problems.append("not CRLF throughout")
    elif b"\r" in body:
        problems.append("CR characters")
    if not body.endswith(b"\n"):
        problems.append("no final newline")
    text = body.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, data = rows[0], rows[1:]
    if header != HEADERS[name]:
        problems.append("header %r" % header)
    bad = [i for i, r in enumerate(data) if len(r) != len(header)]
    if bad:
        problems.append("rows with wrong field count %r" % bad[:5])
    if re.search(r"\b\d{6}-?\d{4}\b", text):
        problems.append("CPR-like number")
    check("format %s (%s, %d fields)" % (
        name, "UTF-8 BOM + CRLF" if excel else "UTF-8, \\n", len(header)),
        "ok" if not problems else "; ".join(problems), "ok")
    return [dict(zip(header, r)) for r in data]


def mean(xs):
    return Fraction(sum(xs), len(xs))


def valid_staff(v):
    return v in ("1", "2", "3", "4", "5")


# --- Student t distribution (for the "no significant increase" check) ------
def betacf(a, b, x):
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / d
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 / (1.0 + aa * d)
        c = 1.0 + aa / c
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 / (1.0 + aa * d)
        c = 1.0 + aa / c
        de = d * c
        h *= de
        if abs(de - 1.0) < 1e-12:
            break
    return h


def betai(a, b, x):
    import math
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
           + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b


def welch_p(xs, ys):
    import math
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    vx = sum((x - mx) ** 2 for x in xs) / (len(xs) - 1)
    vy = sum((y - my) ** 2 for y in ys) / (len(ys) - 1)
    se2 = vx / len(xs) + vy / len(ys)
    t = (mx - my) / math.sqrt(se2)
    df = se2 ** 2 / ((vx / len(xs)) ** 2 / (len(xs) - 1)
                     + (vy / len(ys)) ** 2 / (len(ys) - 1))
    return betai(df / 2, 0.5, df / (df + t * t))


def main():
    borgere = read("borgere.csv")
    cforms = read("borgerskema.csv")
    sforms = read("medarbejderskema.csv")
    timer = read("tidsregistrering.csv")
    staffing = read("medarbejdere.csv")
    survey = read("slutundersoegelse.csv")

    # ------------------------------------------------------------ values
    cit = {}
    errs = []
    for b in borgere:
        if not re.fullmatch(r"B\d{4}", b["borger_id"]):
            errs.append("id %r" % b["borger_id"])
        if b["borger_id"] in cit:
            errs.append("duplicate %s" % b["borger_id"])
        if b["kommune"] not in KOMMUNER or b["koen"] not in ("Mand", "Kvinde"):
            errs.append("%s kommune/koen" % b["borger_id"])
        if not 1920 <= int(b["foedselsaar"]) <= 1998:
            errs.append("%s foedselsaar" % b["borger_id"])
        cit[b["borger_id"]] = b["kommune"]
    check("borgere.csv values valid", "ok" if not errs else errs[:5], "ok")

    def form_checks(name, rows, prefix, items, valid_item):
        errs = []
        for i, r in enumerate(rows):
            if r["skema_id"] != "%s%04d" % (prefix, i + 1):
                errs.append("id %s at %d" % (r["skema_id"], i + 1))
            if r["borger_id"] not in cit:
                errs.append("%s unknown citizen" % r["skema_id"])
            elif cit[r["borger_id"]] != r["kommune"]:
                errs.append("%s kommune differs from the citizen's" % r["skema_id"])
            d = parse_date(r["dato"])
            if not START <= d <= END:
                errs.append("%s date %s outside sep 2014 - maj 2016" % (r["skema_id"], d))
            r["_date"] = d
            for it in items:
                if not valid_item(r[it]):
                    errs.append("%s %s=%r" % (r["skema_id"], it, r[it]))
        check("%s values valid (ids, citizen, kommune, dates, answers)" % name,
              "ok" if not errs else errs[:5], "ok")

    cit_items = ["positivt_vaerested", "tryg", "lyttet", "vigtigt", "tidspunkt"]
    form_checks("borgerskema.csv", cforms, "BS", cit_items,
                lambda v: v in CIT_LABELS or v in ("Ved ikke", ""))
    staff_items = ["samarb_vaerested", "samarb_skp", "samarb_misbrug",
                   "samarb_jobcenter", "samarb_socialcenter", "kendskab",
                   "relation", "tidligere_kontakt", "udredning"]
    form_checks("medarbejderskema.csv", sforms, "MS", staff_items,
                lambda v: v in STAFF_SCALE)
    errs = [r["skema_id"] for r in sforms if r["medarbejderkategori"] not in CATS]
    errs += [r["skema_id"] for r in sforms
             if (r["vaerested"] != "") != (r["sted"] == "På værestedet")]
    errs += [r["skema_id"] for r in sforms
             if r["_date"] < datetime.date(2015, 3, 1)
             and (r["emne_rehabiliteringsplan"] or r["emne_bolig"])]
    check("medarbejderskema.csv: category, værested only when 'På værestedet', "
          "topics 13/14 blank before 01-03-2015", "ok" if not errs else errs[:5], "ok")

    # ------------------------------------------------------------ Tabel 1.1
    print("-- Tabel 1.1 Oversigt over datagrundlag")
    with_c = {r["borger_id"] for r in cforms}
    with_s = {r["borger_id"] for r in sforms}
    check("every registered citizen has at least one form",
          len(set(cit) - with_c - with_s), 0)
    exp = {"unique": (249, 103, 209, 561), "cforms": (228, 93, 188, 509),
           "sforms": (275, 188, 439, 902), "both": (129, 46, 47, 222)}
    got = {"unique": [], "cforms": [], "sforms": [], "both": []}
    for k in KOMMUNER:
        ids = {b for b, kk in cit.items() if kk == k}
        got["unique"].append(len(ids))
        got["cforms"].append(sum(1 for r in cforms if r["kommune"] == k))
        got["sforms"].append(sum(1 for r in sforms if r["kommune"] == k))
        got["both"].append(len(ids & with_c & with_s))
    for key, label in (("unique", "Unikke borgere i projektet"),
                       ("cforms", "Antal udfyldte borgerskemaer"),
                       ("sforms", "Antal udfyldte medarbejderskemaer"),
                       ("both", "Antal borgere med udfyldt bruger- og medarbejderskema")):
        g = tuple(got[key]) + (sum(got[key]),)
        check("%s (Haderslev/Holstebro/Odense/alle)" % label, g, exp[key])
    check("unique citizens = distinct borger_id over both form tables",
          len(with_c | with_s), 561)
    for (k, (ans, inv)) in zip(KOMMUNER + ("Alle",),
                               ((12, 25), (14, 22), (23, 32), (49, 79))):
        rows = [s for s in survey if k == "Alle" or s["kommune"] == k]
        a = sum(1 for s in rows if s["besvaret"] == "Ja")
        check("Afsluttende spørgeskema %s: svarprocent (besvarelser ud af N)" % k,
              "%d %% (%d ud af %d)" % (pct(a, len(rows)), a, len(rows)),
              "%d %% (%d ud af %d)" % (pct(ans, inv), ans, inv))
    errs = [s["respondent_id"] for s in survey
            if (s["besvaret"] == "Ja") != bool(s["svardato"] and s["funktion"])]
    check("survey: answer date and function exactly for respondents",
          "ok" if not errs else errs, "ok")

    # ------------------------------------------------------------ Figur 4.2
    print("-- Figur 4.2 Tidligere kontakt (staff item 3), means over valid 1-5")
    vals = {c: [int(r["tidligere_kontakt"]) for r in sforms
                if r["medarbejderkategori"] == c and valid_staff(r["tidligere_kontakt"])]
            for c in CATS}
    for c, (n, m) in zip(CATS, ((166, "3,10"), (504, "4,12"), (125, "3,84"))):
        check("%s (n, mean)" % c, (len(vals[c]), fmt2(mean(vals[c]))), (n, m))
    allv = [v for c in CATS for v in vals[c]]
    check("I alt n", len(allv), 795)
    check("forms excluded as 'Ikke relevant', 'Ved ikke' or blank",
          len(sforms) - len(allv), 107)
    excl = [r["tidligere_kontakt"] for r in sforms if not valid_staff(r["tidligere_kontakt"])]
    info("excluded: Ikke relevant (6) / Ved ikke / blank", "%d / %d / %d" % (
        excl.count("6"), excl.count("Ved ikke"), excl.count("")))
    kom_means = []
    for k in KOMMUNER:
        kv = [int(r["tidligere_kontakt"]) for r in sforms
              if r["kommune"] == k and valid_staff(r["tidligere_kontakt"])]
        kom_means.append(mean(kv))
        info("%s mean (n)" % k, "%s (%d)" % (fmt2(mean(kv)), len(kv)))
    check("I alt = mean of the three municipality means (reading, see DATA.md)",
          fmt2(sum(kom_means) / 3), "3,85")
    check("I alt as the pooled mean over all 795 answers is 3,86, not the printed 3,85",
          fmt2(mean(allv)), "3,86")

    # ------------------------------------------------------------ other figures
    print("-- Figur 4.1, 4.3-4.10 (orderings and levels stated in the text)")

    def smean(rows, col, cat=None, ph=None):
        v = [int(r[col]) for r in rows if valid_staff(r[col])
             and (cat is None or r["medarbejderkategori"] == cat)
             and (ph is None or phase(r["_date"]) == ph)]
        return mean(v), len(v)

    kend = [int(r["kendskab"]) for r in sforms if valid_staff(r["kendskab"])]
    check("4.1 most staff knew the citizen 'i nogen grad eller høj grad' (answers 3-5)",
          "%d %%" % pct(sum(1 for v in kend if v >= 3), len(kend)),
          ok=Fraction(sum(1 for v in kend if v >= 3), len(kend)) > Fraction(1, 2))

    def cmean(col, ph=None):
        v = [CIT_LABELS[r[col]] for r in cforms if r[col] in CIT_LABELS
             and (ph is None or phase(r["_date"]) == ph)]
        return mean(v), len(v)

    for fig, cols in (("4.3", ("positivt_vaerested", "tryg")),
                      ("4.4", ("vigtigt", "tidspunkt"))):
        ms = [cmean(c) for c in cols]
        check("%s citizens 'i høj grad og i meget høj grad': means >= 4" % fig,
              ", ".join("%s %s (n=%d)" % (c, fmt2(m), n) for c, (m, n) in zip(cols, ms)),
              ok=all(m >= 4 for m, _ in ms))

    comp = [[], [], []]
    for r in cforms:
        it = [r[c] for c in ("tryg", "lyttet", "vigtigt", "tidspunkt")]
        if all(v in CIT_LABELS for v in it):
            comp[phase(r["_date"])].append(mean([CIT_LABELS[v] for v in it]))
    cm = [mean(x) for x in comp]
    check("4.5 composite (mean of Q6a-d per form) stable (range <= 0,20) and high (>= 4) over the phases",
          ", ".join("%s %s (n=%d)" % (PHASES[i], fmt2(cm[i]), len(comp[i])) for i in range(3)),
          ok=min(cm) >= 4 and max(cm) - min(cm) <= Fraction(20, 100))
    p = welch_p([float(x) for x in comp[0]], [float(x) for x in comp[2]])
    check("4.5 'ikke været en signifikant stigning' (Welch t-test phase 1 vs 3)",
          "p = %.2f" % p, ok=p >= 0.05)
    for fig, col in (("4.6", "relation"), ("4.7", "udredning")):
        ms = [smean(sforms, col, c)[0] for c in CATS]
        check("%s %s: Misbrugsbehandler > Sagsbehandler > SKP" % (fig, col),
              ", ".join("%s %s" % (c, fmt2(m)) for c, m in zip(CATS, ms)),
              ok=ms[2] > ms[1] > ms[0])
    for col in ("relation", "udredning"):
        ms = [smean(sforms, col, ph=i)[0] for i in range(3)]
        check("4.8 %s 'væsentligt forbedret' over the phases (+0,3 or more)" % col,
              " -> ".join(fmt2(m) for m in ms),
              ok=ms[0] < ms[1] < ms[2] and ms[2] - ms[0] >= Fraction(3, 10))
    partners = {"værestedets medarbejdere": ["samarb_vaerested"],
                "SKP": ["samarb_skp"], "misbrugsbehandler": ["samarb_misbrug"],
                "sagsbehandlere (jobcenter + socialcenter)":
                    ["samarb_jobcenter", "samarb_socialcenter"]}
    pm = {}
    for lab, cols in partners.items():
        v = [int(r[c]) for r in sforms for c in cols if valid_staff(r[c])]
        pm[lab] = mean(v)
    check("4.9 collaboration with værested staff rated highest",
          ", ".join("%s %s" % (k, fmt2(v)) for k, v in pm.items()),
          ok=max(pm, key=pm.get) == "værestedets medarbejdere")
    coll = []
    for i in range(3):
        v = [int(r[c]) for r in sforms if phase(r["_date"]) == i
             for c in staff_items[:5] if valid_staff(r[c])]
        coll.append(mean(v))
    check("4.10 collaboration 'stadig bedre' over the phases",
          " -> ".join(fmt2(m) for m in coll), ok=coll[0] < coll[1] < coll[2])
    for name, rows in (("staff", sforms), ("citizen", cforms)):
        info("%s forms by phase" % name, " / ".join(
            str(sum(1 for r in rows if phase(r["_date"]) == i)) for i in range(3)))

    # ------------------------------------------------------------ time sheets
    print("-- Driftsøkonomisk registreringsark (monthly, §2.3)")
    months = []
    y, m = 2014, 9
    while datetime.date(y, m, 1) <= END:
        months.append(datetime.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    errs = []
    keys = set()
    for r in timer:
        d = parse_date(r["maaned"])
        if d.day != 1 or d not in months:
            errs.append("maaned %s" % r["maaned"])
        if r["kommune"] not in KOMMUNER or r["opgave"] not in TASKS:
            errs.append("%s/%s" % (r["kommune"], r["opgave"]))
        if not re.fullmatch(r"\d+(,\d+)?", r["timer"]):
            errs.append("timer %r" % r["timer"])
        keys.add((r["kommune"], d, r["opgave"]))
    check("one row per municipality, month (sep 2014 - maj 2016) and task",
          (len(timer), len(keys)), (3 * len(months) * len(TASKS),) * 2)
    check("tidsregistrering.csv values valid", "ok" if not errs else errs[:5], "ok")
    check("medarbejdere.csv: one row per municipality and month",
          len({(r["kommune"], r["maaned"]) for r in staffing}), 3 * len(months))
    for k in KOMMUNER:
        tot = {}
        for r in timer:
            if r["kommune"] == k:
                yr = parse_date(r["maaned"]).year
                tot[yr] = tot.get(yr, 0) + Fraction(r["timer"].replace(",", "."))
        info("%s hours 2014 / 2015 / 2016 (synthetic)" % k,
             " / ".join("%.1f" % float(tot[y]) for y in sorted(tot)))

    n_fail = RESULTS.count(False)
    print("== %d checks, %d failed" % (len(RESULTS), n_fail))
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())

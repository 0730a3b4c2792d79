#!/usr/bin/env python3
"""Independent checker for the synthetic "isolerede" sample dataset.

Reads samples/isolerede/data/*.csv, validates the file format, and recomputes
every published number the dataset is meant to reproduce (Rambøll for
Socialstyrelsen, "Isolerede sindslidende i egen bolig").  The rules are
written from the domain notes (seed-001-ramboll-isolerede.md, sections 2-4
and 7), not taken from make_data.py.

Prints one PASS/FAIL line per check; exits 1 if any check fails.
Standard library only.
"""

import csv
import datetime
import io
import math
import os
import re
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

START = datetime.date(2014, 1, 1)
END = datetime.date(2015, 12, 31)
KOMMUNER = ("Aarhus", "Viborg", "Næstved")
DEGREE = ("I meget høj grad", "I høj grad", "Hverken eller", "I mindre grad",
          "Slet ikke")
FREQ = ("1 gang om ugen", "1 gang hver 14. dag", "1 gang om måneden",
        "Sjældnere", "Aldrig")
ALREADY = "Modtager allerede anden støtte eller er svær at kontakte"
REFERRED = "Henvist til anden støtte"
DIMS = ("psykisk_velbefindende", "fysisk_sundhed", "hverdagsaktiviteter",
        "socialt_netvaerk", "arbejde_uddannelse", "relationer",
        "alkohol_stoffer", "ansvar_forpligtelse", "identitet_selvvaerd",
        "tillid_haab")
FID_ITEMS = ("q1 q2 q3 q4a q4b q4c q4d q5 q6a q6b q6c q6d q6e q7 q8 q9a q9b "
             "q11 q12 q13 q14 q15 q16 q17 q18 q19 q20 q23a q23b q23c q23d "
             "q23e q23f q23g").split()
SHORT = ("afklaret", "motivation_stoette", "motivation_relationer", "tillid",
         "netvaerk", "trivsel")

HEADERS = {
    "henvendelser.csv": ["henvendelse_id", "kommune", "dato", "afsender",
                         "kanal", "udfald"],
    "borgere.csv": ["borger_id", "kommune", "kontaktdato", "kilde",
                    "henvendelse_id", "maalgruppe", "socialfaglig_indsats",
                    "status_uden_indsats", "henvist_til", "koen", "alder",
                    "nationalitet", "bolig"],
    "fidelitet.csv": ["besvarelse_id", "runde", "dato", "kommune",
                      "respondent_id", "rolle"] + FID_ITEMS,
    "recovery.csv": ["maaling_id", "borger_id", "dato", "maaling"] + list(DIMS),
    "kortsigt.csv": ["skema_id", "borger_id", "dato"] + list(SHORT),
    "tid_borger.csv": ["borger_id", "indsats_start", "indsats_slut",
                       "timer_kontaktskabelse", "timer_relationsarbejde",
                       "timer_brobygning_medarbejder", "timer_brobygning_leder",
                       "fase_ved_projektslut"],
    "tid_projekt.csv": ["kommune", "maaned", "medarbejdertype",
                        "timer_uddannelse", "timer_planlaegning",
                        "timer_indirekte_opsporing", "timer_direkte_opsporing",
                        "materialer_kr", "oevrige_kr"],
}
EXCEL = {"tid_borger.csv", "tid_projekt.csv"}

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
    """Round half away from zero (the source rounds 62,5 up to 63)."""
    fr = Fraction(fr) * 10 ** places
    sign = -1 if fr < 0 else 1
    return Fraction(sign * int(abs(fr) + Fraction(1, 2)), 10 ** places)


def pct(n, d):
    return int(rnd(Fraction(100 * n, d)))


def dk1(fr):
    """One decimal with a decimal comma, e.g. -1,7."""
    v = rnd(fr, 1)
    s = "%.1f" % float(v)
    return s.replace(".", ",")


def parse_date(s):
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", s)
    if not m:
        raise ValueError("bad date %r" % s)
    return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


def num(s):
    if not re.fullmatch(r"\d+(,\d+)?", s):
        raise ValueError("bad number %r" % s)
    return Fraction(s.replace(",", "."))


def read(name):
    with open(os.path.join(DATA_DIR, name), "rb") as f:
        raw = f.read()
    problems = []
    excel = name in EXCEL
    if raw.startswith(b"\xef\xbb\xbf") != excel:
        problems.append("BOM %s" % ("missing" if excel else "present"))
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if excel and body.count(b"\r\n") != body.count(b"\n"):
        problems.append("not CRLF throughout")
    if not excel and b"\r" in body:
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


# --- statistics -------------------------------------------------------------
def betacf(a, b, x):
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 / (1.0 - qab * x / qap)
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
        h *= d * c
        if abs(d * c - 1.0) < 1e-13:
            break
    return h


def betai(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
           + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b


def paired_t_p(deltas):
    n = len(deltas)
    m = sum(deltas) / n
    var = sum((d - m) ** 2 for d in deltas) / (n - 1)
    if var == 0:
        return 0.0 if m else 1.0
    t = m / math.sqrt(var / n)
    df = n - 1
    return betai(df / 2, 0.5, df / (df + t * t))


def wilcoxon_p(deltas):
    """Two-sided signed-rank test, zeros dropped, normal approximation with
    tie and continuity correction."""
    d = [x for x in deltas if x != 0]
    n = len(d)
    if n == 0:
        return 1.0
    order = sorted(range(n), key=lambda i: abs(d[i]))
    ranks = [0.0] * n
    i = 0
    ties = 0.0
    while i < n:
        j = i
        while j + 1 < n and abs(d[order[j + 1]]) == abs(d[order[i]]):
            j += 1
        r = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = r
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    wplus = sum(r for r, x in zip(ranks, d) if x > 0)
    mu = n * (n + 1) / 4
    sd = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - ties / 48)
    z = (abs(wplus - mu) - 0.5) / sd
    return math.erfc(max(z, 0) / math.sqrt(2))


def wilcoxon_exact_p(deltas):
    """Two-sided exact signed-rank p (zeros dropped, midranks for ties), by
    enumerating all sign assignments; fine for up to ~20 non-zero changes."""
    d = [x for x in deltas if x != 0]
    n = len(d)
    if n == 0:
        return 1.0
    absd = sorted(abs(x) for x in d)
    rank_of = {}
    for v in set(absd):
        idx = [i + 1 for i, a in enumerate(absd) if a == v]
        rank_of[v] = Fraction(sum(idx), len(idx))
    ranks = [rank_of[abs(x)] for x in d]
    w = sum(r for r, x in zip(ranks, d) if x > 0)
    counts = {Fraction(0): 1}
    for r in ranks:
        nxt = {}
        for k, c in counts.items():
            nxt[k] = nxt.get(k, 0) + c
            nxt[k + r] = nxt.get(k + r, 0) + c
        counts = nxt
    total = 2 ** n
    lo = sum(c for k, c in counts.items() if k <= w)
    hi = sum(c for k, c in counts.items() if k >= w)
    return min(1.0, 2 * min(lo, hi) / total)


def dist(values, labels):
    valid = [v for v in values if v]
    return len(valid), tuple(valid.count(c) for c in labels)


def main():
    henv = read("henvendelser.csv")
    borgere = read("borgere.csv")
    fid = read("fidelitet.csv")
    rec = read("recovery.csv")
    short = read("kortsigt.csv")
    tid_b = read("tid_borger.csv")
    tid_p = read("tid_projekt.csv")

    # ------------------------------------------------------------ referrals and citizens
    errs = []
    hmap = {}
    for i, h in enumerate(henv):
        if h["henvendelse_id"] != "H%03d" % (i + 1):
            errs.append("id %s" % h["henvendelse_id"])
        d = parse_date(h["dato"])
        if not START <= d <= END or h["kommune"] not in KOMMUNER:
            errs.append("%s date/kommune" % h["henvendelse_id"])
        h["_date"] = d
        hmap[h["henvendelse_id"]] = h
    check("henvendelser.csv values valid", "ok" if not errs else errs[:5], "ok")

    errs = []
    cit = {}
    used_refs = []
    for b in borgere:
        bid = b["borger_id"]
        d = parse_date(b["kontaktdato"])
        b["_date"] = d
        cit[bid] = b
        if b["kommune"] not in KOMMUNER or not START <= d <= END:
            errs.append("%s kommune/date" % bid)
        if b["kilde"] == "Henvendelse":
            h = hmap.get(b["henvendelse_id"])
            if not h or h["kommune"] != b["kommune"] or h["_date"] > d:
                errs.append("%s referral link" % bid)
            used_refs.append(b["henvendelse_id"])
        elif b["kilde"] != "Eget opsøgende arbejde" or b["henvendelse_id"]:
            errs.append("%s kilde" % bid)
        recv = b["socialfaglig_indsats"] == "Ja"
        if recv and (b["maalgruppe"] != "Ja" or b["status_uden_indsats"]):
            errs.append("%s intervention without target group / with status" % bid)
        if b["status_uden_indsats"] not in ("", ALREADY, REFERRED):
            errs.append("%s status %r" % (bid, b["status_uden_indsats"]))
        if bool(b["henvist_til"]) != (b["status_uden_indsats"] == REFERRED):
            errs.append("%s henvist_til" % bid)
        if not recv and any(b[c] for c in ("koen", "alder", "nationalitet", "bolig")):
            errs.append("%s background outside the intervention" % bid)
        if b["alder"] and int(b["alder"]) in (30, 40, 50, 60):
            errs.append("%s age on a band boundary" % bid)
    if len(used_refs) != len(set(used_refs)):
        errs.append("a referral is linked to two citizens")
    contacted = [h["henvendelse_id"] for h in henv if h["udfald"] == "Borger kontaktet"]
    if sorted(contacted) != sorted(used_refs):
        errs.append("'Borger kontaktet' referrals differ from the linked ones")
    check("borgere.csv values valid (links, flow fields, background only for the 42)",
          "ok" if not errs else errs[:5], "ok")

    print("-- Tabel 8-1 Antal henvendelser")
    got = tuple(sum(1 for h in henv if h["kommune"] == k) for k in KOMMUNER)
    check("Aarhus 'Ca. 60-65', Viborg 'Ca. 90-95', Næstved 'Ca. 60-65'", got,
          ok=60 <= got[0] <= 65 and 90 <= got[1] <= 95 and 60 <= got[2] <= 65)
    check("i alt 'ca. 215' (reading; the later 'ca. 230' is not used)", sum(got), 215)
    check("Viborg's referrals dated no later than december 2015",
          max(h["_date"] for h in henv if h["kommune"] == "Viborg") <= END, True)

    print("-- Figur 4-1 / Figur 8-1 (contacted, target group, intervention)")
    by = lambda k, f: sum(1 for b in borgere if b["kommune"] == k and f(b))
    got = tuple(by(k, lambda b: True) for k in KOMMUNER)
    check("contacted via the outreach Aarhus/Viborg/Næstved, total", got + (sum(got),),
          (48, 65, 63, 176))
    got = tuple(by(k, lambda b: b["socialfaglig_indsats"] == "Ja") for k in KOMMUNER)
    check("received the social-work intervention (Viborg 27, not the box's 28)",
          got + (sum(got),), (8, 27, 7, 42))
    tg = tuple(by(k, lambda b: b["maalgruppe"] == "Ja") for k in KOMMUNER)
    check("assessed as target group: Viborg 27, Næstved 15", tg[1:], (27, 15))
    check("target group in all 'lidt over 50'", sum(tg), ok=50 < sum(tg) <= 55)
    rest = [b for b in borgere if b["socialfaglig_indsats"] != "Ja"]
    check("did not receive the intervention", len(rest), 134)
    st = tuple(sum(1 for b in rest if b["status_uden_indsats"] == s)
               for s in (ALREADY, REFERRED, ""))
    check("of the 134: other support or hard to contact / referred / missing", st, (81, 45, 8))
    check("81 of 134 'ca. 60 procent'", pct(st[0], 134), 60)
    check("45 of 134 'knap 40 procent' (34 %)", pct(st[1], 134),
          ok=30 <= pct(st[1], 134) < 40)
    n_tg_rest = sum(1 for b in rest if b["maalgruppe"] == "Ja")
    check("of the 134, 'mellem 10 og 15' were in the target group", n_tg_rest,
          ok=10 <= n_tg_rest <= 15)
    info("referred to", ", ".join("%s %d" % (t, sum(1 for b in rest if b["henvist_til"] == t))
                                  for t in sorted({b["henvist_til"] for b in rest} - {""})))

    print("-- Tabel 5-1 / 5-2 (the 42, valid answers)")
    recv = [b for b in borgere if b["socialfaglig_indsats"] == "Ja"]

    def shares(vals, labels):
        n = len(vals)
        return n, tuple(pct(sum(1 for v in vals if v == lab), n) for lab in labels)

    sex = [b["koen"] for b in recv if b["koen"]]
    check("køn n, Mand/Kvinde pct", shares(sex, ("Mand", "Kvinde")), (36, (75, 25)))
    ages = [int(b["alder"]) for b in recv if b["alder"]]
    bands = ["Under 30 år" if a < 30 else "30-39 år" if a < 40 else "40-49 år" if a < 50
             else "50-59 år" if a < 60 else "Over 60 år" for a in ages]
    n, p = shares(bands, ("Under 30 år", "30-39 år", "40-49 år", "50-59 år", "Over 60 år"))
    check("alder n, <30/30-39/40-49/50-59/over 60 pct (sums to 101)", (n, p),
          (36, (6, 11, 11, 42, 31)))
    nat = [b["nationalitet"] for b in recv if b["nationalitet"]]
    check("nationalitet n, Dansk/Anden pct", shares(nat, ("Dansk", "Anden")), (38, (95, 5)))
    hous = [b["bolig"] for b in recv if b["bolig"]]
    check("bolig n, lejlighed/hus/landejendom/andet pct (sums to 101)",
          shares(hous, ("Egen lejlighed", "Hus", "Landejendom",
                        "Andet (fx kolonihavehus eller campingvogn)")),
          (40, (58, 30, 8, 5)))
    farm = {b["kommune"] for b in recv if b["bolig"] == "Landejendom"}
    flats = {b["kommune"] for b in recv if b["bolig"] == "Egen lejlighed"}
    check("farm properties in Næstved, flats in Aarhus and Viborg",
          (sorted(farm), sorted(flats)), (["Næstved"], ["Aarhus", "Viborg"]))

    # ------------------------------------------------------------ fidelity
    print("-- Fidelity rounds (Tabel 7-1 to 7-4, Figur 7-5, 7-13 and the text)")
    errs = []
    rounds = {1: [], 2: [], 3: []}
    for r in fid:
        rounds[int(r["runde"])].append(r)
        for q in FID_ITEMS:
            allowed = ("Ja", "Nej") if q == "q7" else FREQ if q == "q1" else DEGREE
            if r[q] not in allowed + ("",):
                errs.append("%s %s=%r" % (r["besvarelse_id"], q, r[q]))
    check("fidelitet.csv answers on the item's scale", "ok" if not errs else errs[:5], "ok")
    check("respondents per round (Runde 1: N=13, Runde 2 og 3: N=9)",
          tuple(len(rounds[i]) for i in (1, 2, 3)), (13, 9, 9))
    check("each respondent answers once per round",
          all(len({r["respondent_id"] for r in rounds[i]}) == len(rounds[i]) for i in rounds), True)

    def row(q, rnd_, labels=DEGREE):
        n, counts = dist([r[q] for r in rounds[rnd_]], labels)
        return n, counts, tuple(pct(c, n) for c in counts)

    printed = {
        ("Tabel 7-1 møder (q1)", "q1", FREQ): ((77, 23, 0, 0, 0), (78, 0, 0, 22, 0), (89, 0, 0, 11, 0)),
        ("Tabel 7-2 sparring (q3)", "q3", DEGREE): ((38, 31, 31, 0, 0), (33, 67, 0, 0, 0), (56, 44, 0, 0, 0)),
        ("Tabel 7-3 boligområder (q4a)", "q4a", DEGREE): ((62, 23, 8, 8, 0), (22, 78, 0, 0, 0), (56, 44, 0, 0, 0)),
        ("Tabel 7-3 besøgs- og opholdssteder (q4b)", "q4b", DEGREE): ((54, 31, 8, 8, 0), (11, 89, 0, 0, 0), (33, 56, 11, 0, 0)),
        ("Tabel 7-3 samarbejdspartnere (q4c)", "q4c", DEGREE): ((23, 69, 8, 0, 0), (11, 89, 0, 0, 0), (33, 67, 0, 0, 0)),
        ("Tabel 7-3 kommunikationskanaler (q4d)", "q4d", DEGREE): ((23, 46, 15, 8, 8), (0, 100, 0, 0, 0), (44, 56, 0, 0, 0)),
        ("Figur 7-5 budskaber (q6b)", "q6b", DEGREE): ((8, 62, 8, 23, 0), (22, 56, 0, 22, 0), (33, 44, 11, 11, 0)),
        ("Tabel 7-4 medier (q9a)", "q9a", DEGREE): ((0, 38, 0, 31, 31), (0, 78, 0, 22, 0), (0, 67, 0, 33, 0)),
        ("Tabel 7-4 andre informationskilder (q9b)", "q9b", DEGREE): ((31, 38, 8, 23, 0), (11, 89, 0, 0, 0), (25, 63, 0, 13, 0)),
        ("Figur 7-13 borgernes situation (q23a)", "q23a", DEGREE): ((38, 62, 0, 0, 0), (44, 56, 0, 0, 0), (78, 22, 0, 0, 0)),
    }
    for (label, q, labels), exp in printed.items():
        for i in (1, 2, 3):
            n, counts, p = row(q, i, labels)
            check("%s Runde %d pct (n=%d)" % (label, i, n), p, exp[i - 1])
    n3 = row("q9b", 3)[0]
    check("Tabel 7-4 andre informationskilder Runde 3 over n=8 valid (62,5 -> 63, 12,5 -> 13)",
          n3, 8)

    def top2(q, i):
        n, c, _ = row(q, i)
        return Fraction(c[0] + c[1], n)

    def bottom2(q, i):
        n, c, _ = row(q, i)
        return Fraction(c[3] + c[4], n)

    def ptxt(fr):
        return "%d %%" % pct(fr.numerator, fr.denominator)

    t = [top2(q, i) for q in ("q4a", "q4b") for i in (2, 3)]
    check("7-3 'mere end 9 ud af 10' høj/meget høj for boligområder and opholdssteder, rounds 2-3 pooled",
          ptxt(sum(t) / 4), ok=sum(t) / 4 > Fraction(9, 10))
    b = [bottom2("q2", i) for i in (1, 2, 3)]
    check("7-2 ledelse: 'relativt stor andel i mindre grad eller slet ikke' (>= 30 % each round)",
          ", ".join(ptxt(x) for x in b), ok=all(x >= Fraction(3, 10) for x in b))
    t = [top2("q5", i) for i in (1, 2, 3)]
    check("7-3 (q5) 'stort set alle' høj/meget høj (>= 90 % each round)",
          ", ".join(ptxt(x) for x in t), ok=all(x >= Fraction(9, 10) for x in t))
    modal = [max(DEGREE, key=lambda c: [r["q6a"] for r in rounds[i]].count(c)) for i in (1, 2, 3)]
    check("7-4 (q6a) 'i høj grad i hele projektperioden' (modal answer)", modal, ["I høj grad"] * 3)
    t = [top2("q6b", i) for i in (1, 2, 3)]
    check("7-5 (q6b) 'hovedparten' høj/meget høj, some 'i mindre grad'",
          ", ".join(ptxt(x) for x in t),
          ok=all(x > Fraction(1, 2) for x in t) and all(row("q6b", i)[1][3] > 0 for i in (1, 2, 3)))
    t = [top2("q6c", i) for i in (1, 2, 3)]
    check("(q6c) tool 'i høj grad anvendt' (>= 2/3 høj/meget høj)", ", ".join(ptxt(x) for x in t),
          ok=all(x >= Fraction(2, 3) for x in t))
    b = [bottom2("q6d", i) for i in (1, 2, 3)]
    check("7-6 (q6d) follow-up plan 'i mindre grad', especially rounds 1 and 3",
          ", ".join(ptxt(x) for x in b), ok=b[0] > b[1] and b[2] > b[1])
    ja = [Fraction(sum(1 for r in rounds[i] if r["q7"] == "Ja"), len(rounds[i])) for i in (1, 2, 3)]
    check("(q7) 'Hovedparten har revideret' the strategy", ", ".join(ptxt(x) for x in ja),
          ok=all(x > Fraction(1, 2) for x in ja))
    t = [top2("q8", i) for i in (1, 2, 3)]
    check("7-7 (q8) 'i overvejende grad' positive", ", ".join(ptxt(x) for x in t),
          ok=all(x > Fraction(1, 2) for x in t))
    t = [top2("q9a", i) for i in (1, 2, 3)]
    check("7-4 media use rose from round 1 to 2 and fell from 2 to 3",
          ", ".join(ptxt(x) for x in t), ok=t[0] < t[1] > t[2])
    t = [top2("q11", i) for i in (1, 2)]
    check("7-10 (q11) everyone høj/meget høj in rounds 1 and 2", ", ".join(ptxt(x) for x in t),
          ok=all(x == 1 for x in t))
    t = [top2("q12", i) for i in (1, 2, 3)]
    check("7-11 (q12) rising, round 3 'ca. 9 ud af 10'", ", ".join(ptxt(x) for x in t),
          ok=t[0] < t[1] < t[2] and pct(t[2].numerator, t[2].denominator) in (88, 89, 90))
    t = top2("q13", 3)
    check("7-12 (q13) round 3 'knap 7 ud af 10'", ptxt(t), ok=Fraction(6, 10) < t < Fraction(7, 10))
    t = [top2("q14", i) for i in (1, 2, 3)]
    check("(q14) direct outreach from the mapping: high", ", ".join(ptxt(x) for x in t),
          ok=all(x >= Fraction(85, 100) for x in t))
    mi = [Fraction(row("q15", i)[1][3], row("q15", i)[0]) for i in (1, 2, 3)]
    check("7-8 (q15) a plan in all cases (no 'Slet ikke'); fewer 'i mindre grad' over time",
          ", ".join(ptxt(x) for x in mi),
          ok=mi[0] > mi[1] > mi[2] and all(row("q15", i)[1][4] == 0 for i in (1, 2, 3)))
    t = [top2("q16", i) for i in (1, 2, 3)]
    check("7-9 (q16) mostly yes, a small share 'i mindre grad'", ", ".join(ptxt(x) for x in t),
          ok=all(x >= Fraction(8, 10) and row("q16", i)[1][3] > 0 for i, x in zip((1, 2, 3), t)))
    hi = [r["q17"] for i in (1, 2, 3) for r in rounds[i] if r["q17"]]
    share = Fraction(sum(1 for v in hi if v in DEGREE[:2]), len(hi))
    check("7-17 (q17) 'kun hver tredje' say høj grad (all rounds; nobody 'meget høj')",
          ptxt(share), ok=Fraction(3, 10) <= share <= Fraction(36, 100) and "I meget høj grad" not in hi)
    for q in ("q18", "q19", "q23d", "q23e", "q23f", "q23g"):
        t = [top2(q, i) for i in (1, 2, 3)]
        check("(%s) all høj/meget høj in every round" % q, ", ".join(ptxt(x) for x in t),
              ok=all(x == 1 for x in t))
    b = [bottom2("q20", i) for i in (1, 2, 3)]
    check("7-16 (q20) 'i mindre grad', especially early", ", ".join(ptxt(x) for x in b),
          ok=b[0] > b[1] > b[2])
    t = [top2("q23b", i) for i in (2, 3)]
    check("7-14 (q23b) everyone høj/meget høj in rounds 2 and 3", ", ".join(ptxt(x) for x in t),
          ok=all(x == 1 for x in t))
    check("7-15 (q23c) round 1: 31 % 'i mindre grad eller slet ikke'", ptxt(bottom2("q23c", 1)), "31 %")
    lower = all(top2("q23c", i) < min(top2(q, i) for q in ("q23a", "q23b", "q23d", "q23e", "q23f", "q23g"))
                for i in (2, 3))
    check("7-15 (q23c) rounds 2-3 lower than the other recovery items", lower, True)

    # ------------------------------------------------------------ Recovery-stjernen
    print("-- Recovery-stjernen (Figur 8-5 to 8-13)")
    recv_ids = {b["borger_id"] for b in recv}
    errs = []
    meas = {}
    for r in rec:
        if r["borger_id"] not in recv_ids:
            errs.append("%s not in the intervention" % r["maaling_id"])
        if r["maaling"] not in ("Førmåling", "Eftermåling"):
            errs.append("%s maaling" % r["maaling_id"])
        for x in DIMS:
            if r[x] and not (r[x].isdigit() and 1 <= int(r[x]) <= 10):
                errs.append("%s %s=%r" % (r["maaling_id"], x, r[x]))
        key = (r["borger_id"], r["maaling"])
        if key in meas:
            errs.append("%s second %s" % key)
        meas[key] = dict(r, _date=parse_date(r["dato"]))
    check("recovery.csv values valid (1-10, one før and one efter at most)",
          "ok" if not errs else errs[:5], "ok")
    tb = {r["borger_id"]: r for r in tid_b}
    before = {b for b, m in meas if m == "Førmåling"}
    after = {b for b, m in meas if m == "Eftermåling"}
    check("citizens with a før / efter measurement", (len(before), len(after)), (35, 26))
    check("efter only together with før", after <= before, True)
    check("no Recovery data for seven of the 42", len(recv_ids - before), 7)
    only = before - after
    still = sum(1 for b in only if not tb[b]["indsats_slut"])
    check("baseline-only citizens mostly still in the intervention",
          "%d of %d" % (still, len(only)), ok=still * 2 > len(only))
    errs = []
    for b in after:
        if meas[(b, "Eftermåling")]["dato"] != tb[b]["indsats_slut"]:
            errs.append(b)
        if meas[(b, "Førmåling")]["_date"] >= meas[(b, "Eftermåling")]["_date"]:
            errs.append(b)
    for b in before:
        if meas[(b, "Førmåling")]["_date"] < parse_date(tb[b]["indsats_start"]):
            errs.append(b)
    check("før after the start; efter on the end date of the intervention",
          "ok" if not errs else errs[:5], "ok")

    N = {"psykisk_velbefindende": 26, "fysisk_sundhed": 25, "hverdagsaktiviteter": 25,
         "socialt_netvaerk": 25, "arbejde_uddannelse": 17, "relationer": 18,
         "alkohol_stoffer": 17, "ansvar_forpligtelse": 18, "identitet_selvvaerd": 17,
         "tillid_haab": 25}
    N_PRINTED = {"relationer": 17, "ansvar_forpligtelse": 17, "identitet_selvvaerd": 16}
    SHARES = {  # Figur 8-6 to 8-13: positive / none / negative pct
        "psykisk_velbefindende": (50, 42, 8), "fysisk_sundhed": (40, 48, 12),
        "hverdagsaktiviteter": (52, 36, 12), "socialt_netvaerk": (52, 44, 4),
        "relationer": (56, 33, 11), "ansvar_forpligtelse": (22, 67, 11),
        "identitet_selvvaerd": (41, 53, 6), "tillid_haab": (36, 60, 4),
    }
    # printed mean positive / negative change, and the value the data carry
    # where the printed one cannot be reached with whole-number scores
    MEANS = {
        "psykisk_velbefindende": (("2,2", "2,2"), ("-1,7", "-1,5")),
        "fysisk_sundhed": (("1,7", "1,7"), ("-4,2", "-4,3")),
        "hverdagsaktiviteter": (("1,5", "1,5"), ("-5,0", "-5,0")),
        "socialt_netvaerk": (("1,9", "1,9"), ("-2,0", "-2,0")),
        "relationer": (("1,7", "1,7"), ("-4,3", "-4,5")),
        "ansvar_forpligtelse": (("2,0", "2,0"), ("-3,3", "-3,5")),
        "identitet_selvvaerd": (("2,1", "2,1"), ("-2,0", "-2,0")),
        "tillid_haab": (("2,5", "2,4"), ("-1,0", "-1,0")),
    }
    SIGNIFICANT = {"psykisk_velbefindende", "socialt_netvaerk", "tillid_haab",
                   "identitet_selvvaerd"}
    pairs = {}
    for x in DIMS:
        pl = []
        for b in sorted(after):
            f, e = meas[(b, "Førmåling")][x], meas[(b, "Eftermåling")][x]
            if f and e:
                pl.append((b, int(f), int(e)))
        pairs[x] = pl
    for x in DIMS:
        pl = pairs[x]
        deltas = [e - f for _, f, e in pl]
        lab = x
        if x in N_PRINTED:
            lab += " (Figur 8-5 note prints n=%d; the shares need %d)" % (N_PRINTED[x], N[x])
        check("pairs %s" % lab, len(pl), N[x])
        pos = [d for d in deltas if d > 0]
        neg = [d for d in deltas if d < 0]
        zero = [d for d in deltas if d == 0]
        n = len(deltas)
        if x in SHARES:
            check("  %s positive/none/negative pct" % x,
                  (pct(len(pos), n), pct(len(zero), n), pct(len(neg), n)), SHARES[x])
            (pp, pc), (np_, nc) = MEANS[x]
            gp, gn = dk1(Fraction(sum(pos), len(pos))), dk1(Fraction(sum(neg), len(neg)))
            check("  %s mean positive change (printed %s)" % (x, pp), gp, pc)
            check("  %s mean negative change (printed %s)" % (x, np_), gn, nc)
        else:
            check("  %s 'ingen mærkbare ændringer' (>= 80 %% unchanged)" % x,
                  "%d %% unchanged" % pct(len(zero), n), ok=len(zero) * 5 >= n * 4)
        p_t = paired_t_p(deltas)
        sig = x in SIGNIFICANT
        check("  %s %s at 5 %% (paired t-test, p=%.4f)" % (
            x, "significant" if sig else "not significant", p_t), p_t < 0.05, sig)
        info("  %s Wilcoxon signed-rank p, normal approx. / exact" % x,
             "%.4f / %.4f" % (wilcoxon_p(deltas), wilcoxon_exact_p(deltas)))
        mb = Fraction(sum(f for _, f, _ in pl), n)
        ma = Fraction(sum(e for _, _, e in pl), n)
        info("  %s Figur 8-5 means før / efter" % x, "%s / %s" % (dk1(mb), dk1(ma)))
    d = [e - f for _, f, e in pairs["hverdagsaktiviteter"]]
    check("hverdagsaktiviteter overall mean change 0,2", dk1(Fraction(sum(d), len(d))), "0,2")
    neg_base = [f for _, f, e in pairs["hverdagsaktiviteter"] if e < f]
    check("hverdagsaktiviteter: the worse had very high baselines (9-10)", neg_base,
          ok=all(f >= 9 for f in neg_base))
    for x in ("psykisk_velbefindende", "identitet_selvvaerd", "tillid_haab"):
        up = [f for _, f, e in pairs[x] if e > f]
        other = [f for _, f, e in pairs[x] if e <= f]
        check("%s: improvers had lower baselines" % x,
              "%s vs %s" % (dk1(Fraction(sum(up), len(up))), dk1(Fraction(sum(other), len(other)))),
              ok=max(up) <= min(other))
    low = [b for b in after if meas[(b, "Førmåling")]["fysisk_sundhed"]
           and int(meas[(b, "Førmåling")]["fysisk_sundhed"]) <= 3]
    check("fysisk sundhed: 81 % of the 26 with a follow-up had a very low baseline (1-3)",
          "%d %% (%d of %d)" % (pct(len(low), len(after)), len(low), len(after)), ok=pct(len(low), len(after)) == 81)

    # ------------------------------------------------------------ short-term form
    print("-- Kontaktskabelse og relationsarbejde (Figur 8-2 to 8-4)")
    errs = []
    for s in short:
        b = s["borger_id"]
        if b not in tb or s["dato"] != tb[b]["indsats_slut"]:
            errs.append(s["skema_id"])
        for x in SHORT:
            if s[x] not in ("I høj grad", "I mindre grad", "Slet ikke", ""):
                errs.append("%s %s" % (s["skema_id"], x))
    check("kortsigt.csv: filled in at the end of the intervention, 3 categories",
          "ok" if not errs else errs[:5], "ok")
    L3 = ("I høj grad", "I mindre grad", "Slet ikke")

    def sdist(x):
        n, c = dist([s[x] for s in short], L3)
        return n, c, tuple(pct(v, n) for v in c)

    n, c, p = sdist("afklaret")
    check("8-2 afklaret: høj 'over 50', mindre 22, slet ikke 'ligeså mange'", p,
          ok=p[0] > 50 and p[1] == 22 and p[2] == p[1])
    n, c, p = sdist("motivation_stoette")
    check("8-2 motivation for støtte: 44 / 38 / 19", p, (44, 38, 19))
    pos = [Fraction(sdist(x)[1][0] + sdist(x)[1][1], sdist(x)[0])
           for x in ("afklaret", "motivation_stoette")]
    check("8-2 'ca. 80 procent' høj or mindre grad", ", ".join(ptxt(x) for x in pos),
          ok=all(Fraction(75, 100) <= x <= Fraction(85, 100) for x in pos))
    n, c, p = sdist("motivation_relationer")
    check("8-3 motivation for relationer: 'lidt over 30' / 46 / 'ca. 20'", p,
          ok=30 < p[0] <= 35 and p[1] == 46 and 18 <= p[2] <= 24)
    for x in ("tillid", "netvaerk"):
        n, c, p = sdist(x)
        check("8-3 %s: høj+mindre 'op mod 80' (box: 75-80), slet ikke 'resterende 20'" % x,
              (pct(c[0] + c[1], n), p[2]), ok=75 <= pct(c[0] + c[1], n) <= 80 and 20 <= p[2] <= 25)
    n, c, p = sdist("trivsel")
    check("8-4 trivsel: 'hovedparten' positive", p, ok=p[0] + p[1] > 50)
    slet = [{s["borger_id"] for s in short if s[x] == "Slet ikke"} for x in SHORT]
    check("the same citizens recur among 'Slet ikke'", len(set.union(*slet)), ok=len(set.union(*slet)) <= 4)

    # ------------------------------------------------------------ cost registration
    print("-- Cost registration (§2.6)")
    errs = []
    if sorted(tb) != sorted(recv_ids):
        errs.append("tid_borger is not one row per citizen with the intervention")
    unit = {"Aarhus": Fraction(1, 4), "Viborg": Fraction(1, 2), "Næstved": Fraction(1)}
    for r in tid_b:
        b = cit[r["borger_id"]]
        s = parse_date(r["indsats_start"])
        if s < b["_date"] or (r["indsats_slut"] and parse_date(r["indsats_slut"]) > END):
            errs.append("%s dates" % r["borger_id"])
        if r["fase_ved_projektslut"] not in ("1", "2", "3"):
            errs.append("%s fase" % r["borger_id"])
        for c in HEADERS["tid_borger.csv"][3:7]:
            if num(r[c]) % unit[b["kommune"]]:
                errs.append("%s %s not in the municipality's time unit" % (r["borger_id"], c))
    keys = set()
    for r in tid_p:
        d = parse_date(r["maaned"])
        keys.add((r["kommune"], d, r["medarbejdertype"]))
        if d.day != 1 or not START <= d <= END or r["medarbejdertype"] not in ("Projektmedarbejder", "Leder"):
            errs.append("%s %s" % (r["kommune"], r["maaned"]))
        for c in HEADERS["tid_projekt.csv"][3:7]:
            if num(r[c]) % unit[r["kommune"]]:
                errs.append("%s %s %s unit" % (r["kommune"], r["maaned"], c))
        for c in ("materialer_kr", "oevrige_kr"):
            if r[c]:
                num(r[c])
    check("cost forms valid (42 citizens; time units ¼ h Aarhus, ½ h Viborg, 1 h Næstved)",
          "ok" if not errs else errs[:5], "ok")
    check("tid_projekt: one row per municipality, month 2014-2015 and staff type",
          (len(tid_p), len(keys)), (144, 144))
    for k in KOMMUNER:
        tot = sum(num(r[c]) for r in tid_p if r["kommune"] == k for c in HEADERS["tid_projekt.csv"][3:7])
        totb = sum(num(r[c]) for r in tid_b if cit[r["borger_id"]]["kommune"] == k
                   for c in HEADERS["tid_borger.csv"][3:7])
        info("%s hours project level / citizen level (synthetic)" % k, "%.1f / %.1f" % (tot, totb))

    n_fail = RESULTS.count(False)
    print("== %d checks, %d failed" % (len(RESULTS), n_fail))
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())

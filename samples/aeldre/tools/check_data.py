#!/usr/bin/env python3
"""Independent checker for the synthetic "aeldre" sample dataset.

Reads samples/aeldre/data/*.csv, validates the file format, and recomputes
every published figure the dataset is meant to reproduce (SBST evaluation of
"Samarbejdsmodellen til aeldre i udsatte positioner").  The rules are written
from the domain notes (seed-004, sections 2.2, 2.3, 3, 4.1-4.6, 4.10), not
taken from make_data.py.

Prints one PASS/FAIL line per check; exits 1 if any check fails.
Standard library only.
"""

import calendar
import csv
import datetime
import io
import os
import re
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

FIRST_DAY = datetime.date(2022, 2, 1)
LAST_START = datetime.date(2024, 8, 31)
CUTOFF = datetime.date(2024, 10, 31)
FORM_INTRO = datetime.date(2023, 1, 1)

KOMMUNER = ("Hvidovre", "Vejen", "Odder")
REASONS_OTHER = ("Kognitivt for svækket", "Misbrug",
                 "Kan ikke overskue forløbet", "Ikke i målgruppen",
                 "Flyttet til anden kommune", "Langvarigt indlagt", "Død")
REASON_DONE = "Gennemført"
REASON_QUIT = "Ønsker ikke længere at deltage"
LIKERT = ("Helt uenig", "Delvist uenig", "Hverken enig eller uenig",
          "Delvist enig", "Helt enig")
VED_IKKE = "Ved ikke"
KOORD = "Koordinatormøde"
NET = "Tværfagligt netværksmøde"
JDN = ("Ja", "Delvist", "Nej")

HEADERS = {
    "borgere.csv": ["borger_id", "kommune", "startdato", "slutdato", "status",
                    "afslutningsaarsag", "koen", "alder", "registerdata"],
    "spoergeskema.csv": (["besvarelse_id", "borger_id", "dato", "maaling"]
                         + ["who5_%d" % i for i in range(1, 6)]
                         + ["inspire_o_%d" % i for i in range(1, 6)]
                         + ["inspire_%d" % i for i in range(1, 6)]
                         + ["lyttet", "aftaler", "samarbejde"]),
    "moeder.csv": ["moede_id", "borger_id", "dato", "type", "varighed_timer",
                   "dagsorden", "inviterede", "maal_aftaleskema",
                   "opfoelgning"],
    "opstart.csv": ["borger_id", "netvaerkskortlaegning",
                    "indsatskortlaegning"],
}

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


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def rnd(fr):
    """Round half away from zero (Fraction -> int)."""
    fr = Fraction(fr)
    if fr < 0:
        return -rnd(-fr)
    return int(fr + Fraction(1, 2))


def rnd1(fr):
    """Round half away from zero to one decimal, returned as a string."""
    v = rnd(Fraction(fr) * 10)
    sign = "-" if v < 0 else ""
    v = abs(v)
    return "%s%d.%d" % (sign, v // 10, v % 10)


def pct(n, d):
    return rnd(Fraction(100 * n, d))


def parse_date(s):
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", s)
    if not m:
        raise ValueError("bad date %r" % s)
    return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


def plus_months(d, n):
    y = d.year + (d.month - 1 + n) // 12
    m = (d.month - 1 + n) % 12 + 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def parse_hours(s):
    if not re.fullmatch(r"\d+(,\d+)?", s):
        raise ValueError("bad hours %r" % s)
    return Fraction(s.replace(",", "."))


def read(name):
    path = os.path.join(DATA_DIR, name)
    with open(path, "rb") as f:
        raw = f.read()
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("BOM")
    if b"\r" in raw:
        problems.append("CR characters")
    if not raw.endswith(b"\n"):
        problems.append("no final newline")
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";",
                           quotechar='"'))
    header, body = rows[0], rows[1:]
    if header != HEADERS[name]:
        problems.append("header %r" % header)
    bad = [i for i, r in enumerate(body) if len(r) != len(header)]
    if bad:
        problems.append("rows with wrong field count: %r" % bad[:5])
    check("format %s (utf-8, no BOM, \\n, header, %d fields)"
          % (name, len(HEADERS[name])),
          "ok" if not problems else "; ".join(problems), "ok")
    return [dict(zip(header, r)) for r in body]


def category(delta):
    if delta >= 10:
        return "fremgang"
    if delta <= -10:
        return "tilbagegang"
    return "status quo"


def mean(values):
    return Fraction(sum(values), len(values))


# ---------------------------------------------------------------------------
def main():
    borgere = read("borgere.csv")
    spg = read("spoergeskema.csv")
    moeder = read("moeder.csv")
    opstart = read("opstart.csv")

    # ------------------------------------------------------------------
    # borgere
    # ------------------------------------------------------------------
    errs = []
    ids = [b["borger_id"] for b in borgere]
    if sorted(ids) != ["B%03d" % i for i in range(1, 81)]:
        errs.append("borger_id set is not B001..B080")
    cit = {}
    for b in borgere:
        bid = b["borger_id"]
        try:
            start = parse_date(b["startdato"])
            end = parse_date(b["slutdato"]) if b["slutdato"] else None
        except ValueError as exc:
            errs.append("%s: %s" % (bid, exc))
            continue
        if b["kommune"] not in KOMMUNER:
            errs.append("%s kommune" % bid)
        if not FIRST_DAY <= start <= LAST_START:
            errs.append("%s startdato out of range" % bid)
        if b["status"] == "Igangværende":
            if end is not None or b["afslutningsaarsag"]:
                errs.append("%s ongoing with end/reason" % bid)
        elif b["status"] == "Afsluttet":
            if end is None or not start < end <= CUTOFF:
                errs.append("%s bad slutdato" % bid)
            if b["afslutningsaarsag"] not in \
                    ("", REASON_DONE, REASON_QUIT) + REASONS_OTHER:
                errs.append("%s reason %r" % (bid, b["afslutningsaarsag"]))
        else:
            errs.append("%s status %r" % (bid, b["status"]))
        if b["koen"] not in ("Kvinde", "Mand"):
            errs.append("%s koen" % bid)
        if not re.fullmatch(r"\d+", b["alder"]):
            errs.append("%s alder" % bid)
        else:
            age = int(b["alder"])
            if not 48 <= age <= 85 or (age <= 50 and age not in (49, 50)):
                errs.append("%s alder %d" % (bid, age))
        if b["registerdata"] not in ("Ja", "Nej"):
            errs.append("%s registerdata" % bid)
        cit[bid] = dict(row=b, start=start, end=end)
    check("borgere.csv field values valid", "ok" if not errs else errs[:5],
          "ok")

    # ------------------------------------------------------------------
    # spoergeskema
    # ------------------------------------------------------------------
    errs = []
    blank_item_rows = []
    q_by = {}
    prev_key = None
    for i, q in enumerate(spg):
        if q["besvarelse_id"] != "S%04d" % (i + 1):
            errs.append("id %s at position %d" % (q["besvarelse_id"], i + 1))
        bid = q["borger_id"]
        if bid not in cit:
            errs.append("%s unknown citizen" % q["besvarelse_id"])
            continue
        d = parse_date(q["dato"])
        if prev_key is not None and d < prev_key:
            errs.append("%s not in date order" % q["besvarelse_id"])
        prev_key = d
        c = cit[bid]
        if d < c["start"] or d > (c["end"] or CUTOFF):
            errs.append("%s date outside course" % q["besvarelse_id"])
        if q["maaling"] not in ("Opstart", "Opfølgning"):
            errs.append("%s maaling" % q["besvarelse_id"])
        who = [q["who5_%d" % k] for k in range(1, 6)]
        io_ = [q["inspire_o_%d" % k] for k in range(1, 6)]
        sup = [q["inspire_%d" % k] for k in range(1, 6)]
        for v in who:
            if v != "" and v not in "012345":
                errs.append("%s who5 code %r" % (q["besvarelse_id"], v))
        if "" in who:
            blank_item_rows.append(q["besvarelse_id"])
        for v in io_:
            if v not in ("1", "2", "3", "4", "5"):
                errs.append("%s inspire_o code %r" % (q["besvarelse_id"], v))
        if any(sup) and not all(v in ("1", "2", "3", "4", "5") for v in sup):
            errs.append("%s inspire partly filled" % q["besvarelse_id"])
        for item in ("lyttet", "aftaler", "samarbejde"):
            if q[item] not in LIKERT + (VED_IKKE,):
                errs.append("%s %s label %r"
                            % (q["besvarelse_id"], item, q[item]))
        who5 = None if "" in who else 4 * sum(int(v) for v in who)
        inspire_o = 5 * (sum(int(v) for v in io_) - 5) \
            if all(v in ("1", "2", "3", "4", "5") for v in io_) else None
        inspire = 5 * (sum(int(v) for v in sup) - 5) if all(sup) else None
        q_by.setdefault(bid, []).append(dict(
            date=d, maaling=q["maaling"], who5=who5, inspire_o=inspire_o,
            inspire=inspire, lyttet=q["lyttet"], aftaler=q["aftaler"],
            samarbejde=q["samarbejde"], id=q["besvarelse_id"]))
    for bid, qs in q_by.items():
        qs.sort(key=lambda x: x["date"])
        dates = [x["date"] for x in qs]
        if len(set(dates)) != len(dates):
            errs.append("%s two questionnaires on one date" % bid)
        n_op = sum(1 for x in qs if x["maaling"] == "Opstart")
        if n_op > 1 or (n_op == 1 and qs[0]["maaling"] != "Opstart"):
            errs.append("%s Opstart not unique/earliest" % bid)
    check("spoergeskema.csv field values valid",
          "ok" if not errs else errs[:5], "ok")

    # ------------------------------------------------------------------
    # moeder
    # ------------------------------------------------------------------
    errs = []
    koord_by = {}
    net_by = {}
    nets = []
    prev = None
    for i, m in enumerate(moeder):
        mid = m["moede_id"]
        if mid != "M%04d" % (i + 1):
            errs.append("id %s at position %d" % (mid, i + 1))
        bid = m["borger_id"]
        if bid not in cit:
            errs.append("%s unknown citizen" % mid)
            continue
        d = parse_date(m["dato"])
        if prev is not None and d < prev:
            errs.append("%s not in date order" % mid)
        prev = d
        c = cit[bid]
        if d < c["start"] or d > (c["end"] or CUTOFF):
            errs.append("%s date outside course" % mid)
        try:
            h = parse_hours(m["varighed_timer"])
        except ValueError as exc:
            errs.append("%s %s" % (mid, exc))
            h = None
        items = [m["dagsorden"], m["inviterede"], m["maal_aftaleskema"],
                 m["opfoelgning"]]
        if m["type"] == KOORD:
            if h is not None and not Fraction(1, 2) <= h <= 2:
                errs.append("%s koordinatormøde hours %s" % (mid, h))
            if any(items):
                errs.append("%s items on a koordinatormøde" % mid)
            koord_by.setdefault(bid, []).append(d)
        elif m["type"] == NET:
            if h is not None and not 1 <= h <= Fraction(5, 2):
                errs.append("%s netværksmøde hours %s" % (mid, h))
            if any(v not in ("",) + JDN for v in items):
                errs.append("%s item value" % mid)
            if d < FORM_INTRO and (items[2] or items[3]):
                errs.append("%s pilot items filled before 2023" % mid)
            net_by.setdefault(bid, []).append(d)
            nets.append(dict(date=d, borger=bid, dagsorden=items[0],
                             inviterede=items[1], maal=items[2],
                             opf=items[3]))
        else:
            errs.append("%s type %r" % (mid, m["type"]))
    check("moeder.csv field values valid", "ok" if not errs else errs[:5],
          "ok")

    # ------------------------------------------------------------------
    # opstart
    # ------------------------------------------------------------------
    errs = []
    op_ids = [o["borger_id"] for o in opstart]
    if len(set(op_ids)) != len(op_ids) or not set(op_ids) <= set(cit):
        errs.append("duplicate or unknown borger_id")
    for o in opstart:
        for col in ("netvaerkskortlaegning", "indsatskortlaegning"):
            if o[col] not in ("", "Ja", "Nej"):
                errs.append("%s %s" % (o["borger_id"], col))
    missing = sorted(set(cit) - set(op_ids))
    for bid in missing:
        c = cit[bid]
        if c["row"]["status"] != "Igangværende" or \
                c["start"] < datetime.date(2024, 6, 1):
            errs.append("%s without start registration is not a late, "
                        "ongoing starter" % bid)
    check("opstart.csv field values valid", "ok" if not errs else errs, "ok")

    # ------------------------------------------------------------------
    # Course status (Tabel 10.5, Figur 4.1)
    # ------------------------------------------------------------------
    print("-- Course status (Tabel 10.5, Figur 4.1)")
    status = [b["status"] for b in borgere]
    closed = [b for b in borgere if b["status"] == "Afsluttet"]
    check("citizens registered", len(borgere), 80)
    check("Igangværende", status.count("Igangværende"), 29)
    check("Afsluttet", len(closed), 51)
    n_done = sum(1 for b in closed if b["afslutningsaarsag"] == REASON_DONE)
    check("Gennemført", n_done, 19)
    check("Gennemført pct of closed", pct(n_done, len(closed)), 37)
    check("Ønsker ikke længere at deltage",
          sum(1 for b in closed if b["afslutningsaarsag"] == REASON_QUIT), 7)
    check("closed without reason",
          sum(1 for b in closed if b["afslutningsaarsag"] == ""), 5)
    n_other = sum(1 for b in closed if b["afslutningsaarsag"] in REASONS_OTHER)
    check("closed for other reasons", n_other, 20)
    check("other reasons used (distinct)",
          len({b["afslutningsaarsag"] for b in closed
               if b["afslutningsaarsag"] in REASONS_OTHER}), 7)

    # ------------------------------------------------------------------
    # Register data (Figur 10.1, Tabel 10.1)
    # ------------------------------------------------------------------
    print("-- Register population (Figur 10.1, Tabel 10.1)")
    reg = [b for b in borgere if b["registerdata"] == "Ja"]
    check("in register (N)", len(reg), 64)
    nk = sum(1 for b in reg if b["koen"] == "Kvinde")
    nm = sum(1 for b in reg if b["koen"] == "Mand")
    check("Kvinde / Mand", (nk, nm), (34, 30))
    check("Kvinde / Mand pct", (pct(nk, len(reg)), pct(nm, len(reg))),
          (53, 47))
    ages = [int(b["alder"]) for b in reg]
    bands = (sum(1 for a in ages if a <= 50),
             sum(1 for a in ages if 51 <= a <= 60),
             sum(1 for a in ages if 61 <= a <= 70),
             sum(1 for a in ages if a >= 71))
    check("age bands <=50/51-60/61-70/>=71", bands, (5, 39, 14, 6))
    check("age band pct", tuple(pct(x, len(reg)) for x in bands),
          (8, 61, 22, 9))

    # ------------------------------------------------------------------
    # Outcome-analysis inclusion (section 4.10)
    # ------------------------------------------------------------------
    print("-- Inclusion funnel (10.8.2, 4.10)")
    has_opstart = []
    step1 = []
    reasons2 = {"k>5": [], "net before": [], "no net between": []}
    analysed = []
    for bid in sorted(cit):
        qs = q_by.get(bid, [])
        if not any(x["maaling"] == "Opstart" for x in qs):
            continue
        has_opstart.append(bid)
        first, latest = qs[0]["date"], qs[-1]["date"]
        if len(qs) < 2 or latest < plus_months(first, 3):
            continue
        step1.append(bid)
        kb = sum(1 for d in koord_by.get(bid, []) if d < first)
        nb = sum(1 for d in net_by.get(bid, []) if d < first)
        nbetw = sum(1 for d in net_by.get(bid, []) if first < d <= latest)
        if kb > 5:
            reasons2["k>5"].append(bid)
        elif nb > 0:
            reasons2["net before"].append(bid)
        elif nbetw == 0:
            reasons2["no net between"].append(bid)
        else:
            analysed.append(bid)
    check("citizens with an Opstart questionnaire", len(has_opstart), 60)
    check("excluded: no Opstart questionnaire", 80 - len(has_opstart), 20)
    no_op_followups = sum(1 for bid in cit if bid not in has_opstart
                          and q_by.get(bid))
    check("  of which with follow-ups only (>0, <20)", no_op_followups,
          ok=0 < no_op_followups < 20)
    check("excluded: Opstart but <2 answers or <3 months",
          len(has_opstart) - len(step1), 17)
    check("step 1: 80 -> 43 (37 excluded)", (len(step1), 80 - len(step1)),
          (43, 37))
    n9 = sum(len(v) for v in reasons2.values())
    check("step 2: excluded for validity", n9, 9)
    info("  validity reasons", {k: len(v) for k, v in reasons2.items()})
    check("  every validity reason occurs",
          all(len(v) > 0 for v in reasons2.values()), True)
    check("analysed (34)", len(analysed), 34)
    per_kom = {k: sum(1 for bid in analysed
                      if cit[bid]["row"]["kommune"] == k) for k in KOMMUNER}
    all_kom = {k: sum(1 for b in borgere if b["kommune"] == k)
               for k in KOMMUNER}
    info("municipality split (all citizens)", all_kom)
    info("municipality split (analysed)", per_kom)
    check("every municipality >= 5 analysed",
          min(per_kom.values()) >= 5, True)

    kb = {bid: sum(1 for d in koord_by.get(bid, [])
                   if d < q_by[bid][0]["date"]) for bid in analysed}
    tot = sum(kb.values())
    check("mean koordinatormøder before first (34)",
          "%s (total %d)" % (rnd1(Fraction(tot, len(analysed))), tot),
          ok=rnd1(Fraction(tot, len(analysed))) == "1.1")
    support = [bid for bid in analysed if kb[bid] >= 1]
    check("analysed with >=1 koordinatormøde before first", len(support), 28)

    # Brief INSPIRE asked only if met coordinator before first questionnaire
    errs = []
    for bid, qs in q_by.items():
        met = sum(1 for d in koord_by.get(bid, []) if d < qs[0]["date"]) >= 1
        for x in qs:
            if (x["inspire"] is not None) != met:
                errs.append(x["id"])
    check("Brief INSPIRE filled iff koordinatormøde before first "
          "questionnaire", "ok" if not errs else errs[:5], "ok")

    # edge cases the dataset is meant to exercise
    def first_latest(bid):
        return q_by[bid][0]["date"], q_by[bid][-1]["date"]

    exact = [bid for bid in analysed
             if first_latest(bid)[1] == plus_months(first_latest(bid)[0], 3)]
    check("edge: analysed citizen with latest exactly 3 months after first",
          exact, ok=len(exact) >= 1)
    clamp = [bid for bid in step1
             if first_latest(bid)[1] == plus_months(first_latest(bid)[0], 3)
             and plus_months(first_latest(bid)[0], 3).day
             != first_latest(bid)[0].day]
    check("edge: passes step 1 only via month-end clamping", clamp,
          ok=len(clamp) >= 1)
    short = [bid for bid in has_opstart if bid not in step1
             and len(q_by[bid]) >= 2
             and (first_latest(bid)[1] - first_latest(bid)[0]).days >= 90]
    check("edge: fails step 1 although >= 90 days apart", short,
          ok=len(short) >= 1)
    two_2m = [bid for bid in has_opstart if bid not in step1
              and len(q_by[bid]) == 2
              and 55 <= (first_latest(bid)[1] - first_latest(bid)[0]).days
              <= 65]
    check("edge: exactly 2 questionnaires about 2 months apart (fail)",
          len(two_2m), ok=len(two_2m) >= 3)
    only1 = [bid for bid in has_opstart if len(q_by[bid]) == 1]
    check("edge: Opstart only (1 questionnaire)", len(only1),
          ok=len(only1) >= 1)
    k5 = [bid for bid in analysed if kb[bid] == 5
          and q_by[bid][0]["date"] in koord_by.get(bid, [])]
    check("edge: analysed with exactly 5 meetings before + one on first date",
          k5, ok=len(k5) >= 1)
    k0 = [bid for bid in analysed if kb[bid] == 0
          and q_by[bid][0]["date"] in koord_by.get(bid, [])]
    check("edge: analysed, no meeting before but one on first date "
          "(no Brief INSPIRE)", len(k0), ok=len(k0) >= 1)
    net_first = [bid for bid in step1
                 if q_by[bid][0]["date"] in net_by.get(bid, [])]
    check("edge: network meeting on the first-questionnaire date",
          net_first, ok=len(net_first) >= 1)
    net_last = [bid for bid in analysed
                if q_by[bid][-1]["date"] in net_by.get(bid, [])
                and sum(1 for d in net_by[bid]
                        if first_latest(bid)[0] < d
                        < first_latest(bid)[1]) == 0]
    check("edge: analysed only via a network meeting on the latest date",
          net_last, ok=len(net_last) >= 1)
    fu_only = [bid for bid in cit if bid not in has_opstart
               and len(q_by.get(bid, [])) >= 2
               and first_latest(bid)[1] >= plus_months(first_latest(bid)[0],
                                                       3)]
    check("edge: follow-ups only, >= 2 answers >= 3 months apart (excluded)",
          len(fu_only), ok=len(fu_only) >= 1)

    # questionnaires with a missing WHO-5 item
    blank_owner = [next(q["borger_id"] for q in spg
                        if q["besvarelse_id"] == sid)
                   for sid in blank_item_rows]
    check("questionnaires with a blank WHO-5 item (non-analysed only)",
          len(blank_item_rows),
          ok=len(blank_item_rows) == 2
          and not set(blank_owner) & set(step1))

    # ------------------------------------------------------------------
    # Figur 10.7: WHO-5 band at the Opstart questionnaire (all 60)
    # ------------------------------------------------------------------
    print("-- Figur 10.7 (WHO-5 at start, all Opstart questionnaires)")
    scores = [next(x["who5"] for x in q_by[bid] if x["maaling"] == "Opstart")
              for bid in has_opstart]
    valid = [s for s in scores if s is not None]
    b1 = sum(1 for s in valid if s <= 35)
    b2 = sum(1 for s in valid if 35 < s <= 50)
    b3 = sum(1 for s in valid if s > 50)
    check("N with a start WHO-5 score", len(valid), 60)
    check("<=35 / 36-50 / >50", (b1, b2, b3), (40, 12, 8))
    check("pct", (pct(b1, len(valid)), pct(b2, len(valid)),
                  pct(b3, len(valid))), (67, 20, 13))
    check("pct at risk (<=50) 'næsten 9 ud af 10'",
          pct(b1 + b2, len(valid)), ok=84 <= pct(b1 + b2, len(valid)) < 90)

    # ------------------------------------------------------------------
    # Paired first vs latest
    # ------------------------------------------------------------------
    def paired(key, ids, exp_means, exp_cats, label):
        print("-- %s (N=%d)" % (label, len(ids)))
        firsts, lasts = [], []
        for bid in ids:
            f = q_by[bid][0][key]
            l_ = q_by[bid][-1][key]
            if f is None or l_ is None:
                check("%s: %s has a score at first and latest" % (key, bid),
                      False, True)
                return
            firsts.append(f)
            lasts.append(l_)
        deltas = [b - a for a, b in zip(firsts, lasts)]
        mf, ml, md = mean(firsts), mean(lasts), mean(deltas)
        info("unrounded means first / latest / change",
             "%.3f / %.3f / %.3f" % (mf, ml, md))
        check("mean first, latest, change (rounded)",
              (rnd(mf), rnd(ml), rnd(md)), exp_means)
        cats = [category(d) for d in deltas]
        got = (cats.count("fremgang"), cats.count("status quo"),
               cats.count("tilbagegang"))
        check("fremgang / status quo / tilbagegang", got, exp_cats)
        check("  pct", tuple(pct(x, len(ids)) for x in got),
              tuple(pct(x, len(ids)) for x in exp_cats))
        info("range first / latest", "%d-%d / %d-%d"
             % (min(firsts), max(firsts), min(lasts), max(lasts)))
        info("zero changes / changes at exactly +-10..12",
             "%d / %d" % (deltas.count(0),
                          sum(1 for d in deltas if 10 <= abs(d) <= 12)))
        return firsts, lasts

    paired("who5", analysed, (23, 33, 10), (14, 17, 3),
           "WHO-5 (Figur 5.4, 5.5)")
    paired("inspire_o", analysed, (36, 43, 6), (18, 10, 6),
           "Brief INSPIRE-O (Figur 5.6, 5.7)")
    check("INSPIRE-O latest mean below normal-range threshold 50",
          rnd(mean([q_by[b][-1]["inspire_o"] for b in analysed])) < 50, True)
    paired("inspire", support, (42, 61, 19), (19, 5, 4),
           "Brief INSPIRE support (Figur 6.1, 6.2)")

    # ------------------------------------------------------------------
    # Likert items (Figur 5.1-5.3)
    # ------------------------------------------------------------------
    def likert(item, which):
        idx = 0 if which == "first" else -1
        vals = [q_by[bid][idx][item] for bid in analysed]
        vals = [v for v in vals if v != VED_IKKE]
        return len(vals), {c: vals.count(c) for c in LIKERT}

    print("-- Figur 5.1 lyttet")
    n, c = likert("lyttet", "first")
    n2, c2 = likert("lyttet", "latest")
    check("N_valid first / latest", (n, n2), (33, 33))
    check("first: Helt enig n, pct", (c["Helt enig"],
                                      pct(c["Helt enig"], n)), (7, 21))
    uen = c["Helt uenig"] + c["Delvist uenig"]
    check("first: Helt+Delvist uenig n, pct", (uen, pct(uen, n)), (12, 36))
    check("latest: Helt enig n, pct", (c2["Helt enig"],
                                       pct(c2["Helt enig"], n2)), (15, 45))
    uen2 = c2["Helt uenig"] + c2["Delvist uenig"]
    check("latest: Helt+Delvist uenig n, pct", (uen2, pct(uen2, n2)), (6, 18))
    print("-- Figur 5.2 aftaler")
    n, c = likert("aftaler", "first")
    n2, c2 = likert("aftaler", "latest")
    check("N_valid first / latest", (n, n2), (34, 34))
    check("Helt enig first / latest", (c["Helt enig"], c2["Helt enig"]),
          (10, 18))
    check("'knap en tredjedel' -> 'lidt over halvdelen'",
          "%d%% -> %d%%" % (pct(c["Helt enig"], n), pct(c2["Helt enig"], n2)),
          ok=Fraction(c["Helt enig"], n) < Fraction(1, 3)
          and Fraction(1, 2) < Fraction(c2["Helt enig"], n2) < Fraction(3, 5))
    print("-- Figur 5.3 samarbejde")
    n, c = likert("samarbejde", "first")
    n2, c2 = likert("samarbejde", "latest")
    en = c["Delvist enig"] + c["Helt enig"]
    en2 = c2["Delvist enig"] + c2["Helt enig"]
    check("N_valid first / latest", (n, n2), (34, 34))
    check("Delvist+Helt enig first / latest", (en, en2), (11, 22))
    check("'kun en tredjedel' -> 'knap to tredjedele'",
          "%d%% -> %d%%" % (pct(en, n), pct(en2, n2)),
          ok=pct(en, n) in (32, 33, 34)
          and Fraction(3, 5) < Fraction(en2, n2) < Fraction(2, 3))

    # ------------------------------------------------------------------
    # Figur 6.3 start registration
    # ------------------------------------------------------------------
    print("-- Figur 6.3 (start registration)")
    check("courses with a start registration (base)", len(opstart), 79)
    for col, blank, ja, valid, p in (
            ("netvaerkskortlaegning", 5, 63, 74, 85),
            ("indsatskortlaegning", 11, 56, 68, 82)):
        vals = [o[col] for o in opstart]
        nv = len(vals) - vals.count("")
        check("%s blank / Ja / valid" % col,
              (vals.count(""), vals.count("Ja"), nv), (blank, ja, valid))
        check("%s Ja pct" % col, pct(vals.count("Ja"), nv), p)

    # ------------------------------------------------------------------
    # Network meetings
    # ------------------------------------------------------------------
    print("-- Network meetings (6.2.2 footnote 3, Figur 6.4-6.7)")
    closed_ids = {b["borger_id"] for b in closed}
    per = [len(net_by[bid]) for bid in sorted(closed_ids) if bid in net_by]
    check("mean network meetings per closed course with >=1",
          "%s (%d meetings / %d courses)"
          % (rnd1(Fraction(sum(per), len(per))), sum(per), len(per)),
          ok=rnd1(Fraction(sum(per), len(per))) == "2.8")
    check("all analysed had >=1 network meeting",
          all(bid in net_by for bid in analysed), True)
    info("network meetings total / dated 2023-2024",
         "%d / %d" % (len(nets), sum(1 for x in nets
                                     if x["date"] >= FORM_INTRO)))

    def dist(rows, key):
        vals = [r[key] for r in rows]
        valid = [v for v in vals if v]
        cnt = tuple(valid.count(k) for k in JDN)
        return vals.count(""), len(valid), cnt, \
            tuple(pct(x, len(valid)) for x in cnt)

    blank, nv, cnt, p = dist(nets, "dagsorden")
    check("6.4 dagsorden blank", blank, 5)
    check("6.4 dagsorden pct Ja/Delvist/Nej", p, (80, 15, 5))
    blank, nv, cnt, p = dist(nets, "inviterede")
    check("6.5 inviterede blank", blank, 6)
    check("6.5 inviterede Ja pct ('ca. tre ud af fire')", p[0],
          ok=p[0] in (74, 75))
    check("6.5 inviterede Delvist pct", p[1], 25)
    check("6.5 rounded pct do not sum to 100", "%r sum %d" % (p, sum(p)),
          ok=sum(p) != 100)
    pilot = [x for x in nets if x["date"] >= FORM_INTRO]
    blank, nv, cnt, p = dist(pilot, "maal")
    check("6.6 maal_aftaleskema blank (2023-2024)", blank, 5)
    check("6.6 maal_aftaleskema pct Ja/Delvist/Nej", p, (59, 16, 25))
    blank, nv, cnt, p = dist(pilot, "opf")
    check("6.7 opfoelgning blank (2023-2024)", blank, 7)
    check("6.7 opfoelgning Ja pct", p[0], 76)
    check("6.7 opfoelgning Delvist+Nej pct", pct(cnt[1] + cnt[2], nv), 24)

    n_fail = RESULTS.count(False)
    print("== %d checks, %d failed" % (len(RESULTS), n_fail))
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())

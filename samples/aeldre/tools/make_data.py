#!/usr/bin/env python3
"""Generate the synthetic sample dataset for the "aeldre" sample.

Writes borgere.csv, spoergeskema.csv, moeder.csv and opstart.csv into
samples/aeldre/data/.  The data are entirely synthetic; their aggregates are
constructed to reproduce the published figures of the SBST evaluation of
"Samarbejdsmodellen til aeldre i udsatte positioner" (see ../DATA.md).

Standard library only.  Deterministic: a fixed seed, no clock, no dependence on
hash order.  Running the script twice gives byte-identical files.
Verify the result with check_data.py (an independent checker).
"""

import calendar
import datetime
import os
import random
import sys
from fractions import Fraction

SEED = 4004

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

D = datetime.date
FIRST_DAY = D(2022, 2, 1)      # first possible registration
LAST_START = D(2024, 8, 31)    # last possible start date
CUTOFF = D(2024, 10, 31)       # end of data collection
PILOT = D(2023, 3, 1)          # questionnaires every 3 (not 6) months from here
FORM_INTRO = D(2023, 1, 1)     # maal_aftaleskema / opfoelgning asked from here

KOORD = "Koordinatormøde"
NET = "Tværfagligt netværksmøde"
OPSTART = "Opstart"
OPF = "Opfølgning"

LIKERT = ["Helt uenig", "Delvist uenig", "Hverken enig eller uenig",
          "Delvist enig", "Helt enig"]
VED_IKKE = "Ved ikke"

G = "Gennemført"
OE = "Ønsker ikke længere at deltage"
KOG = "Kognitivt for svækket"
MIS = "Misbrug"
OVR = "Kan ikke overskue forløbet"
IKM = "Ikke i målgruppen"
FLY = "Flyttet til anden kommune"
IND = "Langvarigt indlagt"
DOD = "Død"
BLANK = ""


def days(n):
    return datetime.timedelta(days=n)


def add_months(d, n):
    """Same day-of-month n months later, clamped to the month's last day."""
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    m = m0 + 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


class Retry(Exception):
    """Raised when a random draw cannot satisfy its constraints."""


def rand_date(rng, lo, hi):
    if hi < lo:
        raise Retry()
    return lo + days(rng.randint(0, (hi - lo).days))


def fmt_date(d):
    return d.strftime("%d-%m-%Y") if d else ""


def fmt_hours(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s.replace(".", ",")


def round_half_away(fr):
    """Round a Fraction to an int, halves away from zero."""
    if fr < 0:
        return -round_half_away(-fr)
    return int(fr + Fraction(1, 2))


def pct(n, d):
    return round_half_away(Fraction(100 * n, d))


# ---------------------------------------------------------------------------
# The 34 analysed citizens (group A).  Explicit first scores and changes.
#   who5 (first, delta), inspire_o (first, delta), inspire support (first,
#   delta) or None, coordinator meetings before the first questionnaire,
#   status/reason, number of network meetings, special handling.
# Sums: WHO-5 first 784 (23.06), latest 1120 (32.94), change 336 (9.88);
#       INSPIRE-O first 1235 (36.32), latest 1450 (42.65), change 215 (6.32);
#       INSPIRE first 1175 (41.96), latest 1710 (61.07), change 535 (19.11).
# ---------------------------------------------------------------------------
A_TABLE = [
    # idx who5     inspire_o   inspire    k  status reason n_net special
    (1,  8, 12,   25, 10,   (40, 10),  1, G,    3, None),
    (2,  16, 12,  30, 15,   (35, 30),  1, G,    3, None),
    (3,  8, 16,   20, 20,   (30, 35),  2, G,    4, None),
    (4,  16, 20,  35, 20,   (40, 40),  1, G,    3, None),
    (5,  4, 20,   15, 25,   None,      0, None, 2, None),
    (6,  12, 24,  35, 15,   (45, 25),  1, G,    5, None),
    (7,  20, 24,  40, 20,   (50, 30),  1, G,    4, None),
    (8,  12, 28,  30, 10,   (25, 45),  1, G,    3, None),
    (9,  24, 28,  45, 20,   (40, 35),  2, G,    4, None),
    (10, 16, 32,  35, 25,   (30, 50),  1, None, 3, None),
    (11, 32, 36,  50, 0,    (50, 0),   5, G,    3, "coord_on_first"),
    (12, 20, 40,  40, 20,   (35, 40),  1, G,    4, None),
    (13, 8, 28,   20, -10,  None,      0, None, 2, None),
    (14, 36, 36,  55, 10,   (50, 30),  1, G,    3, None),
    (15, 56, -16, 60, -20,  (60, -20), 1, OE,   2, None),
    (16, 44, -12, 45, -15,  (45, -10), 1, None, 2, None),
    (17, 16, -12, 30, 5,    (40, 0),   2, IND,  2, None),
    (18, 12, 0,   25, 0,    (45, 15),  1, G,    3, None),
    (19, 24, 0,   35, 10,   (50, 20),  1, FLY,  2, "edge_3_months"),
    (20, 16, 0,   30, 0,    None,      0, None, 2, None),
    (21, 28, 0,   50, -10,  (55, -15), 1, DOD,  2, None),
    (22, 4, 0,    10, 5,    (20, 45),  1, None, 1, "net_on_latest"),
    (23, 48, 0,   50, -5,   (55, -5),  1, IKM,  3, None),
    (24, 16, 4,   40, 15,   (35, 30),  2, None, 3, None),
    (25, 20, 4,   35, 0,    (45, 0),   1, BLANK, 3, None),
    (26, 8, 4,    15, 10,   None,      0, None, 2, "lyttet_ved_ikke"),
    (27, 60, 4,   70, -15,  (55, 20),  1, G,    4, None),
    (28, 16, 8,   25, 10,   (40, 25),  1, None, 2, None),
    (29, 24, 8,   40, 20,   (30, 35),  1, G,    4, None),
    (30, 40, 8,   45, 15,   None,      0, None, 2, None),
    (31, 36, -4,  45, -10,  (50, -10), 2, None, 3, None),
    (32, 20, -4,  35, 0,    (35, 30),  1, None, 2, None),
    (33, 52, -4,  55, -5,   (45, 5),   1, None, 1, None),
    (34, 12, -8,  20, 5,    None,      0, None, 1, None),
]

# Likert distributions (category index 0..4) at first / latest questionnaire
# of the 34.  lyttet: 33 valid + one "Ved ikke" (citizen A26) at both times.
LIKERT_TARGETS = {
    "lyttet": ([5, 7, 8, 6, 7], [2, 4, 5, 7, 15]),
    "aftaler": ([5, 6, 7, 6, 10], [2, 3, 5, 6, 18]),
    "samarbejde": ([7, 8, 8, 7, 4], [3, 4, 5, 11, 11]),
}


def build_specs():
    """Return the 80 course specifications (group-wise, deterministic)."""
    specs = []
    for row in A_TABLE:
        (idx, wf, wd, of, od, sup, k, reason, n_net, special) = row
        closed = reason is not None
        spec = dict(
            key="A%02d" % idx, group="A", kind="analysable", expect="ok",
            closed=closed, reason=reason if closed else "", k=k,
            n_net=n_net, net_mode="between", special=special,
            who=(wf, wf + wd), io=(of, of + od),
            sup=(sup[0], sup[0] + sup[1]) if sup else None,
        )
        if special == "net_on_latest":
            spec["net_mode"] = "on_latest"
        if special == "edge_3_months":
            # exactly three calendar months (89 days) between first and latest
            spec["fixed"] = dict(s=D(2023, 1, 16), e=D(2023, 6, 20),
                                 qs=[D(2023, 2, 10), D(2023, 5, 10)],
                                 net=[D(2023, 3, 22), D(2023, 6, 7)])
        specs.append(spec)

    # B: pass step 1, fail validity (step 2).
    b = [
        ("B1", 6, True, G, 4, "between", "k"),
        ("B2", 7, False, "", 2, "between", "k"),
        ("B3", 8, True, G, 3, "between", "k"),
        ("B4", 2, True, G, 3, "before", "netbefore"),
        ("B5", 1, False, "", 2, "before", "netbefore"),
        ("B6", 1, False, "", 2, "on_first", "nonet"),
        ("B7", 1, True, OE, 2, "after_latest", "nonet"),
        ("B8", 2, True, OVR, 0, "none", "nonet"),
        ("B9", 0, False, "", 0, "none", "nonet"),
    ]
    for key, k, closed, reason, n_net, mode, expect in b:
        spec = dict(key=key, group="B", kind="analysable", expect=expect,
                    closed=closed, reason=reason, k=k, n_net=n_net,
                    net_mode=mode, special=None)
        if key == "B8":
            # 30-11-2023 + 3 months clamps to 29-02-2024 (leap year): passes
            spec["fixed"] = dict(s=D(2023, 11, 6), e=D(2024, 3, 25),
                                 qs=[D(2023, 11, 30), D(2024, 2, 29)], net=[])
        specs.append(spec)

    # C: Opstart questionnaire, but fail step 1 (too few / too close).
    c = [
        ("C1", "single", False, "", 0),
        ("C2", "single", False, "", 0),
        ("C3", "single", False, "", 0),
        ("C4", "single", True, OE, 0),
        ("C5", "single", True, BLANK, 0),
        ("C6", "single", True, MIS, 0),
        ("C7", "two_2m", False, "", 1),
        ("C8", "two_2m", True, KOG, 2),
        ("C9", "two_2m", True, OE, 1),
        ("C10", "two_2m", True, OVR, 0),
        ("C11", "edge", True, IND, 0),
        ("C12", "three_short", True, G, 2),
        ("C13", "three_short", True, IKM, 2),
        ("C14", "two_short", True, MIS, 2),
        ("C15", "two_short", True, OE, 0),
        ("C16", "two_short", True, BLANK, 1),
        ("C17", "two_short", True, DOD, 0),
    ]
    for key, pattern, closed, reason, n_net in c:
        spec = dict(key=key, group="C", kind="opstart_short", expect="step1",
                    closed=closed, reason=reason, n_net=n_net,
                    pattern=pattern, special=None)
        if key == "C11":
            # 15-03-2024 -> 14-06-2024 is 91 days but one day short of three
            # calendar months: fails.
            spec["fixed"] = dict(s=D(2024, 3, 4), e=D(2024, 7, 19),
                                 qs=[D(2024, 3, 15), D(2024, 6, 14)])
        if key == "C14":
            spec["special"] = "blank_item_second"
        specs.append(spec)

    # D: follow-up questionnaires only (no Opstart).
    d = [
        ("D1", 3, False, "", 2, True),
        ("D2", 4, True, G, 3, True),
        ("D3", 2, True, OE, 2, True),
        ("D4", 1, False, "", 0, False),
        ("D5", 1, True, BLANK, 0, False),
        ("D6", 2, False, "", 1, True),
        ("D7", 3, True, MIS, 2, False),
    ]
    for key, n_q, closed, reason, n_net, span in d:
        spec = dict(key=key, group="D", kind="followups_only",
                    expect="no_opstart", closed=closed, reason=reason,
                    n_net=n_net, n_q=n_q, span=span, special=None)
        if key == "D6":
            spec["special"] = "blank_item_second"
        specs.append(spec)

    # E: no questionnaire at all.
    e = [
        ("E1", False, "", 0, "late"),
        ("E2", False, "", 2, "long"),
        ("E3", False, "", 0, "recent"),
        ("E4", False, "", 0, "recent"),
        ("E5", True, KOG, 3, "long"),
        ("E6", True, KOG, 2, "long"),
        ("E7", True, MIS, 2, "long"),
        ("E8", True, OE, 0, "short"),
        ("E9", True, BLANK, 0, "short"),
        ("E10", True, OVR, 0, "short"),
        ("E11", True, IKM, 0, "short"),
        ("E12", True, FLY, 0, "short"),
        ("E13", True, IND, 0, "short"),
    ]
    for key, closed, reason, n_net, length in e:
        specs.append(dict(key=key, group="E", kind="none", expect="no_opstart",
                          closed=closed, reason=reason, n_net=n_net,
                          length=length, special=None))
    return specs


# ---------------------------------------------------------------------------
# Inclusion rules (section 4.10 of the domain notes)
# ---------------------------------------------------------------------------
def classify(tl):
    qs = tl["qs"]
    if not any(lab == OPSTART for _, lab in qs):
        return "no_opstart"
    dates = [dd for dd, _ in qs]
    first, latest = dates[0], dates[-1]
    assert qs[0][1] == OPSTART
    if len(dates) < 2 or latest < add_months(first, 3):
        return "step1"
    k_before = sum(1 for dd in tl["coord"] if dd < first)
    net_before = sum(1 for dd in tl["net"] if dd < first)
    net_between = sum(1 for dd in tl["net"] if first < dd <= latest)
    if k_before > 5:
        return "k"
    if net_before > 0:
        return "netbefore"
    if net_between == 0:
        return "nonet"
    return "ok"


# ---------------------------------------------------------------------------
# Timelines
# ---------------------------------------------------------------------------
def coord_series(rng, first, last, gap=(14, 42)):
    out = []
    cur = first
    while cur <= last:
        out.append(cur)
        cur = cur + days(rng.randint(*gap))
    return out


def spaced(rng, lo, hi, n, gap=(35, 110)):
    """n dates from lo on, with gaps drawn from gap, all <= hi; else None."""
    if n == 0:
        return []
    if lo > hi:
        return None
    out = [rand_date(rng, lo, min(hi, lo + days(60)))]
    while len(out) < n:
        nxt = out[-1] + days(rng.randint(*gap))
        if nxt > hi:
            return None
        out.append(nxt)
    return out


def followup_dates(rng, q1, horizon, skip_p=0.12):
    qs = [q1]
    cur = q1
    while True:
        step = 6 if cur < PILOT else 3
        nxt = add_months(cur, step) + days(rng.randint(-10, 30))
        if nxt > horizon:
            break
        cur = nxt
        if len(qs) >= 2 and rng.random() < skip_p:
            continue  # a missed follow-up (irregular compliance)
        qs.append(nxt)
    return qs


def try_analysable(rng, spec):
    fx = spec.get("fixed")
    closed = spec["closed"]
    k = spec["k"]
    if fx:
        s, e = fx["s"], fx["e"]
        qdates = list(fx["qs"])
        q1 = qdates[0]
        pool = list(range(1, (q1 - s).days))
        pre = sorted(s + days(x) for x in rng.sample(pool, k))
    else:
        if spec["group"] == "A" and not closed:
            s = rand_date(rng, D(2022, 5, 1), D(2024, 4, 15))
        elif spec["group"] == "A":
            s = rand_date(rng, FIRST_DAY, D(2023, 12, 31))
        else:
            s = rand_date(rng, FIRST_DAY, D(2024, 2, 28))
        e = None
        if closed:
            e = add_months(s, rng.randint(7, 28)) + days(rng.randint(0, 27))
            if e > CUTOFF:
                return None
        pre = []
        cur = s + days(rng.randint(1, 14))
        for _ in range(k):
            pre.append(cur)
            cur = cur + days(rng.randint(10, 35))
        q1 = (pre[-1] + days(rng.randint(1, 24))) if k else \
            (s + days(rng.randint(0, 21)))
        horizon = (e - days(3)) if closed else CUTOFF
        if q1 > horizon:
            return None
        qdates = followup_dates(rng, q1, horizon)
    horizon_act = e if closed else CUTOFF
    q1, qL = qdates[0], qdates[-1]
    if len(qdates) < 2 or qL < add_months(q1, 3):
        return None

    n_net = spec["n_net"]
    mode = spec["net_mode"]
    if fx and "net" in fx:
        net = list(fx["net"])
    elif mode == "between":
        first_lo = q1 + days(10)
        first_hi = min(qL, add_months(q1, 5))
        if first_lo > first_hi:
            return None
        net = [rand_date(rng, first_lo, first_hi)]
        while len(net) < n_net:
            net.append(net[-1] + days(rng.randint(40, 130)))
        if net[-1] > horizon_act - days(2):
            return None
    elif mode == "on_latest":
        net = [qL]
    elif mode == "before":
        lo = max(s + days(1), q1 - days(25))
        b = rand_date(rng, lo, q1 - days(2))
        if b in pre:
            return None
        rest = spaced(rng, q1 + days(14), min(qL, add_months(q1, 5)), 1)
        if rest is None:
            return None
        net = [b] + rest
        while len(net) < n_net:
            net.append(net[-1] + days(rng.randint(40, 130)))
        if net[-1] > horizon_act - days(2):
            return None
    elif mode == "on_first":
        rest = spaced(rng, qL + days(7), horizon_act - days(2), n_net - 1)
        if rest is None:
            return None
        net = [q1] + rest
    elif mode == "after_latest":
        net = spaced(rng, qL + days(7), horizon_act - days(2), n_net,
                     gap=(30, 70))
        if net is None:
            return None
    else:
        net = []
    assert len(net) == n_net, (spec["key"], net)

    # coordinator meetings from the first questionnaire on
    if k == 0 or spec["special"] == "coord_on_first" or rng.random() < 0.35:
        start_post = q1
    else:
        start_post = q1 + days(rng.randint(4, 30))
    post = coord_series(rng, start_post, horizon_act)
    netset = set(net)
    post = [dd for dd in post if dd not in netset]
    coord = pre + post
    if closed and not fx:
        last = max(coord + net + qdates)
        e = last + days(rng.randint(3, 40))
        if e > CUTOFF:
            e = CUTOFF
    qs = [(qdates[0], OPSTART)] + [(dd, OPF) for dd in qdates[1:]]
    tl = dict(s=s, e=e if closed else None, qs=qs, coord=coord, net=net)
    if spec["group"] == "A":
        if sum(1 for dd in coord if dd < q1) != k:
            return None
        if spec["special"] == "coord_on_first" and q1 not in coord:
            return None
    return tl


def try_opstart_short(rng, spec):
    pattern = spec["pattern"]
    closed = spec["closed"]
    fx = spec.get("fixed")
    if fx:
        s, e = fx["s"], fx["e"]
        qdates = list(fx["qs"])
    else:
        if not closed:
            if pattern == "single":
                s = rand_date(rng, D(2024, 6, 20), LAST_START)
                q1 = rand_date(rng, max(s, D(2024, 8, 1)), s + days(40))
            else:
                s = rand_date(rng, D(2024, 5, 20), D(2024, 6, 20))
                q1 = s + days(rng.randint(0, 10))
        else:
            s = rand_date(rng, FIRST_DAY, D(2024, 5, 31))
            q1 = s + days(rng.randint(0, 40))
        if pattern == "single":
            qdates = [q1]
        elif pattern == "two_2m":
            qdates = [q1, add_months(q1, 2) + days(rng.randint(-6, 6))]
        elif pattern == "two_short":
            qdates = [q1, q1 + days(rng.randint(30, 80))]
        else:  # three_short
            qdates = [q1, q1 + days(rng.randint(25, 40)),
                      q1 + days(rng.randint(60, 80))]
        last_q = qdates[-1]
        if last_q > CUTOFF:
            return None
        if closed:
            e = last_q + days(rng.randint(20, 75))
            if e > CUTOFF:
                return None
        else:
            e = None
    horizon = e if closed else CUTOFF
    net = spaced(rng, s + days(14), horizon - days(2), spec["n_net"],
                 gap=(21, 60))
    if net is None:
        return None
    coord = coord_series(rng, s + days(rng.randint(0, 10)), horizon)
    netset = set(net)
    coord = [dd for dd in coord if dd not in netset]
    qs = [(qdates[0], OPSTART)] + [(dd, OPF) for dd in qdates[1:]]
    return dict(s=s, e=e, qs=qs, coord=coord, net=net)


def try_followups_only(rng, spec):
    closed = spec["closed"]
    if closed:
        s = rand_date(rng, FIRST_DAY, D(2023, 12, 31))
    else:
        s = rand_date(rng, D(2022, 6, 1), D(2024, 1, 31))
    qf = s + days(rng.randint(45, 200))
    horizon = CUTOFF
    if closed:
        horizon = add_months(s, rng.randint(6, 24))
        if horizon > CUTOFF:
            return None
    qdates = followup_dates(rng, qf, horizon, skip_p=0.0)[: spec["n_q"]]
    if len(qdates) != spec["n_q"]:
        return None
    if spec["span"] and qdates[-1] < add_months(qdates[0], 3):
        return None
    e = None
    if closed:
        e = qdates[-1] + days(rng.randint(10, 60))
        if e > CUTOFF:
            return None
    hz = e if closed else CUTOFF
    net = spaced(rng, s + days(20), hz - days(2), spec["n_net"])
    if net is None:
        return None
    coord = coord_series(rng, s + days(rng.randint(0, 10)), hz)
    netset = set(net)
    coord = [dd for dd in coord if dd not in netset]
    return dict(s=s, e=e, qs=[(dd, OPF) for dd in qdates], coord=coord,
                net=net)


def try_none(rng, spec):
    length = spec["length"]
    if length == "late":
        s = D(2024, 8, 26)
    elif length == "recent":
        s = rand_date(rng, D(2024, 4, 1), LAST_START)
    elif spec["closed"]:
        s = rand_date(rng, FIRST_DAY, D(2024, 4, 30))
    else:
        s = rand_date(rng, D(2023, 3, 1), D(2023, 12, 31))
    e = None
    if spec["closed"]:
        months = rng.randint(6, 15) if length == "long" else rng.randint(1, 4)
        e = add_months(s, months) + days(rng.randint(0, 20))
        if e > CUTOFF:
            return None
    hz = e if spec["closed"] else CUTOFF
    net = spaced(rng, s + days(20), hz - days(2), spec["n_net"])
    if net is None:
        return None
    coord = coord_series(rng, s + days(rng.randint(0, 12)), hz)
    netset = set(net)
    coord = [dd for dd in coord if dd not in netset]
    return dict(s=s, e=e, qs=[], coord=coord, net=net)


TRY = {
    "analysable": try_analysable,
    "opstart_short": try_opstart_short,
    "followups_only": try_followups_only,
    "none": try_none,
}


def make_timeline(rng, spec):
    for _ in range(20000):
        try:
            tl = TRY[spec["kind"]](rng, spec)
        except Retry:
            continue
        if tl is None:
            continue
        if classify(tl) != spec["expect"]:
            continue
        if not valid_timeline(tl, spec):
            continue
        return tl
    raise RuntimeError("could not build a timeline for %s" % spec["key"])


def valid_timeline(tl, spec):
    s, e = tl["s"], tl["e"]
    if not (FIRST_DAY <= s <= LAST_START):
        return False
    if spec["closed"] != (e is not None):
        return False
    hz = e if e else CUTOFF
    if e is not None and not (s < e <= CUTOFF):
        return False
    alld = [dd for dd, _ in tl["qs"]] + tl["coord"] + tl["net"]
    if any(dd < s or dd > hz for dd in alld):
        return False
    qd = [dd for dd, _ in tl["qs"]]
    if len(set(qd)) != len(qd) or qd != sorted(qd):
        return False
    if len(set(tl["net"])) != len(tl["net"]):
        return False
    if set(tl["net"]) & set(tl["coord"]):
        return False
    if len(set(tl["coord"])) != len(tl["coord"]):
        return False
    return True


# ---------------------------------------------------------------------------
# Scores and items
# ---------------------------------------------------------------------------
def split_items(rng, total, lo, hi, n=5):
    vals = [lo] * n
    rem = total - lo * n
    assert 0 <= rem <= (hi - lo) * n, (total, lo, hi)
    while rem > 0:
        i = rng.randrange(n)
        if vals[i] < hi:
            vals[i] += 1
            rem -= 1
    return vals


def who_items(rng, score):
    assert score % 4 == 0 and 0 <= score <= 100
    return split_items(rng, score // 4, 0, 5)


def inspire_items(rng, score):
    assert score % 5 == 0 and 0 <= score <= 100
    return split_items(rng, score // 5 + 5, 1, 5)


def clip_step(x, step):
    v = int(round(x / step)) * step
    return max(0, min(100, v))


def interpolate(rng, first, latest, n, step, noise):
    """Scores for n questionnaires: exact first and latest, noisy path."""
    out = [first]
    for i in range(1, n - 1):
        t = i / (n - 1)
        x = first + (latest - first) * t + rng.randint(-noise, noise) * step
        out.append(clip_step(x, step))
    if n > 1:
        out.append(latest)
    return out


def random_walk(rng, first, n, step, width):
    out = [first]
    for _ in range(n - 1):
        out.append(clip_step(out[-1] + rng.randint(-width, width) * step,
                             step))
    return out


def random_likert(rng):
    r = rng.random()
    if r < 0.05:
        return VED_IKKE
    return LIKERT[rng.choices(range(5), weights=[14, 20, 26, 22, 18])[0]]


def expand(counts):
    out = []
    for i, c in enumerate(counts):
        out.extend([i] * c)
    return out


# ---------------------------------------------------------------------------
# Network-meeting item answer counts
# ---------------------------------------------------------------------------
def pick_counts(valid, targets, extra_ok=None):
    """(ja, delvist, nej) with rounded pct == targets; closest to targets."""
    best = None
    for ja in range(valid + 1):
        for de in range(valid + 1 - ja):
            nej = valid - ja - de
            p = (pct(ja, valid), pct(de, valid), pct(nej, valid))
            if any(t is not None and p[i] != t for i, t in enumerate(targets)):
                continue
            if extra_ok and not extra_ok(ja, de, nej, p):
                continue
            dist = sum(abs(Fraction(c, valid) * 100 - (t if t is not None
                                                        else 0))
                       for c, t in zip((ja, de, nej), targets)
                       if t is not None)
            key = (dist, ja, de)
            if best is None or key < best[0]:
                best = (key, (ja, de, nej))
    if best is None:
        raise SystemExit("no count split for valid=%d targets=%r"
                         % (valid, targets))
    return best[1]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def csv_field(v):
    s = "" if v is None else str(v)
    if any(ch in s for ch in ';"\n\r'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(name, header, rows):
    path = os.path.join(DATA_DIR, name)
    lines = [";".join(header)]
    for r in rows:
        assert len(r) == len(header), (name, r)
        lines.append(";".join(csv_field(v) for v in r))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def main():
    rng = random.Random(SEED)
    specs = build_specs()

    # ---- timelines
    for spec in specs:
        spec["tl"] = make_timeline(rng, spec)

    # ---- ids in order of start date
    specs.sort(key=lambda sp: (sp["tl"]["s"], sp["key"]))
    for i, sp in enumerate(specs):
        sp["id"] = "B%03d" % (i + 1)

    # ---- municipality, register data, sex, age
    a_ids = [sp for sp in specs if sp["group"] == "A"]
    o_ids = [sp for sp in specs if sp["group"] != "A"]
    kom_a = ["Hvidovre"] * 14 + ["Vejen"] * 11 + ["Odder"] * 9
    kom_o = ["Hvidovre"] * 20 + ["Vejen"] * 15 + ["Odder"] * 11
    rng.shuffle(kom_a)
    rng.shuffle(kom_o)
    for sp, k in zip(a_ids, kom_a):
        sp["kommune"] = k
    for sp, k in zip(o_ids, kom_o):
        sp["kommune"] = k

    reg = [True] * 64 + [False] * 16
    rng.shuffle(reg)

    def ages(n50, n60, n70, n71):
        out = [rng.choice([49, 50]) for _ in range(n50)]
        out += [rng.randint(51, 60) for _ in range(n60)]
        out += [rng.randint(61, 70) for _ in range(n70)]
        out += [rng.randint(71, 85) for _ in range(n71)]
        rng.shuffle(out)
        return out

    ages_ja = ages(5, 39, 14, 6)
    ages_nej = ages(1, 9, 4, 2)
    sex_ja = ["Kvinde"] * 34 + ["Mand"] * 30
    sex_nej = ["Kvinde"] * 7 + ["Mand"] * 9
    rng.shuffle(sex_ja)
    rng.shuffle(sex_nej)
    for sp, r in zip(specs, reg):
        sp["reg"] = r
        if r:
            sp["alder"] = ages_ja.pop()
            sp["koen"] = sex_ja.pop()
        else:
            sp["alder"] = ages_nej.pop()
            sp["koen"] = sex_nej.pop()

    # ---- questionnaire content
    who_bands = ["low"] * 14 + ["mid"] * 7 + ["high"] * 5   # B + C Opstart
    rng.shuffle(who_bands)
    band_vals = {"low": list(range(0, 33, 4)), "mid": [36, 40, 44, 48],
                 "high": list(range(52, 81, 4))}
    band_w = {"low": [2, 5, 6, 7, 7, 6, 5, 4, 3], "mid": [1, 1, 1, 1],
              "high": [4, 4, 3, 2, 2, 1, 1, 1]}

    likert_first = {}
    likert_latest = {}
    a_plain = [sp for sp in a_ids if sp["special"] != "lyttet_ved_ikke"]
    for item, (cf, cl) in LIKERT_TARGETS.items():
        f = expand(cf)
        l_ = expand(cl)
        rng.shuffle(f)
        rng.shuffle(l_)
        if item == "lyttet":
            targets = a_plain
        else:
            targets = a_ids
        assert len(f) == len(targets) == len(l_)
        for sp, x, y in zip(targets, f, l_):
            likert_first[(sp["key"], item)] = LIKERT[x]
            likert_latest[(sp["key"], item)] = LIKERT[y]
    for sp in a_ids:
        if sp["special"] == "lyttet_ved_ikke":
            likert_first[(sp["key"], "lyttet")] = VED_IKKE
            likert_latest[(sp["key"], "lyttet")] = VED_IKKE

    q_rows = []
    for sp in specs:
        tl = sp["tl"]
        qs = tl["qs"]
        n = len(qs)
        if n == 0:
            continue
        first_date = qs[0][0]
        support = sum(1 for dd in tl["coord"] if dd < first_date) >= 1
        if sp["group"] == "A":
            who = interpolate(rng, sp["who"][0], sp["who"][1], n, 4, 2)
            io = interpolate(rng, sp["io"][0], sp["io"][1], n, 5, 2)
            assert support == (sp["sup"] is not None), sp["key"]
            sup = interpolate(rng, sp["sup"][0], sp["sup"][1], n, 5, 2) \
                if support else None
        else:
            if sp["group"] in ("B", "C"):
                band = who_bands.pop()
                w0 = rng.choices(band_vals[band], weights=band_w[band])[0]
            else:
                w0 = 4 * rng.randint(2, 12)
            who = random_walk(rng, w0, n, 4, 3)
            io = random_walk(rng, 5 * rng.randint(3, 13), n, 5, 2)
            sup = random_walk(rng, 5 * rng.randint(4, 13), n, 5, 3) \
                if support else None
        for j, (dd, lab) in enumerate(qs):
            w_items = who_items(rng, who[j])
            i_items = inspire_items(rng, io[j])
            s_items = inspire_items(rng, sup[j]) if sup else [""] * 5
            if sp["special"] == "blank_item_second" and j == 1:
                w_items[2 if sp["group"] == "C" else 1] = ""
            lik = []
            for item in ("lyttet", "aftaler", "samarbejde"):
                if sp["group"] == "A" and j == 0:
                    lik.append(likert_first[(sp["key"], item)])
                elif sp["group"] == "A" and j == n - 1:
                    lik.append(likert_latest[(sp["key"], item)])
                else:
                    lik.append(random_likert(rng))
            q_rows.append([dd, sp["id"], lab] + w_items + i_items + s_items
                          + lik)
    q_rows.sort(key=lambda r: (r[0], r[1]))
    spg = []
    for i, r in enumerate(q_rows):
        spg.append(["S%04d" % (i + 1), r[1], fmt_date(r[0])] + r[2:])

    # ---- meetings
    m_rows = []
    for sp in specs:
        tl = sp["tl"]
        for dd in tl["coord"]:
            m_rows.append([dd, sp["id"], 0, KOORD])
        for dd in tl["net"]:
            m_rows.append([dd, sp["id"], 1, NET])
    m_rows.sort(key=lambda r: (r[0], r[1], r[2]))
    nets = [r for r in m_rows if r[3] == NET]
    n_all = len(nets)
    n23 = sum(1 for r in nets if r[0] >= FORM_INTRO)
    dag = pick_counts(n_all - 5, (80, 15, 5))
    inv = pick_counts(n_all - 6, (None, 25, None),
                      lambda ja, de, nej, p: p[0] in (74, 75)
                      and sum(p) != 100)
    maal = pick_counts(n23 - 5, (59, 16, 25))
    opf_valid = n23 - 7
    opf_ja = pick_counts(opf_valid, (76, None, None),
                         lambda ja, de, nej, p:
                         pct(de + nej, opf_valid) == 24)[0]
    opf_rest = opf_valid - opf_ja
    opf = (opf_ja, opf_rest - opf_rest // 3, opf_rest // 3)

    def answers(counts, n_blank):
        out = ["Ja"] * counts[0] + ["Delvist"] * counts[1] + \
              ["Nej"] * counts[2] + [""] * n_blank
        rng.shuffle(out)
        return out

    a_dag = answers(dag, 5)
    a_inv = answers(inv, 6)
    a_maal = answers(maal, 5)
    a_opf = answers(opf, 7)
    moeder = []
    for i, r in enumerate(m_rows):
        dd, bid, _, typ = r
        if typ == KOORD:
            hrs = rng.choice([0.5, 0.75, 1, 1, 1.25, 1.5, 1.5, 2])
            extra = ["", "", "", ""]
        else:
            hrs = rng.choice([1, 1.25, 1.5, 1.5, 1.75, 2, 2, 2.5])
            if dd >= FORM_INTRO:
                extra = [a_dag.pop(), a_inv.pop(), a_maal.pop(), a_opf.pop()]
            else:
                extra = [a_dag.pop(), a_inv.pop(), "", ""]
        moeder.append(["M%04d" % (i + 1), bid, fmt_date(dd), typ,
                       fmt_hours(hrs)] + extra)
    assert not a_dag and not a_inv and not a_maal and not a_opf

    # ---- start registration (79: the late starter E1 has none)
    opst_specs = [sp for sp in specs if sp["key"] != "E1"]
    nv_pool = ["Ja"] * 63 + ["Nej"] * 11
    in_pool = ["Ja"] * 56 + ["Nej"] * 12
    rng.shuffle(nv_pool)
    rng.shuffle(in_pool)
    pairs = [("", "")] * 5 + [(nv_pool.pop(), "") for _ in range(6)]
    pairs += [(nv_pool.pop(), in_pool.pop()) for _ in range(68)]
    assert not nv_pool and not in_pool
    rng.shuffle(pairs)
    opstart = [[sp["id"], a, b] for sp, (a, b) in zip(opst_specs, pairs)]

    # ---- citizens
    borgere = []
    for sp in specs:
        tl = sp["tl"]
        borgere.append([
            sp["id"], sp["kommune"], fmt_date(tl["s"]), fmt_date(tl["e"]),
            "Afsluttet" if sp["closed"] else "Igangværende",
            sp["reason"] if sp["closed"] else "",
            sp["koen"], sp["alder"], "Ja" if sp["reg"] else "Nej",
        ])

    os.makedirs(DATA_DIR, exist_ok=True)
    write_csv("borgere.csv",
              ["borger_id", "kommune", "startdato", "slutdato", "status",
               "afslutningsaarsag", "koen", "alder", "registerdata"], borgere)
    write_csv("spoergeskema.csv",
              ["besvarelse_id", "borger_id", "dato", "maaling"]
              + ["who5_%d" % i for i in range(1, 6)]
              + ["inspire_o_%d" % i for i in range(1, 6)]
              + ["inspire_%d" % i for i in range(1, 6)]
              + ["lyttet", "aftaler", "samarbejde"], spg)
    write_csv("moeder.csv",
              ["moede_id", "borger_id", "dato", "type", "varighed_timer",
               "dagsorden", "inviterede", "maal_aftaleskema", "opfoelgning"],
              moeder)
    write_csv("opstart.csv",
              ["borger_id", "netvaerkskortlaegning", "indsatskortlaegning"],
              opstart)
    sys.stdout.write(
        "wrote %d citizens, %d questionnaires, %d meetings (%d network, "
        "%d dated 2023-2024), %d start registrations to %s\n"
        % (len(borgere), len(spg), len(moeder), n_all, n23, len(opstart),
           DATA_DIR))


if __name__ == "__main__":
    main()

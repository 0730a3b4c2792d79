#!/usr/bin/env python3
"""Generate the synthetic sample dataset for the "isolerede" sample.

Writes henvendelser.csv, borgere.csv, fidelitet.csv, recovery.csv,
kortsigt.csv, tid_borger.csv and tid_projekt.csv into
samples/isolerede/data/.  The data are entirely synthetic.  Their aggregates
are constructed to reproduce the published figures of Rambøll's evaluation
for Socialstyrelsen, "Isolerede sindslidende i egen bolig" (domain notes:
seed-001-ramboll-isolerede.md); see ../DATA.md for the numbers and the
readings chosen.

Standard library only.  Deterministic: a fixed seed, no clock, no dependence
on hash order.  Running the script twice gives byte-identical files.
Verify the result with check_data.py (an independent checker).
"""

import datetime
import os
import random
import sys

SEED = 2015

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

D = datetime.date
START = D(2014, 1, 1)
END = D(2015, 12, 31)     # status date of the counts (Viborg: december 2015)

KOMMUNER = ["Aarhus", "Viborg", "Næstved"]

# Tabel 8-1: "Ca. 60-65" / "Ca. 90-95" / "Ca. 60-65", in all "ca. 215".
HENVENDELSER = {"Aarhus": 62, "Viborg": 92, "Næstved": 61}
# Figur 4-1: contacted via the outreach, and received the social-work
# intervention.  "Assessed as target group": Viborg 27 and Næstved 15 are
# printed; Aarhus 10 is chosen so that the total is "lidt over 50" (52).
CONTACTED = {"Aarhus": 48, "Viborg": 65, "Næstved": 63}
FROM_REFERRAL = {"Aarhus": 44, "Viborg": 60, "Næstved": 48}
TARGET = {"Aarhus": 10, "Viborg": 27, "Næstved": 15}
RECEIVED = {"Aarhus": 8, "Viborg": 27, "Næstved": 7}
# Figur 8-1: of the 134 without the intervention, 81 already receive other
# support or are hard to contact, 45 were referred to other support, 8 missing.
ALREADY = "Modtager allerede anden støtte eller er svær at kontakte"
REFERRED = "Henvist til anden støtte"
STATUS_134 = {"Aarhus": (24, 13, 3), "Viborg": (22, 14, 2),
              "Næstved": (35, 18, 3)}
REFERRED_TO = [("Sundhed og Omsorg", 12), ("Værested", 9), ("Jobcenter", 5),
               ("Besøgsven", 6), ("Egen læge", 8), ("Andet § 99-tilbud", 5)]

SENDERS = [("Privatperson", 25), ("Pårørende", 20),
           ("Vicevært/varmemester", 20), ("Boligforening", 12),
           ("Kommunal medarbejder", 12), ("Praktiserende læge", 5),
           ("Politi", 3), ("Andet", 3)]
CHANNELS = [("Telefon", 80), ("E-mail", 10), ("Personlig henvendelse", 6),
            ("Brev", 4)]
NO_CONTACT = [("Ikke i målgruppen", 55), ("Borgeren kunne ikke findes", 25),
              ("Borgeren er allerede kendt af kommunen", 20)]

# Tabel 5-1 / 5-2 over the 42 with the social-work intervention (valid answers
# only: køn and alder n=36, nationalitet n=38, bolig n=40).
SEX = ["Mand"] * 27 + ["Kvinde"] * 9 + [""] * 6
AGE_BANDS = [(22, 29, 2), (31, 39, 4), (41, 49, 4), (51, 59, 15), (61, 79, 11)]
NATIONALITY = ["Dansk"] * 36 + ["Anden"] * 2 + [""] * 4
FLAT, HOUSE, FARM, OTHER = ("Egen lejlighed", "Hus", "Landejendom",
                            "Andet (fx kolonihavehus eller campingvogn)")
HOUSING = {"Aarhus": [FLAT] * 7 + [""],
           "Viborg": [FLAT] * 16 + [HOUSE] * 10 + [OTHER],
           "Næstved": [FARM] * 3 + [HOUSE] * 2 + [OTHER] + [""]}

# ---------------------------------------------------------------------------
# Fidelity rounds (§2.2).  Counts per round in the order
# I meget høj grad / I høj grad / Hverken eller / I mindre grad / Slet ikke
# (q1: 1 gang om ugen / hver 14. dag / om måneden / Sjældnere / Aldrig;
#  q7: Ja / Nej).  Rows marked P reproduce printed tables and figures; the
# others follow the report's wording (see DATA.md).
# ---------------------------------------------------------------------------
ROUND_N = (13, 9, 9)
FID = {
    "q1": ((10, 3, 0, 0, 0), (7, 0, 0, 2, 0), (8, 0, 0, 1, 0)),       # P Tabel 7-1
    "q2": ((2, 3, 3, 4, 1), (1, 3, 1, 3, 1), (1, 4, 1, 2, 1)),
    "q3": ((5, 4, 4, 0, 0), (3, 6, 0, 0, 0), (5, 4, 0, 0, 0)),        # P Tabel 7-2
    "q4a": ((8, 3, 1, 1, 0), (2, 7, 0, 0, 0), (5, 4, 0, 0, 0)),       # P Tabel 7-3
    "q4b": ((7, 4, 1, 1, 0), (1, 8, 0, 0, 0), (3, 5, 1, 0, 0)),       # P
    "q4c": ((3, 9, 1, 0, 0), (1, 8, 0, 0, 0), (3, 6, 0, 0, 0)),       # P
    "q4d": ((3, 6, 2, 1, 1), (0, 9, 0, 0, 0), (4, 5, 0, 0, 0)),       # P
    "q5": ((5, 7, 1, 0, 0), (3, 6, 0, 0, 0), (4, 5, 0, 0, 0)),
    "q6a": ((3, 9, 1, 0, 0), (2, 7, 0, 0, 0), (2, 6, 1, 0, 0)),
    "q6b": ((1, 8, 1, 3, 0), (2, 5, 0, 2, 0), (3, 4, 1, 1, 0)),       # P Figur 7-5
    "q6c": ((2, 9, 2, 0, 0), (2, 6, 1, 0, 0), (3, 6, 0, 0, 0)),
    "q6d": ((0, 3, 3, 6, 1), (1, 4, 2, 2, 0), (0, 3, 2, 4, 0)),
    "q6e": ((0, 1, 2, 4, 6), (0, 1, 1, 3, 4), (0, 1, 1, 3, 4)),
    "q7": ((8, 5), (7, 2), (8, 1)),
    "q8": ((2, 7, 3, 1, 0), (1, 6, 1, 1, 0), (2, 5, 1, 1, 0)),
    "q9a": ((0, 5, 0, 4, 4), (0, 7, 0, 2, 0), (0, 6, 0, 3, 0)),       # P Tabel 7-4
    "q9b": ((4, 5, 1, 3, 0), (1, 8, 0, 0, 0), (2, 5, 0, 1, 0)),       # P (R3 n=8)
    "q11": ((6, 7, 0, 0, 0), (4, 5, 0, 0, 0), (4, 4, 1, 0, 0)),
    "q12": ((2, 6, 3, 2, 0), (2, 5, 1, 1, 0), (3, 5, 1, 0, 0)),
    "q13": ((1, 4, 4, 3, 1), (1, 4, 2, 2, 0), (2, 4, 2, 1, 0)),
    "q14": ((5, 7, 1, 0, 0), (3, 6, 0, 0, 0), (4, 5, 0, 0, 0)),
    "q15": ((2, 7, 1, 3, 0), (2, 5, 0, 2, 0), (3, 5, 0, 1, 0)),
    "q16": ((4, 7, 0, 2, 0), (3, 5, 0, 1, 0), (4, 4, 0, 1, 0)),
    "q17": ((0, 4, 3, 5, 1), (0, 3, 2, 3, 1), (0, 3, 2, 4, 0)),
    "q18": ((5, 8, 0, 0, 0), (4, 5, 0, 0, 0), (5, 4, 0, 0, 0)),
    "q19": ((4, 9, 0, 0, 0), (3, 6, 0, 0, 0), (4, 5, 0, 0, 0)),
    "q20": ((0, 2, 3, 6, 2), (0, 3, 2, 4, 0), (1, 4, 2, 2, 0)),
    "q23a": ((5, 8, 0, 0, 0), (4, 5, 0, 0, 0), (7, 2, 0, 0, 0)),      # P Figur 7-13
    "q23b": ((4, 6, 2, 1, 0), (3, 6, 0, 0, 0), (4, 5, 0, 0, 0)),
    "q23c": ((1, 5, 3, 3, 1), (1, 4, 2, 2, 0), (1, 5, 1, 2, 0)),
    "q23d": ((7, 6, 0, 0, 0), (5, 4, 0, 0, 0), (6, 3, 0, 0, 0)),
    "q23e": ((5, 8, 0, 0, 0), (4, 5, 0, 0, 0), (5, 4, 0, 0, 0)),
    "q23f": ((4, 9, 0, 0, 0), (4, 5, 0, 0, 0), (5, 4, 0, 0, 0)),
    "q23g": ((6, 7, 0, 0, 0), (5, 4, 0, 0, 0), (6, 3, 0, 0, 0)),
}
DEGREE = ["I meget høj grad", "I høj grad", "Hverken eller", "I mindre grad",
          "Slet ikke"]
FREQ = ["1 gang om ugen", "1 gang hver 14. dag", "1 gang om måneden",
        "Sjældnere", "Aldrig"]
YESNO = ["Ja", "Nej"]
ROUND_DATES = ((D(2014, 10, 6), D(2014, 10, 24)), (D(2015, 4, 13), D(2015, 4, 30)),
               (D(2015, 10, 5), D(2015, 10, 23)))
# respondents per round: (kommune, respondent id, role)
RESPONDENTS = {
    1: [("Aarhus", "R01", "Projektleder"), ("Aarhus", "R02", "Projektmedarbejder"),
        ("Aarhus", "R03", "Projektmedarbejder"), ("Aarhus", "R04", "Projektmedarbejder"),
        ("Aarhus", "R05", "Projektmedarbejder"),
        ("Viborg", "R06", "Projektleder"), ("Viborg", "R07", "Projektmedarbejder"),
        ("Viborg", "R08", "Projektmedarbejder"), ("Viborg", "R09", "Projektmedarbejder"),
        ("Næstved", "R10", "Projektleder"), ("Næstved", "R11", "Projektmedarbejder"),
        ("Næstved", "R12", "Projektmedarbejder"), ("Næstved", "R13", "Projektmedarbejder")],
    2: [("Aarhus", "R01", "Projektleder"), ("Aarhus", "R02", "Projektmedarbejder"),
        ("Aarhus", "R03", "Projektmedarbejder"),
        ("Viborg", "R06", "Projektleder"), ("Viborg", "R07", "Projektmedarbejder"),
        ("Viborg", "R08", "Projektmedarbejder"),
        ("Næstved", "R10", "Projektleder"), ("Næstved", "R11", "Projektmedarbejder"),
        ("Næstved", "R12", "Projektmedarbejder")],
    3: [("Aarhus", "R01", "Projektleder"), ("Aarhus", "R02", "Projektmedarbejder"),
        ("Aarhus", "R03", "Projektmedarbejder"),
        ("Viborg", "R06", "Projektleder"), ("Viborg", "R07", "Projektmedarbejder"),
        ("Viborg", "R14", "Projektmedarbejder"),
        ("Næstved", "R10", "Projektleder"), ("Næstved", "R11", "Projektmedarbejder"),
        ("Næstved", "R12", "Projektmedarbejder")],
}

# ---------------------------------------------------------------------------
# Recovery-stjernen (§2.5, Figur 8-5 to 8-13).  26 citizens with a før- and
# an eftermåling; per dimension the number of usable pairs and the changes
# (after - before) of the improvers, the unchanged (0) and the worse.
# ---------------------------------------------------------------------------
DIMS = ["psykisk_velbefindende", "fysisk_sundhed", "hverdagsaktiviteter",
        "socialt_netvaerk", "arbejde_uddannelse", "relationer",
        "alkohol_stoffer", "ansvar_forpligtelse", "identitet_selvvaerd",
        "tillid_haab"]
RECOVERY = {
    # dim: (pairs, positive changes, number unchanged, negative changes,
    #       baseline range for the unchanged, baseline range for the worse)
    "psykisk_velbefindende": (26, [3, 3] + [2] * 11, 11, [-1, -2], (4, 6), (5, 6)),
    "fysisk_sundhed": (25, [3, 3, 2, 2, 2, 1, 1, 1, 1, 1], 12, [-9, -3, -1], (1, 3), None),
    "hverdagsaktiviteter": (25, [2] * 7 + [1] * 6, 9, [-4, -5, -6], (4, 7), (9, 10)),
    "socialt_netvaerk": (25, [1] + [2] * 12, 11, [-2], (3, 6), (4, 5)),
    "arbejde_uddannelse": (17, [1, 1], 14, [-1], (1, 3), (2, 3)),
    "relationer": (18, [3, 2, 2, 2, 2, 2, 1, 1, 1, 1], 6, [-4, -5], (4, 7), (7, 8)),
    "alkohol_stoffer": (17, [1], 15, [-1], (7, 10), (8, 9)),
    "ansvar_forpligtelse": (18, [2, 2, 2, 2], 12, [-3, -4], (4, 7), (6, 8)),
    "identitet_selvvaerd": (17, [3] + [2] * 6, 9, [-2], (4, 7), (5, 6)),
    "tillid_haab": (25, [3, 3, 3, 3] + [2] * 5, 15, [-1], (4, 7), (5, 6)),
}
# Baseline ranges of the improvers (low: "improvement greatest among those with
# the lowest baseline" for psykisk, identitet, tillid).
IMPROVER_BASE = {
    "psykisk_velbefindende": (2, 4), "fysisk_sundhed": (1, 3),
    "hverdagsaktiviteter": (3, 6), "socialt_netvaerk": (2, 4),
    "arbejde_uddannelse": (1, 2), "relationer": (3, 5), "alkohol_stoffer": (6, 8),
    "ansvar_forpligtelse": (3, 5), "identitet_selvvaerd": (2, 3),
    "tillid_haab": (2, 3),
}
# Fysisk sundhed: the worse have baselines 10, 6 and 4 (delta -9, -3, -1).
FYSISK_WORSE_BASE = [10, 6, 4]

# Måleredskab 2, filled in by the SKP worker at the end (Figur 8-2 to 8-4):
# counts I høj grad / I mindre grad / Slet ikke / blank over 18 forms.
SHORT = {
    "afklaret": (10, 4, 4, 0),
    "motivation_stoette": (7, 6, 3, 2),
    "motivation_relationer": (4, 6, 3, 5),
    "tillid": (6, 8, 4, 0),
    "netvaerk": (5, 9, 4, 0),
    "trivsel": (8, 7, 3, 0),
}
SHORT_LABELS = ["I høj grad", "I mindre grad", "Slet ikke", ""]


def days(n):
    return datetime.timedelta(days=n)


def fmt_date(d):
    return d.strftime("%d-%m-%Y") if d else ""


def rand_date(rng, lo, hi):
    return lo + days(rng.randint(0, (hi - lo).days))


def wchoice(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def fmt_num(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s.replace(".", ",")


def hours(rng, lo, hi, unit):
    """Hours between lo and hi in the municipality's time unit."""
    steps = int(round(rng.uniform(lo, hi) / unit))
    return fmt_num(max(0, steps) * unit)


UNIT = {"Aarhus": 0.25, "Viborg": 0.5, "Næstved": 1.0}   # minimum time units


def csv_field(v):
    s = "" if v is None else str(v)
    if any(ch in s for ch in ';"\n\r'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(name, header, rows, bom=False, crlf=False):
    nl = "\r\n" if crlf else "\n"
    lines = [";".join(header)]
    for r in rows:
        assert len(r) == len(header), (name, r)
        lines.append(";".join(csv_field(v) for v in r))
    data = (nl.join(lines) + nl).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(DATA_DIR, name), "wb") as f:
        f.write(data)


def expand(counts, labels):
    out = []
    for c, lab in zip(counts, labels):
        out.extend([lab] * c)
    return out


def main():
    rng = random.Random(SEED)

    # ------------------------------------------------------------ referrals
    henv = []
    for k in KOMMUNER:
        for _ in range(HENVENDELSER[k]):
            henv.append(dict(kommune=k, date=rand_date(rng, D(2014, 2, 1), D(2015, 12, 15)),
                             sender=wchoice(rng, SENDERS), channel=wchoice(rng, CHANNELS)))
    henv.sort(key=lambda h: (h["date"], KOMMUNER.index(h["kommune"]), h["sender"]))
    for i, h in enumerate(henv):
        h["id"] = "H%03d" % (i + 1)

    # ------------------------------------------------------------ citizens
    citizens = []
    for k in KOMMUNER:
        refs = [h for h in henv if h["kommune"] == k]
        rng.shuffle(refs)
        used = refs[:FROM_REFERRAL[k]]
        for h in refs[FROM_REFERRAL[k]:]:
            h["outcome"] = wchoice(rng, NO_CONTACT)
        people = []
        for h in used:
            h["outcome"] = "Borger kontaktet"
            people.append(dict(kommune=k, source="Henvendelse", ref=h["id"],
                               contact=min(END, h["date"] + days(rng.randint(1, 30)))))
        for _ in range(CONTACTED[k] - FROM_REFERRAL[k]):
            people.append(dict(kommune=k, source="Eget opsøgende arbejde", ref="",
                               contact=rand_date(rng, D(2014, 3, 1), D(2015, 11, 30))))
        # who received the intervention: earlier contacts (there was time)
        people.sort(key=lambda p: (p["contact"], p["ref"]))
        early = [p for p in people if p["contact"] <= D(2015, 8, 31)]
        late = [p for p in people if p["contact"] > D(2015, 8, 31)]
        rng.shuffle(early)
        ordered = early + late
        recv = ordered[:RECEIVED[k]]
        target_only = ordered[RECEIVED[k]:TARGET[k]]
        rest = ordered[TARGET[k]:]
        for p in recv:
            p.update(target="Ja", received="Ja", status="", referred_to="")
        n_already, n_ref, n_missing = STATUS_134[k]
        # the target-group citizens without the intervention could not be
        # reached or dropped out quickly; one in Næstved has no status
        tgt_status = [ALREADY] * len(target_only)
        if k == "Næstved":
            tgt_status[-1] = ""
        for p, s in zip(target_only, tgt_status):
            p.update(target="Ja", received="Nej", status=s, referred_to="")
        left = ([ALREADY] * (n_already - tgt_status.count(ALREADY))
                + [REFERRED] * n_ref + [""] * (n_missing - tgt_status.count("")))
        assert len(left) == len(rest), k
        rng.shuffle(left)
        for p, s in zip(rest, left):
            p.update(target="Nej", received="Nej", status=s, referred_to="")
        citizens.extend(people)

    referred = [p for p in citizens if p["status"] == REFERRED]
    to = []
    for lab, n in REFERRED_TO:
        to.extend([lab] * n)
    rng.shuffle(to)
    for p, t in zip(referred, to):
        p["referred_to"] = t

    citizens.sort(key=lambda p: (p["contact"], KOMMUNER.index(p["kommune"]), p["ref"]))
    for i, p in enumerate(citizens):
        p["id"] = "I%03d" % (i + 1)
        p.update(sex="", age="", nat="", housing="")

    # background (Tabel 5-1, 5-2) for the 42
    recv = [p for p in citizens if p["received"] == "Ja"]
    sex = SEX[:]
    nat = NATIONALITY[:]
    ages = []
    for lo, hi, n in AGE_BANDS:
        ages.extend(rng.randint(lo, hi) for _ in range(n))
    ages += [""] * 6
    rng.shuffle(sex)
    rng.shuffle(nat)
    rng.shuffle(ages)
    # the six without sex are mostly also without age (same missing interview)
    no_sex = [i for i, s in enumerate(sex) if s == ""]
    no_age = [i for i, a in enumerate(ages) if a == ""]
    for j, (i_s, i_a) in enumerate(zip(no_sex, no_age)):
        if j < 4:
            ages[i_s], ages[i_a] = ages[i_a], ages[i_s]
    for k in KOMMUNER:
        hs = HOUSING[k][:]
        rng.shuffle(hs)
        for p, h in zip([p for p in recv if p["kommune"] == k], hs):
            p["housing"] = h
    for p, s, a, n in zip(recv, sex, ages, nat):
        p["sex"], p["age"], p["nat"] = s, a, n

    # ------------------------------------------------------------ intervention course
    # 26 with før + efter (ended), 9 with før only (8 ongoing, 1 ended), 7
    # without Recovery data (5 ongoing, 2 ended).
    recv_sorted = sorted(recv, key=lambda p: (p["contact"], p["id"]))
    early = recv_sorted[:29]      # ended by the end of 2015
    late = recv_sorted[29:]       # the 13 latest starters are still in the intervention
    rng.shuffle(early)
    pairs = early[:26]
    before_only = late[:8] + early[26:27]
    no_data = late[8:] + early[27:29]
    assert len(pairs) == 26 and len(before_only) == 9 and len(no_data) == 7
    ended = set(id(p) for p in early)
    for p in recv:
        p["start"] = p["contact"] + days(rng.randint(3, 35))
        if id(p) in ended:
            lo = p["start"] + days(150)
            p["end"] = rand_date(rng, lo, max(lo, END - days(5)))
            assert p["end"] <= END, p
        else:
            p["end"] = None
        p["rec"] = ("pair" if any(p is x for x in pairs)
                    else "before" if any(p is x for x in before_only) else "none")

    # ------------------------------------------------------------ Recovery star
    rec_rows = []
    pair_scores = {id(p): {"før": {}, "efter": {}} for p in pairs}
    for dim in DIMS:
        n_pairs, pos, n_zero, neg, zero_base, neg_base = RECOVERY[dim]
        pos = sorted(pos, reverse=True)        # largest change to the lowest baseline
        lo, hi = IMPROVER_BASE[dim]
        pos_base = sorted(rng.randint(lo, hi) for _ in pos)
        if dim == "fysisk_sundhed":
            neg_base_vals = FYSISK_WORSE_BASE[:]
        else:
            neg_base_vals = [rng.randint(*neg_base) for _ in neg]
        zero_vals = [rng.randint(*zero_base) for _ in range(n_zero)]
        if dim == "fysisk_sundhed":
            # two of the unchanged start a little higher (4-5), so that 21 of
            # the 26 with a follow-up have a very low baseline (1-3)
            zero_vals[-2:] = [rng.randint(4, 5), rng.randint(4, 5)]
        before = pos_base + zero_vals + neg_base_vals
        delta = pos + [0] * n_zero + neg
        assert len(before) == n_pairs
        for b, dlt in zip(before, delta):
            assert 1 <= b <= 10 and 1 <= b + dlt <= 10, (dim, b, dlt)
        order = list(range(26))
        rng.shuffle(order)
        for slot, (b, dlt) in zip(order, zip(before, delta)):
            p = pairs[slot]
            pair_scores[id(p)]["før"][dim] = b
            pair_scores[id(p)]["efter"][dim] = b + dlt
        # the citizens without a usable pair for this dimension answered it
        # at one of the two measurements only
        for slot in order[n_pairs:]:
            p = pairs[slot]
            if dim == "fysisk_sundhed":
                pair_scores[id(p)]["før"][dim] = 2
            elif rng.random() < 0.5:
                pair_scores[id(p)]["før"][dim] = rng.randint(2, 8)
            else:
                pair_scores[id(p)]["efter"][dim] = rng.randint(2, 8)
    for p in recv:
        if p["rec"] == "none":
            continue
        d1 = p["start"] + days(rng.randint(14, 60))
        if p["end"] and d1 >= p["end"]:
            d1 = p["start"] + days(7)
        if p["rec"] == "pair":
            s = pair_scores[id(p)]
            rec_rows.append([p, d1, "Førmåling", [s["før"].get(x, "") for x in DIMS]])
            rec_rows.append([p, p["end"], "Eftermåling", [s["efter"].get(x, "") for x in DIMS]])
        else:
            vals = []
            for x in DIMS:
                if rng.random() < 0.12:
                    vals.append("")
                else:
                    lo, hi = IMPROVER_BASE[x]
                    vals.append(min(10, rng.randint(lo, hi + 3)))
            rec_rows.append([p, d1, "Førmåling", vals])
    rec_rows.sort(key=lambda r: (r[1], r[0]["id"], r[2]))
    recovery_out = []
    for i, (p, d, kind, vals) in enumerate(rec_rows):
        recovery_out.append(["RS%03d" % (i + 1), p["id"], fmt_date(d), kind] + vals)

    # ------------------------------------------------------------ short-term form
    ended_list = sorted([p for p in recv if p["end"]], key=lambda p: p["end"])
    with_form = ended_list[:]
    rng.shuffle(with_form)
    with_form = sorted(with_form[:18], key=lambda p: (p["end"], p["id"]))
    # the same four citizens are "Slet ikke" on most items
    stuck = with_form[:]
    rng.shuffle(stuck)
    stuck_ids = [p["id"] for p in stuck[:4]]
    short_vals = {p["id"]: [] for p in with_form}
    for item, counts in SHORT.items():
        labels = expand(counts, SHORT_LABELS)
        n_slet = counts[2]
        slet_for = stuck_ids[:n_slet]
        others = [p["id"] for p in with_form if p["id"] not in slet_for]
        rest = [x for x in labels if x != "Slet ikke"]
        rng.shuffle(rest)
        assign = dict(zip(others, rest))
        for pid in slet_for:
            assign[pid] = "Slet ikke"
        for p in with_form:
            short_vals[p["id"]].append(assign[p["id"]])
    short_out = [["KS%02d" % (i + 1), p["id"], fmt_date(p["end"])] + short_vals[p["id"]]
                 for i, p in enumerate(with_form)]

    # ------------------------------------------------------------ cost registration
    tid_borger = []
    for p in sorted(recv, key=lambda p: p["id"]):
        u = UNIT[p["kommune"]]
        months = ((p["end"] or END) - p["start"]).days / 30.4
        if p["end"]:
            fase = 3 if rng.random() < 0.6 else 2
        else:
            fase = rng.choice([1, 2, 2, 3])
        bro = fase == 3 or (p["end"] and rng.random() < 0.5)
        tid_borger.append([
            p["id"], fmt_date(p["start"]), fmt_date(p["end"]),
            hours(rng, 4, 14, u),
            hours(rng, 2.0 * months, 5.0 * months, u),
            hours(rng, 2, 12, u) if bro else "0",
            hours(rng, 0.5, 3, u) if bro and rng.random() < 0.7 else "0",
            fase])
    tid_projekt = []
    m = START
    while m <= END:
        for k in KOMMUNER:
            u = UNIT[k]
            early_phase = m < D(2014, 7, 1)
            for typ in ("Projektmedarbejder", "Leder"):
                if typ == "Projektmedarbejder":
                    row = [hours(rng, 10, 30, u) if early_phase or rng.random() < 0.3 else "0",
                           hours(rng, 20, 50, u) if early_phase else hours(rng, 5, 20, u),
                           hours(rng, 15, 45, u),
                           hours(rng, 20, 70, u) if not early_phase else hours(rng, 5, 20, u)]
                else:
                    row = [hours(rng, 1, 4, u) if early_phase else "0",
                           hours(rng, 4, 12, u) if early_phase else hours(rng, 1, 6, u),
                           hours(rng, 0, 3, u), "0"]
                # materials and other costs were reported inconsistently:
                # blank, 0 or an amount in either column
                mat = oth = ""
                if typ == "Projektmedarbejder":
                    r = rng.random()
                    if r < 0.25:
                        mat = str(rng.choice([250, 400, 650, 1200, 1850, 2400]))
                    elif r < 0.35:
                        oth = str(rng.choice([150, 300, 500, 900]))
                    elif r < 0.7:
                        mat, oth = "0", "0"
                tid_projekt.append([k, fmt_date(m), typ] + row + [mat, oth])
        m = D(m.year + 1, 1, 1) if m.month == 12 else D(m.year, m.month + 1, 1)

    # ------------------------------------------------------------ fidelity
    fid_rows = []
    for rnd in (1, 2, 3):
        resp = RESPONDENTS[rnd]
        assert len(resp) == ROUND_N[rnd - 1]
        answers = {}
        for q, per_round in FID.items():
            counts = per_round[rnd - 1]
            labels = YESNO if q == "q7" else FREQ if q == "q1" else DEGREE
            vals = expand(counts, labels)
            vals += [""] * (len(resp) - len(vals))
            rng.shuffle(vals)
            answers[q] = vals
        lo, hi = ROUND_DATES[rnd - 1]
        for j, (k, rid, role) in enumerate(resp):
            fid_rows.append([rnd, rand_date(rng, lo, hi), k, rid, role]
                            + [answers[q][j] for q in FID])
    fid_rows.sort(key=lambda r: (r[0], r[1], r[3]))
    fid_out = [["F%02d" % (i + 1), r[0], fmt_date(r[1])] + r[2:]
               for i, r in enumerate(fid_rows)]

    # ------------------------------------------------------------ write
    henv_out = [[h["id"], h["kommune"], fmt_date(h["date"]), h["sender"], h["channel"],
                 h["outcome"]] for h in henv]
    borgere_out = [[p["id"], p["kommune"], fmt_date(p["contact"]), p["source"], p["ref"],
                    p["target"], p["received"], p["status"], p["referred_to"],
                    p["sex"], p["age"], p["nat"], p["housing"]] for p in citizens]

    os.makedirs(DATA_DIR, exist_ok=True)
    write_csv("henvendelser.csv", ["henvendelse_id", "kommune", "dato", "afsender",
                                   "kanal", "udfald"], henv_out)
    write_csv("borgere.csv", ["borger_id", "kommune", "kontaktdato", "kilde",
                              "henvendelse_id", "maalgruppe", "socialfaglig_indsats",
                              "status_uden_indsats", "henvist_til", "koen", "alder",
                              "nationalitet", "bolig"], borgere_out)
    write_csv("fidelitet.csv", ["besvarelse_id", "runde", "dato", "kommune",
                                "respondent_id", "rolle"] + list(FID), fid_out)
    write_csv("recovery.csv", ["maaling_id", "borger_id", "dato", "maaling"] + DIMS,
              recovery_out)
    write_csv("kortsigt.csv", ["skema_id", "borger_id", "dato"] + list(SHORT), short_out)
    # The two cost forms were Excel workbooks: UTF-8 with BOM, CRLF line ends.
    write_csv("tid_borger.csv", ["borger_id", "indsats_start", "indsats_slut",
                                 "timer_kontaktskabelse", "timer_relationsarbejde",
                                 "timer_brobygning_medarbejder", "timer_brobygning_leder",
                                 "fase_ved_projektslut"], tid_borger, bom=True, crlf=True)
    write_csv("tid_projekt.csv", ["kommune", "maaned", "medarbejdertype",
                                  "timer_uddannelse", "timer_planlaegning",
                                  "timer_indirekte_opsporing", "timer_direkte_opsporing",
                                  "materialer_kr", "oevrige_kr"], tid_projekt,
              bom=True, crlf=True)
    sys.stdout.write(
        "wrote %d referrals, %d citizens (%d with the intervention), %d fidelity answers, "
        "%d Recovery measurements, %d short-term forms, %d + %d cost rows to %s\n"
        % (len(henv_out), len(borgere_out), len(recv), len(fid_out), len(recovery_out),
           len(short_out), len(tid_borger), len(tid_projekt), DATA_DIR))


if __name__ == "__main__":
    main()

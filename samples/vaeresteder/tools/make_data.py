#!/usr/bin/env python3
"""Generate the synthetic sample dataset for the "vaeresteder" sample.

Writes borgere.csv, borgerskema.csv, medarbejderskema.csv, tidsregistrering.csv,
medarbejdere.csv and slutundersoegelse.csv into samples/vaeresteder/data/.
The data are entirely synthetic.  Their aggregates are constructed to
reproduce the published figures of KORA (2016), "Styrkelse af værestedernes
rolle i den sociale indsats" (domain notes: seed-000-kora-vaeresteder.md);
see ../DATA.md for the list of numbers and the readings chosen.

Standard library only.  Deterministic: a fixed seed, no clock, no dependence
on hash order.  Running the script twice gives byte-identical files.
Verify the result with check_data.py (an independent checker).
"""

import datetime
import os
import sys

import random

SEED = 2016

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.normpath(os.path.join(HERE, "..", "data"))

D = datetime.date
START = D(2014, 9, 1)          # udviklingsfase starts
END = D(2016, 5, 31)           # fuld driftsfase ends, last registration
NEW_TOPICS = D(2015, 3, 1)     # topic codes 13 and 14 added to the staff form

KOMMUNER = ["Haderslev", "Holstebro", "Odense"]

# ---------------------------------------------------------------------------
# Tabel 1.1 "Oversigt over datagrundlag"
# ---------------------------------------------------------------------------
UNIQUE = {"Haderslev": 249, "Holstebro": 103, "Odense": 209}
CIT_FORMS = {"Haderslev": 228, "Holstebro": 93, "Odense": 188}
STAFF_FORMS = {"Haderslev": 275, "Holstebro": 188, "Odense": 439}
BOTH = {"Haderslev": 129, "Holstebro": 46, "Odense": 47}
# Citizens with at least one citizen form (a design choice; not published).
# The rest follows: staff-form citizens = unique + both - citizen-form citizens.
CIT_WITH_CFORM = {"Haderslev": 180, "Holstebro": 70, "Odense": 120}

# Afsluttende spørgeskemaundersøgelse: (answered, invited)
SURVEY = {"Haderslev": (12, 25), "Holstebro": (14, 22), "Odense": (23, 32)}

SKP = "SKP"
SAG = "Sagsbehandler"
MIS = "Misbrugsbehandler"
CATS = [SKP, SAG, MIS]

# ---------------------------------------------------------------------------
# Figur 4.2 ("skabt tidligere kontakt"): staff forms per municipality and
# staff category, the number of valid answers (1-5) and their sum.
#   SKP  n=166 sum 515 (3,10)   Sagsbehandler n=504 sum 2076 (4,12)
#   Misbrugsbehandler n=125 sum 480 (3,84)   pooled 3071/795 = 3,863
#   municipality means 888/240 = 3,700, 643/165 = 3,897, 1540/390 = 3,949
#   mean of the three municipality means = 3,849 -> "I alt" 3,85.
# The other 107 forms answered "Ikke relevant", "Ved ikke" or nothing.
# ---------------------------------------------------------------------------
FIG42 = {
    # kommune: {category: (forms, valid, sum)}
    "Haderslev": {SKP: (115, 100, 305), SAG: (122, 110, 468), MIS: (38, 30, 115)},
    "Holstebro": {SKP: (36, 30, 93), SAG: (88, 80, 336), MIS: (64, 55, 214)},
    "Odense": {SKP: (45, 36, 117), SAG: (350, 314, 1272), MIS: (44, 40, 151)},
}

STAFF_LABELS = {1: "Meget lille grad", 2: "Lille grad", 3: "Neutral",
                4: "Høj grad", 5: "Meget høj grad", 6: "Ikke relevant"}
CIT_LABELS = {1: "Meget lille grad", 2: "Lille grad", 3: "Neutral",
              4: "Høj grad", 5: "Meget høj grad"}
VED_IKKE = "Ved ikke"

PARTNER = {SAG: "Sagsbehandler på værestedet",
           SKP: "Støtte-kontaktperson (eller anden støtteperson)",
           MIS: "Misbrugsbehandler"}
CIT_PLACE = ["På værestedet", "Hjemme hos mig selv",
             "Andet sted (f.eks. på gaden)"]
STAFF_PLACE = ["På værestedet", "Hjemme hos borgeren",
               "Andet sted (f.eks. på gaden)"]
VAERESTEDER = {
    # Haderslev's five are the names printed on the form (Bilag 1); the other
    # municipalities' lists are not in the report and are pseudonymised.
    "Haderslev": ["Brugerhuset", "Kolibrien", "Regnbuen", "Borgercaféen",
                  "Parasollen"],
    "Holstebro": ["Værested H1", "Værested H2", "Værested H3"],
    "Odense": ["Værested O%d" % i for i in range(1, 9)],
}
INCOME = [
    ("Lønindkomst", 3), ("SU", 1), ("Arbejdsløshedsdagpenge", 2),
    ("Ledighedsydelse", 3), ("Arbejdsmarkedsydelse", 1), ("Fleksjob", 3),
    ("Aktiveringsydelse/løn med tilskud", 2), ("Sygedagpenge", 5),
    ("Kontanthjælp/Uddannelseshjælp", 30), ("Revalideringsydelse", 1),
    ("Førtidspension", 35), ("Folkepension", 8),
    ("Fra venner, familie og lign.", 1), ("Ingen forsørgelse", 2),
    ("Andet", 3),
]
HOUSING = [
    ("Egen bolig (lejer/andels/ejer)", 70), ("Støttebolig eller lign.", 12),
    ("Herberg/pensionat", 6), ("Midlertidig bolig hos venner/familie", 7),
    ("Ingen bolig/bor på gaden", 5),
]
# Topic columns in form order: (column, code, weights for SKP / SAG / MIS)
TOPICS = [
    ("emne_job", 1, (4, 30, 3)),
    ("emne_rehabiliteringsplan", 13, (1, 12, 1)),
    ("emne_uddannelse", 2, (2, 8, 1)),
    ("emne_psykisk", 3, (25, 18, 12)),
    ("emne_somatisk", 4, (15, 6, 6)),
    ("emne_bolig", 14, (12, 14, 4)),
    ("emne_alkohol", 5, (6, 3, 35)),
    ("emne_hash", 6, (4, 2, 25)),
    ("emne_stoffer", 7, (2, 1, 18)),
    ("emne_oekonomi", 8, (10, 28, 5)),
    ("emne_raadgivning", 9, (10, 20, 5)),
    ("emne_netvaerk", 10, (25, 6, 8)),
    ("emne_tand", 11, (4, 3, 2)),
    ("emne_andet", 12, (6, 5, 4)),
]
OTHER_TOPICS = ["Hjælp til at udfylde skema", "Kørekort", "Samvær med børn",
                "Tøj og vinterjakke", "Flytning", "Hund", "Mobiltelefon",
                "Ferie", "Konflikt med en anden bruger"]
REMARKS = ["Borgeren var påvirket", "Kort samtale i caféen",
           "Aftale om opfølgning næste uge", "Borgeren kom sammen med en ven",
           "Samtalen blev afbrudt", "Fulgt til lægen efterfølgende",
           "Ny borger på værestedet"]

# Staff items other than Figur 4.2: base means by category, shifts by phase
# (udvikling, afprøvning, drift) and share of "Ikke relevant".  They make the
# orderings the report describes true (Figur 4.1, 4.6-4.10).
STAFF_ITEMS = [
    # column, {cat: base}, phase shifts, p(ikke relevant)
    ("kendskab", {SKP: 3.9, SAG: 3.4, MIS: 3.5}, (-0.1, 0.0, 0.05), 0.03),
    ("relation", {SKP: 3.75, SAG: 4.05, MIS: 4.35}, (-0.45, 0.0, 0.2), 0.04),
    ("udredning", {SKP: 3.35, SAG: 3.85, MIS: 4.15}, (-0.45, 0.0, 0.2), 0.05),
]
COLLAB_ITEMS = [
    # column, base, phase shifts, p(ikke relevant) by category
    ("samarb_vaerested", 4.25, (-0.4, 0.0, 0.15), {SKP: 0.03, SAG: 0.05, MIS: 0.05}),
    ("samarb_skp", 3.7, (-0.4, 0.0, 0.2), {SKP: 0.5, SAG: 0.35, MIS: 0.4}),
    ("samarb_misbrug", 3.5, (-0.45, 0.0, 0.2), {SKP: 0.45, SAG: 0.5, MIS: 0.6}),
    ("samarb_jobcenter", 3.55, (-0.4, 0.0, 0.2), {SKP: 0.55, SAG: 0.25, MIS: 0.6}),
    ("samarb_socialcenter", 3.8, (-0.4, 0.0, 0.15), {SKP: 0.4, SAG: 0.3, MIS: 0.45}),
]
CIT_ITEMS = [
    # column, base mean, phase shifts
    ("positivt_vaerested", 4.45, (0.0, 0.03, 0.05)),
    ("tryg", 4.5, (0.0, 0.02, 0.05)),
    ("lyttet", 4.45, (0.0, 0.03, 0.04)),
    ("vigtigt", 4.3, (0.0, 0.04, 0.06)),
    ("tidspunkt", 4.2, (0.0, 0.04, 0.05)),
]

# Monthly time registration (§2.3).  Staffing from Tabel 3.1 (FTE);
# hours per FTE-month = 1.635 / 12.
FTE = {
    "Haderslev": {"Fremskudt misbrugsindsats": 0.2, "Fremskudt sagsbehandling": 0.75,
                  "Styrket SKP-ordning": 1.35},
    "Holstebro": {"Fremskudt misbrugsindsats": 1 / 3, "Fremskudt sagsbehandling": 1 / 3,
                  "Styrket SKP-ordning": 0.25},
    "Odense": {"Fremskudt misbrugsindsats": 2 / 3, "Fremskudt sagsbehandling": 1.5,
               "Styrket SKP-ordning": 1 / 3},
}
STAFF_COUNT = {  # misbrugsbehandlere, sagsbehandlere, SKP'ere (Tabel 3.1)
    "Haderslev": (2, 3, 5), "Holstebro": (2, 1, 2), "Odense": (2, 8, 6),
}
TEAM_SIZE = {"Haderslev": 22, "Holstebro": 12, "Odense": 28}
TASKS = ["Projektledelse", "Implementeringsteam", "Styregruppe",
         "Fremskudt misbrugsindsats", "Fremskudt sagsbehandling",
         "Styrket SKP-ordning", "Holdbaserede aktiviteter", "Andet"]
HOLD_REMARKS = ["IT-kursus for brugerne", "Sundhedshold", "Madjonglørerne",
                "Gåtur og motion"]
FUNCTIONS = ["Værestedsmedarbejder", "Leder på værested",
             "Fremskudt sagsbehandler", "Medarbejder i misbrugsindsatsen",
             "SKP/Social vicevært", "Frivillig på et værested",
             "Kommunal leder (del af implementeringsteamet)", "Projektleder",
             "Andet"]


def days(n):
    return datetime.timedelta(days=n)


def fmt_date(d):
    return d.strftime("%d-%m-%Y") if d else ""


def month_starts():
    out = []
    y, m = START.year, START.month
    while D(y, m, 1) <= END:
        out.append(D(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_end(d):
    nxt = D(d.year + 1, 1, 1) if d.month == 12 else D(d.year, d.month + 1, 1)
    return nxt - days(1)


def phase(d):
    if d <= D(2014, 12, 31):
        return 0
    if d <= D(2015, 12, 31):
        return 1
    return 2


def wchoice(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def noise(rng):
    """Symmetric noise with sd about 0.8 (sum of uniforms; no gauss)."""
    return (rng.random() + rng.random() + rng.random() - 1.5) * 1.6


def likert(rng, mean):
    return max(1, min(5, int(round(mean + noise(rng)))))


def values_with_sum(rng, n, total):
    """n answers 1..5 with the given sum, spread around the mean."""
    mean = total / n
    vals = [likert(rng, mean) for _ in range(n)]
    diff = total - sum(vals)
    while diff != 0:
        i = rng.randrange(n)
        if diff > 0 and vals[i] < 5:
            vals[i] += 1
            diff -= 1
        elif diff < 0 and vals[i] > 1:
            vals[i] -= 1
            diff += 1
    return vals


def spread(rng, n_items, total):
    """Distribute `total` items over n_items buckets, each at least 1."""
    counts = [1] * n_items
    for _ in range(total - n_items):
        # favour buckets that already have many (a few citizens are regulars)
        i = rng.randrange(n_items)
        if rng.random() < 0.5:
            j = rng.randrange(n_items)
            if counts[j] > counts[i]:
                i = j
        counts[i] += 1
    return counts


# Month weights for a citizen's first contact: slow start in autumn 2014.
def first_contact(rng):
    months = month_starts()
    w = []
    for m in months:
        if m.year == 2014:
            w.append({9: 2, 10: 3, 11: 5, 12: 4}[m.month])
        elif m.year == 2015:
            w.append(3 if m.month == 7 else 5)
        else:
            w.append(3)
    m = rng.choices(months, weights=w)[0]
    return m + days(rng.randrange((month_end(m) - m).days + 1))


def later_date(rng, first):
    span = min(330, (END - first).days)
    return first + days(rng.randint(0, span))


def csv_field(v):
    s = "" if v is None else str(v)
    if any(ch in s for ch in ';"\n\r'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(name, header, rows, bom=False, crlf=False):
    path = os.path.join(DATA_DIR, name)
    nl = "\r\n" if crlf else "\n"
    lines = [";".join(header)]
    for r in rows:
        assert len(r) == len(header), (name, r)
        lines.append(";".join(csv_field(v) for v in r))
    data = (nl.join(lines) + nl).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


def fmt_hours(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s.replace(".", ",")


def main():
    rng = random.Random(SEED)

    # ---------------------------------------------------------------- citizens
    citizens = []   # dicts: kommune, group (C, S, B), first, sex, year
    for k in KOMMUNER:
        c_only = CIT_WITH_CFORM[k] - BOTH[k]
        s_only = UNIQUE[k] - CIT_WITH_CFORM[k]
        groups = ["B"] * BOTH[k] + ["C"] * c_only + ["S"] * s_only
        assert len(groups) == UNIQUE[k]
        for g in groups:
            citizens.append(dict(
                kommune=k, group=g, first=first_contact(rng),
                sex="Mand" if rng.random() < 0.66 else "Kvinde",
                year=rng.randint(1944, 1996)))
    citizens.sort(key=lambda c: (c["first"], KOMMUNER.index(c["kommune"]),
                                 c["group"], c["year"], c["sex"]))
    for i, c in enumerate(citizens):
        c["id"] = "B%04d" % (i + 1)
        c["income"] = wchoice(rng, INCOME)
        c["housing"] = wchoice(rng, HOUSING)
        c["level"] = noise(rng) * 0.35   # personal tendency in the citizen's answers

    # ---------------------------------------------------------------- staff forms
    staff_rows = []
    for k in KOMMUNER:
        people = [c for c in citizens if c["kommune"] == k and c["group"] in "BS"]
        counts = spread(rng, len(people), STAFF_FORMS[k])
        forms = []
        for c, n in zip(people, counts):
            dates = [c["first"]] + [later_date(rng, c["first"]) for _ in range(n - 1)]
            for d in dates:
                forms.append(dict(citizen=c, date=d))
        # staff category and the Figur 4.2 answer, cell by cell
        cells = []
        for cat in CATS:
            n_forms, n_valid, total = FIG42[k][cat]
            vals = values_with_sum(rng, n_valid, total)
            n_excl = n_forms - n_valid
            n_nr = (n_excl * 2 + 2) // 5
            n_vi = (n_excl * 2 + 2) // 5
            n_bl = n_excl - n_nr - n_vi
            answers = [str(v) for v in vals] + ["6"] * n_nr + [VED_IKKE] * n_vi + [""] * n_bl
            rng.shuffle(answers)
            cells.extend((cat, a) for a in answers)
        assert len(cells) == len(forms) == STAFF_FORMS[k]
        rng.shuffle(cells)
        for f, (cat, a) in zip(forms, cells):
            f["cat"] = cat
            f["tidligere"] = a
        staff_rows.extend(forms)

    staff_rows.sort(key=lambda f: (f["date"], f["citizen"]["id"], f["cat"],
                                   f["tidligere"]))
    staff_out = []
    for i, f in enumerate(staff_rows):
        c = f["citizen"]
        k = c["kommune"]
        cat = f["cat"]
        ph = phase(f["date"])
        place = rng.choices(STAFF_PLACE, weights=[85, 8, 7])[0]
        vaer = rng.choice(VAERESTEDER[k]) if place == STAFF_PLACE[0] else ""
        income = c["income"] if rng.random() < 0.93 else ""
        housing = c["housing"] if rng.random() < 0.95 else ""
        topics = []
        ci = CATS.index(cat)
        chosen = set()
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
            avail = [t for t in TOPICS if f["date"] >= NEW_TOPICS or t[1] < 13]
            t = rng.choices(avail, weights=[x[2][ci] for x in avail])[0]
            chosen.add(t[0])
        for col, code, _ in TOPICS:
            if code >= 13 and f["date"] < NEW_TOPICS:
                topics.append("")   # not on the form yet
            else:
                topics.append(1 if col in chosen else 0)
        other_text = rng.choice(OTHER_TOPICS) if "emne_andet" in chosen else ""
        collab = []
        for col, base, shifts, p_nr in COLLAB_ITEMS:
            r = rng.random()
            if r < p_nr[cat]:
                collab.append("6")
            elif r < p_nr[cat] + 0.04:
                collab.append(VED_IKKE)
            elif r < p_nr[cat] + 0.06:
                collab.append("")
            else:
                collab.append(str(likert(rng, base + shifts[ph] + c["level"])))
        grid = []
        for col, base, shifts, p_nr in STAFF_ITEMS:
            r = rng.random()
            if r < p_nr:
                grid.append("6")
            elif r < p_nr + 0.05:
                grid.append(VED_IKKE)
            elif r < p_nr + 0.07:
                grid.append("")
            else:
                grid.append(str(likert(rng, base[cat] + shifts[ph] + c["level"])))
        # grid order on the form: kendskab, relation, tidligere kontakt, udredning
        grid = [grid[0], grid[1], f["tidligere"], grid[2]]
        remark = rng.choice(REMARKS) if rng.random() < 0.06 else ""
        staff_out.append(["MS%04d" % (i + 1), c["id"], k, fmt_date(f["date"]),
                          cat, place, vaer, income, housing] + topics
                         + [other_text] + collab + grid + [remark])

    # ---------------------------------------------------------------- citizen forms
    staff_dates = {}
    for f in staff_rows:
        staff_dates.setdefault(f["citizen"]["id"], []).append((f["date"], f["cat"]))
    cit_rows = []
    for k in KOMMUNER:
        people = [c for c in citizens if c["kommune"] == k and c["group"] in "BC"]
        counts = spread(rng, len(people), CIT_FORMS[k])
        for c, n in zip(people, counts):
            met = staff_dates.get(c["id"], [])
            for j in range(n):
                if met and rng.random() < 0.7:
                    # filled in after a conversation that was also registered by staff
                    d, cat = rng.choice(met)
                elif j == 0:
                    d = c["first"]
                    cat = rng.choices(CATS, weights=[30, 55, 15])[0]
                else:
                    d = later_date(rng, c["first"])
                    cat = rng.choices(CATS, weights=[30, 55, 15])[0]
                cit_rows.append(dict(citizen=c, date=d, cat=cat))
    cit_rows.sort(key=lambda f: (f["date"], f["citizen"]["id"], f["cat"]))
    cit_out = []
    for i, f in enumerate(cit_rows):
        c = f["citizen"]
        ph = phase(f["date"])
        place = rng.choices(CIT_PLACE, weights=[88, 6, 6])[0]
        answers = []
        for col, base, shifts in CIT_ITEMS:
            r = rng.random()
            if r < 0.02:
                answers.append(VED_IKKE)   # written on the form, though no box
            elif r < 0.04:
                answers.append("")
            else:
                answers.append(CIT_LABELS[likert(rng, base + shifts[ph]
                                                 + c["level"])])
        cit_out.append(["BS%04d" % (i + 1), c["id"], c["kommune"],
                        fmt_date(f["date"]), PARTNER[f["cat"]], place] + answers)

    # ---------------------------------------------------------------- time sheets
    time_out = []
    staff_count_out = []
    for k in KOMMUNER:
        for m in month_starts():
            ph = phase(m)
            ramp = {9: 0.45, 10: 0.6, 11: 0.75, 12: 0.85}.get(m.month, 1.0) \
                if m.year == 2014 else 1.0
            holiday = 0.55 if m.month == 7 else (0.85 if m.month in (8, 12) else 1.0)
            hours = {}
            remark = {}
            hours["Projektledelse"] = (70 if ph == 0 else 45 if ph == 1 else 35) \
                * (0.8 + 0.4 * rng.random())
            team_month = m.month % 2 == 1 if ph == 0 else m.month in (1, 4, 6, 9, 11)
            if team_month:
                hours["Implementeringsteam"] = TEAM_SIZE[k] * (2 + rng.random())
                remark["Implementeringsteam"] = "Møde i implementeringsteamet"
            else:
                hours["Implementeringsteam"] = rng.choice([0, 0, 4, 6])
            hours["Styregruppe"] = rng.choice([0, 0, 0, 6, 8]) if ph else rng.choice([0, 8, 10])
            for task, fte in FTE[k].items():
                hours[task] = fte * 1635 / 12 * ramp * holiday * (0.85 + 0.3 * rng.random())
            if m >= D(2015, 2, 1):
                hours["Holdbaserede aktiviteter"] = (10 + 40 * rng.random()) * holiday
                if rng.random() < 0.3:
                    remark["Holdbaserede aktiviteter"] = rng.choice(HOLD_REMARKS)
            else:
                hours["Holdbaserede aktiviteter"] = 0
            if rng.random() < 0.35:
                hours["Andet"] = 15 + 45 * rng.random()
                remark["Andet"] = rng.choice(["LVS-kursus for medarbejdere",
                                              "Kompetenceudvikling på tværs",
                                              "Temadag om samarbejdsmodellen"])
            else:
                hours["Andet"] = 0
            if m.month == 7:
                remark.setdefault("Styrket SKP-ordning", "Sommerferie")
            for task in TASKS:
                h = round(hours[task] * 2) / 2   # registered in half hours
                time_out.append([k, fmt_date(m), task, fmt_hours(h),
                                 remark.get(task, "")])
            mis, sag, skp = STAFF_COUNT[k]
            if ph == 0 and m.month in (9, 10):
                mis, sag, skp = max(1, mis - 1), max(1, sag - 1), max(1, skp - 2)
            staff_count_out.append([k, fmt_date(m), mis, sag, skp])

    # ---------------------------------------------------------------- final survey
    survey_out = []
    n = 0
    for k in KOMMUNER:
        answered, invited = SURVEY[k]
        flags = [True] * answered + [False] * (invited - answered)
        rng.shuffle(flags)
        for a in flags:
            n += 1
            if a:
                func = rng.choices(FUNCTIONS, weights=[20, 8, 12, 8, 10, 6, 10, 4, 4])[0]
                d = D(2016, 5, rng.randint(2, 31))
            else:
                func, d = "", None
            survey_out.append(["U%03d" % n, k, "Ja" if a else "Nej",
                               fmt_date(d), func])

    borgere_out = [[c["id"], c["kommune"], c["sex"], c["year"]] for c in citizens]

    os.makedirs(DATA_DIR, exist_ok=True)
    write_csv("borgere.csv", ["borger_id", "kommune", "koen", "foedselsaar"],
              borgere_out)
    write_csv("borgerskema.csv",
              ["skema_id", "borger_id", "kommune", "dato", "samtalepartner",
               "sted"] + [x[0] for x in CIT_ITEMS], cit_out)
    write_csv("medarbejderskema.csv",
              ["skema_id", "borger_id", "kommune", "dato", "medarbejderkategori",
               "sted", "vaerested", "indtaegt", "bolig"]
              + [t[0] for t in TOPICS] + ["emne_andet_tekst"]
              + [x[0] for x in COLLAB_ITEMS]
              + ["kendskab", "relation", "tidligere_kontakt", "udredning",
                 "oevrige_forhold"], staff_out)
    # The monthly sheets came from Excel: UTF-8 with BOM and CRLF line ends.
    write_csv("tidsregistrering.csv",
              ["kommune", "maaned", "opgave", "timer", "bemaerkning"],
              time_out, bom=True, crlf=True)
    write_csv("medarbejdere.csv",
              ["kommune", "maaned", "antal_misbrugsbehandlere",
               "antal_sagsbehandlere", "antal_skp"], staff_count_out,
              bom=True, crlf=True)
    write_csv("slutundersoegelse.csv",
              ["respondent_id", "kommune", "besvaret", "svardato", "funktion"],
              survey_out)
    sys.stdout.write(
        "wrote %d citizens, %d citizen forms, %d staff forms, %d time rows, "
        "%d survey invitations to %s\n"
        % (len(borgere_out), len(cit_out), len(staff_out), len(time_out),
           len(survey_out), DATA_DIR))


if __name__ == "__main__":
    main()

"""Partner figures of the reference SNA (chapters 12 to 19), typed as data.

Figures quoted by the reference are copied from it; the rest (marked
*invented*) are chosen to agree with its sentences. ``None`` as a method is
an attendance with no recorded method.
"""

from __future__ import annotations

import datetime as dt

from svsna.synth.targets import DISTRICTS

# --- Royal Derby Hospital, April 2022 to March 2025: 2,409 attendances -------

RDH_YEARS = {"2022/23": 790, "2023/24": 820, "2024/25": 799}  # invented split
#: 39.5% aged 18-30; ages 0-17 are the children's subset.
RDH_AGES = {
    (0, 9): 22,
    (10, 17): 350,
    (18, 30): 951,
    (31, 40): 520,
    (41, 50): 320,
    (51, 60): 170,
    (61, 90): 76,
}
#: The method table (2,074 with a method) and 335 without.
RDH_METHODS: dict[str | None, int] = {
    "fist": 1010,
    "combination of body parts": 229,
    "feet": 153,
    "other": 146,
    "head": 122,
    "other weapon": 98,
    "any blunt object": 94,
    "knife": 64,
    "pushed": 48,
    "glass": 41,
    "bottle": 35,
    "other bladed or sharp object": 32,
    "firearm": 2,
    None: 335,
}
#: The 0-17 method table (335 with a method) and 37 without.
CHILD_METHODS: dict[str | None, int] = {
    "fist": 187,
    "combination of body parts": 49,
    "feet": 37,
    "other": 19,
    "any blunt object": 15,
    "other weapon": 9,
    "head": 6,
    "pushed": 5,
    "glass": 4,
    "knife": 3,
    "bottle": 1,
    None: 37,
}
#: 30% of the 0-17 assaults at an educational establishment.
RDH_CHILD_LOCATIONS = {
    "school": 112,
    "open space": 60,
    "street": 55,
    "own home": 40,
    "other home": 30,
    "not known": 45,
    "transport": 10,
    "other": 20,
}
RDH_ADULT_LOCATIONS = {  # invented, like Chesterfield's
    "open space": 20.0,
    "street": 17.0,
    "own home": 16.0,
    "not known": 16.0,
    "licensed premises": 14.0,
    "other home": 8.0,
    "work": 6.0,
    "transport": 1.5,
    "school": 1.0,
    "other": 0.5,
}

# --- Chesterfield Royal Hospital: 578, 600, 439 ------------------------------

CRH_YEARS = {"2022/23": 578, "2023/24": 600, "2024/25": 439}
#: 20% aged 10-19 and 28% aged 20-29.
CRH_AGES = {
    (0, 9): 15,
    (10, 17): 200,
    (18, 19): 123,
    (20, 29): 453,
    (30, 30): 40,
    (31, 40): 350,
    (41, 50): 230,
    (51, 60): 140,
    (61, 90): 66,
}
#: 1,160 by a body part, 257 by a weapon, 38% by a fist.
CRH_METHODS: dict[str | None, int] = {
    "fist": 600,
    "combination of body parts": 264,
    "feet": 150,
    "head": 100,
    "pushed": 46,
    "knife": 40,
    "other bladed or sharp object": 25,
    "glass": 30,
    "bottle": 25,
    "any blunt object": 70,
    "firearm": 2,
    "other weapon": 65,
    "other": 120,
    None: 80,
}
CRH_LOCATIONS = {
    "open space": 323,
    "street": 263,
    "own home": 243,
    "not known": 273,
    "licensed premises": 187,
    "other home": 135,
    "school": 93,
    "work": 92,
    "transport": 7,
    "other": 1,
}

# --- East Midlands Ambulance Service ----------------------------------------

_RESPONSES = ("hear and treat", "see and treat", "see and convey")


def _cells(
    male: tuple[int, int, int], female: tuple[int, int, int], total: tuple[int, ...]
) -> dict[tuple[str, str], int]:
    cells: dict[tuple[str, str], int] = {}
    for response, m, f, t in zip(_RESPONSES, male, female, total, strict=True):
        cells[(response, "male")] = m
        cells[(response, "female")] = f
        cells[(response, "unknown")] = t - m - f
    return cells


AMBULANCE_RESPONSES = {
    "2022/23": _cells((392, 265, 375), (182, 129, 143), (587, 416, 536)),
    "2023/24": _cells((419, 241, 332), (284, 173, 151), (711, 427, 499)),
    "2024/25": _cells((709, 252, 266), (552, 230, 223), (1262, 482, 490)),
}
#: Destinations of the conveyed patients (Royal Derby absorbs the reference's
#: 3 and 5 extra destinations of 2023/24 and 2024/25).
AMBULANCE_DESTINATIONS = {
    year: dict(
        zip(
            (
                "Royal Derby Hospital",
                "Chesterfield Royal Hospital",
                "Queens Medical Centre Campus Hospital",
                "Kings Mill Hospital",
                "Stepping Hill Hospital",
                "Burton Queens Hospital",
                "Sheffield Northern General Hospital",
                "Other Hospital out of area",
                "Macclesfield District General Hospital",
                "Other Derbyshire Hospital",
            ),
            counts,
            strict=True,
        )
    )
    for year, counts in {
        "2022/23": (268, 111, 89, 33, 10, 11, 9, 3, 1, 1),
        "2023/24": (242, 122, 47, 25, 29, 14, 7, 7, 5, 1),
        "2024/25": (228, 152, 25, 27, 26, 14, 7, 5, 5, 1),
    }.items()
}

# --- Derbyshire Fire and Rescue ---------------------------------------------


def _fy(start: int) -> tuple[dt.date, dt.date]:
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


_SPRING_2025 = (dt.date(2025, 4, 1), dt.date(2025, 5, 31))
#: Deliberate fires fall 43% from 2022/23 to 2024/25 (counts invented);
#: malicious false alarms 129 in 2023/24 and 97 in 2024/25.
FIRE = {
    "deliberate fire": {
        _fy(2020): 980,
        _fy(2021): 950,
        _fy(2022): 900,
        _fy(2023): 720,
        _fy(2024): 513,
        _SPRING_2025: 95,
    },
    "malicious false alarm": {
        _fy(2020): 120,
        _fy(2021): 118,
        _fy(2022): 115,
        _fy(2023): 129,
        _fy(2024): 97,
        _SPRING_2025: 16,
    },
}

# --- Youth justice -----------------------------------------------------------

YOUTH_JUSTICE_OFFENCES = {
    name: dict(zip(("2022/23", "2023/24", "2024/25"), counts, strict=True))
    for name, counts in {
        "Possess an offensive weapon in a public place": (54, 42, 48),
        "Assault by beating": (51, 31, 30),
        "Actual bodily harm": (19, 43, 41),
        "Possess offensive weapon on school premises": (22, 5, 1),
        "GBH wounding without intent": (10, 4, 12),
        "Robbery/attempt": (5, 8, 2),
        "Possess an imitation firearm": (0, 6, 3),
        "Threats to kill": (1, 2, 4),
        "GBH wounding with intent": (2, 1, 1),
        "Threaten a person with an offensive weapon on school premises": (1, 0, 3),
        "False imprisonment": (0, 0, 2),
        "Intentional strangulation": (0, 1, 1),
        "Kidnap": (0, 0, 1),
    }.items()
}
YOUTH_JUSTICE_AUTHORITY = {
    "2022/23": {"city": 122, "county": 43},
    "2023/24": {"city": 105, "county": 38},
    "2024/25": {"city": 116, "county": 33},
}

# --- Probation (calendar years) ----------------------------------------------

PROBATION_DISTRICTS = {
    year: dict(zip(DISTRICTS, counts, strict=True))
    for year, counts in {
        "2022": (33, 22, 36, 198, 5, 79, 13, 8, 38),
        "2023": (43, 23, 54, 232, 13, 46, 16, 32, 26),
        "2024": (61, 18, 50, 339, 10, 98, 26, 21, 57),
    }.items()
}
#: 91% male in 2024 (63 women); 22 women in 2023; 2022 invented.
PROBATION_FEMALE = {"2022": 40, "2023": 22, "2024": 63}
#: Custody and community both highest in 2024 (invented split).
PROBATION_CUSTODY = {"2022": 150, "2023": 165, "2024": 240}

# --- Schools (invented counts agreeing with the reference's sentences) -------

SCHOOLS: dict[tuple[str, str], dict[str, dict[str, float]]] = {
    ("Derbyshire", "permanent"): {
        "phases": {"primary": 15, "secondary": 80, "special": 5},
        "counts": {
            "2020/21": 60,
            "2021/22": 95,
            "2022/23": 140,
            "2023/24": 120,
            "2024/25": 100,
        },
    },
    ("Derbyshire", "suspension"): {
        "phases": {"primary": 12, "secondary": 84, "special": 4},
        "counts": {
            "2020/21": 7000,
            "2021/22": 9800,
            "2022/23": 12400,
            "2023/24": 11600,
            "2024/25": 10700,
        },
    },
    ("Derby", "permanent"): {
        "phases": {"primary": 12, "secondary": 84, "special": 4},
        "counts": {
            "2020/21": 20,
            "2021/22": 26,
            "2022/23": 30,
            "2023/24": 38,
            "2024/25": 43,
        },
    },
    ("Derby", "suspension"): {
        "phases": {"primary": 14, "secondary": 82, "special": 4},
        "counts": {
            "2020/21": 2900,
            "2021/22": 3700,
            "2022/23": 4300,
            "2023/24": 5050,
            "2024/25": 3862,
        },
    },
}
_OTHER_REASONS = {
    "Use or threat of use of an offensive weapon or prohibited item": 2.6,
    "Damage": 2.0,
    "Drug and alcohol related": 1.8,
    "Bullying": 0.9,
    "Racist abuse": 0.8,
    "Sexual misconduct": 0.7,
    "Theft": 0.4,
    "Inappropriate use of social media or online technology": 0.3,
}
SCHOOL_REASONS = {
    "Derbyshire": {
        "Persistent disruptive behaviour": 52.9,
        "Verbal abuse/threatening behaviour against an adult": 17.1,
        "Physical assault against a pupil": 12.1,
        "Physical assault against an adult": 5.3,
        "Verbal abuse/threatening behaviour against a pupil": 3.1,
        **_OTHER_REASONS,
    },
    "Derby": {  # invented
        "Persistent disruptive behaviour": 49.0,
        "Verbal abuse/threatening behaviour against an adult": 18.5,
        "Physical assault against a pupil": 13.0,
        "Physical assault against an adult": 6.0,
        "Verbal abuse/threatening behaviour against a pupil": 4.0,
        **_OTHER_REASONS,
    },
}

# --- Children's social care, Derbyshire County: (total, male, female) -------

SOCIAL_CARE = {
    ("Derbyshire", "referrals"): {
        "2022/23": (10319, 5251, 4985),
        "2023/24": (10688, 5373, 5150),
        "2024/25": (9811, 4991, 4627),
    },
    ("Derbyshire", "child protection plans"): {
        "2022/23": (929, 490, 438),
        "2023/24": (941, 452, 487),
        "2024/25": (926, 487, 439),
    },
    ("Derbyshire", "admissions to care"): {
        "2022/23": (488, 282, 205),
        "2023/24": (491, 274, 217),
        "2024/25": (410, 235, 175),
    },
    ("Derbyshire", "care leavers"): {
        "2022/23": (830, 482, 345),
        "2023/24": (915, 559, 353),
        "2024/25": (997, 623, 371),
    },
}

# --- NEET aged 16-17: (cohort, NEET) -----------------------------------------

NEET = {
    "Derby": {"2023": (6240, 269), "2024": (6606, 271), "2025": (7034, 556)},
    "Derbyshire": {"2023": (16188, 403), "2024": (16836, 384), "2025": (17530, 1292)},
}

# --- National context (chapters 7.3, 12, 17.3 and 19) ------------------------

_PRISON = "Ministry of Justice, Safety in custody quarterly update to March 2025"
_REOFFENDING = (
    "Prison data as quoted by the Derby and Derbyshire SNA 2025 (Ministry of "
    "Justice proven reoffending)"
)
_ONS_KNIFE = "ONS, Police force area data tables, year ending March 2025"
_DFE = "DfE, Suspensions and permanent exclusions in England, 2023/24"
_ONS_NEET = "ONS, Young people not in education, employment or training, August 2025"
NATIONAL_CONTEXT = [
    {
        "section": section,
        "figure": figure,
        "value": value,
        "unit": unit,
        "period": period,
        "source": source,
        "source_date": source_date,
    }
    for section, figure, value, unit, period, source, source_date in (
        (
            "prison",
            "prisoners in England and Wales",
            87334,
            "",
            "end of June 2025",
            _PRISON,
            "2025-07-31",
        ),
        (
            "prison",
            "deaths in prison custody, up 30% from 308",
            401,
            "",
            "2024/25",
            _PRISON,
            "2025-07-31",
        ),
        (
            "prison",
            "self-harm incidents, up 6%",
            77898,
            "",
            "12 months to March 2025",
            _PRISON,
            "2025-07-31",
        ),
        (
            "prison",
            "assault incidents, up 9%",
            30846,
            "",
            "12 months to March 2025",
            _PRISON,
            "2025-07-31",
        ),
        (
            "prison",
            "serious assaults, up 6%",
            3402,
            "",
            "12 months to March 2025",
            _PRISON,
            "2025-07-31",
        ),
        (
            "prison",
            "assaults on staff, up 7%",
            10568,
            "",
            "12 months to March 2025",
            _PRISON,
            "2025-07-31",
        ),
        (
            "reoffending",
            "of reoffences, share within three months of release or sentence",
            31.5,
            "%",
            "adult and juvenile cohorts combined",
            _REOFFENDING,
            "",
        ),
        (
            "reoffending",
            "of reoffences, share within six months of release or sentence",
            56.2,
            "%",
            "adult and juvenile cohorts combined",
            _REOFFENDING,
            "",
        ),
        (
            "knife_crime",
            "police-recorded offences involving a knife or sharp instrument",
            53047,
            "",
            "year ending March 2025",
            _ONS_KNIFE,
            "2025-07-24",
        ),
        (
            "knife_crime",
            "decrease in knife offences in the last 12 months",
            1,
            "%",
            "year ending March 2025",
            _ONS_KNIFE,
            "2025-07-24",
        ),
        (
            "knife_crime",
            "increase in knife offences in the last 10 years",
            81,
            "%",
            "year ending March 2025",
            _ONS_KNIFE,
            "2025-07-24",
        ),
        (
            "knife_crime",
            "murders involving a knife or sharp instrument",
            262,
            "",
            "year ending March 2024",
            _ONS_KNIFE,
            "2025-02-06",
        ),
        (
            "health",
            "NHS hospital admissions for assault by a sharp object",
            3508,
            "",
            "year ending March 2025",
            _ONS_KNIFE,
            "2025-07-24",
        ),
        (
            "health",
            "decrease in admissions for assault by a sharp object",
            10,
            "%",
            "year ending March 2025",
            _ONS_KNIFE,
            "2025-07-24",
        ),
        (
            "schools",
            "suspensions in England, up 21% from 787,000",
            955000,
            "",
            "2023/24",
            _DFE,
            "2025-07-10",
        ),
        (
            "schools",
            "suspensions per 10,000 pupils",
            1131,
            "per 10,000",
            "2023/24",
            _DFE,
            "2025-07-10",
        ),
        (
            "schools",
            "permanent exclusions in England, up 16% from 9,400",
            10900,
            "",
            "2023/24",
            _DFE,
            "2025-07-10",
        ),
        (
            "schools",
            "permanent exclusions per 10,000 pupils",
            13,
            "per 10,000",
            "2023/24",
            _DFE,
            "2025-07-10",
        ),
        (
            "neet",
            "young people aged 16-24 who are NEET",
            12.5,
            "%",
            "April to June 2025",
            _ONS_NEET,
            "2025-08-21",
        ),
    )
]

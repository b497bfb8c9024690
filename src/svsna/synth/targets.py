"""Target figures of the synthetic area, typed from the reference SNA.

Every number below is copied from ``shared/reference/derby-derbyshire-sna-2025.txt``
(the Derby and Derbyshire Serious Violence SNA 2025); the comment above each
names the section it comes from. The generator builds its data from these
targets, so that the report built from the synthetic area reproduces the
reference. Where the reference gives no figure (years outside the report
period, offences outside serious violence), the value is a labelled assumption.

Financial years are indexed from 2020/21 (0) to 2025/26 (5, April and May 2025
only); the report period is 2022/23 to 2024/25 (indices 2, 3, 4).
"""

from __future__ import annotations

import numpy as np

FY_LABELS = ("2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26")
REPORT = (2, 3, 4)
FIRST_DAY = "2020-04-01"
LAST_DAY = "2025-05-31"

DISTRICTS = (
    "Amber Valley",
    "Bolsover",
    "Chesterfield",
    "Derby",
    "Derbyshire Dales",
    "Erewash",
    "High Peak",
    "North East Derbyshire",
    "South Derbyshire",
)
LAD_CODES = (
    "E07000032",
    "E07000033",
    "E07000034",
    "E06000015",
    "E07000035",
    "E07000036",
    "E07000037",
    "E07000038",
    "E07000039",
)
# §9, "NTE Crimes by District": district populations.
DISTRICT_POPULATION = (
    126489,
    80475,
    103672,
    259154,
    71681,
    113047,
    91104,
    102315,
    108063,
)

FAMILIES = ("homicide", "possession of weapons", "robbery", "violence with injury")

# §3.2, yearly table, "All" columns (2022/23, 2023/24, 2024/25).
SV_ALL = {
    "homicide": (2, 9, 6),
    "possession of weapons": (903, 981, 874),
    "robbery": (706, 639, 535),
    "violence with injury": (874, 894, 764),
}
SV_VICTIMS_U18 = {
    "homicide": (1, 0, 1),
    "possession of weapons": (46, 51, 26),
    "robbery": (247, 198, 113),
    "violence with injury": (185, 166, 141),
}
SV_SUSPECTS_U18 = {
    "homicide": (0, 1, 1),
    "possession of weapons": (222, 211, 172),
    "robbery": (155, 99, 74),
    "violence with injury": (126, 109, 99),
}
# §3.2 / §7.1, knife crime block.
KNIFE_ALL = {
    "homicide": (1, 4, 2),
    "possession of weapons": (352, 351, 356),
    "robbery": (234, 205, 157),
    "violence with injury": (153, 131, 129),
}
KNIFE_VICTIMS_U18 = {
    "homicide": (0, 0, 1),
    "possession of weapons": (21, 20, 13),
    "robbery": (82, 75, 35),
    "violence with injury": (33, 31, 28),
}
KNIFE_SUSPECTS_U18 = {
    "homicide": (0, 1, 1),
    "possession of weapons": (115, 92, 89),
    "robbery": (58, 49, 29),
    "violence with injury": (32, 25, 18),
}
# §3.2, violence with injury sub-groups; the rest of VWI is "other serious"
# (attempted murder, endangering life): 874-840=34, 894-856=38, 764-716=48.
VWI_SUBGROUPS = {
    "gbh_with_intent": (523, 612, 461),
    "gbh_without_intent": (198, 143, 162),
    "administer_poison": (119, 101, 93),
}
# §6, robbery of business property: the qualifier shares 15.4, 9.4 and 8.7 %
# fit 4/26, 3/32 and 2/23 (assumption: 26, 32 and 23 business robberies).
ROBBERY_BUSINESS = (26, 32, 23)
# §3.2 ABH table (assault occasioning actual bodily harm, domestic abuse excluded).
ABH_ALL = (4409, 4389, 4733)
ABH_VICTIMS_U18 = (1439, 1389, 1346)
ABH_SUSPECTS_U18 = (1129, 1023, 1085)
# §4.2, serious violence by district (rows in DISTRICTS order); the shortfall
# against the yearly total (24, 44, 19) is recorded with no district.
SV_BY_DISTRICT = (
    (216, 229, 209),
    (130, 133, 123),
    (273, 315, 276),
    (1153, 1023, 959),
    (76, 94, 62),
    (231, 255, 193),
    (122, 138, 120),
    (112, 126, 95),
    (148, 166, 123),
)
# §11, outcomes 2020/21 to 2024/25: positive, other, not yet complete. The
# reference's 2024/25 column sums to 2180 (not 2179, its own yearly total); we
# keep 2179 by taking one from "positive" (521, which keeps the printed 23.9 %).
OUTCOMES = (
    (564, 1374, 4),
    (651, 1772, 7),
    (632, 1796, 57),
    (644, 1825, 54),
    (521, 1471, 187),
)
# §11, top five "other" outcome types (Home Office outcome numbers; the police
# and CPS "evidential difficulties" rows are both outcome 15).
OTHER_OUTCOMES = {
    18: (424, 625, 648, 701, 551),
    15: (494, 543, 610, 640, 551),
    16: (220, 280, 245, 227, 162),
    14: (133, 201, 181, 140, 112),
}
POSITIVE_CODES = (1, 2, 3, 4, 6, 7, 8)
POSITIVE_WEIGHTS = (0.74, 0.03, 0.08, 0.01, 0.01, 0.01, 0.12)
OTHER_CODES_REST = (5, 9, 10, 11, 12, 13, 17, 20, 21)
# Assumption: 2025/26 (April-May 2025) runs at the 2024/25 monthly rate.
SV_PARTIAL_MONTHS = 2
# §4.3: peak of 270 in July 2023, the lowest month February 2025.
PEAK_MONTH = (3, 3, 270)  # FY index, month index from April (July = 3), count
LOW_MONTH = (4, 10)  # FY index, February
# Month weights April..March (assumption: a summer peak, a winter trough).
SEASON = (1.0, 1.05, 1.04, 1.10, 1.04, 0.98, 1.0, 0.96, 0.95, 0.92, 0.90, 0.98)

# §4.4, repeat victims: occurrences with victim, individuals, repeat
# individuals, repeat occurrences; last entry = "Last 3 years".
REPEAT_VICTIMS = ((1748, 1680, 54, 122), (1699, 1627, 62, 134), (1410, 1342, 50, 118))
REPEAT_VICTIMS_ALL = (4857, 4509, 243, 591)
# §4.6, repeat suspects.
REPEAT_SUSPECTS = (
    (2191, 1773, 254, 672),
    (2143, 1806, 235, 572),
    (1978, 1668, 219, 529),
)
REPEAT_SUSPECTS_ALL = (6312, 4823, 878, 2367)
# §4.1: people who were both a victim and a suspect, 2022/23-2024/25.
BOTH_ROLES = 496
# §4.1 / §1.2: share male.
MALE_SUSPECTS = 0.83
MALE_VICTIMS = 0.73
# §7.2: knife crime - 1173 victims, 1598 suspects, 105 both; 83 % of victims
# and 87 % of suspects male. The other people's shares keep §4.1's overall
# shares (0.73 = 0.26 x 0.83 + 0.74 x 0.695; 0.83 = 0.33 x 0.87 + 0.67 x 0.81).
BOTH_ROLES_KNIFE = 105
MALE_KNIFE_VICTIMS = 0.83
MALE_KNIFE_SUSPECTS = 0.87
MALE_OTHER_VICTIMS = 0.695
MALE_OTHER_SUSPECTS = 0.81

# §4.4, victims by age group x offence (three years). Columns: homicide,
# weapons, robbery of business property, robbery of personal property, VWI.
VICTIM_AGE_BANDS = (
    (1, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, 35), (36, 40),
    (41, 45), (46, 50), (51, 55), (56, 60), (61, 65), (66, 90),
)  # fmt: skip
VICTIM_AGE_BY_OFFENCE = np.array(
    [
        [0, 4, 0, 1, 21], [0, 11, 0, 21, 33], [1, 82, 1, 330, 238],
        [2, 42, 5, 275, 324], [3, 15, 7, 167, 264], [3, 22, 7, 152, 260],
        [0, 27, 9, 115, 259], [0, 32, 5, 127, 240], [0, 22, 4, 119, 190],
        [2, 16, 7, 77, 162], [1, 14, 6, 77, 140], [1, 11, 2, 57, 99],
        [1, 2, 5, 43, 48], [1, 5, 2, 61, 62],
    ]
)  # fmt: skip
# §4.6, suspects by age group x offence, same columns.
SUSPECT_AGE_BANDS = (
    (5, 9), (10, 14), (15, 19), (20, 24), (25, 29), (30, 34), (35, 39), (40, 44),
    (45, 49), (50, 54), (55, 59), (60, 64), (65, 69), (70, 74), (75, 79),
)  # fmt: skip
SUSPECT_AGE_BY_OFFENCE = np.array(
    [
        [0, 16, 0, 4, 5], [0, 205, 7, 139, 158], [8, 343, 17, 194, 237],
        [13, 267, 4, 87, 204], [7, 237, 3, 76, 236], [6, 237, 13, 79, 209],
        [4, 245, 12, 72, 175], [2, 214, 11, 53, 127], [1, 138, 4, 45, 89],
        [5, 117, 0, 19, 79], [1, 79, 1, 11, 56], [0, 55, 0, 1, 19],
        [0, 36, 0, 3, 12], [1, 15, 0, 0, 12], [0, 16, 0, 0, 6],
    ]
)  # fmt: skip
# §4.5, victim age band (rows) x suspect age band (columns): 0-9, 10-19,
# 20-29, 30-39, 40+.
AGE_MATRIX_BANDS = ((0, 9), (10, 19), (20, 29), (30, 39), (40, 90))
VICTIM_SUSPECT_AGE = np.array(
    [
        [6, 44, 65, 63, 50],
        [6, 567, 59, 57, 37],
        [0, 83, 184, 109, 65],
        [1, 65, 151, 152, 134],
        [2, 90, 187, 223, 287],
    ]
)
# §4.5, victim/suspect relationship counts by year.
RELATIONSHIPS = {
    "stranger": (826, 776, 628),
    "acquaintance": (325, 304, 286),
    "other": (301, 342, 219),
    "not seen": (159, 155, 164),
    "neighbour": (49, 71, 69),
    "victim refuses to identify": (32, 33, 33),
    "child of offender": (7, 12, 13),
    "other family member": (13, 8, 4),
    "parent of offender": (10, 6, 7),
    "ex partner": (10, 4, 2),
    "boyfriend/girlfriend": (7, 3, 3),
    "employee of offender": (2, 2, 1),
    "sibling of offender": (2, 2, 1),
    "employer of offender": (1, 1, 2),
    "spouse/defacto": (0, 1, 0),
}
# §4.5, stranger and acquaintance share (%) by district (DISTRICTS order).
STRANGER_BY_DISTRICT = (45.7, 38.9, 40.7, 50.5, 38.4, 49.9, 43.4, 44.3, 40.7)
ACQUAINTANCE_BY_DISTRICT = (19.6, 23.7, 21.3, 17.4, 21.2, 20.0, 21.0, 19.3, 19.8)
# §4.6, suspect ethnicity by authority, three-year totals.
ETHNICITY_GROUPS = ("O", "A", "B", "M", "NS", "W")
ETHNICITY_CITY = (32, 133, 100, 83, 614, 843)
ETHNICITY_COUNTY = (14, 32, 54, 41, 928, 1901)
# §4.6, warning markers: occurrences with a suspect carrying each marker.
WARNING_MARKERS = {
    "weapons": 777,
    "mental health": 765,
    "violence": 577,
    "drugs": 348,
    "firearms": 89,
}
# §6, alcohol and/or drugs (%) by offence: homicide, weapons, robbery
# business, robbery personal, VWI; per report year.
ALCOHOL_DRUGS = (
    (50.0, 33.3, 16.7),
    (29.5, 31.2, 32.8),
    (15.4, 9.4, 8.7),
    (16.3, 15.5, 19.6),
    (43.2, 38.4, 40.8),
)
# §1.2 recommendations: firearms are 16% of possession offences.
FIREARM_SHARE_OF_WEAPONS = 0.16

# §4.3, serious violence by hour (rows 0-23) and weekday (Mon-Sun), three years.
DAY_HOUR_ALL = """
44 44 56 43 40 65 90|30 15 27 30 32 77 75|22 14 13 14 25 71 61|10 19 5 21 18 47 44
13 12 6 8 15 29 34|16 9 5 11 6 21 23|5 5 9 6 14 10 11|6 12 11 10 15 17 17
22 22 27 23 32 10 15|31 31 33 35 45 15 14|25 27 21 29 31 31 17|28 33 21 25 30 33 29
47 51 52 54 44 44 34|47 40 41 37 40 33 33|53 45 31 50 50 47 46|62 63 51 67 77 45 57
71 51 62 46 55 63 56|69 51 57 64 62 79 58|57 56 57 68 64 76 69|65 51 72 56 69 86 57
62 47 52 70 81 69 65|50 50 47 51 76 87 55|41 46 40 47 71 85 39|28 32 38 57 72 116 49
"""
# Victims aged 0-17 (the reference prints no 00 row; assumption: as the 01 row).
DAY_HOUR_VICTIM_0_17 = """
0 1 0 0 0 8 1|0 1 0 0 0 8 1|1 0 0 0 0 1 1|2 0 0 0 0 0 0
0 0 0 0 0 1 0|0 0 0 0 0 0 1|1 0 0 0 0 0 1|2 2 1 1 6 0 0
3 4 6 2 7 0 1|5 3 5 5 7 1 0|2 5 2 5 4 5 0|2 1 5 3 2 2 3
6 7 9 11 4 11 2|8 6 2 7 6 7 3|5 8 6 7 10 9 2|24 18 11 27 21 10 21
24 12 15 9 10 18 15|16 12 9 15 18 25 16|14 12 17 15 17 16 17|23 12 9 16 13 20 11
9 12 11 14 12 8 6|5 3 5 8 10 13 5|3 3 3 3 7 8 3|1 0 4 2 3 7 1
"""
# Victims aged 18+ (no 00 row printed; assumption: 00 = 23 row's Sat/Sun mix).
DAY_HOUR_VICTIM_18 = """
22 22 28 22 20 60 70|18 10 21 13 22 47 58|19 9 10 11 16 50 42|5 13 5 10 10 35 28
6 7 3 4 10 26 25|8 4 5 8 2 11 18|1 4 6 2 8 9 7|1 6 5 2 7 8 8
10 6 9 10 15 7 3|10 7 13 7 15 6 10|7 7 9 10 11 21 11|7 15 6 8 14 21 10
15 23 13 20 19 16 15|13 23 9 13 16 12 12|22 15 11 18 17 21 20|18 17 15 27 26 21 27
23 20 24 18 21 26 27|33 23 30 27 31 37 21|24 23 19 36 32 43 24|33 21 42 19 40 51 22
34 16 23 39 48 44 41|33 26 22 27 45 51 36|22 25 27 28 47 62 25|20 15 25 38 55 83 33
"""
# §4.3: 6854 of the 7187 occurrences of the three years have a known time.
KNOWN_TIME_SV = 6854
KNOWN_TIME_SHARE = KNOWN_TIME_SV / 7187


def parse_day_hour(text: str) -> np.ndarray:
    """A 24 x 7 array (hour x Mon..Sun) from the compact text above."""
    rows = [r for line in text.split("\n") for r in line.split("|") if r.strip()]
    return np.array([[int(x) for x in r.split()] for r in rows], dtype=float)


# §5, the 15 named hotspot rows (June 2024 - May 2025): district,
# neighbourhood, total, population.
HOTSPOTS = (
    ("Derby", "Rose Hill", 317, 8048),
    ("Derby", "Derby City", 688, 21263),
    ("Derby", "Abbey", 206, 5147),
    ("Derby", "Alvaston", 253, 14940),
    ("Derby", "Littleover & Blagreaves", 240, 16805),
    ("Derby", "Derwent & Oakwood", 200, 9189),
    ("Chesterfield", "Chesterfield Town Centre", 214, 15257),
    ("Derby", "Allestree & Darley", 235, 17177),
    ("Derby", "Sinfin & Osmaston", 154, 4707),
    ("Derby", "Boulton", 153, 8858),
    ("Chesterfield", "Hasland & St Leonards", 196, 14350),
    ("Derby", "Chaddesden & Spondon", 197, 15500),
    ("Chesterfield", "Dunston, Moor & St Helens", 172, 15122),
    ("South Derbyshire", "Gresley, Woodville & Swad", 183, 19810),
    ("Amber Valley", "Ripley Town Centre", 161, 14443),
)
HOTSPOT_WINDOW = ("2024-06-01", "2025-05-31")

# §9, NTE crimes by offence type (2022/23, 2023/24, 2024/25).
NTE_BY_GROUP = {
    "homicide": (1, 4, 1),
    "violence with injury": (1941, 1946, 1916),
    "violence_without_injury": (2559, 2641, 2419),
    "stalking_and_harassment": (790, 871, 1223),
    "rape": (223, 169, 206),
    "other_sexual_offences": (329, 293, 377),
    "robbery_personal": (149, 128, 120),
    "theft_from_the_person": (133, 92, 108),
    "arson_and_criminal_damage": (1651, 1497, 1333),
    "drug_trafficking": (67, 78, 87),
    "drug_possession": (305, 331, 358),
    "public_disorder": (1424, 1447, 1375),
    "possession_of_weapons": (174, 173, 141),
    "all other": (73, 65, 72),
}
# §9, NTE crimes by district (DISTRICTS order), per report year.
NTE_BY_DISTRICT = (
    (1540, 1594, 1527),
    (1087, 1140, 1180),
    (1111, 1182, 1299),
    (2013, 1870, 1776),
    (646, 744, 671),
    (1318, 1265, 1329),
    (911, 784, 858),
    (722, 700, 677),
    (471, 456, 419),
)

# §8, school proximity: % of school-age-victim occurrences at or near a school,
# for the three 12-month periods ending May 2023, 2024 and 2025.
SCHOOL_PCT = {
    "serious violence": (16.6, 16.4, 8.6),
    "knife crime": (11.8, 8.0, 7.4),
    "lower-level violence": (26.9, 28.0, 25.9),
}
AT_SCHOOL_SHARE = 0.745

# §10, stop and search per report year: total, searches for offensive
# weapons, offensive weapons found; found by age range (10-17, 18-24, 25-34,
# over 34 = the reference's 35-59 plus 60+, as data.police.uk bands ages).
STOP_SEARCH = ((2029, 130, 74), (2649, 148, 78), (3448, 158, 122))
WEAPONS_FOUND_BY_AGE = ((24, 23, 10, 16), (26, 15, 13, 24), (34, 29, 20, 39))

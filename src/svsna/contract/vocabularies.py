"""Accepted spellings of the contract's controlled vocabularies.

Each vocabulary maps a lower-case spelling to the canonical value stored in
the warehouse, so ``M``, ``Male`` and ``male`` all load as ``male``.
"""

from __future__ import annotations


def same(*values: str) -> dict[str, str]:
    """A vocabulary whose spellings are its canonical values."""
    return {v.lower(): v for v in values}


SEX = {
    "male": "male",
    "m": "male",
    "female": "female",
    "f": "female",
    "unknown": "unknown",
    "u": "unknown",
    "not known": "unknown",
    "other": "unknown",
    "not stated": "unknown",
}

ROLE = {"victim": "victim", "suspect": "suspect", "offender": "offender"}

ETHNICITY_CODES = (
    "W1",
    "W2",
    "W3",
    "W4",
    "W9",
    "M1",
    "M2",
    "M3",
    "M9",
    "A1",
    "A2",
    "A3",
    "A4",
    "A9",
    "B1",
    "B2",
    "B9",
    "O1",
    "O2",
    "O9",
)
ETHNICITY = {
    **{code.lower(): code for code in ETHNICITY_CODES},
    **same("White", "Asian", "Black", "Mixed", "Other"),
    "ns": "NS",
    "not stated": "NS",
}

RELATIONSHIP = same(
    "stranger",
    "acquaintance",
    "neighbour",
    "ex partner",
    "boyfriend/girlfriend",
    "spouse/defacto",
    "parent of offender",
    "child of offender",
    "sibling of offender",
    "other family member",
    "employee of offender",
    "employer of offender",
    "other",
    "not seen",
    "victim refuses to identify",
)

ED_LOCATION = same(
    "open space",
    "street",
    "own home",
    "other home",
    "licensed premises",
    "school",
    "work",
    "transport",
    "other",
    "not known",
)

ED_METHOD = same(
    "fist",
    "feet",
    "head",
    "combination of body parts",
    "pushed",
    "knife",
    "other bladed or sharp object",
    "glass",
    "bottle",
    "any blunt object",
    "firearm",
    "other weapon",
    "other",
)

AMBULANCE_RESPONSE = {
    **same("hear and treat", "see and treat", "see and convey"),
    "see, treat and convey": "see and convey",
}

AUTHORITY = same("city", "county")
FIRE_TYPE = same("deliberate fire", "malicious false alarm")
SENTENCE_TYPE = same("custody", "community")
SCHOOL_PHASE = same("primary", "secondary", "special")
EXCLUSION_TYPE = same("permanent", "suspension")
SOCIAL_CARE_MEASURE = same(
    "referrals", "child protection plans", "admissions to care", "care leavers"
)

STOP_SEARCH_TYPE = same("Person search", "Person and Vehicle search", "Vehicle search")
STOP_SEARCH_GENDER = same("Male", "Female", "Other")
STOP_SEARCH_AGE = same("under 10", "10-17", "18-24", "25-34", "over 34")
STOP_SEARCH_OFFICER_ETHNICITY = same("White", "Black", "Asian", "Mixed", "Other")

"""data.police.uk vocabularies: crime-type codes and outcome categories.

Crime types become adapter offence codes ``PUK:<slug>`` with the slugs of the
data.police.uk API (domain reference, section 1.4): ``Violence and sexual
offences`` is ``PUK:violent-crime``, as the API names it, and the pre-2013
labels keep their own slugs. A label the API does not know is slugged from its
text, so a new category still loads (and is counted under ``other`` until the
definition maps it).

Last-outcome categories map to Home Office outcome numbers only where the
category says which one it is (section 1.5 and section 2): a court outcome
means the suspect was charged or summonsed (1); a penalty notice is 6, a
drugs warning 7, a local (community) resolution 8, a formal action not in the
public interest 10, no suspect identified 18, another body's action 20 and a
further investigation not in the public interest 21. Cautions (2 youth or 3
adult), "Unable to prosecute suspect" (14, 15 or 16) and "Further action is
not in the public interest" (9, 10 or 21) could each be several numbers, and
open or unknown states have none: these are left empty, and the category
itself is kept beside the code.
"""

from __future__ import annotations

import re

CRIME_TYPE_SLUGS: dict[str, str] = {
    "anti-social behaviour": "anti-social-behaviour",
    "bicycle theft": "bicycle-theft",
    "burglary": "burglary",
    "criminal damage and arson": "criminal-damage-arson",
    "drugs": "drugs",
    "other crime": "other-crime",
    "other theft": "other-theft",
    "possession of weapons": "possession-of-weapons",
    "public order": "public-order",
    "robbery": "robbery",
    "shoplifting": "shoplifting",
    "theft from the person": "theft-from-the-person",
    "vehicle crime": "vehicle-crime",
    "violence and sexual offences": "violent-crime",
    # Labels used before 2013.
    "violent crime": "violent-crime",
    "public disorder and weapons": "public-disorder-weapons",
}

PREFIX = "PUK:"

#: Last outcome category (lower-case) -> Home Office outcome number.
OUTCOME_NUMBERS: dict[str, int] = {
    "investigation complete; no suspect identified": 18,
    "no further action": 18,
    "action to be taken by another organisation": 20,
    "further investigation is not in the public interest": 21,
    "formal action is not in the public interest": 10,
    "local resolution": 8,
    "offender given a drugs possession warning": 7,
    "offender given penalty notice": 6,
    "offender given a penalty notice": 6,
    "suspect charged": 1,
    "suspect charged as part of another case": 1,
    "awaiting court outcome": 1,
    "court result unavailable": 1,
    "court case unable to proceed": 1,
    "defendant sent to crown court": 1,
    "defendant found not guilty": 1,
    "offender deprived of property": 1,
    "offender fined": 1,
    "offender given absolute discharge": 1,
    "offender given conditional discharge": 1,
    "offender given community sentence": 1,
    "offender given suspended prison sentence": 1,
    "offender sent to prison": 1,
    "offender imprisoned": 1,
    "offender otherwise dealt with": 1,
    "offender ordered to pay compensation": 1,
}


def crime_type_code(label: str) -> str:
    """The adapter offence code of a crime-type label.

    Examples
    --------
    >>> crime_type_code("Violence and sexual offences")
    'PUK:violent-crime'
    >>> crime_type_code("Criminal damage and arson")
    'PUK:criminal-damage-arson'
    >>> crime_type_code("Some New Category")
    'PUK:some-new-category'
    """
    key = " ".join(label.strip().lower().split())
    slug = CRIME_TYPE_SLUGS.get(key) or re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    return f"{PREFIX}{slug or 'unknown'}"

"""The data contract (``shared/spec/data-contract.md``) as data.

One :class:`TableSchema` per contract table. Only ``occurrences`` and
``persons`` are required; every other table enables sections of the report.
"""

from __future__ import annotations

from svsna.contract import vocabularies as v
from svsna.contract.schema import Column, Kind, TableSchema

T, INT, N, D, TM, TS, B = (
    Kind.TEXT,
    Kind.INTEGER,
    Kind.NUMBER,
    Kind.DATE,
    Kind.TIME,
    Kind.TIMESTAMP,
    Kind.BOOLEAN,
)


def age(name: str = "age") -> Column:
    """An age in whole years, 0 to 120."""
    return Column(name, INT, minimum=0, maximum=120)


def record_id(name: str) -> Column:
    """A row's own id: required and unique, so a repeated record is rejected."""
    return Column(name, T, required=True, unique=True)


def event_date(name: str, kind: Kind = D) -> Column:
    """The date an event is counted by: required, and never in the future."""
    return Column(name, kind, required=True, not_future=True)


def sex() -> Column:
    """A person's sex in the contract's vocabulary (unknown when missing)."""
    return Column("sex", T, vocabulary=v.SEX)


def count(name: str = "count") -> Column:
    """A count an aggregate table reports: required, never negative."""
    return Column(name, INT, required=True, minimum=0)


def population(*, required: bool = True) -> Column:
    """An area's resident population, which rates are computed per."""
    return Column("population", INT, required=required, minimum=0)


def texts(*names: str) -> tuple[Column, ...]:
    """Optional free-text columns, one per name."""
    return tuple(Column(name, T) for name in names)


def quasi_identifiers(*, with_sex: bool = False) -> tuple[Column, ...]:
    """What lets a person be linked across agencies (``docs/data-contract.md``, further inputs).

    A partner shares what it can: a date of birth (or only its year), the
    postcode district, and a pseudonymised name token that every partner
    makes the same way and that is only ever matched exactly. ``sex`` is
    added where the table does not already hold it.
    """
    return (
        Column("birth_date", D, not_future=True),
        Column("birth_year", INT, minimum=1880, maximum=2100),
        *((sex(),) if with_sex else ()),
        Column("postcode_district", T),
        Column("name_token", T),
    )


def coordinates() -> tuple[Column, ...]:
    """British National Grid or WGS84 coordinates (either pair may be given)."""
    return (
        Column("easting", N, minimum=0, maximum=800_000),
        Column("northing", N, minimum=0, maximum=1_400_000),
        Column("latitude", N, minimum=49, maximum=61.5),
        Column("longitude", N, minimum=-9, maximum=3),
    )


#: The quasi-identifier columns, in the order the linkage reads them.
QUASI_IDENTIFIERS = (
    "birth_date",
    "birth_year",
    "sex",
    "postcode_district",
    "name_token",
)
#: The tables whose rows can be linked, and what one record of each is: the
#: first of the columns holding a value names it. A police person is one
#: record however many occurrences they are in; a youth-justice person (their
#: own ``person_id``, else the offence); a probation case; an ED attendance.
#: The exclusions table has no id (empty): a pupil is named by their
#: quasi-identifiers together.
LINKED_RECORDS: dict[str, tuple[str, ...]] = {
    "persons": ("person_id",),
    "youth_justice": ("person_id", "offence_id"),
    "probation": ("case_id",),
    "ed_attendances": ("attendance_id",),
    "school_exclusions": (),
}
#: Tables whose record key is a stable person id within the table (the contract
#: says so of police ``person_id``): two of their records are never the same person.
STABLE_PERSON_IDS = ("persons",)

OCCURRENCES = TableSchema(
    "occurrences",
    "police recorded crimes, one row per crime",
    (
        record_id("occurrence_id"),
        event_date("committed_date"),
        Column("committed_time", TM),
        Column("offence_code", T, required=True),
        *texts("offence_description", "district", "neighbourhood", "lsoa_code"),
        *coordinates(),
        Column("location_type", T),
        Column("knife_flag", B),
        Column("firearm_flag", B),
        Column("domestic_abuse_flag", B),
        Column("alcohol_flag", B),
        Column("drugs_flag", B),
        Column("outcome_code", INT, minimum=1, maximum=22),
        Column("outcome_date", D, not_future=True),
    ),
    required=True,
    enables="every police chapter",
)

PERSONS = TableSchema(
    "persons",
    "people linked to occurrences, one row per person per occurrence per role",
    (
        Column(
            "occurrence_id", T, required=True, references="occurrences.occurrence_id"
        ),
        Column("person_id", T, required=True),
        Column("role", T, required=True, vocabulary=v.ROLE),
        age(),
        sex(),
        Column("ethnicity", T, vocabulary=v.ETHNICITY),
        Column("relationship", T, vocabulary=v.RELATIONSHIP),
        Column("warning_markers", T),
        *quasi_identifiers(),
    ),
    required=True,
    enables="victims, suspects and everything about people",
)

STOP_SEARCH = TableSchema(
    "stop_search",
    "stop and search records in the data.police.uk form",
    (
        Column("type", T, header="Type", vocabulary=v.STOP_SEARCH_TYPE),
        Column("date", TS, required=True, header="Date", not_future=True),
        Column(
            "part_of_a_policing_operation", B, header="Part of a policing operation"
        ),
        Column("policing_operation", T, header="Policing operation"),
        Column("latitude", N, header="Latitude", minimum=49, maximum=61.5),
        Column("longitude", N, header="Longitude", minimum=-9, maximum=3),
        Column("gender", T, header="Gender", vocabulary=v.STOP_SEARCH_GENDER),
        Column("age_range", T, header="Age range", vocabulary=v.STOP_SEARCH_AGE),
        Column("self_defined_ethnicity", T, header="Self-defined ethnicity"),
        Column(
            "officer_defined_ethnicity",
            T,
            header="Officer-defined ethnicity",
            vocabulary=v.STOP_SEARCH_OFFICER_ETHNICITY,
        ),
        Column("legislation", T, header="Legislation"),
        Column("object_of_search", T, header="Object of search"),
        Column("outcome", T, header="Outcome"),
        Column(
            "outcome_linked_to_object_of_search",
            B,
            header="Outcome linked to object of search",
        ),
        Column(
            "removal_of_more_than_just_outer_clothing",
            B,
            header="Removal of more than just outer clothing",
        ),
    ),
    enables="the stop and search chapter",
)

ED_ATTENDANCES = TableSchema(
    "ed_attendances",
    "assault-related emergency department attendances (ISTV)",
    (
        record_id("attendance_id"),
        Column("hospital", T, required=True),
        event_date("arrival_date"),
        Column("arrival_time", TM),
        age(),
        sex(),
        Column("assault_location", T, vocabulary=v.ED_LOCATION),
        Column("assault_method", T, vocabulary=v.ED_METHOD),
        *quasi_identifiers(),
    ),
    enables="the emergency department sections and hidden violence",
)

AMBULANCE = TableSchema(
    "ambulance",
    "assault patients seen by the ambulance service",
    (
        record_id("incident_id"),
        event_date("call_date"),
        sex(),
        age(),
        Column("response", T, required=True, vocabulary=v.AMBULANCE_RESPONSE),
        Column("destination", T),
        Column("destination_in_area", B),
    ),
    enables="the ambulance section",
)

FIRE_INCIDENTS = TableSchema(
    "fire_incidents",
    "deliberate fires and malicious false alarms",
    (
        record_id("incident_id"),
        event_date("incident_date"),
        Column("incident_type", T, required=True, vocabulary=v.FIRE_TYPE),
        Column("district", T),
    ),
    enables="the fire service section",
)

YOUTH_JUSTICE = TableSchema(
    "youth_justice",
    "offences dealt with by youth justice services",
    (
        record_id("offence_id"),
        Column("person_id", T),
        event_date("offence_date"),
        Column("offence_type", T, required=True),
        age(),
        sex(),
        Column("authority", T, vocabulary=v.AUTHORITY),
        *quasi_identifiers(),
    ),
    enables="the youth justice section",
)

PROBATION = TableSchema(
    "probation",
    "serious violence probation cases",
    (
        record_id("case_id"),
        event_date("start_date"),
        Column("district", T),
        age(),
        sex(),
        Column("sentence_type", T, vocabulary=v.SENTENCE_TYPE),
        *quasi_identifiers(),
    ),
    enables="the probation section",
)

SCHOOL_EXCLUSIONS = TableSchema(
    "school_exclusions",
    "school exclusions and suspensions, counts by year, phase, type and reason",
    (
        Column("academic_year", T, required=True),
        Column("authority", T, required=True),
        Column("phase", T, vocabulary=v.SCHOOL_PHASE),
        Column("exclusion_type", T, required=True, vocabulary=v.EXCLUSION_TYPE),
        Column("reason", T),
        count(),
        *quasi_identifiers(with_sex=True),
    ),
    enables="the schools section",
)

SOCIAL_CARE = TableSchema(
    "social_care",
    "children's social care measures by year",
    (
        Column("year", T, required=True),
        Column("authority", T, required=True),
        Column("measure", T, required=True, vocabulary=v.SOCIAL_CARE_MEASURE),
        sex(),
        count(),
    ),
    enables="the children's social care section",
)

NEET = TableSchema(
    "neet",
    "young people not in education, employment or training",
    (
        Column("year", T, required=True),
        Column("authority", T, required=True),
        count("cohort"),
        count("neet"),
    ),
    enables="the NEET section",
)

NATIONAL_CONTEXT = TableSchema(
    "national_context",
    "national figures with their source and date, shown as call-outs",
    (
        Column("section", T, required=True),
        Column("figure", T, required=True),
        Column("value", N, required=True),
        *texts("unit", "period"),
        Column("source", T, required=True),
        Column("source_date", D),
    ),
    enables="the national context call-outs",
)

NEIGHBOURHOODS = TableSchema(
    "neighbourhoods",
    "the areas that hotspots rank",
    (
        record_id("neighbourhood"),
        Column("district", T, required=True),
        population(),
        Column("geometry_wkt", T),
    ),
    enables="the hotspot ranking and neighbourhood maps",
)

DISTRICTS = TableSchema(
    "districts",
    "local authority districts",
    (
        record_id("district"),
        Column("lad_code", T),
        population(),
        Column("authority", T, vocabulary=v.AUTHORITY),
    ),
    enables="district rates and city/county splits",
)

LSOAS = TableSchema(
    "lsoas",
    "lower layer super output areas with deprivation",
    (
        record_id("lsoa_code"),
        *texts("lsoa_name", "district"),
        population(required=False),
        Column("imd_score", N, minimum=0),
        Column("imd_decile", INT, minimum=1, maximum=10),
        Column("geometry_wkt", T),
    ),
    enables="the deprivation chapter and LSOA hotspots",
)

SCHOOLS = TableSchema(
    "schools",
    "schools with their locations",
    (
        record_id("urn"),
        Column("name", T, required=True),
        Column("phase", T),
        *coordinates(),
    ),
    enables="the school-proximity chapter",
)

NTE_AREAS = TableSchema(
    "nte_areas",
    "night-time-economy areas",
    (
        Column("nte_area", T, required=True),
        *texts("geometry_wkt", "neighbourhood", "lsoa_code"),
    ),
    enables="the night-time economy chapter",
)

INTERVENTIONS = TableSchema(
    "interventions",
    "the partnership's interventions, with their areas and dates where known",
    (
        record_id("name"),
        *texts("provider", "description", "areas"),
        age("age_min"),
        age("age_max"),
        Column("start_date", D),
        Column("end_date", D),
        Column("participants", INT, minimum=0),
        *texts("measure", "reported_result"),
    ),
    enables="the interventions chapter and the estimate of change in their areas",
)

VOICE = TableSchema(
    "voice",
    "community voice: statements from focus groups and surveys",
    (
        Column("source", T, required=True),
        Column("date", D),
        Column("participants", INT, minimum=0),
        *texts("age_range", "theme"),
        Column("statement", T, required=True),
    ),
    enables="the community-voice chapter",
)

LINKAGE_TRUTH = TableSchema(
    "linkage_truth",
    "who each linkable record really is, where that is known (a synthetic or audited set)",
    (
        Column("dataset", T, required=True, vocabulary=v.same(*LINKED_RECORDS)),
        Column("record_id", T, required=True),
        Column("person", T, required=True),
    ),
    enables="the precision and recall of the linkage",
)

CONTRACT: dict[str, TableSchema] = {
    t.name: t
    for t in (
        OCCURRENCES,
        PERSONS,
        STOP_SEARCH,
        ED_ATTENDANCES,
        AMBULANCE,
        FIRE_INCIDENTS,
        YOUTH_JUSTICE,
        PROBATION,
        SCHOOL_EXCLUSIONS,
        SOCIAL_CARE,
        NEET,
        NATIONAL_CONTEXT,
        NEIGHBOURHOODS,
        DISTRICTS,
        LSOAS,
        SCHOOLS,
        NTE_AREAS,
        INTERVENTIONS,
        VOICE,
        LINKAGE_TRUTH,
    )
}

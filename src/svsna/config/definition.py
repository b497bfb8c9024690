"""The definition as typed, frozen objects.

An SNA is only as good as its definitions, and they change over time (Derby and
Derbyshire add ABH to serious violence from September 2025). Everything an
analysis needs to decide (code lists, age bands, windows, thresholds, unit
costs) is read from here, never written into analysis code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def normalise_offence_code(code: str) -> str:
    """Return a Home Office code in canonical form: trimmed, upper-case, ``4.1`` → ``4/1``."""
    return str(code).strip().upper().replace(".", "/")


class OffenceGroup(_Frozen):
    """A set of Home Office codes analysed together (e.g. GBH with intent)."""

    id: str
    label: str
    family: str
    codes: tuple[str, ...]

    @field_validator("codes", mode="before")
    @classmethod
    def _normalise(cls, codes: list[object]) -> tuple[str, ...]:
        return tuple(normalise_offence_code(str(c)) for c in codes)


class DefinitionVersion(_Frozen):
    """The groups counted as serious violence from a date onward."""

    from_: dt.date = Field(alias="from")
    groups: tuple[str, ...]


class SeriousViolence(_Frozen):
    """Serious violence: included groups by date, minus exclusions."""

    versions: tuple[DefinitionVersion, ...]
    exclude_domestic_abuse: bool = True
    excluded_groups: tuple[str, ...] = ()

    @field_validator("versions")
    @classmethod
    def _ordered(
        cls, versions: tuple[DefinitionVersion, ...]
    ) -> tuple[DefinitionVersion, ...]:
        if not versions:
            raise ValueError("at least one version is needed")
        dates = [v.from_ for v in versions]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(
                "versions must be in increasing order of their 'from' date"
            )
        return versions


class KnifeCrime(_Frozen):
    """Knife crime: serious violence carrying this flag."""

    flag: str = "knife_flag"


AgeBand = tuple[int, int | None]


def band_label(band: AgeBand) -> str:
    """Label an age band the way SNAs write it: ``11-15`` or ``66+``."""
    low, high = band
    return f"{low}+" if high is None else f"{low}-{high}"


class AgeBands(_Frozen):
    """Age bands per table, each ``[low, high]`` inclusive, ``high`` null = open."""

    victims: tuple[AgeBand, ...]
    suspects: tuple[AgeBand, ...]
    involved_summary: tuple[AgeBand, ...]
    victim_suspect_matrix: tuple[AgeBand, ...]
    day_hour_cohorts: tuple[AgeBand, ...]
    stop_search: tuple[AgeBand, ...]
    ed: tuple[AgeBand, ...]
    probation: tuple[AgeBand, ...] = (
        (18, 20),
        (21, 24),
        (25, 28),
        (29, 32),
        (33, 36),
        (37, 40),
        (41, 44),
        (45, 49),
        (50, None),
    )

    @model_validator(mode="after")
    def _non_overlapping(self) -> AgeBands:
        for name in type(self).model_fields:
            bands: tuple[AgeBand, ...] = getattr(self, name)
            if any(high is not None and high < low for low, high in bands):
                raise ValueError(f"an age band of '{name}' ends before it starts")
            for (_, high), (next_low, _) in zip(bands, bands[1:], strict=False):
                if high is None or next_low <= high:
                    raise ValueError(
                        f"age bands of '{name}' overlap or are out of order"
                    )
        return self


class ReportPeriod(_Frozen):
    """The financial years reported: the last ``years`` complete ones by default.

    A month is complete only when the data reach its last day, or when
    ``extract_date`` (the day the data were extracted, if known) is on or after
    it; ``whole_months`` says each date stands for its whole month (as in
    data.police.uk, which gives months, not days).
    """

    years: Annotated[int, Field(ge=1, le=20)] = 3
    end_year: str | None = None
    extract_date: dt.date | None = None
    whole_months: bool = False

    @field_validator("end_year")
    @classmethod
    def _fy_label(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}/\d{2}", value):
            raise ValueError("end_year must be a financial-year label such as 2024/25")
        return value


class UnitCosts(_Frozen):
    """Unit costs of crime by offence family, with their price base and source."""

    price_base: str
    source: str
    by_family: dict[str, int]


class Hotspots(_Frozen):
    """The hotspot ranking: window length and offence set."""

    months: Annotated[int, Field(ge=1, le=60)] = 12
    groups: tuple[str, ...]
    apply_domestic_abuse_exclusion: bool = True
    top_n: int = 15
    # Getis-Ord Gi* on empirical-Bayes smoothed rates: neighbours are the
    # ``gistar_neighbours`` nearest areas (knn) or contiguous areas with islands
    # joined to their nearest; conditional permutations with a fixed seed; the
    # Benjamini-Hochberg false-discovery-rate adjustment of the classes.
    gistar_weights: Literal["knn", "contiguity"] = "knn"
    gistar_neighbours: Annotated[int, Field(ge=1, le=50)] = 8
    gistar_contiguity: Literal["queen", "rook"] = "queen"
    gistar_permutations: Annotated[int, Field(ge=99)] = 9999
    gistar_seed: int = 12345
    gistar_fdr: bool = True
    # Concentration: the share of the offences in the top N% of places.
    concentration_top_pct: tuple[float, ...] = (5.0, 10.0)


class EmergingHotspots(_Frozen):
    """Emerging hot spots: the space-time cube, its Gi* and the pattern rules.

    Each ``step_months`` slice (aligned with the financial year) over every
    complete slice of the data gets Gi* as chapter 5 computes it (its
    offence set, smoothing, neighbours, seed and FDR), with ``permutations``
    conditional permutations per slice: fewer than chapter 5's single map,
    because a cube has one map per slice. A slice is a significant hot or cold
    spot when Gi*'s p-value is at most ``alpha``; ``share`` is Esri's "90% of
    the slices"; the Mann-Kendall trend of the z-scores is significant at
    ``trend_alpha``.
    """

    step_months: Literal[1, 2, 3, 4, 6, 12] = 3
    levels: tuple[Literal["neighbourhood", "lsoa"], ...] = ("neighbourhood",)
    share: Annotated[float, Field(gt=0.5, le=1)] = 0.9
    alpha: Annotated[float, Field(gt=0, lt=1)] = 0.10
    trend_alpha: Annotated[float, Field(gt=0, lt=1)] = 0.05
    permutations: Annotated[int, Field(ge=99)] = 999
    min_slices: Annotated[int, Field(ge=3)] = 4


class NearRepeat(_Frozen):
    """The Knox test of near repeats: the bands and the permutations of dates."""

    distance_band_m: Annotated[float, Field(gt=0)] = 100
    distance_bands: Annotated[int, Field(ge=1, le=50)] = 5
    time_band_days: Annotated[int, Field(ge=1)] = 7
    time_bands: Annotated[int, Field(ge=1, le=52)] = 4
    permutations: Annotated[int, Field(ge=99)] = 999
    seed: int = 12345
    alpha: Annotated[float, Field(gt=0, lt=1)] = 0.05


class Harm(_Frozen):
    """Harm weights per offence group; none given means the unit costs of crime.

    ``weights`` maps offence-group ids to a weight (e.g. Crime Severity Score
    or Cambridge Crime Harm Index days); ``source`` names where they come from
    and ``unit`` what a weight measures.
    """

    weights: dict[str, float] = Field(default_factory=dict)
    source: str | None = None
    unit: str = ""


def _check_time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError(f"'{value}' is not a time of day as HH:MM")
    return value


class SchoolProximity(_Frozen):
    """The school-proximity rule of the reference SNA."""

    victim_min_age: int = 5
    victim_max_age: int = 16
    distance_m: float = 500
    weekdays: tuple[str, ...] = WEEKDAYS[:5]
    start_time: str = "08:00"
    end_time: str = "16:00"
    at_school_location_types: tuple[str, ...] = ("education establishment",)
    lower_level_groups: tuple[str, ...] = ("abh", "violence_without_injury")
    periods: int = 3

    _times = field_validator("start_time", "end_time")(_check_time)


class NightTimeEconomy(_Frozen):
    """The night-time-economy rule: a time window and the offence groups counted."""

    start_time: str = "18:00"
    end_time: str = "06:00"
    groups: tuple[str, ...]
    # Offence type (as reported) -> the groups it gathers; a counted group that
    # no type lists is reported under ``other_label``.
    offence_types: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    other_label: str = "all other offences"

    _times = field_validator("start_time", "end_time")(_check_time)


class StopSearch(_Frozen):
    """Which objects of search count as offensive weapons (lower-case)."""

    weapon_objects: tuple[str, ...]


class EmergencyDepartment(_Frozen):
    """The headline windows quoted for ISTV data."""

    weekend_days: tuple[str, ...] = ("Fri", "Sat", "Sun")
    night_start: str = "18:00"
    night_end: str = "04:00"
    young_adult_band: AgeBand = (18, 30)
    child_band: AgeBand = (0, 17)

    _times = field_validator("night_start", "night_end")(_check_time)


class Partners(_Frozen):
    """How the partner sections count years and rank reasons.

    Probation counts cases by ``calendar`` year (as the reference SNA does) or
    by ``financial`` year; the schools section lists the ``school_top_reasons``
    most common reasons for exclusions and suspensions.
    """

    probation_years: Literal["calendar", "financial"] = "calendar"
    school_top_reasons: Annotated[int, Field(ge=1, le=50)] = 5


class OffenceCategory(_Frozen):
    """A display category of the people and qualifier tables (e.g. robbery split)."""

    label: str
    groups: tuple[str, ...]


def _default_ethnicity_groups() -> dict[str, tuple[str, ...]]:
    return {
        "White": ("W1", "W2", "W3", "W4", "W9", "White"),
        "Mixed": ("M1", "M2", "M3", "M9", "Mixed"),
        "Asian": ("A1", "A2", "A3", "A4", "A9", "O1", "Asian"),
        "Black": ("B1", "B2", "B9", "Black"),
        "Other": ("O2", "O9", "Other"),
    }


class People(_Frozen):
    """How the people tables group ethnicity, relationships and warning markers."""

    ethnicity_groups: dict[str, tuple[str, ...]] = Field(
        default_factory=_default_ethnicity_groups
    )
    ethnicity_not_recorded: str = "Not recorded"
    warning_markers: tuple[str, ...] = (
        "weapons",
        "mental health",
        "violence",
        "drugs",
        "firearms",
    )
    relationship_by_district: tuple[str, ...] = ("stranger", "acquaintance")


#: The fields a linkage compares: ``birth`` is the date of birth (or its year).
LinkField = Literal["birth", "sex", "postcode_district", "name_token"]
#: The columns a linkage blocks on (pairs compared only when they agree on all of a rule's).
BlockColumn = Literal[
    "birth_date", "birth_year", "sex", "postcode_district", "name_token"
]


def _default_comparisons() -> dict[LinkField, tuple[str, ...]]:
    return {
        "birth": ("exact", "day_month_transposed", "same_year"),
        "name_token": ("exact",),
        "postcode_district": ("exact",),
        "sex": ("exact",),
    }


class Linkage(_Frozen):
    """Linking people across agencies with Splink (a Fellegi-Sunter model).

    ``comparisons`` gives each compared field its levels, most alike first
    (``exact``, ``day_month_transposed``, ``same_year``, ``year_within_1``
    for ``birth``; ``exact`` for the others: a name token is only ever
    matched exactly); every field also has a "not recorded" level and an
    "other" level. Only pairs agreeing on every column of one of the
    ``blocking`` rules are scored. The chance that two records are the same
    person is estimated from pairs agreeing on every column of ``prior_rule``,
    assumed to find ``prior_recall`` of the true matches; the u probabilities
    from ``u_pairs`` random pairs (``seed``); the m probabilities by
    expectation maximisation on the pairs of each ``training`` rule (until no
    parameter moves by ``em_convergence``, at most ``max_iterations``). Two
    records whose match probability reaches ``match_probability`` are linked,
    and linked records form one person (connected components). Scored pairs
    are counted in bands of match weight starting at each of ``weight_bands``.
    """

    enabled: bool = True
    comparisons: dict[LinkField, tuple[str, ...]] = Field(
        default_factory=_default_comparisons
    )
    blocking: tuple[tuple[BlockColumn, ...], ...] = (("name_token",), ("birth_date",))
    training: tuple[tuple[BlockColumn, ...], ...] = (("name_token",), ("birth_date",))
    prior_rule: tuple[BlockColumn, ...] = ("name_token", "birth_date")
    prior_recall: Annotated[float, Field(gt=0, le=1)] = 0.8
    u_pairs: Annotated[int, Field(ge=1000)] = 1_000_000
    seed: int = 1
    em_convergence: Annotated[float, Field(gt=0)] = 0.001
    max_iterations: Annotated[int, Field(ge=1)] = 25
    match_probability: Annotated[float, Field(gt=0, lt=1)] = 0.95
    weight_bands: tuple[float, ...] = (-10, -5, 0, 5, 10, 15, 20)

    @model_validator(mode="after")
    def _rules_given(self) -> Linkage:
        if not self.blocking or not all(self.blocking):
            raise ValueError("linkage needs at least one blocking rule, none empty")
        if list(self.weight_bands) != sorted(set(self.weight_bands)):
            raise ValueError("linkage weight_bands must rise")
        return self


class Reoffending(_Frozen):
    """Kaplan-Meier reoffending and revictimisation (chapter ``reoffending``).

    A person's index is their first serious-violence occurrence in the role
    (suspect, or victim) within the report period; the event is their next
    occurrence in the role on a later day (``next_event``: of ``any``
    offence, as proven-reoffending measures count, or of
    ``serious_violence`` only); people without one are censored at the end
    of the last complete month. Shares are read at ``months`` with
    ``confidence_level`` Greenwood intervals, for everyone and by sex and
    ``age_bands`` (age at the index). National figures whose section is
    ``national_section`` are shown beside.
    """

    next_event: Literal["any", "serious_violence"] = "any"
    months: tuple[Annotated[int, Field(ge=1, le=120)], ...] = (3, 6, 9, 12)
    age_bands: tuple[AgeBand, ...] = ((10, 17), (18, 24), (25, 34), (35, None))
    confidence_level: Annotated[float, Field(gt=0, lt=1)] = 0.95
    national_section: str = "reoffending"


class KnifeCarriers(_Frozen):
    """The habitual knife carrier index (HKCI): recency, frequency and gravity.

    People who are suspects in occurrences with the knife flag, over the
    ``lookback_months`` ending with the last complete month. Recency scores
    ``recency_points[i]`` when their latest such occurrence is within
    ``recency_months[i]`` months (1 beyond the last); frequency is the number
    of those occurrences; gravity the sum of their offence groups' weights
    (``gravity``; other groups weigh ``default_gravity``). Each component is
    divided by its largest value in the cohort, and the score is
    ``100 × (weighted sum) / (sum of weights)``. The public edition shows the
    scores in bands of ``score_band`` points and the cohort's profile (sex,
    ``age_bands`` at their latest occurrence, its district); the restricted
    edition also lists the ``top_n`` people.
    """

    lookback_months: Annotated[int, Field(ge=1, le=240)] = 36
    recency_months: tuple[int, ...] = (3, 6, 12, 24)
    recency_points: tuple[float, ...] = (5, 4, 3, 2)
    gravity: dict[str, float] = Field(default_factory=dict)
    default_gravity: float = 1
    recency_weight: Annotated[float, Field(ge=0)] = 1
    frequency_weight: Annotated[float, Field(ge=0)] = 1
    gravity_weight: Annotated[float, Field(ge=0)] = 1
    score_band: Annotated[int, Field(ge=1, le=50)] = 10
    top_n: Annotated[int, Field(ge=1)] = 20
    age_bands: tuple[AgeBand, ...] = ((10, 17), (18, 24), (25, 34), (35, None))

    @model_validator(mode="after")
    def _recency_bands(self) -> KnifeCarriers:
        if len(self.recency_months) != len(self.recency_points):
            raise ValueError("knife_carriers needs one recency point per recency band")
        if not self.recency_weight + self.frequency_weight + self.gravity_weight:
            raise ValueError("knife_carriers needs a weight above zero")
        return self


class CoOffending(_Frozen):
    """Co-offending networks: suspects linked by the occurrences they share.

    The network is built from the report period's occurrences (``any``
    offence, or ``serious_violence`` only); groups are its connected
    components; ``large_group`` is the size from which a group counts as
    large (the share of serious violence within such groups is reported);
    groups are tabled by the sizes in ``size_bands``.
    """

    offences: Literal["any", "serious_violence"] = "any"
    large_group: Annotated[int, Field(ge=2)] = 3
    size_bands: tuple[AgeBand, ...] = (
        (1, 1),
        (2, 2),
        (3, 3),
        (4, 5),
        (6, 9),
        (10, None),
    )


class PeopleOverTime(_Frozen):
    """People across agencies and over time: linkage, reoffending, knife carriers, networks."""

    linkage: Linkage = Linkage()
    reoffending: Reoffending = Reoffending()
    knife_carriers: KnifeCarriers = KnifeCarriers()
    co_offending: CoOffending = CoOffending()


class WeekendNights(_Frozen):
    """The "Friday and Saturday nights" of the day × hour finding.

    Each night starts at ``start_hour`` on one of ``days`` and ends before
    ``end_hour`` the next morning.
    """

    days: tuple[str, ...] = ("Fri", "Sat")
    start_hour: Annotated[int, Field(ge=0, le=23)] = 18
    end_hour: Annotated[int, Field(ge=0, le=23)] = 6

    @field_validator("days")
    @classmethod
    def _weekdays(cls, days: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown:
            raise ValueError(f"days must be among {', '.join(WEEKDAYS)}")
        return days


class Trends(_Frozen):
    """Significance level of trend arrows, confidence level, and the headline measures.

    ``headline`` lists the finding ids declared, before the data are seen, as
    the report's headline changes: their tests are not adjusted for the many
    other tests of the report, which are (Benjamini-Hochberg).
    """

    alpha: Annotated[float, Field(gt=0, lt=1)] = 0.05
    confidence_level: Annotated[float, Field(gt=0, lt=1)] = 0.95
    headline: tuple[str, ...] = ("sv_change", "knife_change")


class Maps(_Frozen):
    """Maps drawn from the area geometries (no tiles): size limits."""

    # A map with more features than this is left out (its table stays).
    max_features: Annotated[int, Field(ge=1)] = 3000
    # Simplification of boundaries before drawing, in metres.
    simplify_m: Annotated[float, Field(ge=0)] = 10.0


class Disclosure(_Frozen):
    """How the public edition protects small numbers.

    ``suppress`` (the default) withholds counts from 1 to ``threshold`` and
    enough others that none can be worked out; ``round`` rounds every count,
    totals included, to a multiple of ``base`` (as NHS and ONS outputs often
    are), each independently of the others.
    """

    threshold: Annotated[int, Field(ge=0)] = 4
    symbol: str = "[c]"
    method: Literal["suppress", "round"] = "suppress"
    base: Annotated[int, Field(ge=2)] = 5

    @property
    def rounded_to(self) -> int | None:
        """The base counts are rounded to (None when small counts are withheld instead)."""
        return self.base if self.method == "round" else None


class PublicData(_Frozen):
    """Settings of the data.police.uk edition (the shipped ``police-uk`` definition).

    ``outcome_stages`` groups last-outcome categories (lower-case) into stages;
    ``no_find_outcomes`` are the stop-and-search outcomes that mean nothing was
    found; ``reference_ethnicity`` is the group other groups are compared with.
    """

    not_crime_groups: tuple[str, ...] = ()
    trend_months: Annotated[int, Field(ge=1, le=60)] = 12
    top_lsoas: Annotated[int, Field(ge=1)] = 20
    outcome_stages: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    no_find_outcomes: tuple[str, ...] = ()
    reference_ethnicity: str = "White"


class SnaPrompts(_Frozen):
    """Which findings and data-quality measures prompt a recommendation.

    A field recorded in fewer than ``completeness_below`` per cent of records
    prompts better recording; areas in ``hotspot_categories`` of the emerging
    hot spots persist.
    """

    completeness_below: Annotated[float, Field(gt=0, le=100)] = 90.0
    hotspot_categories: tuple[str, ...] = (
        "persistent hot spot",
        "intensifying hot spot",
    )


class InterventionEffects(_Frozen):
    """The difference in differences of an intervention's areas against the rest.

    ``window_months`` whole months from the start month against as many
    before it (fewer when the intervention or the data end sooner); no
    estimate with fewer than ``min_months`` on either side. The event study
    shows ``event_months`` months either side of the start.
    """

    window_months: Annotated[int, Field(ge=1, le=60)] = 12
    min_months: Annotated[int, Field(ge=1, le=60)] = 3
    event_months: Annotated[int, Field(ge=1, le=36)] = 12


class SchoolClosing(_Frozen):
    """Victims under 17 around school closing time, by day of week.

    Occurrences with a victim aged ``victim_max_age`` or under, committed from
    ``closing_time`` for ``window_minutes`` minutes, against the rest of the
    day; ``school_days`` are compared with each other.
    """

    victim_max_age: Annotated[int, Field(ge=0, le=120)] = 16
    closing_time: str = "15:00"
    window_minutes: Annotated[int, Field(ge=15, le=720)] = 180
    school_days: tuple[str, ...] = WEEKDAYS[:5]

    _times = field_validator("closing_time")(_check_time)


class Firearms(_Frozen):
    """Firearms among possession offences: a listed code, or the firearm flag."""

    possession_groups: tuple[str, ...] = ("possession_of_weapons",)
    codes: tuple[str, ...] = ("10A", "10B", "81")
    flag: str | None = "firearm_flag"

    @field_validator("codes", mode="before")
    @classmethod
    def _normalise(cls, codes: list[object]) -> tuple[str, ...]:
        return tuple(normalise_offence_code(str(c)) for c in codes)


class SnaChapters(_Frozen):
    """Settings of the SNA's own chapters (recommendations, interventions, analyses).

    ``mental_health_marker`` is the warning marker (a whole item of the
    persons' ``;``-separated ``warning_markers``) counted in the share of
    suspects with a mental-health marker.
    """

    prompts: SnaPrompts = SnaPrompts()
    interventions: InterventionEffects = InterventionEffects()
    school_closing: SchoolClosing = SchoolClosing()
    firearms: Firearms = Firearms()
    mental_health_marker: str = "mental health"


class Definition(_Frozen):
    """Everything that decides what svsna counts and how."""

    name: str
    area_name: str
    # Where the data come from: a partnership's own records (the full SNA), or
    # data.police.uk's public files, whose period is the months present (gaps
    # named) and whose district profiles use the public-data template.
    data_source: Literal["partnership", "police_uk"] = "partnership"
    # Chapter ids this definition runs, in report order (None: the full SNA).
    chapters: tuple[str, ...] | None = None
    public_data: PublicData = PublicData()
    financial_year_start_month: Annotated[int, Field(ge=1, le=12)] = 4
    report_period: ReportPeriod = ReportPeriod()
    offence_groups: tuple[OffenceGroup, ...]
    serious_violence: SeriousViolence
    knife_crime: KnifeCrime = KnifeCrime()
    young_person_max_age: int = 18
    age_bands: AgeBands
    positive_outcomes: tuple[int, ...]
    unit_costs: UnitCosts
    hotspots: Hotspots
    school_proximity: SchoolProximity
    night_time_economy: NightTimeEconomy
    stop_search: StopSearch
    emergency_department: EmergencyDepartment = EmergencyDepartment()
    trends: Trends = Trends()
    disclosure: Disclosure = Disclosure()
    maps: Maps = Maps()
    top_n_individuals: int = 25
    partners: Partners = Partners()
    offence_categories: tuple[OffenceCategory, ...] = ()
    abh_group: str | None = None
    people: People = People()
    outcome_labels: dict[int, str] = Field(default_factory=dict)
    weekend_nights: WeekendNights = WeekendNights()
    emerging_hotspots: EmergingHotspots = EmergingHotspots()
    near_repeat: NearRepeat = NearRepeat()
    harm: Harm = Harm()
    sna: SnaChapters = SnaChapters()
    people_over_time: PeopleOverTime = PeopleOverTime()

    @model_validator(mode="after")
    def _groups_known(self) -> Definition:
        known = {g.id for g in self.offence_groups}
        seen: dict[str, str] = {}
        for group in self.offence_groups:
            for code in group.codes:
                if code in seen:
                    raise ValueError(
                        f"offence code {code} is in both '{seen[code]}' and '{group.id}'"
                    )
                seen[code] = group.id
        used = [
            *(g for v in self.serious_violence.versions for g in v.groups),
            *self.serious_violence.excluded_groups,
            *self.hotspots.groups,
            *self.night_time_economy.groups,
            *(g for gs in self.night_time_economy.offence_types.values() for g in gs),
            *self.school_proximity.lower_level_groups,
            *(g for c in self.offence_categories for g in c.groups),
            *([self.abh_group] if self.abh_group else []),
            *self.harm.weights,
            *self.people_over_time.knife_carriers.gravity,
        ]
        unknown = sorted(set(used) - known)
        if unknown:
            raise ValueError(f"unknown offence group(s): {', '.join(unknown)}")
        return self

    def group(self, group_id: str) -> OffenceGroup:
        """Return the offence group with this id."""
        for group in self.offence_groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

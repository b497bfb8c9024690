"""Partner chapters on empty or thin inputs: sections, not crashes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from partner_helpers import PARTNER_CHAPTERS, partner_context

if TYPE_CHECKING:
    from pathlib import Path

HEADERS = {
    "ed_attendances": "attendance_id,hospital,arrival_date",
    "ambulance": "incident_id,call_date,response",
    "fire_incidents": "incident_id,incident_date,incident_type",
    "youth_justice": "offence_id,offence_date,offence_type",
    "probation": "case_id,start_date",
    "school_exclusions": "academic_year,authority,exclusion_type,count",
    "social_care": "year,authority,measure,count",
    "neet": "year,authority,cohort,neet",
    "national_context": "section,figure,value,source",
    "occurrences": "occurrence_id,committed_date,offence_code",
}
ONE_ROW = {
    "ed_attendances": "1,A,2024-01-05",
    "ambulance": "1,2024-01-05,hear and treat",
    "fire_incidents": "1,2024-01-05,deliberate fire",
    "youth_justice": "1,2024-01-05,Robbery",
    "probation": "1,2024-01-05",
    "school_exclusions": "2023/24,Derby,permanent,0",
    "social_care": "2023/24,Derby,referrals,0",
    "neet": "2024,Derby,0,0",
    "national_context": "prison,prisoners,1,MoJ",
    "occurrences": "o1,2024-01-05,8N",
}


@pytest.mark.parametrize("rows", [False, True], ids=["header only", "one row"])
@pytest.mark.parametrize("years", [(), ("2023/24",)], ids=["no period", "period"])
def test_every_chapter_copes(
    tmp_path: Path, rows: bool, years: tuple[str, ...]
) -> None:
    tables = {n: h + ("\n" + ONE_ROW[n] if rows else "") for n, h in HEADERS.items()}
    ctx = partner_context(tmp_path, tables, years=years)
    for module in PARTNER_CHAPTERS:
        section = module.run(ctx)
        assert section.available, section.id
        assert section.tables, section.id
        for table in section.tables:
            assert table.id.startswith(section.id), (section.id, table.id)

"""Any folder in the contract's form gives a report or one sentence (issue 14).

Hypothesis draws whole data folders (:mod:`contract_folders`) and each is
built by the command line, in either edition and every format; the rule of
:mod:`build_rule` must hold. :mod:`profiles` says how many (a few in CI,
many with ``SVSNA_HYPOTHESIS=explore``). A folder that breaks it is written
to ``$SVSNA_SAVE_NASTY`` (when set) so that it can join the corpus in
``tests/data/nasty/``, which :mod:`test_nasty_corpus` replays on every run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from build_rule import assert_the_rule
from contract_folders import Folder, folders
from hypothesis import given
from hypothesis import strategies as st
from profiles import PIPELINE

pytestmark = pytest.mark.slow


@PIPELINE
@given(folder=folders(), edition=st.sampled_from(["public", "restricted"]))
def test_any_contract_folder_gives_a_report_or_one_sentence(
    folder: Folder, edition: str
) -> None:
    with tempfile.TemporaryDirectory() as root:
        data = Path(root) / "data"
        folder.write(data)
        try:
            assert_the_rule(data, Path(root) / "report", edition=edition)
        except BaseException:
            keep = os.environ.get("SVSNA_SAVE_NASTY")
            if keep:
                shutil.copytree(data, Path(keep) / f"found-{os.getpid()}-{id(folder)}")
            raise

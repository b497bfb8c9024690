"""A chapter, declared once as data: its id, title, inputs and the function that computes it.

Each chapter module ends with one ``CHAPTER = Chapter(...)``; the registry
(:mod:`svsna.analyses.registry`) imports them all statically, and the runner
numbers them by their order in the definition. A chapter never checks its own
required inputs nor numbers itself: the runner does both, the same way for all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from svsna.errors import SvsnaError
from svsna.results import Section

if TYPE_CHECKING:
    from collections.abc import Callable

    from svsna.analyses.core.context import Context


class Heading(NamedTuple):
    """What a section is called: ``Section(*heading, ...)`` starts every chapter's result."""

    id: str
    number: str
    title: str


@dataclass(frozen=True)
class Chapter:
    """One chapter of the report.

    ``needs`` are the contract tables without which the chapter cannot be
    computed (the runner then renders it as one line naming them); ``uses``
    are optional tables that add to it when present. ``part`` groups
    consecutive chapters under one number (``13.1``, ``13.2``); ``reference``
    is the chapter's number in the Derby and Derbyshire SNA 2025, kept as a
    cross-reference.

    ``after_others`` marks a chapter that reads the report itself (its
    findings, tables and missing inputs, as ``ctx.sections``): the runner
    computes it after every other chapter, wherever it is numbered.
    ``when`` is a condition on the run (e.g. an earlier build was given):
    when it does not hold, the chapter is left out of the report entirely,
    not even as a line, and takes no number.
    """

    id: str
    title: str
    compute: Callable[[Context, Heading], Section]
    needs: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    part: str | None = None
    reference: str = ""
    after_others: bool = False
    when: Callable[[Context], bool] | None = None

    def included(self, ctx: Context) -> bool:
        """Whether the report has this chapter at all (its ``when`` holds)."""
        return self.when is None or self.when(ctx)

    def run(self, ctx: Context, number: str = "", *, strict: bool = True) -> Section:
        """The chapter's section: computed, or one line naming its missing inputs.

        Unless ``strict``, a chapter that fails on its data costs only itself:
        its section says in one line that it could not be computed (naming the
        kind of error, never a value from the data) and the report goes on.
        """
        heading = Heading(self.id, number, self.title)
        missing = ctx.missing(*self.needs)
        if missing:
            return Section(*heading, missing_inputs=missing, reference=self.reference)
        if strict:
            return replace(self.compute(ctx, heading), reference=self.reference)
        try:
            return replace(self.compute(ctx, heading), reference=self.reference)
        except SvsnaError:
            raise
        except Exception as exc:  # noqa: BLE001 - one chapter's failure is not the report's
            return Section(
                *heading, not_computed=not_computed(exc), reference=self.reference
            )


def not_computed(exc: BaseException) -> str:
    """Why a part of the report is missing, in words fit for the published report."""
    return (
        f"it could not be computed from these data ({type(exc).__name__}); the rest of "
        "the report is unaffected. Please report this, with the output of "
        "'svsna build --debug'."
    )

"""Where a build's files go: a folder a user may share, and a private one beside it.

The publishable folder (``--out``) holds only the report files, the tables,
the profiles, ``findings.json`` and a manifest without absolute paths; the
private folder (``--private``, by default ``<out>.private``) holds the
warehouse, ``rejects.csv`` and the full manifest, all record-level or
machine-specific. Keeping them apart is what lets an analyst zip the report
folder and send it to a board.

The report is written into a staging folder beside ``--out`` and swapped in
only when every file is there, and one build at a time holds a lock on the
folder, so a build that is killed, or that runs beside another, never leaves
a half-written report in place of the previous one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from svsna.errors import SvsnaError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The first line of the README.txt svsna writes; it marks a folder as svsna's own.
PUBLIC_MARK = "svsna report folder"
PRIVATE_MARK = "svsna private folder"
RESTRICTED_MARKER = "RESTRICTED"
#: Files that hold record-level data and must never be in the folder a user shares.
RECORD_LEVEL = ("*.duckdb", "*.duckdb.wal", "rejects.csv", "warehouse", "*.parquet")
#: How long a second build waits for the first to finish with the same folder.
LOCK_WAIT_SECONDS = 3600.0
#: The end of a private file's name while it waits for its report to be in place.
PENDING = ".next"


@dataclass(frozen=True)
class OutputFolders:
    """The two folders of one build, and where its warehouse goes."""

    public: Path
    private: Path
    warehouse: Path
    restricted: bool

    @classmethod
    def for_build(
        cls,
        out: Path,
        *,
        private: Path | None = None,
        warehouse: Path | None = None,
        restricted: bool = False,
    ) -> OutputFolders:
        """The folders for ``out``: ``private`` defaults to the sibling ``<out>.private``."""
        public = Path(os.path.abspath(out))
        hidden = (
            Path(os.path.abspath(private)) if private else _sibling(public, "private")
        )
        target = (
            Path(os.path.abspath(warehouse))
            if warehouse
            else hidden / "warehouse"
        )
        folders = cls(public, hidden, target, restricted)
        folders.check_apart()
        return folders

    def check_apart(self) -> None:
        """Stop when the private folder or the warehouse would sit in the shared folder."""
        for name, path in (
            ("private folder", self.private),
            ("warehouse", self.warehouse),
        ):
            if path == self.public or self.public in path.parents:
                raise SvsnaError(
                    f"The {name} {path} is inside the report folder {self.public}, which is "
                    "meant to be shared; choose a place outside it."
                )
        if self.private in self.public.parents:
            raise SvsnaError(
                f"The report folder {self.public} is inside the private folder "
                f"{self.private}; choose a --private folder beside it instead."
            )

    def check_replaceable(self, *, clean: bool) -> None:
        """Refuse to replace a folder holding record-level data or files svsna did not write."""
        if clean or not self.public.exists():
            return
        if not self.public.is_dir():
            raise SvsnaError(
                f"{self.public} is a file, not a folder; choose another --out for the report."
            )
        found = sorted(
            p.name for pattern in RECORD_LEVEL for p in self.public.glob(pattern)
        )
        if found:
            raise SvsnaError(
                f"{self.public} holds {', '.join(found)} from an earlier build (record-level "
                "data that must not be shared); choose another --out, or pass --clean to "
                "replace the folder's contents."
            )
        if any(self.public.iterdir()) and not _is_ours(self.public, PUBLIC_MARK):
            raise SvsnaError(
                f"{self.public} already holds files svsna did not write; choose a new or "
                "empty folder for --out, or pass --clean to replace its contents."
            )

    @contextlib.contextmanager
    def locked(self, *, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the folder's lock; a second build waits for the first, then goes on."""
        self.public.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(_sibling(self.public, "lock", hidden=True)))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if waiting:
                waiting(
                    f"Another build is writing {self.public}; waiting for it to finish."
                )
            try:
                lock.acquire(timeout=LOCK_WAIT_SECONDS)
            except Timeout:
                raise SvsnaError(
                    f"Another build has been writing {self.public} for an hour; stop it or "
                    "choose another --out."
                ) from None
        try:
            _recover(self.public, (self.warehouse.parent, self.private))
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def staged(self) -> Iterator[Staging]:
        """Places to write a build's files, all put in place together on success.

        The report goes into a new folder swapped in for ``public``; each
        private file into a temporary file beside it, moved in just after, so
        a build killed before the end leaves the previous report with the
        previous warehouse.
        """
        self.private.mkdir(parents=True, exist_ok=True)
        self.warehouse.parent.mkdir(parents=True, exist_ok=True)
        staging = Staging(_sibling(self.public, f"building-{os.getpid()}", hidden=True))
        shutil.rmtree(staging.public, ignore_errors=True)
        staging.public.mkdir(parents=True)
        try:
            yield staging
            _swap_in(staging.public, self.public)
            for temporary, final in staging.pending.items():
                os.replace(temporary, final)
            for adopt in staging.adopt:
                adopt()
        finally:
            shutil.rmtree(staging.public, ignore_errors=True)
            for temporary in staging.pending:
                temporary.unlink(missing_ok=True)
            for folder in staging.folders:
                shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Staging:
    """Where one build writes: the report's new folder, and private files to move in."""

    public: Path
    pending: dict[Path, Path] = field(default_factory=dict)
    #: Folders written aside (a warehouse) and what adopts each once the report is in.
    folders: list[Path] = field(default_factory=list)
    adopt: list[Callable[[], None]] = field(default_factory=list)

    def private_folder(self, final: Path, adopt: Callable[[Path, Path], None]) -> Path:
        """A temporary folder for ``final``, adopted by ``adopt(temporary, final)`` at the end."""
        temporary = final.with_name(f".{final.name}.{os.getpid()}{PENDING}")
        shutil.rmtree(temporary, ignore_errors=True)
        self.folders.append(temporary)
        self.adopt.append(lambda: adopt(temporary, final))
        return temporary

    def private_file(self, final: Path) -> Path:
        """A temporary path for ``final``, moved onto it once the report is in place."""
        temporary = final.with_name(f".{final.name}.{os.getpid()}{PENDING}")
        self.pending[temporary] = final
        return temporary

    def write_private(self, final: Path, text: str) -> None:
        """Write ``text`` for ``final`` (in place once the report is)."""
        self.private_file(final).write_text(text, encoding="utf-8")


def _sibling(folder: Path, suffix: str, *, hidden: bool = False) -> Path:
    """``<folder>.<suffix>`` beside ``folder`` (``.<folder>.<suffix>`` when hidden)."""
    return folder.with_name(f"{'.' if hidden else ''}{folder.name}.{suffix}")


def _is_ours(folder: Path, mark: str) -> bool:
    readme = folder / "README.txt"
    if (folder / "manifest.json").is_file():
        return True  # a report folder from an earlier svsna, without a README
    try:
        return readme.read_text(encoding="utf-8").startswith(mark)
    except (OSError, UnicodeDecodeError):
        return False


def _recover(public: Path, private: tuple[Path, ...]) -> None:
    """Undo what a killed build left: its staging folder, private files, a report moved aside."""
    for leftover in public.parent.glob(f".{public.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for folder in private:
        for pending in folder.glob(f".*{PENDING}*"):
            if pending.is_dir():
                shutil.rmtree(pending, ignore_errors=True)
            else:
                pending.unlink(missing_ok=True)
    previous = sorted(public.parent.glob(f".{public.name}.previous-*"))
    if previous and not public.exists():
        previous.pop().rename(public)
    for old in previous:
        shutil.rmtree(old, ignore_errors=True)


def _swap_in(staging: Path, public: Path) -> None:
    """Put ``staging`` where ``public`` is, moving the old folder aside only meanwhile."""
    aside = _sibling(public, f"previous-{os.getpid()}", hidden=True)
    try:
        if public.exists():
            public.rename(aside)
        try:
            staging.rename(public)
        except OSError:
            if aside.exists():
                aside.rename(public)
            raise
    except OSError as exc:
        raise SvsnaError(
            f"Could not replace {public} ({exc.strerror}); close any of its files that are "
            "open (a report in Word, a table in Excel) and build again."
        ) from exc
    shutil.rmtree(aside, ignore_errors=True)


def public_readme(
    title: str, *, restricted: bool, threshold: int, private: Path
) -> str:
    """``README.txt`` of the folder to share: what it holds and who may see it."""
    edition = (
        "RESTRICTED EDITION: exact numbers, small counts included; not for publication.\n"
        "Share it only with the people your data-sharing agreement allows."
        if restricted
        else f"Public edition: every count from 1 to {threshold} is withheld (shown as [c]),\n"
        "with any number that would reveal one. This is the folder to share."
    )
    private_name = (
        private.name if private.name.endswith(".private") else "a private folder"
    )
    return (
        f"{PUBLIC_MARK}: {title}\n\n{edition}\n\n"
        "It holds the report (index.html, report.pdf, report.docx), every table\n"
        "(tables.xlsx, tables/*.csv), the district profiles (profiles/), findings.json\n"
        "and manifest.json (software, definition, input hashes and row counts; no\n"
        "paths). Nothing here lists a crime, victim or suspect one by one.\n\n"
        f"The warehouse and rejects.csv (record-level data) are in {private_name},\n"
        "kept apart from this folder: never share that one.\n"
    )


def private_readme(public: Path) -> str:
    """``README.txt`` of the private folder: record-level data, never to be shared."""
    return (
        f"{PRIVATE_MARK}: record-level data behind the report in {public.name}\n\n"
        "warehouse/        every crime, victim and suspect loaded, record by record\n"
        "rejects.csv       every rejected input value, with its file, line and column\n"
        "manifest.json     the full manifest, with the paths of the input files\n\n"
        "Keep this folder where your data-sharing agreement allows. Never share it,\n"
        "attach it to an email or put it on a website. Share the report folder instead.\n"
    )


RESTRICTED_TEXT = (
    "RESTRICTED: this folder holds the restricted edition of an svsna report, with\n"
    "exact numbers (small counts included). It is not for publication; share it only\n"
    "with the people your data-sharing agreement allows.\n"
)

"""Print documents (the report and the district profiles) laid out by Typst."""

from svsna.report.typst_pdf.blocks import profile_document, report_document
from svsna.report.typst_pdf.compile import HeadingPage, compile_pdf, compile_with_pages

__all__ = [
    "HeadingPage",
    "compile_pdf",
    "compile_with_pages",
    "profile_document",
    "report_document",
]

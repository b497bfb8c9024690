"""Print documents (the report and the district profiles) laid out by Typst."""

from svsna.report.typst_pdf.blocks import profile_document, report_document
from svsna.report.typst_pdf.compile import compile_pdf

__all__ = ["compile_pdf", "profile_document", "report_document"]

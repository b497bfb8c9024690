"""The reason codes of rejects, each with the sentence users read, and what was done."""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    """Why a value or record was rejected; the code is what ``rejects.csv`` records."""

    MISSING_VALUE = "missing_value"
    INVALID_INTEGER = "invalid_integer"
    INVALID_NUMBER = "invalid_number"
    INVALID_DATE = "invalid_date"
    INVALID_TIME = "invalid_time"
    INVALID_TIMESTAMP = "invalid_timestamp"
    INVALID_BOOLEAN = "invalid_boolean"
    NOT_IN_VOCABULARY = "not_in_vocabulary"
    OUT_OF_RANGE = "out_of_range"
    FUTURE_DATE = "future_date"
    NUL_BYTE = "nul_byte"
    CONTROL_CHARACTER = "control_character"
    DUPLICATE_ID = "duplicate_id"
    ORPHAN = "orphan"
    WRONG_FIELD_COUNT = "wrong_field_count"
    INVALID_ENCODING = "invalid_encoding"
    RECORD_TOO_LONG = "record_too_long"
    MALFORMED_RECORD = "malformed_record"


class Action(StrEnum):
    """What the loader did about a broken value: the ``action`` column of ``rejects.csv``."""

    ROW_REJECTED = "row rejected"
    VALUE_SET_TO_UNKNOWN = "value set to unknown"


EXPLANATIONS: dict[Rule, str] = {
    Rule.MISSING_VALUE: "a required value is empty",
    Rule.INVALID_INTEGER: "not a whole number",
    Rule.INVALID_NUMBER: "not a number",
    Rule.INVALID_DATE: "not a date as YYYY-MM-DD or DD/MM/YYYY",
    Rule.INVALID_TIME: "not a time as HH:MM (24-hour)",
    Rule.INVALID_TIMESTAMP: "not a date and time in ISO 8601 form",
    Rule.INVALID_BOOLEAN: "not true/false, yes/no, y/n or 1/0",
    Rule.NOT_IN_VOCABULARY: "not one of the values the contract allows",
    Rule.OUT_OF_RANGE: "outside the allowed range",
    Rule.FUTURE_DATE: "a date after today",
    Rule.NUL_BYTE: "holds a NUL byte (character 0), at which other programs cut text",
    Rule.CONTROL_CHARACTER: (
        "holds a control character (such as ESC or a vertical tab) that Word, "
        "Excel and charts cannot hold"
    ),
    Rule.DUPLICATE_ID: "an identifier already used on an earlier row",
    Rule.ORPHAN: "refers to an occurrence that is not in occurrences",
    Rule.WRONG_FIELD_COUNT: "the row has a different number of fields from the header",
    Rule.INVALID_ENCODING: "the row holds bytes that are not UTF-8 in a UTF-8 file",
    Rule.RECORD_TOO_LONG: "the row is longer than 64 MB",
    Rule.MALFORMED_RECORD: "the row's quotes or line breaks cannot be read as CSV",
}

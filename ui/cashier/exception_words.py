"""An exception order's problems in words, worded on the device from their stable codes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.read_models import ExceptionProblemView, ExceptionView


def problem_text(problem: ExceptionProblemView) -> str:
    """One problem, e.g. "Unknown item 'SKU-991' ×2" (never the hub's own English)."""
    if problem.code == "unknown_item":
        sku = problem.channel_sku or problem.line_ref
        if problem.quantity is None:
            return QCoreApplication.translate("ExceptionWords", "Unknown item '{sku}'").format(
                sku=sku
            )
        return QCoreApplication.translate(
            "ExceptionWords", "Unknown item '{sku}' ×{quantity}"
        ).format(sku=sku, quantity=problem.quantity)
    words = {
        "totals_mismatch": lambda: QCoreApplication.translate(
            "ExceptionWords", "Totals do not add up"
        ),
        "missing_field": lambda: QCoreApplication.translate(
            "ExceptionWords", "Missing field '{field}'"
        ).format(field=problem.field),
        "bad_value": lambda: QCoreApplication.translate(
            "ExceptionWords", "Unreadable value in '{field}'"
        ).format(field=problem.field),
        "too_many_lines": lambda: QCoreApplication.translate("ExceptionWords", "Too many lines"),
        "bad_line": lambda: QCoreApplication.translate(
            "ExceptionWords", "Unreadable line {ref}"
        ).format(ref=problem.line_ref or "?"),
    }
    word = words.get(problem.code)
    return (
        QCoreApplication.translate("ExceptionWords", "Part of the order could not be read")
        if word is None
        else word()
    )


def exception_reason(exception: ExceptionView | None) -> str:
    """The reason on an inbox row: the first problem, and how many more there are."""
    if exception is None or not exception.problems:
        return QCoreApplication.translate("ExceptionWords", "Part of the order could not be read")
    first = problem_text(exception.problems[0])
    more = len(exception.problems) - 1
    if more == 0:
        return first
    return QCoreApplication.translate("ExceptionWords", "{problem} (and {count} more)").format(
        problem=first, count=more
    )


def exception_reasons(exception: ExceptionView | None) -> list[str]:
    """Every problem in words, for the detail pane."""
    if exception is None or not exception.problems:
        return [exception_reason(exception)]
    return [problem_text(problem) for problem in exception.problems]


def needs_checking_text() -> str:
    """The red badge of an exception order."""
    return QCoreApplication.translate("ExceptionWords", "Needs checking")


def mapping_refusals() -> dict[str, str]:
    """Why a mapping of an exception order's lines was refused (app/services/exception_orders)."""
    return {
        "line_not_mapped": QCoreApplication.translate(
            "Labels", "Every line needs a catalogue item before accepting."
        ),
        "line_mapped_twice": QCoreApplication.translate("Labels", "A line was mapped twice."),
        "unknown_line": QCoreApplication.translate(
            "Labels", "That line is not one the hub could not read."
        ),
        "unknown_product": QCoreApplication.translate(
            "Labels", "That item is not in this store's catalogue."
        ),
        "mapping_wrong_type": QCoreApplication.translate(
            "Labels", "The mapping could not be read."
        ),
        "mapping_unavailable": QCoreApplication.translate(
            "Labels", "This device cannot map items. Reject the order, or map it at the counter PC."
        ),
    }

"""Scanned product codes: GTIN validation and the store's variable-measure (weighed) labels.

GTINs (EAN-13, EAN-8, UPC-A, GTIN-14) are validated by `biip`, a real GS1 parser, and kept in
one normal form, GTIN-14, so that a UPC-A scanned for an EAN-13 line with a leading 0 matches.

In-store labels printed by the scales are GS1 restricted-circulation numbers (RCN): EAN-13 with
prefix 20-29 whose meaning GS1 leaves to each region or store. `biip` recognises them and checks
the outer check digit (`biip.checksums` gives the price/weight check digit); biip's regional
layouts are European, so the layouts this store's scales print are our table `STORE_LAYOUTS`
(decision 015):

| prefix     | digits after the prefix                                     | measure         |
|------------|-------------------------------------------------------------|-----------------|
| 21, 22, 28 | 5 item reference, 5 weight, check digit                     | weight in grams |
| 23, 24     | 5 item reference, 5 price, check digit                      | price in cents  |
| 26         | 4 item reference, weight check digit, 5 weight, check digit | weight in grams |
| 29         | 4 item reference, price check digit, 5 price, check digit   | price in cents  |

Prefix 28 is what the demo store's scales print (`hub/catalogue.py`). A pick line of a weighed
item carries a label of its item (a template with a zero measure, or one nominal portion).
Other 2x prefixes (20, 25, 27) are store-internal fixed codes without a measure: they are
treated like any GTIN and matched on the whole code.

Pre-packed fresh goods may instead carry a GS1 DataBar / GS1-128 element string: AI (01) GTIN
with (310n) net weight in kg and/or (392n) price payable; `biip` parses those too. A scanner's
AIM symbology identifier ("]E0", "]C1"...) in front of the code is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from biip import ParseError
from biip.checksums import gs1_price_weight_check_digit, gs1_standard_check_digit
from biip.gs1_messages import GS1Message
from biip.gtin import Gtin, GtinFormat
from biip.rcn import Rcn, RcnUsage

__all__ = [
    "STORE_LAYOUTS",
    "BarcodeError",
    "Measure",
    "ScannedCode",
    "VariableMeasureLayout",
    "label_weight_g",
    "matches",
    "normal_gtin",
    "parse_scan",
    "template_for",
    "weighed_price_cents",
    "within_tolerance",
]

BAD_CHECK_DIGIT: Final = "bad_check_digit"
UNKNOWN_FORMAT: Final = "unknown_format"
EMPTY: Final = "empty"

_GTIN_LENGTHS: Final = frozenset({8, 12, 13, 14})
_RCN_LENGTH: Final = 13
_GTIN_14: Final = 14
_GRAMS_PER_KG: Final = 1000
_CENTS_PER_UNIT: Final = 100
_SYMBOLOGY_ID_LENGTH: Final = 3
"""An AIM symbology identifier: "]" + symbology letter + modifier digit, e.g. "]E0"."""
_GTIN_AI: Final = "01"
_NET_WEIGHT_KG_AI: Final = "310"
"""(310n): net weight in kg with n decimals."""
_PRICE_PAYABLE_AI: Final = "392"
"""(392n): amount payable in the local currency with n decimals."""


class BarcodeError(ValueError):
    """A scanned code that is not a product code the store can use.

    `code` is stable ("bad_check_digit", "unknown_format", "empty"); the screens turn it into
    words. `raw` is what was scanned, as given.
    """

    def __init__(self, code: str, raw: str) -> None:
        super().__init__(f"{code}: {raw!r}")
        self.code = code
        self.raw = raw


class Measure(StrEnum):
    """What the variable part of a weighed label carries."""

    WEIGHT_G = "weight_g"
    PRICE_CENTS = "price_cents"


@dataclass(frozen=True, slots=True)
class VariableMeasureLayout:
    """Where the item reference and the measure sit in a 13-digit in-store label.

    Digits 0-1 are the prefix, the item reference follows; when `has_measure_check` the digit
    after the item reference is the GS1 price/weight check digit of the 5-digit measure; the
    measure comes next and the last digit is the EAN-13 check digit.
    """

    measure: Measure
    reference_digits: int
    has_measure_check: bool = False

    @property
    def measure_start(self) -> int:
        """Index of the first measure digit in the 13-digit code."""
        return 2 + self.reference_digits + (1 if self.has_measure_check else 0)


STORE_LAYOUTS: Final[Mapping[str, VariableMeasureLayout]] = MappingProxyType(
    {
        "21": VariableMeasureLayout(Measure.WEIGHT_G, reference_digits=5),
        "22": VariableMeasureLayout(Measure.WEIGHT_G, reference_digits=5),
        "23": VariableMeasureLayout(Measure.PRICE_CENTS, reference_digits=5),
        "24": VariableMeasureLayout(Measure.PRICE_CENTS, reference_digits=5),
        "26": VariableMeasureLayout(Measure.WEIGHT_G, reference_digits=4, has_measure_check=True),
        "28": VariableMeasureLayout(Measure.WEIGHT_G, reference_digits=5),
        "29": VariableMeasureLayout(
            Measure.PRICE_CENTS, reference_digits=4, has_measure_check=True
        ),
    }
)
"""The layouts this store's scales print, keyed by the 2-digit prefix (decision 015)."""


@dataclass(frozen=True, slots=True)
class ScannedCode:
    """One scanned (or typed) product code, validated.

    Exactly one of `gtin` (a product code, as GTIN-14) and `item_reference` (an in-store
    label's item part) is set. `weight_g` / `price_cents` hold the measure a label carries:
    always one of them for an in-store label, possibly one or both for a GS1 element string
    (a GTIN with a net weight or price), never for a plain GTIN.
    """

    raw: str
    gtin: str | None
    item_reference: str | None
    weight_g: int | None
    price_cents: int | None
    prefix: str | None = None
    """The 2-digit prefix of a weighed label (None for a GTIN)."""

    @property
    def is_weighed(self) -> bool:
        """Whether the code carries a measure (an embedded weight or price)."""
        return self.weight_g is not None or self.price_cents is not None


def parse_scan(
    raw: str, layouts: Mapping[str, VariableMeasureLayout] = STORE_LAYOUTS
) -> ScannedCode:
    """Validate `raw` (surrounding whitespace ignored) and say what it identifies.

    `raw` is a GTIN of 8, 12, 13 or 14 digits (an in-store label when its prefix has a layout
    in `layouts`) or a GS1 element string with AI (01), either optionally led by a symbology
    identifier. Raises `BarcodeError` with code "empty" (nothing but whitespace),
    "unknown_format" (anything else) or "bad_check_digit" (the GTIN check digit, or an in-store
    label's price/weight check digit, is wrong).
    """
    text = raw.strip()
    if not text:
        raise BarcodeError(EMPTY, raw)
    code = _without_symbology_id(text)
    if not code.isascii():
        raise BarcodeError(UNKNOWN_FORMAT, raw)
    if code.isdecimal() and len(code) in _GTIN_LENGTHS:
        return _product_code(text, code, layouts)
    if code.startswith(("(", _GTIN_AI)):
        return _element_string(text, code)
    raise BarcodeError(UNKNOWN_FORMAT, raw)


def _without_symbology_id(text: str) -> str:
    """`text` without the AIM symbology identifier a scanner may send first ("]E0...")."""
    if text.startswith("]") and len(text) > _SYMBOLOGY_ID_LENGTH:
        return text[_SYMBOLOGY_ID_LENGTH:]
    return text


def _product_code(
    text: str, code: str, layouts: Mapping[str, VariableMeasureLayout]
) -> ScannedCode:
    """A plain GTIN (8, 12, 13 or 14 digits), or an in-store label of a known layout."""
    try:
        gtin = Gtin.parse(code)
    except ParseError as error:
        raise BarcodeError(BAD_CHECK_DIGIT, text) from error
    layout = _layout_of(gtin, layouts)
    if layout is None:
        return ScannedCode(
            raw=text, gtin=gtin.as_gtin_14(), item_reference=None, weight_g=None, price_cents=None
        )
    return _weighed(text, gtin.as_gtin_13(), layout)


def _element_string(text: str, code: str) -> ScannedCode:
    """A GS1 element string with AI (01), plain or in brackets; weight (310n), price (392n)."""
    try:
        message = GS1Message.parse_hri(code) if code.startswith("(") else GS1Message.parse(code)
    except ParseError as error:
        raise BarcodeError(UNKNOWN_FORMAT, text) from error
    gtin: str | None = None
    weight_g: int | None = None
    price_cents: int | None = None
    for element in message.element_strings:
        ai = element.ai.ai
        if ai == _GTIN_AI:
            if element.gtin is None:
                raise BarcodeError(BAD_CHECK_DIGIT, text)
            gtin = element.gtin.as_gtin_14()
        elif ai.startswith(_NET_WEIGHT_KG_AI) and element.decimal is not None:
            weight_g = _round_half_up(element.decimal * _GRAMS_PER_KG)
        elif ai.startswith(_PRICE_PAYABLE_AI) and element.decimal is not None:
            price_cents = _round_half_up(element.decimal * _CENTS_PER_UNIT)
    if gtin is None:
        raise BarcodeError(UNKNOWN_FORMAT, text)
    return ScannedCode(
        raw=text, gtin=gtin, item_reference=None, weight_g=weight_g, price_cents=price_cents
    )


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def _layout_of(
    gtin: Gtin, layouts: Mapping[str, VariableMeasureLayout]
) -> VariableMeasureLayout | None:
    """The store layout of an EAN-13 in-store label, None for any other code."""
    is_in_store = isinstance(gtin, Rcn) and gtin.usage is RcnUsage.GEOGRAPHICAL
    if not is_in_store or gtin.format is not GtinFormat.GTIN_13:
        return None
    return layouts.get(gtin.as_gtin_13()[:2])


def _weighed(text: str, ean13: str, layout: VariableMeasureLayout) -> ScannedCode:
    """Read a weighed label's item reference and measure; check the measure's check digit."""
    start = layout.measure_start
    measure = ean13[start : start + 5]
    if layout.has_measure_check and int(ean13[start - 1]) != gs1_price_weight_check_digit(measure):
        raise BarcodeError(BAD_CHECK_DIGIT, text)
    value = int(measure)
    return ScannedCode(
        raw=text,
        gtin=None,
        item_reference=ean13[2 : 2 + layout.reference_digits],
        weight_g=value if layout.measure is Measure.WEIGHT_G else None,
        price_cents=value if layout.measure is Measure.PRICE_CENTS else None,
        prefix=ean13[:2],
    )


def normal_gtin(code: str) -> str | None:
    """`code` as GTIN-14 when it is a valid GTIN (any length), else None."""
    text = code.strip()
    if not (text.isascii() and text.isdecimal()) or len(text) not in _GTIN_LENGTHS:
        return None
    try:
        return Gtin.parse(text).as_gtin_14()
    except ParseError:
        return None


def matches(
    line_barcode: str,
    scanned: ScannedCode,
    layouts: Mapping[str, VariableMeasureLayout] = STORE_LAYOUTS,
) -> bool:
    """Whether `scanned` is the item a pick line asks for.

    A weighed label matches a line whose barcode is a template of the same layout ("21" +
    "12345" + zeros, with or without a valid check digit): prefix and item reference must agree;
    the measure never matters. A GTIN matches a line whose barcode is the same GTIN in any
    length (UPC-A "036000291452" matches EAN-13 "0036000291452"). A line barcode that is not a
    number matches nothing.
    """
    line = line_barcode.strip()
    if not (line.isascii() and line.isdecimal()):
        return False
    if scanned.item_reference is not None:
        return _matches_template(line, scanned, layouts)
    if scanned.gtin is None:
        return False
    line_gtin = normal_gtin(line)
    if line_gtin is None and len(line) <= _GTIN_14:
        # A line barcode with a wrong check digit still names its digits; compare those.
        line_gtin = line.zfill(_GTIN_14)
    return line_gtin == scanned.gtin


def _matches_template(
    line: str, scanned: ScannedCode, layouts: Mapping[str, VariableMeasureLayout]
) -> bool:
    """Prefix and item reference of a weighed label against a line's template barcode."""
    if len(line) == _GTIN_14 and line.startswith("0"):
        line = line[1:]
    if len(line) != _RCN_LENGTH or scanned.prefix is None:
        return False
    layout = layouts.get(line[:2])
    if layout is None or line[:2] != scanned.prefix:
        return False
    return line[2 : 2 + layout.reference_digits] == scanned.item_reference


def template_for(prefix: str, item_reference: str) -> str:
    """The line barcode template of a weighed item: prefix, item reference, zero measure.

    The result carries valid check digits (measure check digit and EAN-13 check digit), so it
    is itself a valid EAN-13. Raises `BarcodeError("unknown_format")` for a prefix without a
    store layout or an item reference of the wrong length.
    """
    layout = STORE_LAYOUTS.get(prefix)
    if layout is None or len(item_reference) != layout.reference_digits:
        raise BarcodeError(UNKNOWN_FORMAT, prefix + item_reference)
    check = str(gs1_price_weight_check_digit("00000")) if layout.has_measure_check else ""
    payload = f"{prefix}{item_reference}{check}00000"
    return payload + str(gs1_standard_check_digit(payload))


def within_tolerance(ordered_g: int, actual_g: int, tolerance_pct: float) -> bool:
    """Whether `actual_g` lies within `tolerance_pct` percent of `ordered_g` (bounds included).

    Raises ValueError for a negative weight or tolerance.
    """
    if ordered_g < 0 or actual_g < 0 or tolerance_pct < 0:
        msg = f"negative weight or tolerance: {ordered_g}, {actual_g}, {tolerance_pct}"
        raise ValueError(msg)
    # Decimal(str(...)) keeps 10.1 % as typed instead of its binary approximation.
    allowed = Decimal(ordered_g) * Decimal(str(tolerance_pct)) / 100
    return Decimal(abs(actual_g - ordered_g)) <= allowed


def weighed_price_cents(actual_g: int, price_per_kg_cents: int) -> int:
    """The price of `actual_g` grams at `price_per_kg_cents` a kilogram, rounded half up.

    Raises ValueError for a negative weight or price.
    """
    if actual_g < 0 or price_per_kg_cents < 0:
        msg = f"negative weight or price: {actual_g}, {price_per_kg_cents}"
        raise ValueError(msg)
    return _divide_half_up(actual_g * price_per_kg_cents, _GRAMS_PER_KG)


def label_weight_g(scanned: ScannedCode, price_per_kg_cents: int) -> int | None:
    """The weight a weighed label stands for: its own weight, or its price over the kg price.

    A price label's weight is rounded half up to the gram; None for a GTIN, or for a price label
    when the kilogram price is unknown (0 or less).
    """
    if scanned.weight_g is not None:
        return scanned.weight_g
    if scanned.price_cents is None or price_per_kg_cents <= 0:
        return None
    return _divide_half_up(scanned.price_cents * _GRAMS_PER_KG, price_per_kg_cents)


def _divide_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator for non-negative integers, rounded half up."""
    return (2 * numerator + denominator) // (2 * denominator)

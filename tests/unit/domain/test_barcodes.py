"""Scanned codes: GTIN check digits, the store's weighed-label layouts, matching, tolerance."""

from __future__ import annotations

import pytest
from biip.checksums import gs1_price_weight_check_digit, gs1_standard_check_digit
from hypothesis import given
from hypothesis import strategies as st

from app.domain.barcodes import (
    STORE_LAYOUTS,
    BarcodeError,
    ScannedCode,
    label_weight_g,
    matches,
    normal_gtin,
    parse_scan,
    template_for,
    weighed_price_cents,
    within_tolerance,
)
from hub.catalogue import CATALOGUE, variable_measure_barcode


@pytest.mark.parametrize(
    ("raw", "gtin"),
    [
        ("5901234123457", "05901234123457"),  # EAN-13, GS1's own example
        ("4006381333931", "04006381333931"),  # EAN-13 on a retail pen
        ("036000291452", "00036000291452"),  # UPC-A
        ("0036000291452", "00036000291452"),  # the same UPC-A written as EAN-13
        ("96385074", "00000096385074"),  # EAN-8
        ("10012345678902", "10012345678902"),  # GTIN-14, case of a dozen
        ("  5901234123457\r\n", "05901234123457"),  # whitespace and a scanner's line end
        ("2012345678903", "02012345678903"),  # prefix 20: store-internal fixed code
    ],
)
def test_valid_gtins_are_kept_as_gtin_14(raw: str, gtin: str):
    scanned = parse_scan(raw)
    assert scanned.gtin == gtin
    assert scanned.raw == raw.strip()
    assert scanned.item_reference is None
    assert scanned.weight_g is None
    assert scanned.price_cents is None
    assert not scanned.is_weighed


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("5901234123458", "bad_check_digit"),  # EAN-13, last digit off by one
        ("036000291453", "bad_check_digit"),  # UPC-A
        ("96385075", "bad_check_digit"),  # EAN-8
        ("10012345678903", "bad_check_digit"),  # GTIN-14
        ("2112345012507", "bad_check_digit"),  # weighed label, outer check digit
        ("2612346012509", "bad_check_digit"),  # weighed label, weight check digit (7 → 6)
        ("2912345012500", "bad_check_digit"),  # price label, price check digit (7 → 5)
        ("", "empty"),
        ("   \t\n", "empty"),
        ("12345", "unknown_format"),  # too short for any GTIN
        ("59012341234", "unknown_format"),  # 11 digits
        ("590123412345712", "unknown_format"),  # 15 digits
        ("ABC-123", "unknown_format"),
        ("59012341234S7", "unknown_format"),  # a letter among digits
        ("５９０１２３４１２３４５７", "unknown_format"),  # full-width digits from an IME
        ("5901234 123457", "unknown_format"),
    ],
)
def test_broken_codes_are_refused_with_a_stable_code(raw: str, code: str):
    with pytest.raises(BarcodeError) as refused:
        parse_scan(raw)
    assert refused.value.code == code
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("raw", "reference", "weight_g", "price_cents"),
    [
        ("2112345012506", "12345", 1250, None),  # 21: weight in grams
        ("2200042009858", "00042", 985, None),  # 22: weight in grams
        ("2300123003994", "00123", None, 399),  # 23: price in cents
        ("2407770123454", "07770", None, 12345),  # 24: price in cents
        ("2810001012340", "10001", 1234, None),  # 28: the demo store's scale labels
        ("2800042009850", "00042", 985, None),
        ("2612347012509", "1234", 1250, None),  # 26: weight with its own check digit
        ("2600425045990", "0042", 4599, None),
        ("2912347012500", "1234", None, 1250),  # 29: price with its own check digit
        ("2900425045991", "0042", None, 4599),
    ],
)
def test_weighed_labels_carry_item_reference_and_measure(
    raw: str, reference: str, weight_g: int | None, price_cents: int | None
):
    scanned = parse_scan(raw)
    assert scanned == ScannedCode(
        raw=raw,
        gtin=None,
        item_reference=reference,
        weight_g=weight_g,
        price_cents=price_cents,
        prefix=raw[:2],
    )
    assert scanned.is_weighed


def test_a_weighed_label_of_another_store_layout_table_reads_differently():
    scanned = parse_scan("2112345012506", layouts={})
    assert scanned.gtin == "02112345012506"
    assert scanned.item_reference is None


@pytest.mark.parametrize(
    ("line_barcode", "raw", "expected"),
    [
        ("5901234123457", "5901234123457", True),
        ("0036000291452", "036000291452", True),  # UPC-A scanned for an EAN-13 line
        ("036000291452", "0036000291452", True),  # and the other way round
        ("00036000291452", "036000291452", True),  # line kept as GTIN-14
        ("5901234123457", "4006381333931", False),  # another product
        ("96385074", "96385074", True),
        ("5901234123458", "5901234123457", False),  # a line with a broken check digit
        ("not a barcode", "5901234123457", False),
        ("", "5901234123457", False),
        ("2112345000000", "2112345012506", True),  # template, zero check digit
        ("2112345000008", "2112345012506", True),  # template, valid check digit
        ("2112345000000", "2112346012505", False),  # other item reference
        ("2212345000000", "2112345012506", False),  # same reference, other prefix
        ("2612340000008", "2612347012509", True),  # template of a checked layout
        ("2612350000000", "2612347012509", False),
        ("2810001005007", "2810001012340", True),  # line carries a nominal 500 g label
        ("2810002006003", "2810001012340", False),
        ("02112345000000", "2112345012506", True),  # template written as GTIN-14
        ("5901234123457", "2112345012506", False),  # weighed label on a GTIN line
        ("2112345012506", "5901234123457", False),  # GTIN on a weighed line
        ("2000000000000", "2112345012506", False),  # prefix 20 has no layout
    ],
)
def test_matches(line_barcode: str, raw: str, expected: bool):
    assert matches(line_barcode, parse_scan(raw)) is expected


def test_templates_carry_valid_check_digits_and_match_their_labels():
    for prefix, layout in STORE_LAYOUTS.items():
        reference = "1234567"[: layout.reference_digits]
        template = template_for(prefix, reference)
        assert normal_gtin(template) is not None
        template_scan = parse_scan(template)
        assert template_scan.item_reference == reference
        assert matches(template, template_scan)


def test_template_for_an_unknown_layout_is_refused():
    with pytest.raises(BarcodeError) as refused:
        template_for("20", "12345")
    assert refused.value.code == "unknown_format"
    with pytest.raises(BarcodeError):
        template_for("21", "1234")


@given(st.text(max_size=20) | st.text(alphabet="0123456789", min_size=7, max_size=15))
def test_parse_scan_either_succeeds_or_raises_barcode_error(raw: str):
    outcome: ScannedCode | str
    try:
        outcome = parse_scan(raw)
    except BarcodeError as error:
        outcome = error.code
    if isinstance(outcome, str):
        assert outcome in {"bad_check_digit", "unknown_format", "empty"}
    else:
        assert (outcome.gtin is None) != (outcome.item_reference is None)
        assert matches(outcome.gtin or outcome.raw, outcome)


@pytest.mark.parametrize(
    ("ordered_g", "actual_g", "pct", "expected"),
    [
        (500, 500, 10, True),
        (500, 550, 10, True),  # the bound itself is accepted
        (500, 450, 10, True),
        (500, 551, 10, False),
        (500, 449, 10, False),
        (1000, 1101, 10.1, True),  # 10.1 % taken as typed, not as a binary float
        (1000, 1102, 10.1, False),
        (250, 250, 0, True),
        (250, 251, 0, False),
        (0, 0, 10, True),
        (0, 1, 10, False),
    ],
)
def test_within_tolerance(ordered_g: int, actual_g: int, pct: float, expected: bool):
    assert within_tolerance(ordered_g, actual_g, pct) is expected


@pytest.mark.parametrize(("ordered_g", "actual_g", "pct"), [(-1, 0, 10), (1, -1, 10), (1, 1, -1)])
def test_within_tolerance_refuses_negative_values(ordered_g: int, actual_g: int, pct: float):
    with pytest.raises(ValueError, match="negative"):
        within_tolerance(ordered_g, actual_g, pct)


@pytest.mark.parametrize(
    ("actual_g", "per_kg", "cents"),
    [
        (1000, 1999, 1999),
        (500, 1999, 1000),  # 999.5 rounds half up
        (499, 1999, 998),  # 997.501 → 998
        (333, 1000, 333),
        (1, 499, 0),  # 0.499
        (1, 500, 1),  # 0.5 rounds up
        (0, 1999, 0),
        (1250, 2480, 3100),
    ],
)
def test_weighed_price_rounds_half_up(actual_g: int, per_kg: int, cents: int):
    assert weighed_price_cents(actual_g, per_kg) == cents


def test_weighed_price_refuses_negative_values():
    with pytest.raises(ValueError, match="negative"):
        weighed_price_cents(-1, 100)


def test_label_weight_from_weight_or_price():
    assert label_weight_g(parse_scan("2112345012506"), 2480) == 1250
    assert label_weight_g(parse_scan("2912347012500"), 1000) == 1250  # 12.50 at 10.00/kg
    assert label_weight_g(parse_scan("2300123003994"), 2480) == 161  # 3.99 / 24.80 → 160.9 g
    assert label_weight_g(parse_scan("2300123003994"), 0) is None
    assert label_weight_g(parse_scan("5901234123457"), 2480) is None


@pytest.mark.parametrize(
    ("raw", "gtin", "weight_g", "price_cents"),
    [
        ("]E05901234123457", "05901234123457", None, None),  # EAN-13 with AIM identifier
        ("]E496385074", "00000096385074", None, None),  # EAN-8 with AIM identifier
        ("0109501101530003", "09501101530003", None, None),  # GS1-128, GTIN only
        ("01095011015300033103001250", "09501101530003", 1250, None),  # + net weight 1.250 kg
        ("(01)09501101530003(3103)001250", "09501101530003", 1250, None),  # as printed
        ("(01)09501101530003(3102)000125", "09501101530003", 1250, None),  # 2 decimals
        ("]C10109501101530003310300125039220599", "09501101530003", 1250, 599),  # + price 5.99
        ("(01)09501101530003(3922)1234", "09501101530003", None, 1234),
    ],
)
def test_gs1_element_strings_give_gtin_and_measure(
    raw: str, gtin: str, weight_g: int | None, price_cents: int | None
):
    scanned = parse_scan(raw)
    assert (scanned.gtin, scanned.weight_g, scanned.price_cents) == (gtin, weight_g, price_cents)
    assert scanned.item_reference is None
    assert scanned.is_weighed is (weight_g is not None or price_cents is not None)
    assert matches(gtin, scanned)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("(01)09501101530004(3103)001250", "bad_check_digit"),  # GTIN inside is wrong
        ("01095011015300043103001250", "bad_check_digit"),
        ("0109501101530003310300125", "unknown_format"),  # weight field cut short
        ("(3103)001250", "unknown_format"),  # a weight without a product
        ("(99)hello", "unknown_format"),
        ("]E0", "unknown_format"),
        ("]E05901234", "unknown_format"),  # 7 digits
        ("]E05901234123458", "bad_check_digit"),
    ],
)
def test_broken_element_strings_are_refused(raw: str, code: str):
    with pytest.raises(BarcodeError) as refused:
        parse_scan(raw)
    assert refused.value.code == code


def test_every_catalogue_product_is_found_by_its_own_code_and_its_scale_labels():
    for product in CATALOGUE.products:
        assert matches(product.barcode, parse_scan(product.barcode)), product.sku
        if product.scale_item_code is None:
            assert parse_scan(product.barcode).gtin is not None, product.sku
            continue
        label = parse_scan(variable_measure_barcode(product.scale_item_code, 1234))
        assert label.weight_g == 1234, product.sku
        assert matches(product.barcode, label), product.sku
        others = [p for p in CATALOGUE.products if p is not product]
        assert not any(matches(other.barcode, label) for other in others), product.sku


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_a_upc_a_matches_its_ean_13_and_gtin_14_forms(body: str):
    payload = "0" + body  # number system 0: not an in-store number
    upc_a = payload + str(gs1_standard_check_digit(payload))
    scanned = parse_scan(upc_a)
    for line_barcode in (upc_a, "0" + upc_a, "00" + upc_a):
        assert matches(line_barcode, scanned)
        assert matches(upc_a, parse_scan(line_barcode))
    assert normal_gtin(upc_a) == "00" + upc_a


@given(
    st.sampled_from(sorted(STORE_LAYOUTS)),
    st.integers(min_value=0, max_value=99_999),
    st.data(),
)
def test_every_label_of_a_layout_reads_back_its_measure(
    prefix: str, measure: int, data: st.DataObject
):
    layout = STORE_LAYOUTS[prefix]
    reference = data.draw(
        st.text(
            alphabet="0123456789",
            min_size=layout.reference_digits,
            max_size=layout.reference_digits,
        )
    )
    value = f"{measure:05d}"
    check = str(gs1_price_weight_check_digit(value)) if layout.has_measure_check else ""
    payload = f"{prefix}{reference}{check}{value}"
    label = parse_scan(payload + str(gs1_standard_check_digit(payload)))
    assert label.item_reference == reference
    measured = label.weight_g if label.weight_g is not None else label.price_cents
    assert measured == measure
    assert matches(template_for(prefix, reference), label)


def test_normal_gtin_of_non_gtins_is_none():
    assert normal_gtin("5901234123458") is None
    assert normal_gtin("hello") is None
    assert normal_gtin("") is None
    assert normal_gtin(" 96385074 ") == "00000096385074"


def test_a_barcode_error_keeps_what_was_scanned():
    with pytest.raises(BarcodeError) as refused:
        parse_scan(" 12x ")
    assert refused.value.raw == " 12x "
    assert "unknown_format" in str(refused.value)

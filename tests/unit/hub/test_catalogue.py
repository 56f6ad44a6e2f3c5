"""The demo catalogue: enough realistic products, valid barcodes, weighed goods on scale labels."""

from __future__ import annotations

import pytest

from hub.catalogue import (
    CATALOGUE,
    ean13_check_digit,
    is_valid_ean13,
    read_variable_measure,
    variable_measure_barcode,
)


@pytest.mark.parametrize("barcode", ["6901234567892", "4006381333931", "9780306406157"])
def test_check_digit_of_real_barcodes(barcode: str) -> None:
    assert ean13_check_digit(barcode[:12]) == barcode[12]
    assert is_valid_ean13(barcode)


@pytest.mark.parametrize("barcode", ["6901234567891", "400638133393", "69012345678X2"])
def test_wrong_or_malformed_barcodes_are_not_valid(barcode: str) -> None:
    assert not is_valid_ean13(barcode)


@pytest.mark.parametrize("body", ["", "12345678901", "1234567890123", "12345678901a"])
def test_check_digit_needs_twelve_digits(body: str) -> None:
    with pytest.raises(ValueError, match="12 digits"):
        ean13_check_digit(body)


def test_catalogue_is_large_and_every_barcode_is_valid_and_unique() -> None:
    products = CATALOGUE.products
    assert len(products) >= 60
    assert len({p.sku for p in products}) == len(products)
    assert len({p.barcode for p in products}) == len(products)
    assert all(is_valid_ean13(p.barcode) for p in products)


def test_products_carry_names_prices_and_shelf_places() -> None:
    for product in CATALOGUE.products:
        assert product.name, product.sku
        assert product.name_en, product.sku
        assert product.price_cents > 0, product.sku
        assert product.location.zone, product.sku
        assert product.location.aisle >= 1, product.sku
    categories = {p.category for p in CATALOGUE.products}
    assert {"drinks", "dairy", "snacks", "fruit", "vegetables", "bakery", "hot_food"} <= categories


def test_weighed_goods_use_variable_measure_labels_of_their_item_code() -> None:
    weighed = [p for p in CATALOGUE.products if p.weighed]
    assert len(weighed) >= 5
    for product in weighed:
        assert product.barcode.startswith("2")
        assert product.scale_item_code is not None
        assert product.portion_g is not None
        assert read_variable_measure(product.barcode) == (
            product.scale_item_code,
            product.portion_g,
        )
        assert product.price_per_kg_cents is not None
        assert product.price_cents == round(product.price_per_kg_cents * product.portion_g / 1000)
    assert len({p.scale_item_code for p in weighed}) == len(weighed)


def test_scale_label_round_trip_and_limits() -> None:
    label = variable_measure_barcode("10001", 1234)
    assert label.startswith("281000101234")
    assert is_valid_ean13(label)
    assert read_variable_measure(label) == ("10001", 1234)
    assert read_variable_measure("6901234567892") is None
    with pytest.raises(ValueError, match="5 digits"):
        variable_measure_barcode("1001", 100)
    with pytest.raises(ValueError, match="does not fit"):
        variable_measure_barcode("10001", 100_000)


def test_lookup_by_sku() -> None:
    first = CATALOGUE.products[0]
    assert CATALOGUE.find(first.sku) is first
    assert CATALOGUE.find("NOPE") is None

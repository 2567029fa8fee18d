"""Planloom's Blueprint paginates like flask-smorest's, without building schemas per request."""
from __future__ import annotations

import flask_smorest
import pytest

from entrypoints.http.blueprint import Blueprint


@pytest.mark.parametrize("item_count", [0, 1, 49, 50, 51, 100, 101, 1234])
@pytest.mark.parametrize("page", [1, 2, 26, 99])
@pytest.mark.parametrize("page_size", [1, 50, 100])
def test_pagination_header_is_the_stock_one(page, page_size, item_count):
    ours = Blueprint._make_pagination_metadata(page, page_size, item_count)
    stock = flask_smorest.Blueprint._make_pagination_metadata(page, page_size, item_count)
    assert ours == stock
    assert list(ours) == list(stock)  # the same key order, so the same header text


def test_a_schema_class_is_instantiated_once():
    from flask_smorest.pagination import _pagination_parameters_schema_factory

    parser = Blueprint.PAGINATION_ARGUMENTS_PARSER
    schema_class = _pagination_parameters_schema_factory(1, 50, 100)
    first = parser._get_schema(schema_class, None)
    assert isinstance(first, schema_class)
    assert parser._get_schema(schema_class, None) is first
    instance = schema_class()
    assert parser._get_schema(instance, None) is instance

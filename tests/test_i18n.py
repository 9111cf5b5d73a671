"""The interface's words: every language has every message, and a missing one falls back to English."""

from __future__ import annotations

import re

import pytest
from traslado.render import i18n


@pytest.mark.parametrize("lang", i18n.languages())
def test_every_catalogue_has_exactly_the_english_keys(lang):
    assert set(i18n.catalogue(lang)) == set(i18n.catalogue("en"))


@pytest.mark.parametrize("lang", i18n.languages())
def test_placeholders_agree_with_english(lang):
    names = re.compile(r"{(\w+)}")
    english = i18n.catalogue("en")
    for key, message in i18n.catalogue(lang).items():
        assert set(names.findall(message)) == set(names.findall(english[key])), key


def test_spanish_decisions_and_english_fallback():
    assert i18n.text("es", "decision.blocked") == "BLOQUEADO"
    assert i18n.text("xx", "decision.eligible") == "ELIGIBLE"
    assert {"en", "es"} <= set(i18n.languages())

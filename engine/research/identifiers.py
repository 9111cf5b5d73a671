"""The identifiers the exported graph gives to instruments, states and sources, so that another team's
data joins with ours on IRIs it already uses (docs/linked-data.md says which standard each follows).

- An instrument with a European Legislation Identifier is named by its ELI; the others keep the
  project's own pattern, https://w3id.org/traslado/id/{instrument id}, and each part adds its
  Akoma Ntoso eId: .../{instrument id}/{eId}.
- A state is an IRI of the EU Publications Office country authority table, built from the case's
  ISO 3166-1 alpha-2 code through the alpha-3 table shipped in research/data (its provenance is in
  its header).
- A source given by its address in a note becomes that address as an IRI.

None of this reaches a decision: the engine joins on tr:instrumentId and tr:eid, never on IRIs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TRASLADO_ID = "https://w3id.org/traslado/id/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"

# The prefixes of the project's vocabularies and of those it reuses: Turtle and the JSON-LD context
# are written with these and no others, and `traslado query` declares them for the user.
PREFIXES: dict[str, str] = {
    "tr": "https://w3id.org/traslado/vocab#",
    "inst": TRASLADO_ID,
    "rule": "https://w3id.org/traslado/rule/",
    "req": "https://w3id.org/traslado/requirement/",
    "fact": "https://w3id.org/traslado/fact/",
    "topic": "https://w3id.org/traslado/topic/",
    "value": "https://w3id.org/traslado/value/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "country": COUNTRY,
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "lrml": "http://docs.oasis-open.org/legalruleml/ns/v1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Instruments that have an ELI, by instrument id. Council Framework Decision 2008/909/JHA: its ELI
# as EUR-Lex gives it (quoted in issue 14). Only the act itself has one here: its articles keep the
# project's pattern, because ELIs for parts of an act are the Publications Office's to mint.
ELI: dict[str, str] = {
    "eu-fd-2008-909": "http://data.europa.eu/eli/dec_framw/2008/909/oj",
}

_DATA = Path(__file__).resolve().parent / "data"


def project_iri(instrument: str, eid: str | None = None) -> str:
    """The project's own IRI of an instrument or of one of its parts."""
    return TRASLADO_ID + instrument + (f"/{eid}" if eid else "")


def instrument_iri(instrument: str) -> str:
    """The IRI the export gives an instrument: its ELI where it has one."""
    return ELI.get(instrument, project_iri(instrument))


@cache
def alpha3() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> alpha-3, from the shipped table."""
    table = {}
    for line in (_DATA / "iso3166-1-alpha2-alpha3.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            two, three, _name = line.split("\t")
            table[two] = three
    return table


def country_iri(alpha2: str) -> str | None:
    """The state in the EU Publications Office country table; None for a code ISO 3166-1 lacks."""
    three = alpha3().get(alpha2)
    return None if three is None else COUNTRY + three


# An address in free text: http(s), then characters an IRI may hold, less the punctuation that
# ends a sentence or closes a parenthesis around the address.
_ADDRESS = re.compile(r"https?://[^\s<>\"{}|\\^`()\[\]]+")


def addresses(text: str) -> list[str]:
    """The web addresses a note names, in order, each once."""
    found = []
    for match in _ADDRESS.finditer(text):
        address = match.group(0).rstrip(".,;:'")
        if address not in found:
            found.append(address)
    return found

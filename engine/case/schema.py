"""The case format (docs/case-format.md) as data: every field, its type and what it means.

One table drives validation, the translation into clingo facts, and the documentation, so that the
three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_KINDS = ("imprisonment", "security_measure", "supervision", "death_penalty", "fine_only")


@dataclass(frozen=True)
class Field:
    path: str
    type: str  # bool | date | state | states | kind | months | text | residence | choice
    doc: str
    choices: tuple[str, ...] = ()  # the values a choice field takes


# Who makes the request (request.by): the values of that choice field.
REQUEST_BY = ("sentencing_state", "administering_state")
# The date fields an instrument may count its minimum remaining term from (counts_from/2 in its rules).
TERM_DATES = (
    "request.received_date",
    "request.made_date",
    "request.sentencing_state_request_date",
    "request.petition_date",
)


FIELDS: tuple[Field, ...] = (
    Field("id", "text", "case id; defaults to the file name"),
    Field("request_date", "date", "the date of the transfer request"),
    Field("sentencing_state", "state", "ISO 3166-1 alpha-2 code of the state that imposed the sentence"),
    Field("administering_state", "state", "ISO 3166-1 alpha-2 code of the state where it would be served"),
    Field("person.nationalities", "states", "the person's nationalities (ISO codes); [] = none"),
    Field("person.resident_in_sentencing_state", "bool", "domicile or residence in the sentencing state"),
    Field(
        "person.domiciled_in_sentencing_state",
        "bool",
        "domiciled in the sentencing state (domicile, not mere residence)",
    ),
    Field("person.minor", "bool", "the person is a minor"),
    Field("person.incapable", "bool", "unable to consent by reason of age, mental or physical condition"),
    Field(
        "person.permanent_resident_in_administering_state",
        "bool",
        "permanently resident in the administering state (counts where its Art. 3(4) declaration says so)",
    ),
    Field(
        "person.fled_to_administering_state",
        "bool",
        "fled the sentencing state to the administering state before serving the sentence",
    ),
    Field(
        "person.habitual_residence_at_arrest",
        "residence",
        "ISO code of the state of the person's habitual residence at the time of arrest",
    ),
    Field(
        "person.resident_in_administering_state",
        "bool",
        "lives in the administering state (FD 2008/909 Art. 4(1)(a), 6(2)(a): 'in dem sie lebt')",
    ),
    Field(
        "person.in_sentencing_or_administering_state",
        "bool",
        "is in the sentencing or the administering state (FD 2008/909 Art. 4(1): 'aufhält')",
    ),
    Field(
        "person.otherwise_returned_to_administering_state",
        "bool",
        "returned (not fled) to the administering state in view of the proceedings or after conviction",
    ),
    Field("sentence.kind", "kind", "one of " + ", ".join(SENTENCE_KINDS)),
    Field("sentence.indeterminate", "bool", "the sentence has no fixed end (e.g. life)"),
    Field("sentence.end_date", "date", "the date the sentence ends"),
    Field("sentence.remaining_months", "months", "months left at the request date, instead of end_date"),
    Field("sentence.final", "bool", "no appeal or ordinary remedy pending or still available"),
    Field(
        "sentence.final_date",
        "date",
        "the date the judgment became final (FD 2008/909 Art. 28(2) transitional declarations)",
    ),
    Field("sentence.other_proceedings_pending", "bool", "other criminal proceedings open in the sentencing state"),
    Field("sentence.appeal_pending", "bool", "an appeal against the conviction or sentence is pending"),
    Field("sentence.collateral_attack_pending", "bool", "a collateral attack (e.g. amparo, habeas) on it is pending"),
    Field("sentence.expulsion_order", "bool", "the sentence or a decision under it orders expulsion or deportation"),
    Field("offence.dual_criminality", "bool", "the acts are an offence in the administering state too"),
    Field("offence.political", "bool", "a political offence"),
    Field("offence.connected_with_political", "bool", "an ordinary offence connected with a political one"),
    Field("offence.purely_military", "bool", "a purely military offence"),
    Field("consent.person", "bool", "the sentenced person consents"),
    Field("consent.in_writing", "bool", "the person's consent is given in writing"),
    Field(
        "consent.legal_representative",
        "bool",
        "the legal representative consents (18 U.S.C. § 4100(b): a parent, guardian, guardian ad litem or court)",
    ),
    Field("consent.sentencing_state", "bool", "the sentencing state agrees"),
    Field("consent.administering_state", "bool", "the administering state agrees"),
    Field(
        "financial.obligations_imposed",
        "bool",
        "a fine, costs, civil reparation or another sum was imposed with the sentence (false: none was)",
    ),
    Field("financial.obligations_settled", "bool", "fines, costs, civil damages paid or guaranteed"),
    Field("financial.insolvency_proven", "bool", "the person has duly proven insolvency"),
    Field("financial.obligations_prescribed", "bool", "the fine and reparation are time-barred (prescritos)"),
    Field("exceptional_agreement", "bool", "both states agreed to admit a request below the minimum term"),
    Field("prior_refusal", "bool", "an earlier request for the same transfer was refused"),
    Field(
        "request.by",
        "choice",
        "which state makes this request: sentencing_state or administering_state",
        REQUEST_BY,
    ),
    Field("request.received_date", "date", "the date the request was received (CETS 112 Art. 3(1)(c))"),
    Field("request.made_date", "date", "the date the request was made (Mexico–Peru Art. III(2))"),
    Field(
        "request.sentencing_state_request_date",
        "date",
        "the date the sentencing state presented its request (Mexico–El Salvador Art. 5(8) with 13(2))",
    ),
    Field("request.petition_date", "date", "the date of the person's petition for transfer (LNEP Art. 54(V))"),
    Field("extradition_pending", "bool", "an extradition proceeding against the person is pending"),
    Field("contributes_to_reinsertion", "bool", "the authorities find the transfer contributes to social reinsertion"),
    Field("reciprocity", "bool", "the other state offers reciprocity (LNEP Art. 54, first paragraph)"),
)

BY_PATH: dict[str, Field] = {f.path: f for f in FIELDS}
SECTIONS: frozenset[str] = frozenset(f.path.split(".")[0] for f in FIELDS if "." in f.path)

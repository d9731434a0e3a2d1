"""Demo offers and requests: a dozen offers across the demo organisations and a few requests,
published through the engine so that a newcomer sees matches at once."""
from __future__ import annotations

from sqlalchemy import select

from ..auth.models import User
from ..db import unit_of_work
from ..disclosures.models import Disclosure
from ..extensions import db
from ..workflow import fire
from .services import OFFER_RECORD, REQUEST_RECORD

STEPPE, POLYMER = "saule.nurlanova@steppe.edu.kz", "marat.akhmetov@polymer.kz"
#: (legal e-mail, disclosure title or None, body)
OFFERS = [
    (STEPPE, "Low-temperature catalyst for flare-gas desulfurisation", {
        "title": "Removing hydrogen sulfide from associated gas at low temperature",
        "summary": "A catalyst that cleans sour associated petroleum gas at about half the usual "
                   "temperature, cutting the fuel a treatment unit burns. Patent pending; "
                   "pilot data available under NDA.",
        "kind": "technology", "field": "oil_gas", "keywords": ["sour gas", "H2S", "flaring"],
        "sector_codes": ["06.20"], "science_codes": ["61.51"], "language": "en",
        "region": "Atyrau"}),
    (POLYMER, "Polymer membrane for brackish-water desalination", {
        "title": "Мембрана для опреснения солоноватой воды",
        "summary": "Полимерная мембрана для обратного осмоса с повышенной производительностью "
                   "при той же степени очистки. Ноу-хау, доступна лицензия и испытания на "
                   "объекте заказчика.",
        "kind": "technology", "field": "water", "keywords": ["опреснение", "обратный осмос"],
        "sector_codes": ["36.00"], "language": "ru", "region": "Mangystau"}),
    (STEPPE, None, {
        "title": "Field trials of seed treatments in the dry steppe",
        "summary": "Our agronomy station runs replicated field trials of seed treatments and "
                   "drought-tolerant wheat varieties on chestnut soils, with yield reports.",
        "kind": "rd_service", "field": "agriculture", "trl": 7,
        "keywords": ["field trials", "wheat", "drought"], "sector_codes": ["01.11"],
        "language": "en", "region": "Akmola"}),
    (STEPPE, None, {
        "title": "Құрғақшылыққа төзімді бидай тұқымын өңдеу",
        "summary": "Бидай тұқымын қорғаныш жабынымен өңдеу технологиясы: құрғақшылық кезінде "
                   "өскіндердің тіршілігін арттырады, топыраққа азот береді.",
        "kind": "rd_service", "field": "agriculture", "trl": 5,
        "keywords": ["тұқым", "құрғақшылық"], "sector_codes": ["01.11"], "language": "kk",
        "region": "Kostanay"}),
    (POLYMER, None, {
        "title": "Anticorrosion polymer coatings for pipelines",
        "summary": "Development and accelerated testing of protective polymer coatings for "
                   "steel pipelines and tanks in saline soils.",
        "kind": "rd_service", "field": "materials", "trl": 6,
        "keywords": ["corrosion", "coating", "pipeline"], "sector_codes": ["20.30"],
        "language": "en", "region": "Almaty"}),
    (POLYMER, None, {
        "title": "Биоразлагаемая упаковка из полимолочной кислоты",
        "summary": "Рецептуры биоразлагаемых пленок для пищевой упаковки, компостируемых за "
                   "один сезон; опытная партия выпущена.",
        "kind": "rd_service", "field": "materials", "trl": 6,
        "keywords": ["биопластик", "упаковка"], "sector_codes": ["22.22"], "language": "ru",
        "region": "Almaty"}),
    (POLYMER, None, {
        "title": "Extrusion and testing line for polymer films",
        "summary": "A pilot extrusion line and a tensile and barrier testing laboratory "
                   "available for contract runs of polymer and composite films.",
        "kind": "equipment", "field": "materials", "trl": 8,
        "keywords": ["extrusion", "polymer", "testing"], "sector_codes": ["22.21"],
        "language": "en", "region": "Almaty"}),
    (STEPPE, None, {
        "title": "Machine vision for grain quality at elevators",
        "summary": "Camera-based grading of wheat kernels at grain elevators with a neural "
                   "network, replacing manual sampling.",
        "kind": "rd_service", "field": "it", "trl": 6,
        "keywords": ["computer vision", "grain"], "sector_codes": ["62.01"], "language": "en",
        "region": "Astana"}),
    (STEPPE, None, {
        "title": "Тамшылатып суаруға арналған датчиктер жүйесі",
        "summary": "Топырақ ылғалдылығы датчиктері мен тамшылатып суаруды басқару жүйесі: "
                   "суды үнемдейді, жылыжай мен алқапқа жарайды.",
        "kind": "rd_service", "field": "water", "trl": 7,
        "keywords": ["суару", "датчик"], "sector_codes": ["01.61"], "language": "kk",
        "region": "Turkistan"}),
    (STEPPE, None, {
        "title": "Predictive maintenance of pumps and compressors",
        "summary": "Vibration sensors and machine learning models that predict equipment "
                   "failure of pumps and compressors weeks ahead.",
        "kind": "rd_service", "field": "it", "trl": 7,
        "keywords": ["predictive maintenance", "vibration"], "sector_codes": ["62.01"],
        "language": "en", "region": "Atyrau"}),
    (POLYMER, None, {
        "title": "Очистка нефтезагрязненных почв биопрепаратом",
        "summary": "Микробный препарат для рекультивации нефтезагрязненных почв на "
                   "месторождениях; полевые испытания на двух участках.",
        "kind": "rd_service", "field": "oil_gas", "trl": 6,
        "keywords": ["нефтезагрязнение", "рекультивация"], "sector_codes": ["39.00"],
        "language": "ru", "region": "Atyrau"}),
    (STEPPE, None, {
        "title": "Solar-powered water treatment for remote farms",
        "summary": "A containerised filtration unit with solar panels and a battery that "
                   "makes clean drinking water from wells on remote pastures.",
        "kind": "equipment", "field": "water", "trl": 8,
        "keywords": ["solar", "water treatment"], "sector_codes": ["36.00"], "language": "en",
        "region": "Karaganda"}),
]
#: (partner e-mail, body)
REQUESTS = [
    ("arman.bekov@kazagrotech.kz", {
        "title": "Семена пшеницы для засушливых полей",
        "problem": "Всходы пшеницы гибнут в засуху на наших полях в Акмолинской области; нужна "
                   "обработка семян или покрытие, которое сохранит всходы и даст азот.",
        "context_makes": "Зерно, 40 000 га", "context_fails": "Потеря всходов до 30 % в сухие годы",
        "context_tried": "Стимуляторы роста от поставщиков", "success_criteria":
        "Урожайность +15 % в засушливый год", "field": "agriculture", "trl_min": 5,
        "sector_codes": ["01.11"], "budget_min": "5000000", "budget_max": "30000000",
        "currency": "KZT", "region": "Akmola", "language": "ru"}),
    ("arman.bekov@kazagrotech.kz", {
        "title": "Water for livestock on remote pastures",
        "problem": "Our remote pastures have only brackish wells; we need a way to get clean "
                   "drinking water for people and livestock without grid power.",
        "field": "water", "trl_min": 6, "region": "Karaganda", "language": "en"}),
    ("dana.serikova@atyrau-rt.kz", {
        "title": "Күкіртсутекті газды тазарту және құбыр коррозиясы",
        "problem": "Ілеспе газда күкіртсутек көп, құбырлар коррозиядан тез тозады; газды "
                   "тазарту мен құбырды қорғаудың шешімін іздейміз.",
        "field": "oil_gas", "trl_min": 5, "sector_codes": ["06.20"], "region": "Atyrau",
        "language": "kk"}),
]


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def load() -> None:
    """Create and publish the demo offers and requests (the caller checks it is the first
    load)."""
    for email, disclosure_title, body in OFFERS:
        legal = _user(email)
        if disclosure_title:
            body = {**body, "disclosure_id": db.session.scalar(select(Disclosure.id).where(
                Disclosure.title == disclosure_title))}
        with unit_of_work():
            o = OFFER_RECORD.create(legal, body)
            fire(OFFER_RECORD, o, "publish", legal)
    for email, body in REQUESTS:
        partner = _user(email)
        with unit_of_work():
            r = REQUEST_RECORD.create(partner, body)
            fire(REQUEST_RECORD, r, "publish", partner)

"""Hand-written concept tables from which ``generate.py`` writes the judged set.

Each topic is a technology need of one field, named by glossary concepts. Offers and
requests of a topic are written from different surface words for the same concepts, in
different languages, often with synonyms the glossary does not hold (``EXTRA``), so that a
relevant offer does not simply repeat the request's words.
"""
from __future__ import annotations

#: field -> (OKED division, [(topic, [concepts], OKED class, GRNTI)])
TOPICS = {
    "mining": ("07", [
        ("copper flotation", ["ore_flotation", "copper"], "07.29", "52.45"),
        ("gold heap leaching", ["leaching", "gold"], "07.29", "52.47"),
        ("tailings dam safety", ["tailings", "rock_stability"], "07.10", "52.13"),
        ("dust at open pits", ["dust", "rock_stability"], "08.12", "52.13"),
        ("metals from tailings", ["tailings", "leaching", "copper"], "07.29", "52.47"),
    ]),
    "agriculture": ("01", [
        ("drought-tolerant wheat", ["drought", "wheat", "seed"], "01.11", "68.35"),
        ("slow-release fertiliser", ["fertilizer", "soil"], "01.11", "68.33"),
        ("livestock disease", ["livestock", "veterinary"], "01.41", "68.41"),
        ("locust control", ["pest", "drone"], "01.61", "68.37"),
        ("greenhouse growing", ["greenhouse", "irrigation"], "01.13", "68.35"),
    ]),
    "oil_gas": ("06", [
        ("enhanced oil recovery", ["oil_recovery", "oil"], "06.10", "52.47"),
        ("pipeline corrosion", ["corrosion", "pipeline"], "49.50", "52.47"),
        ("paraffin in wells", ["paraffin", "drilling", "oil"], "06.10", "52.47"),
        ("oil-contaminated soil", ["oil_spill", "soil"], "39.00", "87.21"),
        ("sour gas treatment", ["sulfur", "gas"], "06.20", "61.51"),
    ]),
    "medicine": ("21", [
        ("tuberculosis test", ["tuberculosis", "diagnostics"], "21.20", "76.29"),
        ("diabetes monitoring", ["diabetes", "sensor", "telemedicine"], "86.90", "76.29"),
        ("bone implants", ["implant", "ceramic"], "32.50", "76.13"),
        ("wound dressing", ["wound", "antibiotic"], "21.20", "76.31"),
        ("cancer screening AI", ["cancer", "diagnostics", "machine_learning"], "86.90", "76.29"),
    ]),
    "it": ("62", [
        ("machine failure prediction", ["predictive_maintenance", "machine_learning", "sensor"],
         "62.01", "28.23"),
        ("kazakh speech", ["language_tech", "machine_learning"], "62.01", "28.23"),
        ("camera quality control", ["computer_vision", "machine_learning"], "62.01", "28.23"),
        ("industrial cybersecurity", ["cybersecurity", "sensor"], "62.02", "81.93"),
        ("drone mapping", ["drone", "computer_vision"], "62.01", "89.57"),
    ]),
    "materials": ("20", [
        ("biodegradable packaging", ["biodegradable", "polymer"], "22.22", "61.61"),
        ("anticorrosion coating", ["coating", "corrosion"], "20.30", "61.61"),
        ("wool keratin products", ["wool_keratin", "polymer"], "13.10", "61.61"),
        ("refractory ceramics", ["ceramic", "heat"], "23.20", "61.35"),
        ("graphene concrete", ["nanomaterial", "concrete", "composite"], "23.61", "61.35"),
    ]),
    "energy": ("35", [
        ("solar in the steppe", ["solar", "battery"], "35.11", "44.41"),
        ("wind power", ["wind", "power_grid"], "35.11", "44.41"),
        ("coal boiler efficiency", ["coal", "heat", "energy_efficiency"], "35.30", "44.31"),
        ("green hydrogen", ["hydrogen", "solar"], "35.21", "44.41"),
        ("grid losses", ["power_grid", "energy_efficiency", "sensor"], "35.13", "44.29"),
    ]),
    "water": ("36", [
        ("desalination", ["desalination", "groundwater"], "36.00", "70.25"),
        ("drip irrigation", ["irrigation", "water", "sensor"], "01.61", "70.27"),
        ("wastewater treatment", ["wastewater", "water_treatment"], "37.00", "70.25"),
        ("arsenic removal", ["heavy_metals", "water_treatment"], "36.00", "70.25"),
        ("groundwater monitoring", ["groundwater", "sensor"], "36.00", "70.27"),
    ]),
}

#: surface words the glossary does not hold (so the ranker cannot lean on it for them)
EXTRA = {
    "drought": {"en": ["water scarcity", "dry spells"], "ru": ["нехватка влаги"],
                "kk": ["ылғал тапшылығы"]},
    "fertilizer": {"en": ["plant feeding"], "ru": ["подкормка"], "kk": ["үстеп қоректендіру"]},
    "corrosion": {"en": ["metal loss"], "ru": ["износ металла"], "kk": ["металдың тозуы"]},
    "pest": {"en": ["insect swarms"], "ru": ["нашествие насекомых"], "kk": ["жәндіктер шабуылы"]},
    "diagnostics": {"en": ["early detection"], "ru": ["раннее выявление"],
                    "kk": ["ерте анықтау"]},
    "machine_learning": {"en": ["predictive models"], "ru": ["прогнозные модели"],
                         "kk": ["болжамды модельдер"]},
    "energy_efficiency": {"en": ["lower fuel bills"], "ru": ["снижение расхода топлива"],
                          "kk": ["отын шығынын азайту"]},
    "water_treatment": {"en": ["clean drinking water"], "ru": ["чистая питьевая вода"],
                        "kk": ["таза ауыз су"]},
    "tailings": {"en": ["waste rock"], "ru": ["пустая порода"], "kk": ["бос жыныс"]},
    "sensor": {"en": ["smart meters"], "ru": ["умные счетчики"], "kk": ["ақылды есептегіштер"]},
}

OFFER_TEMPLATES = {
    "en": ("{A} with {B}",
           "The laboratory offers a method built on {a}. Trials showed better {b}{c}. "
           "Available for licensing or a joint project."),
    "ru": ("{A}: {B}",
           "Лаборатория предлагает метод на основе {a}. Испытания показали улучшение: {b}{c}. "
           "Возможна лицензия или совместный проект."),
    "kk": ("{A}: {B}",
           "Зертхана {a} негізіндегі әдісті ұсынады. Сынақтар {b} жақсарғанын көрсетті{c}. "
           "Лицензия немесе бірлескен жоба мүмкін."),
}
REQUEST_TEMPLATES = {
    "en": ("We need help with {A}",
           "At our site {a} keeps causing losses and {b} is getting worse{c}. We look for a "
           "partner who can solve it within two years."),
    "ru": ("Нужна помощь: {A}",
           "На нашем предприятии {a} приводит к потерям, а {b} ухудшается{c}. Ищем партнера, "
           "который решит задачу за два года."),
    "kk": ("Көмек керек: {A}",
           "Біздің кәсіпорында {a} шығынға әкеледі, ал {b} нашарлап барады{c}. Мәселені екі "
           "жылда шеше алатын серіктес іздейміз."),
}

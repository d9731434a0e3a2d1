"""The field's terms in Kazakh, Russian and English, each mapped to one concept key.

A request in Russian and an offer in English or Kazakh meet through these keys: the text of
both is stemmed (:mod:`.search`) and every glossary term found in it adds its concept. Terms
are written as people write them; they are stemmed with the same pipeline when loaded.
"""
from __future__ import annotations

from .glossary_fields import BROAD, DROP, MORE
from .glossary_vocabulary import VOCABULARY

#: concept key -> field -> {"en": [...], "ru": [...], "kk": [...]}
CONCEPTS: dict[str, dict[str, list[str]]] = {
    # -- mining ---------------------------------------------------------------------------------
    "ore_flotation": {"en": ["flotation", "froth flotation", "ore beneficiation"],
                      "ru": ["флотация", "обогащение руды", "флотационный"],
                      "kk": ["флотация", "кенді байыту", "байыту"]},
    "tailings": {"en": ["tailings", "mine waste", "tailings dam"],
                 "ru": ["хвосты", "хвостохранилище", "отходы обогащения"],
                 "kk": ["қалдықтар", "қалдық қоймасы", "байыту қалдықтары"]},
    "leaching": {"en": ["leaching", "heap leaching", "hydrometallurgy"],
                 "ru": ["выщелачивание", "кучное выщелачивание", "гидрометаллургия"],
                 "kk": ["сілтісіздендіру", "үймелік сілтісіздендіру", "гидрометаллургия"]},
    "copper": {"en": ["copper"], "ru": ["медь", "медный"], "kk": ["мыс"]},
    "gold": {"en": ["gold"], "ru": ["золото", "золотосодержащий"], "kk": ["алтын"]},
    "rock_stability": {"en": ["rock stability", "slope stability", "rock burst", "ground control"],
                       "ru": ["устойчивость пород", "устойчивость бортов", "горный удар"],
                       "kk": ["тау жыныстарының орнықтылығы", "беткейдің орнықтылығы"]},
    "dust": {"en": ["dust", "dust suppression"], "ru": ["пыль", "пылеподавление"],
             "kk": ["шаң", "шаңды басу"]},
    # -- agriculture ----------------------------------------------------------------------------
    "seed": {"en": ["seed", "seeds", "sowing"], "ru": ["семена", "семян", "семя", "посев", "семенной"],
             "kk": ["тұқым", "егіс", "себу"]},
    "wheat": {"en": ["wheat", "grain", "cereal"], "ru": ["пшеница", "зерно", "зерновые"],
              "kk": ["бидай", "астық", "дән"]},
    "drought": {"en": ["drought", "drought tolerance", "arid"],
                "ru": ["засуха", "засухоустойчивость", "засушливый"],
                "kk": ["құрғақшылық", "құрғақшылыққа төзімділік", "қуаң"]},
    "fertilizer": {"en": ["fertilizer", "fertiliser", "nitrogen release", "nutrient"],
                   "ru": ["удобрение", "азот", "питательные вещества"],
                   "kk": ["тыңайтқыш", "азот", "қоректік заттар"]},
    "soil": {"en": ["soil", "soil salinity", "topsoil"], "ru": ["почва", "засоление почв", "грунт"],
             "kk": ["топырақ", "топырақтың сорлануы"]},
    "livestock": {"en": ["livestock", "cattle", "sheep", "animal husbandry"],
                  "ru": ["скот", "животноводство", "овцы", "крупный рогатый скот"],
                  "kk": ["мал", "мал шаруашылығы", "қой", "ірі қара"]},
    "veterinary": {"en": ["veterinary", "animal disease", "vaccine for animals"],
                   "ru": ["ветеринарный", "болезни животных"],
                   "kk": ["ветеринариялық", "мал аурулары"]},
    "pest": {"en": ["pest", "locust", "plant protection", "pesticide"],
             "ru": ["вредители", "саранча", "защита растений", "пестицид"],
             "kk": ["зиянкестер", "шегіртке", "өсімдіктерді қорғау"]},
    "greenhouse": {"en": ["greenhouse", "hydroponics"], "ru": ["теплица", "гидропоника"],
                   "kk": ["жылыжай", "гидропоника"]},
    "biodegradable": {"en": ["biodegradable", "bioplastic", "compostable"],
                      "ru": ["биоразлагаемый", "биопластик"],
                      "kk": ["биологиялық ыдырайтын", "биопластик"]},
    # -- oil and gas ----------------------------------------------------------------------------
    "oil_recovery": {"en": ["enhanced oil recovery", "oil recovery", "waterflooding", "oil yield"],
                     "ru": ["повышение нефтеотдачи", "нефтеотдача", "заводнение"],
                     "kk": ["мұнай беруді арттыру", "мұнай беру"]},
    "oil": {"en": ["oil", "crude", "petroleum"], "ru": ["нефть", "нефтяной"],
            "kk": ["мұнай"]},
    "gas": {"en": ["natural gas", "gas"], "ru": ["газ", "природный газ"],
            "kk": ["газ", "табиғи газ"]},
    "corrosion": {"en": ["corrosion", "rust", "corrosion inhibitor"],
                  "ru": ["коррозия", "ингибитор коррозии", "ржавчина"],
                  "kk": ["коррозия", "тот", "коррозия ингибиторы"]},
    "pipeline": {"en": ["pipeline", "pipe", "pipelines"], "ru": ["трубопровод", "труба"],
                 "kk": ["құбыр", "құбыр желісі"]},
    "drilling": {"en": ["drilling", "well", "borehole", "drilling fluid"],
                 "ru": ["бурение", "скважина", "буровой раствор"],
                 "kk": ["бұрғылау", "ұңғыма", "бұрғылау ерітіндісі"]},
    "paraffin": {"en": ["paraffin", "wax deposition", "asphaltene"],
                 "ru": ["парафин", "асфальтосмолопарафиновые отложения", "асфальтены"],
                 "kk": ["парафин", "парафин шөгінділері"]},
    "oil_spill": {"en": ["oil spill", "oil contamination", "oil-contaminated soil"],
                  "ru": ["разлив нефти", "нефтезагрязнение", "нефтезагрязненные почвы"],
                  "kk": ["мұнайдың төгілуі", "мұнаймен ластану"]},
    "sulfur": {"en": ["sulfur", "sulphur", "hydrogen sulfide", "sour gas"],
               "ru": ["сера", "сероводород", "кислый газ"],
               "kk": ["күкірт", "күкіртсутек"]},
    # -- medicine -------------------------------------------------------------------------------
    "diagnostics": {"en": ["diagnostics", "diagnosis", "test kit", "screening"],
                    "ru": ["диагностика", "тест-система", "скрининг"],
                    "kk": ["диагностика", "тест жүйесі", "скрининг"]},
    "tuberculosis": {"en": ["tuberculosis", "tb"], "ru": ["туберкулез", "туберкулёз"],
                     "kk": ["туберкулез", "құрт ауруы"]},
    "vaccine": {"en": ["vaccine", "immunization"], "ru": ["вакцина", "иммунизация"],
                "kk": ["вакцина", "екпе"]},
    "antibiotic": {"en": ["antibiotic", "antimicrobial", "antibacterial"],
                   "ru": ["антибиотик", "антимикробный", "антибактериальный"],
                   "kk": ["антибиотик", "микробқа қарсы", "бактерияға қарсы"]},
    "implant": {"en": ["implant", "prosthesis", "bone implant"],
                "ru": ["имплантат", "протез", "костный имплантат"],
                "kk": ["имплант", "протез", "сүйек импланты"]},
    "wound": {"en": ["wound healing", "wound dressing", "burn"],
              "ru": ["заживление ран", "раневое покрытие", "ожог"],
              "kk": ["жараның жазылуы", "жара таңғышы", "күйік"]},
    "diabetes": {"en": ["diabetes", "glucose", "blood sugar"],
                 "ru": ["диабет", "глюкоза", "сахар крови"],
                 "kk": ["диабет", "қант диабеті", "глюкоза", "қандағы қант"]},
    "cancer": {"en": ["cancer", "tumour", "tumor", "oncology"],
               "ru": ["рак", "опухоль", "онкология"], "kk": ["обыр", "ісік", "онкология"]},
    "telemedicine": {"en": ["telemedicine", "remote monitoring", "remote consultation"],
                     "ru": ["телемедицина", "удаленный мониторинг"],
                     "kk": ["телемедицина", "қашықтан бақылау"]},
    # -- IT -------------------------------------------------------------------------------------
    "machine_learning": {"en": ["machine learning", "neural network", "artificial intelligence",
                                "deep learning"],
                         "ru": ["машинное обучение", "нейронная сеть", "искусственный интеллект"],
                         "kk": ["машиналық оқыту", "нейрондық желі", "жасанды интеллект"]},
    "computer_vision": {"en": ["computer vision", "image recognition", "camera"],
                        "ru": ["компьютерное зрение", "распознавание изображений", "камера"],
                        "kk": ["компьютерлік көру", "бейнені тану", "камера"]},
    "sensor": {"en": ["sensor", "sensors", "iot", "internet of things"],
               "ru": ["датчик", "сенсор", "интернет вещей"],
               "kk": ["датчик", "сенсор", "заттар интернеті"]},
    "cybersecurity": {"en": ["cybersecurity", "encryption", "intrusion detection"],
                      "ru": ["кибербезопасность", "шифрование", "обнаружение вторжений"],
                      "kk": ["киберқауіпсіздік", "шифрлау"]},
    "drone": {"en": ["drone", "uav", "unmanned aerial vehicle"],
              "ru": ["дрон", "беспилотник", "бпла"], "kk": ["дрон", "ұшқышсыз ұшу аппараты"]},
    "language_tech": {"en": ["speech recognition", "machine translation", "natural language"],
                      "ru": ["распознавание речи", "машинный перевод"],
                      "kk": ["сөйлеуді тану", "машиналық аударма"]},
    "predictive_maintenance": {"en": ["predictive maintenance", "equipment failure",
                                      "fault prediction", "vibration"],
                               "ru": ["предиктивное обслуживание", "отказ оборудования",
                                      "вибрация"],
                               "kk": ["болжамды қызмет көрсету", "жабдықтың істен шығуы",
                                      "діріл"]},
    # -- materials ------------------------------------------------------------------------------
    "polymer": {"en": ["polymer", "plastic", "polymeric"], "ru": ["полимер", "пластик", "полимерный"],
                "kk": ["полимер", "пластик"]},
    "composite": {"en": ["composite", "fibre reinforced", "fiberglass"],
                  "ru": ["композит", "композиционный материал", "стеклопластик"],
                  "kk": ["композит", "композициялық материал"]},
    "coating": {"en": ["coating", "coatings", "protective coating"],
                "ru": ["покрытие", "защитное покрытие"], "kk": ["жабын", "қорғаныш жабыны"]},
    "ceramic": {"en": ["ceramic", "refractory"], "ru": ["керамика", "огнеупор", "огнеупорный"],
                "kk": ["керамика", "отқа төзімді"]},
    "concrete": {"en": ["concrete", "cement", "building material"],
                 "ru": ["бетон", "цемент", "строительный материал"],
                 "kk": ["бетон", "цемент", "құрылыс материалы"]},
    "nanomaterial": {"en": ["nanoparticles", "nanomaterial", "graphene"],
                     "ru": ["наночастицы", "наноматериал", "графен"],
                     "kk": ["нанобөлшектер", "наноматериал", "графен"]},
    "wool_keratin": {"en": ["wool", "keratin"], "ru": ["шерсть", "кератин"],
                     "kk": ["жүн", "кератин"]},
    # -- energy ---------------------------------------------------------------------------------
    "solar": {"en": ["solar", "photovoltaic", "solar panel"],
              "ru": ["солнечный", "фотоэлектрический", "солнечная панель"],
              "kk": ["күн", "күн панелі", "фотоэлектрлік"]},
    "wind": {"en": ["wind turbine", "wind power", "wind"], "ru": ["ветроустановка", "ветер", "ветровой"],
             "kk": ["жел", "жел қондырғысы"]},
    "battery": {"en": ["battery", "energy storage", "accumulator"],
                "ru": ["аккумулятор", "накопитель энергии", "батарея"],
                "kk": ["аккумулятор", "энергия жинақтағыш", "батарея"]},
    "coal": {"en": ["coal", "coal combustion"], "ru": ["уголь", "угольный"], "kk": ["көмір"]},
    "power_grid": {"en": ["power grid", "electricity", "power line", "grid losses"],
                   "ru": ["электросеть", "электроэнергия", "линия электропередачи"],
                   "kk": ["электр желісі", "электр энергиясы"]},
    "heat": {"en": ["heat", "heating", "heat pump", "boiler"],
             "ru": ["тепло", "отопление", "тепловой насос", "котел"],
             "kk": ["жылу", "жылыту", "жылу сорғысы", "қазандық"]},
    "hydrogen": {"en": ["hydrogen", "fuel cell"], "ru": ["водород", "топливный элемент"],
                 "kk": ["сутек", "отын элементі"]},
    "energy_efficiency": {"en": ["energy efficiency", "energy saving", "energy consumption"],
                          "ru": ["энергоэффективность", "энергосбережение", "энергопотребление"],
                          "kk": ["энергия тиімділігі", "энергия үнемдеу", "энергия тұтыну"]},
    # -- water ----------------------------------------------------------------------------------
    "water_treatment": {"en": ["water treatment", "water purification", "filtration", "filter"],
                        "ru": ["очистка воды", "водоочистка", "фильтрация", "фильтр"],
                        "kk": ["суды тазарту", "сүзу", "сүзгі"]},
    "desalination": {"en": ["desalination", "reverse osmosis", "brackish water"],
                     "ru": ["опреснение", "обратный осмос", "солоноватая вода"],
                     "kk": ["тұщыландыру", "кері осмос", "тұзды су"]},
    "irrigation": {"en": ["irrigation", "drip irrigation", "watering"],
                   "ru": ["орошение", "капельное орошение", "полив"],
                   "kk": ["суару", "тамшылатып суару"]},
    "wastewater": {"en": ["wastewater", "sewage", "effluent"],
                   "ru": ["сточные воды", "канализация", "стоки"],
                   "kk": ["ағынды сулар", "кәріз"]},
    "heavy_metals": {"en": ["heavy metals", "arsenic", "lead contamination"],
                     "ru": ["тяжелые металлы", "мышьяк"],
                     "kk": ["ауыр металдар", "күшала"]},
    "groundwater": {"en": ["groundwater", "aquifer", "water well"],
                    "ru": ["подземные воды", "водоносный горизонт"],
                    "kk": ["жерасты сулары", "сулы горизонт"]},
    "water": {"en": ["water"], "ru": ["вода"], "kk": ["су"]},
}


def _merge() -> None:
    """Add the fields' further terminology (:mod:`.glossary_fields`, then the vocabulary of
    :mod:`.glossary_vocabulary`) and take out the terms that mean something else in everyday
    speech."""
    for key, langs in DROP.items():
        for lang, terms in langs.items():
            CONCEPTS[key][lang] = [t for t in CONCEPTS[key][lang] if t not in terms]
    for key, langs in (*MORE.items(), *VOCABULARY.items()):
        concept = CONCEPTS.setdefault(key, {"en": [], "ru": [], "kk": []})
        for lang, terms in langs.items():
            concept.setdefault(lang, [])
            concept[lang] += [t for t in terms if t not in concept[lang]]


_merge()

#: how much sharing a concept counts, by its search token (a broad concept counts half)
CONCEPT_WEIGHTS = {k.replace("_", ""): 0.5 if k in BROAD else 1.0 for k in CONCEPTS}

#: concept keys are ascii letters, digits and underscores (the search token drops underscores)
assert all(k.replace("_", "").isalnum() and k.isascii() for k in CONCEPTS)

"""Second batch of held-out requests: written and graded over the existing offers before the
short-stem and Kazakh-stemmer rules (``consortium/stemming.py``) were changed, and before the
ranker was run on them, so that their figures check those rules on text they were not derived
from (the misses that motivated the rules came from ``held_out.py``; see ../README.md). Every
offer graded 2 is in another language than the request. No offers here."""

BY_FIELD = {
    "agriculture": ([], [
        ("ho2-bees", "ru", 7, "East Kazakhstan", "01.49",
         "Пчелосемьи слабеют и гибнут за зиму",
         "Каждую весну мы недосчитываемся трети семей. На пчёлах и в расплоде видим клеща, а "
         "покупатели требуют мёд без следов химии.",
         "Пасека на 400 ульев в предгорьях Алтая.",
         "Полоски с синтетическим акарицидом, клещ к ним привык.",
         "Здоровые семьи весной и мёд, который проходит проверку на остатки.",
         "ag-honey:2 ot-honey-pack:0"),
        ("ho2-silage", "kk", 7, "North Kazakhstan", "01.41",
         "Сүрлем қыс ортасында бұзылып кетеді",
         "Жүгері сүрлемін траншеяға басамыз, бірақ ақпанға қарай оның үштен бірі көгеріп, "
         "малға беруге жарамсыз болады. Сиырлардың сүті азаяды.",
         "600 бас сауын сиыры бар сүт фермасы.",
         "Траншеяны үлдірмен жабу және тұз себу.",
         "Көктемге дейін бұзылмайтын, мал жақсы жейтін азық.",
         "ag-silage:2 ag-feed:0 ag-storage-kk:0"),
        ("ho2-manure", "kk", 6, "Turkistan", "01.42",
         "Көң үйінділері және қораны жылытуға кететін көмір",
         "Фермада күн сайын 30 тонна көң жиналады, ол ауылдың шетінде үйіліп жатыр, иісіне "
         "тұрғындар шағымданады. Қыста қораларды жылытуға көмір сатып аламыз.",
         "1200 бас ірі қара бордақылайтын алаң.",
         "Көңді егістікке шығару, бірақ көктемге дейін жинала береді.",
         "Көңнен пайда көру: жылу немесе электр, және иістің жойылуы.",
         "en-biogas:2 ot-compost:1 ot-landfill-gas:0"),
    ]),
    "medicine": ([], [
        ("ho2-dialysis", "en", 5, "Kyzylorda", "86.10",
         "Kidney patients travel for hours three times a week",
         "Our district has forty patients with end-stage renal failure; each goes to the "
         "regional hospital's haemodialysis unit three times a week, up to four hours each way "
         "on the road.",
         "A district hospital.",
         "A bus for the patients paid by the akimat; the unit is full anyway.",
         "Treatment the patients can have at home, with the hospital only checking on them.",
         "me-kidney:2 me-tele-kk:1 me-ambulance:0"),
        ("ho2-hearing", "en", 7, "Almaty", "86.10",
         "Deaf children are found too late",
         "In our region hearing loss in children is usually noticed by the parents at two or "
         "three years old, when speech does not come; by then cochlear implants help much "
         "less.",
         "A regional perinatal centre with four maternity wards.",
         "Asking paediatricians to check hearing at the one-year visit.",
         "Every baby checked before leaving the maternity ward.",
         "me-hearing:2 me-neonatal-kk:0"),
    ]),
    "energy": ([], [
        ("ho2-geothermal", "en", 4, "Zhetisu", "35.30",
         "Heating a small town without the coal boiler house",
         "The town's boiler house burns 20,000 tonnes of coal a winter and the akimat wants "
         "cleaner heat. Old exploration wells nearby give water at 70 °C that nobody uses.",
         "The municipal heat supply company.",
         "A feasibility study for gas, but the pipeline is 200 km away.",
         "Homes and public buildings heated mostly without coal.",
         "en-geothermal:2 en-heatpump-kk:1 en-coal-boiler-ru:0 en-coal-kk:0"),
    ]),
    "oil_gas": ([], [
        ("ho2-proppant", "en", 7, "Kyzylorda", "09.10",
         "Imported proppant makes every frac job expensive",
         "We hydraulically fracture about sixty wells a year and all the proppant is imported "
         "from China; delivery takes three months and the price has risen by half.",
         "An oil producer in the South Turgai basin.",
         "Quartz sand, but it crushes at our closure pressures.",
         "A proppant made in Kazakhstan that holds the fractures open as well as the imported "
         "one.",
         "og-frac-ru:2 og-sand:0 ma-glass-fibre:0"),
    ]),
    "other": ([], [
        ("ho2-windows", "ru", 8, "North Kazakhstan", "41.20",
         "Оконные рамы в новых домах лопаются в морозы",
         "В домах, которые мы сдали в Петропавловске, после зимы с морозами под сорок жильцы "
         "жалуются на треснувшие рамы и продувание. Гарантийный ремонт съедает прибыль.",
         "Строительная компания, панельные и монолитные дома.",
         "Рамы разных поставщиков, все рассчитаны на мягкий климат.",
         "Окна, которые выдерживают сильные морозы без трещин.",
         "ma-pvc-window:2 ot-insul-kk:1 ot-sip:0"),
        ("ho2-tannery", "kk", 6, "Zhambyl", "15.11",
         "Былғары зауытының ағынды суындағы хром",
         "Теріні илегенде хром тұздарын қолданамыз, ағынды судағы хром нормадан бірнеше есе "
         "асады, экология департаменті зауытты жабамыз деп ескертті.",
         "Қой және ірі қара терісін өңдейтін былғары зауыты.",
         "Ағынды суды әкпен бейтараптандыру, бірақ хромды шөгіндіні қоятын жер жоқ.",
         "Хромсыз өндіріс немесе ағынды судың нормаға келуі, былғарының сапасы төмендемей.",
         "ot-leather:2 wa-metal-kk:1 ma-refr-kk:0 mi-chrome:0 ot-textile-kk:0"),
    ]),
    "water": ([], [
        ("ho2-turbid", "kk", 7, "Pavlodar", "36.00",
         "Көктемгі тасқында өзен суы лайланады",
         "Көктемде өзеннен алатын судың лайлылығы он есе артады, сүзгілер тез бітеліп, қалаға "
         "берілетін судың түсі нормадан асады.",
         "Қалалық су арнасы кәсіпорны, тәулігіне 100 мың текше метр.",
         "Тұндырғыштарға реагентті көбірек қосамыз, бірақ ол импорттық және қымбат.",
         "Арзан реагентпен суды тез мөлдірлету.",
         "wa-coag:2 wa-uv:0 wa-iron:0"),
    ]),
    "it": ([], [
        ("ho2-trucks", "ru", 7, "Karaganda", "24.10",
         "Очереди грузовиков на проходной завода",
         "Охранник вручную переписывает номера каждой машины и сверяет с заявками; утром на "
         "въезде стоят по сорок фур, а журнал потом не сходится с весовой.",
         "Металлургический завод, около 500 грузовиков в сутки.",
         "Электронные пропуска водителям, но их передают друг другу.",
         "Машины проезжают без остановки, а въезд и выезд фиксируются автоматически.",
         "it-anpr:2 ot-grain-logistics:1 it-biometrics:1 it-railway-cv:0"),
    ]),
    "mining": ([], [
        ("ho2-grinding", "ru", 8, "Kostanay", "07.10",
         "Измельчение съедает половину электроэнергии фабрики",
         "Руда крепкая, шаровые мельницы работают на пределе, и на измельчение уходит больше "
         "половины энергии, которую потребляет фабрика. Тариф растёт каждый год.",
         "Обогатительная фабрика железной руды, 10 млн тонн в год.",
         "Замена мелющих шаров и футеровок, догрузка мельниц.",
         "Меньше киловатт-часов на тонну концентрата при той же крупности.",
         "mi-hpgr:2 mi-xrt:1 mi-xrt-kk:1 mi-mill-liner:0"),
    ]),
}

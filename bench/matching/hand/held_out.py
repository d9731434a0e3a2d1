"""Held-out requests: written and graded after the glossary's further terminology
(``consortium/glossary_fields.py``) was frozen, without running the ranker on them first, so
that their figures show how the glossary does on text it was not written beside (see
../README.md). No offers here: they are graded over the offers of the other modules."""

BY_FIELD = {
    "mining": ([], [
        ("ho-uranium", "kk", 7, "Turkistan", "07.21",
         "Уран өндіретін ұңғымалардың қабылдағыштығы төмендеді",
         "Айдау ұңғымалары жылдан жылға ерітіндіні нашар қабылдайды, ал өнімді ерітіндідегі "
         "металл мөлшері азайып келеді. Жаңа ұңғыма бұрғылау қымбат.",
         "Оңтүстік Қазақстандағы уран кеніші.",
         "Ұңғымаларды эрлифтпен жуу, әсері бір-екі айға ғана жетеді.",
         "Ұңғымалардың өнімділігін қалпына келтіру және ерітіндідегі уранның артуы.",
         "mi-uranium:2 og-gel-ru:0 og-scale:0"),
        ("ho-chromite", "en", 6, "Aktobe", "07.29",
         "Fine chromite ends up in the slimes pond",
         "About a fifth of the chromite in our run-of-mine ore is finer than 0.1 mm and goes "
         "with the slimes to the pond, where it has piled up for years.",
         "A chrome ore concentrator.",
         "Hydrocyclones before the jigs; the fines still escape.",
         "A saleable concentrate from the fines and, if possible, from the old pond.",
         "mi-chrome:2 mi-column:1 ma-refr-kk:1 mi-tail-gold-kk:0"),
        ("ho-cyanide", "ru", 6, "Akmola", "07.29",
         "Обезвреживание цианистых растворов перед сбросом в хвостохранилище",
         "Надзор требует снизить содержание цианидов в пульпе, уходящей в хвостохранилище "
         "золотоизвлекательной фабрики, до предельно допустимых значений.",
         "Золотоизвлекательная фабрика с сорбционным цианированием.",
         "Гипохлорит натрия, но расход реагента огромный.",
         "Дешёвое обезвреживание хвостовой пульпы до норм.",
         "mi-cyanide-det:2 mi-thio-kk:1 wa-metal-kk:0 wa-chlorine:0"),
    ]),
    "agriculture": ([], [
        ("ho-potato", "kk", 7, "East Kazakhstan", "01.13",
         "Картоп өнімі жыл сайын кеміп барады",
         "Өз тұқымымызды бірнеше жыл қатарынан отырғызамыз, жапырақтар бүрісіп, түйнектер "
         "ұсақталады. Агрономдар вирусқа күдіктенеді.",
         "500 гектар картоп өсіретін шаруа қожалығы.",
         "Тұқымды шетелден сатып алдық, бірақ бағасы тым қымбат.",
         "Таза, сау отырғызу материалы және өнімнің бұрынғы деңгейге қайтуы.",
         "ag-potato-virus:2 ag-seed-clean:0 ag-wheat-kk:0"),
        ("ho-camel", "en", 7, "Mangystau", "10.51",
         "Camel milk spoils before it reaches export buyers",
         "Buyers in the Gulf and China ask for our shubat and camel milk, but fresh milk keeps "
         "only a few days and the trip takes weeks.",
         "A camel farm with its own small dairy.",
         "Pasteurisation and freezing, which changes the taste.",
         "A product that keeps for months and keeps what buyers value in the milk.",
         "ag-camel-milk:2 ot-kumys:1 ot-cold-chain:1 ag-mastitis-kk:0"),
    ]),
    "oil_gas": ([], [
        ("ho-spill", "ru", 7, "Mangystau", "52.22",
         "Разливы нефти у причалов морского порта",
         "При перевалке нефти у причалов случаются небольшие разливы, и плёнку на воде нечем "
         "быстро собрать. Экологи штрафуют порт.",
         "Морской нефтеналивной терминал.",
         "Боновые заграждения и ручной сбор.",
         "Собирать пятно до того, как его унесёт к берегу.",
         "og-sorb-kk:2 og-bioremed-ru:1 og-sludge-en:0 og-produced-water:0"),
    ]),
    "medicine": ([], [
        ("ho-stroke", "kk", 7, "Astana", "86.10",
         "Инсульт алған науқастарға көмек кешігеді",
         "Жедел жәрдем науқасты жақын ауруханаға әкеледі, бірақ онда тромбты алып тастайтын "
         "бөлім жоқ, содан кейін тағы басқа жерге жеткізеді. Алтын сағат өтіп кетеді.",
         "Қалалық денсаулық сақтау басқармасы.",
         "Телефон арқылы келісу.",
         "Науқастың бірден дұрыс ауруханаға түсуі және КТ нәтижесінің тез оқылуы.",
         "me-stroke:2 me-ambulance:2 me-mri-kk:1 me-rehab:1 me-hip-en:0"),
    ]),
    "energy": ([], [
        ("ho-transformer", "en", 7, "Karaganda", "35.12",
         "Substation transformers fail without warning",
         "Two 110 kV transformers failed last summer after overheating, each leaving a district "
         "without power for days, and the insurer now asks what we monitor.",
         "A regional grid company with 300 transformers.",
         "Yearly oil sampling sent to a laboratory.",
         "Knowing weeks ahead which unit is deteriorating.",
         "en-transformer:2 it-pdm-kk:1 en-relay:0 en-line-fault:0"),
    ]),
    "materials": ([], [
        ("ho-glass", "kk", 6, "Kostanay", "38.32",
         "Шыны сынықтарын не істейміз?",
         "Қоқыс сұрыптау кезінде айына 300 тонна шыны сынығы жиналады, оны ешкім алмайды және "
         "полигонға көмеміз.",
         "Қалалық қалдықтарды сұрыптау кәсіпорны.",
         "Шыны зауытына ұсындық, бірақ түрлі түсті сынықты алмайды.",
         "Сынықтан сатылатын өнім алу.",
         "ma-foam-glass:2 ot-msw-sort:1 ma-glass-fibre:1 ma-recycle-ru:0"),
    ]),
    "other": ([], [
        ("ho-sturgeon", "ru", 6, "Atyrau", "03.22",
         "Осетровое хозяйство теряет молодь летом",
         "Вода в прудах летом прогревается выше 28 °C, кислорода не хватает, и молодь осетра "
         "гибнет. Вода из реки становится мутной.",
         "Рыбоводное хозяйство в дельте Урала.",
         "Аэраторы в прудах.",
         "Выращивать молодь круглый год без потерь от жары.",
         "ot-fish:2 wa-uv:0 wa-lake:0"),
    ]),
}

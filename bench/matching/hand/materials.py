"""Materials and chemistry: hand-written offers and requests (see ../README.md)."""

FIELD = "materials"

OFFERS = [
    ("ma-pla-en", "en", 6, "Almaty", "22.22", "61.61",
     "Compostable film from starch and PLA for food packaging",
     "A blown film of thermoplastic starch and polylactic acid breaks down in industrial "
     "composting within 12 weeks. It runs on standard blown-film lines with minor changes and "
     "is approved for contact with fresh produce.",
     "compostable film, PLA, starch, food contact"),
    ("ma-pla-kk", "kk", 5, "Turkistan", "22.22", "61.61",
     "Мақта өндірісінің қалдықтарынан жасалған ыдырайтын пакет",
     "Мақта целлюлозасы мен крахмал негізіндегі материалдан жасалған пакеттер топырақта "
     "алты айда жойылады. Сауда желілері үшін пластик пакеттердің орнын басады.",
     "ыдырайтын пакет, мақта целлюлозасы, крахмал"),
    ("ma-recycle-ru", "ru", 8, "Almaty", "38.32", "61.61",
     "Переработка ПЭТ-бутылок во вторичное волокно",
     "Линия отмывки и грануляции ПЭТ-флекса выпускает сырьё для нетканых материалов. "
     "Производительность 2 т/час.",
     "ПЭТ, вторичная переработка, флекс, волокно"),
    ("ma-zinc-coat-ru", "ru", 7, "Karaganda", "20.30", "61.61",
     "Цинкнаполненное покрытие холодного нанесения для стальных конструкций",
     "Покрытие с 90 % цинка в сухой плёнке даёт катодную защиту стали, как горячее "
     "цинкование, но наносится кистью или распылением на месте. Срок службы в "
     "промышленной атмосфере — 20 лет.",
     "цинкнаполненное, катодная защита, металлоконструкции"),
    ("ma-coat-kk", "kk", 6, "Atyrau", "20.30", "61.61",
     "Теңіз суына төзімді полиуретан-эпоксид жабыны",
     "Каспий жағалауындағы металл құрылымдар үшін тұзды ылғал мен ультракүлгін сәулеге "
     "төзімді екі қабатты жабын. Жылжымалы қондырғылармен жағылады.",
     "жабын, тұзды орта, металл құрылым, эпоксид"),
    ("ma-coat-en", "en", 5, "Pavlodar", "20.30", "61.61",
     "Thermal-sprayed ceramic coating against abrasive wear",
     "Chromium carbide coatings sprayed on pump impellers and chute liners triple their "
     "life in slurry service.",
     "thermal spray, wear, chromium carbide, slurry"),
    ("ma-refr-ru", "ru", 7, "Pavlodar", "23.20", "61.35",
     "Огнеупоры из местного сырья для футеровки ферросплавных печей",
     "Периклазоуглеродистые изделия на основе магнезита и графита выдерживают контакт с "
     "расплавом и шлаком. Стойкость футеровки на 30 % выше импортных аналогов.",
     "огнеупоры, футеровка, магнезит, ферросплавы"),
    ("ma-refr-kk", "kk", 5, "Aktobe", "23.20", "61.35",
     "Хромит қалдықтарынан отқа төзімді кірпіш",
     "Хромит байыту қалдықтары мен магнезиттен жоғары температураға шыдайтын кірпіш "
     "жасалады. Металлургиялық пештердің қаптамасына арналған.",
     "кірпіш, хромит, пеш қаптамасы"),
    ("ma-graphene", "en", 4, "Astana", "23.61", "61.35",
     "Graphene oxide additive for stronger concrete",
     "Small additions of graphene oxide increase compressive strength of concrete by 25 % "
     "and reduce water permeability. Laboratory scale.",
     "graphene oxide, concrete, strength"),
    ("ma-ash-concrete", "ru", 7, "Pavlodar", "23.61", "61.35",
     "Бетон с золой уноса экибастузских ТЭЦ",
     "Замена 30 % цемента золой уноса снижает стоимость и тепловыделение массивного бетона "
     "без потери прочности. Утилизирует отходы энергетики.",
     "зола уноса, бетон, цемент, ТЭЦ"),
    ("ma-basalt", "kk", 6, "East Kazakhstan", "23.99", "61.35",
     "Базальт талшығынан жасалған арматура",
     "Базальт-пластик арматура тат баспайды, болаттан үш есе жеңіл және тұзды топырақтағы "
     "іргетастарға қолайлы.",
     "базальт арматура, тат баспайды, іргетас"),
    ("ma-composite-en", "en", 6, "Almaty", "22.29", "61.61",
     "Glass-fibre composite pipes for corrosive fluids",
     "Filament-wound pipes for chemical and brine service do not corrode and weigh a quarter "
     "of steel.",
     "GRP pipe, filament winding, chemical resistance"),
    ("ma-keratin-ru", "ru", 5, "Zhambyl", "13.10", "61.61",
     "Кератин из грубой шерсти для косметики и волокон",
     "Щелочной гидролиз низкосортной шерсти, которую сейчас выбрасывают, даёт кератиновый "
     "гидролизат для косметики и плёнок.",
     "шерсть, кератин, гидролиз, отходы"),
    ("ma-felt-kk", "kk", 7, "Almaty region", "13.99", "61.61",
     "Қой жүнінен жасалған жылу оқшаулағыш",
     "Өңделген жүн маталары ғимараттарды жылу оқшаулауға қолданылады және отқа төзімді "
     "құраммен сіңдірілген.",
     "жүн, жылу оқшаулау, киіз"),
    ("ma-catalyst", "en", 5, "Almaty", "20.59", "61.31",
     "Zeolite catalysts from Kazakh natural zeolites",
     "Modified natural clinoptilolite serves as a cheap catalyst support for petrochemical "
     "processes.",
     "zeolite, catalyst support, petrochemistry"),
    ("ma-adhesive", "ru", 6, "Karaganda", "20.52", "61.61",
     "Клей для конвейерных лент холодной вулканизации",
     "Двухкомпонентный клей для стыковки и ремонта резинотканевых лент без пресса.",
     "конвейерная лента, стык, вулканизация"),
    ("ma-rubber", "kk", 5, "Karaganda", "22.19", "61.61",
     "Ескі шиналардан резеңке ұнтақ және төсеніш",
     "Пайдаланылған шиналар ұсақталып, спорт алаңдарына және жол жабындарына арналған "
     "резеңке ұнтақ алынады.",
     "шина, резеңке ұнтақ, қайта өңдеу"),
    ("ma-silicon", "en", 4, "Karaganda", "24.45", "61.35",
     "Metallurgical silicon from quartzite",
     "Carbothermic reduction of local quartzite in a submerged arc furnace to silicon for "
     "aluminium alloys.",
     "silicon, quartzite, arc furnace"),
    ("ma-paint-voc", "ru", 8, "Almaty", "20.30", "61.61",
     "Водно-дисперсионные краски без растворителей",
     "Акриловые краски с низким содержанием летучих веществ для внутренних работ.",
     "краска, акрил, ЛОС"),
    ("ma-aerogel", "kk", 4, "Astana", "20.59", "61.35",
     "Кремний аэрогелі негізіндегі жылу оқшаулағыш",
     "Өте жеңіл аэрогель құбырлар мен пештердің жылу шығынын азайтады, жұқа қабатпен "
     "жағылады.",
     "аэрогель, жылу оқшаулау, кремний"),
    ("ma-anti-ice", "en", 4, "Astana", "20.30", "61.61",
     "Icephobic coating for power lines and towers",
     "A fluorinated nanostructured coating reduces ice adhesion on conductors so ice sheds "
     "in wind.",
     "icephobic, ice adhesion, power line"),
    ("ma-foam-glass", "ru", 6, "Kostanay", "23.19", "61.35",
     "Пеностекло из стеклобоя",
     "Гранулированное пеностекло для утепления фундаментов и кровель из отходов стекла.",
     "пеностекло, стеклобой, утеплитель"),
    ("ma-bio-resin", "kk", 5, "North Kazakhstan", "20.16", "61.61",
     "Рапс майынан алынған полимер шайыры",
     "Рапс майы негізіндегі шайыр бояу мен композиттерде мұнай шайырларының орнын басады.",
     "рапс, шайыр, биополимер"),
    ("ma-geosynth", "en", 7, "Pavlodar", "22.21", "61.61",
     "Geomembranes for tailings and landfill liners",
     "HDPE geomembranes and geotextiles with welding and leak testing service.",
     "geomembrane, HDPE, liner, leak testing"),
    ("ma-rust-conv", "ru", 5, "Aktobe", "20.30", "61.61",
     "Преобразователь ржавчины для ремонтной окраски",
     "Состав на основе танинов превращает продукты коррозии в стойкий слой, по которому "
     "можно красить без пескоструйной очистки.",
     "преобразователь ржавчины, ремонтная окраска, танины"),
]

REQUESTS = [
    ("ma-r-bags", "kk", 6, "Almaty", "22.22",
     "Дүкендерге пластик пакеттің орнына не ұсынамыз?",
     "Қалада жұқа пластик пакеттерге тыйым салынады, бізден балама сұрайды. Қазіргі "
     "жабдығымызда полиэтилен үрленеді.",
     "Полиэтилен пакеттер шығаратын зауыт, айына 300 тонна.",
     "Оксо-ыдырайтын қоспа, бірақ ол тыйымнан босатпайды.",
     "Компосттауға жарамды материал, қазіргі желіде аз өзгерістермен шығарылатын.",
     "ma-pla-en:2 ma-pla-kk:2 ma-recycle-ru:1 ma-bio-resin:1 ag-slowN-en:0 ot-packaging-food:1"),
    ("ma-r-steelrust", "en", 7, "Karaganda", "24.10",
     "Steel structures at our plant rust within three years",
     "Conveyor galleries and pipe racks painted with alkyd enamel show rust after two or "
     "three winters in the sulphurous plant atmosphere. Hot-dip galvanising is impossible for "
     "installed structures.",
     "A metallurgical plant with 40,000 t of steel structures.",
     "Alkyd and epoxy paint systems applied over hand-cleaned steel.",
     "A protection applied on site that lasts 15 years.",
     "ma-zinc-coat-ru:2 ma-coat-kk:1 ma-rust-conv:1 og-tank-coat:1 ma-paint-voc:0 "
     "og-inhib-ru:0"),
    ("ma-r-lining", "ru", 7, "Pavlodar", "24.10",
     "Футеровка печи выходит из строя через полгода",
     "Футеровка рудовосстановительной печи разрушается быстрее, чем раньше, и на замену "
     "уходит три недели простоя. Импортные огнеупоры подорожали вдвое.",
     "Ферросплавный завод.",
     "Огнеупоры разных поставщиков из Китая и Европы.",
     "Стойкость не меньше года и поставщик в Казахстане.",
     "ma-refr-ru:2 ma-refr-kk:2 ma-coat-en:0 ma-aerogel:0"),
    ("ma-r-ashcem", "kk", 6, "Pavlodar", "23.51",
     "Цементтің қымбаттауы және қожды үйінділер",
     "Бетон зауытында цемент бағасы екі жылда 40 %-ға өсті. Жақын маңда электр "
     "станцияларының күл үйінділері бар, бірақ оны пайдаланбаймыз.",
     "Тауарлық бетон зауыты.",
     "Пластификатор қосып, цемент мөлшерін азайттық.",
     "Беріктігі сақталып, цемент шығыны 20 %-ға азайсын.",
     "ma-ash-concrete:2 ma-graphene:1 mi-slag:1 ma-foam-glass:0 en-ash-use:1"),
    ("ma-r-wool", "en", 5, "Zhambyl", "13.10",
     "Coarse wool is burnt because nobody buys it",
     "Our sheep farms produce coarse and semi-coarse wool that processors refuse, so it is "
     "dumped or burnt every summer.",
     "An association of sheep farmers.",
     "Selling to a felt workshop that takes only small volumes.",
     "A product or process that turns several hundred tonnes a year into income.",
     "ma-keratin-ru:2 ma-felt-kk:2 me-wound-kk:1 ag-sheep-wool:0 og-sorb-kk:1 ot-yurt:1"),
    ("ma-r-slurry", "ru", 6, "Kostanay", "07.10",
     "Быстрый износ рабочих колёс шламовых насосов",
     "Колёса и футеровки насосов, перекачивающих пульпу, изнашиваются за 3 месяца, замена "
     "останавливает секцию.",
     "Обогатительная фабрика железной руды.",
     "Резиновые футеровки и колёса из износостойкого чугуна.",
     "Срок службы колёс не меньше девяти месяцев.",
     "ma-coat-en:2 ma-composite-en:0 ma-adhesive:0 mi-mill-liner:1"),
]

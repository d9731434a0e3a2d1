"""Water: hand-written offers and requests (see ../README.md)."""

FIELD = "water"

OFFERS = [
    ("wa-ro-solar", "en", 7, "Mangystau", "36.00", "70.25",
     "Solar-powered reverse osmosis units for villages",
     "Containerised membrane units turn brackish well water of 5–10 g/l into drinking water, "
     "powered by PV panels with a small battery. Output 20 m³ a day with remote monitoring of "
     "membrane fouling.",
     "reverse osmosis, brackish, solar, village water"),
    ("wa-desal-kk", "kk", 6, "Mangystau", "36.00", "70.25",
     "Каспий суын тұщыландырудың энергия үнемдейтін әдісі",
     "Мембраналық қондырғы энергия қайтару құрылғысымен бірге теңіз суын тұщыландыруға "
     "кететін электр шығынын 40 %-ға азайтады. Ақтау маңында тәжірибелік қондырғы жұмыс "
     "істейді.",
     "тұщыландыру, теңіз суы, мембрана, энергия қайтару"),
    ("wa-electrodial", "ru", 5, "Kyzylorda", "36.00", "70.25",
     "Электродиализная установка для солоноватых вод",
     "Электродиализ с реверсом полярности опресняет воду с высоким содержанием солей "
     "жёсткости без частой замены мембран.",
     "электродиализ, солоноватые воды, жёсткость"),
    ("wa-arsenic-ru", "ru", 7, "Kyzylorda", "36.00", "70.25",
     "Сорбент на основе гидроксида железа для удаления мышьяка",
     "Гранулированный сорбент снижает содержание мышьяка в воде скважин с 0,2 до менее "
     "0,01 мг/л. Загрузка фильтра работает до двух лет, отработанный сорбент не опасен.",
     "мышьяк, сорбент, питьевая вода, скважина"),
    ("wa-metal-kk", "kk", 6, "East Kazakhstan", "37.00", "70.25",
     "Өндірістік ағындардағы ауыр металдарды тұндыру",
     "Химиялық тұндыру мен мембраналық сүзу мырыш, кадмий және қорғасынды нормаға дейін "
     "жояды. Түсті металлургия кәсіпорындарына арналған.",
     "мырыш, кадмий, тұндыру, өндірістік ағын"),
    ("wa-iron", "en", 8, "North Kazakhstan", "36.00", "70.25",
     "Iron and manganese removal for rural water supply",
     "Aeration and catalytic filters remove iron and manganese from groundwater for "
     "villages and small towns.",
     "iron removal, manganese, groundwater, filter"),
    ("wa-drip-kk", "kk", 8, "Turkistan", "01.61", "70.27",
     "Отандық тамшылатып суару жүйелері",
     "Шымкентте шығарылатын тамшылатқыш таспалар мен сүзгілер мақта және көкөніс "
     "егістігінде суды 40 %-ға үнемдейді. Жобалау және орнату қызметі бар.",
     "тамшылатқыш таспа, мақта, көкөніс, су үнемдеу"),
    ("wa-soil-moist", "en", 6, "Almaty region", "01.61", "70.27",
     "Soil moisture probes that schedule irrigation",
     "Capacitance probes at three depths send readings to an app that tells the farmer when "
     "and how long to water each field.",
     "soil moisture, irrigation scheduling, probes"),
    ("wa-canal-ru", "ru", 6, "Zhambyl", "42.91", "70.27",
     "Противофильтрационная облицовка оросительных каналов",
     "Геомембрана с бетонной защитой снижает потери воды на фильтрацию в земляных каналах "
     "на 70 %.",
     "канал, фильтрация, облицовка, геомембрана"),
    ("wa-gate", "kk", 6, "Kyzylorda", "42.91", "70.27",
     "Суару арналарындағы су бөлуді автоматтандыру",
     "Қашықтан басқарылатын шлюздер мен су өлшеуіштер фермерлерге суды кесте бойынша әділ "
     "бөлуге мүмкіндік береді.",
     "шлюз, су өлшеу, автоматтандыру, су бөлу"),
    ("wa-mbr-en", "en", 7, "Astana", "37.00", "70.25",
     "Compact membrane bioreactor for municipal sewage",
     "An MBR plant treats sewage of small towns and resorts to effluent quality suitable for "
     "irrigation reuse, in a quarter of the footprint of conventional plants.",
     "MBR, sewage, reuse, small towns"),
    ("wa-ww-kk", "kk", 6, "Almaty region", "37.00", "70.25",
     "Шағын елді мекендерге арналған биологиялық тазарту станциясы",
     "Модульдік станция кәріз суларын биологиялық тазартып, өзенге ағызуға жарамды етеді. "
     "Электр шығыны аз, қызмет көрсету оңай.",
     "биологиялық тазарту, кәріз, модульдік станция"),
    ("wa-dairy-ww", "ru", 6, "North Kazakhstan", "37.00", "70.25",
     "Очистка сточных вод молочных заводов",
     "Анаэробно-аэробная схема с флотацией жиров снижает ХПК сточных вод в 20 раз и "
     "позволяет сбрасывать их в городскую канализацию без штрафов.",
     "молочный завод, ХПК, жиры, анаэробная очистка"),
    ("wa-flot", "ru", 8, "Karaganda", "37.00", "70.25",
     "Напорная флотация для очистки промышленных стоков от нефтепродуктов",
     "Флотатор с микропузырьками воздуха отделяет эмульгированные нефтепродукты и взвеси "
     "из сточных вод автопредприятий и депо.",
     "напорная флотация, нефтепродукты, стоки, депо"),
    ("wa-gw-kk", "kk", 6, "Akmola", "36.00", "70.27",
     "Жерасты суларының деңгейін автоматты бақылау желісі",
     "Бақылау ұңғымаларына орнатылған датчиктер су деңгейі мен тұздылығын күн сайын "
     "жібереді. Су қорын артық пайдалануды уақытында байқауға болады.",
     "бақылау ұңғымасы, су деңгейі, тұздылық"),
    ("wa-gw-model", "en", 5, "Almaty", "36.00", "70.27",
     "Groundwater flow modelling for well-field planning",
     "Numerical models of aquifers estimate sustainable abstraction and the risk of "
     "saltwater intrusion for new well fields.",
     "aquifer, modelling, abstraction, well field"),
    ("wa-leak-ru", "ru", 7, "Shymkent", "36.00", "70.25",
     "Поиск скрытых утечек в городских водопроводах",
     "Акустические логгеры на задвижках и корреляционный анализ определяют место утечки с "
     "точностью до метра, без раскопок.",
     "утечки, водопровод, акустика, потери воды"),
    ("wa-meter-kk", "kk", 7, "Astana", "26.51", "70.25",
     "Қашықтан оқылатын су есептегіштері",
     "Пәтерлердегі су есептегіштері көрсеткішті радио арқылы жібереді, шығынды "
     "талдауға мүмкіндік береді.",
     "су есептегіші, қашықтан оқу"),
    ("wa-uv", "en", 9, "Almaty", "36.00", "70.25",
     "UV disinfection of drinking water",
     "Ultraviolet reactors for water utilities replace chlorine dosing for bacteria "
     "inactivation.",
     "UV, disinfection, drinking water"),
    ("wa-sludge", "ru", 6, "Almaty", "37.00", "70.25",
     "Обезвоживание осадков очистных сооружений",
     "Шнековые дегидраторы снижают объём осадка в пять раз, осадок компостируется.",
     "осадок, обезвоживание, компост"),
    ("wa-lake", "kk", 5, "Kyzylorda", "36.00", "87.21",
     "Солтүстік Арал теңізінің экожүйесін қалпына келтіру",
     "Көл жүйелеріне су жіберу және балық қорын қалпына келтіру бойынша ғылыми сүйемелдеу.",
     "Арал, экожүйе, балық"),
    ("wa-fog", "en", 3, "Mangystau", "36.00", "70.25",
     "Fog and dew collectors for desert pastures",
     "Mesh collectors gather water from dew for livestock watering points in arid areas.",
     "dew collection, livestock watering, arid"),
    ("wa-coag", "ru", 7, "Pavlodar", "20.13", "70.25",
     "Коагулянт из отходов производства глинозёма",
     "Алюмосодержащий коагулянт для осветления речной воды на водопроводных станциях "
     "дешевле импортного сульфата алюминия.",
     "коагулянт, осветление, водопровод"),
    ("wa-mine-water", "en", 6, "Karaganda", "37.00", "70.25",
     "Passive treatment of acid mine drainage",
     "Limestone drains and constructed wetlands neutralise acidic mine water and capture "
     "metals without power.",
     "acid mine drainage, wetlands, neutralisation"),
    ("wa-rain", "kk", 6, "Almaty", "36.00", "70.27",
     "Қала аумағындағы жаңбыр суын жинау және пайдалану",
     "Жаңбыр суын жинайтын жерасты резервуарлары саябақтарды суаруға қолданылады.",
     "жаңбыр суы, резервуар, саябақ"),
]

REQUESTS = [
    ("wa-r-brackish", "ru", 6, "Mangystau", "36.00",
     "Сёлам нужна питьевая вода из солёных скважин",
     "В отдалённых сёлах района вода в скважинах солоноватая, жители возят питьевую воду "
     "цистернами за 80 км. Электросеть слабая.",
     "Отдел ЖКХ районного акимата, 12 сёл по 300–1 500 жителей.",
     "Бытовые фильтры, которые не справляются с солёностью.",
     "Вода по нормам СанПиН на месте, оборудование, которое может обслуживать местный техник.",
     "wa-ro-solar:2 wa-desal-kk:1 wa-electrodial:2 wa-fog:0 wa-iron:1"),
    ("wa-r-arsenic", "en", 6, "Kyzylorda", "36.00",
     "Arsenic above limits in village wells",
     "Tests found arsenic up to 20 times the drinking water limit in wells of several "
     "villages, and the sanitary service has ordered us to act.",
     "A regional water utility.",
     "Mixing with water from other wells, not possible everywhere.",
     "Arsenic below 0.01 mg/l with low operating cost and safe waste.",
     "wa-arsenic-ru:2 wa-metal-kk:1 wa-iron:1 me-brucell-human:0 wa-ro-solar:1"),
    ("wa-r-cotton", "kk", 6, "Turkistan", "01.13",
     "Мақта алқабына су жетпейді",
     "Канал суы кестемен беріледі және жылдан жылға азаяды, арықпен суару кезінде судың "
     "жартысы далада жоғалады. Өнім төмендеп барады.",
     "800 гектар мақта өсіретін шаруашылық.",
     "Суару кезектерін қысқарту, бірақ өнім азайды.",
     "Судың шығынын 30 %-ға азайтып, өнімді сақтау.",
     "wa-drip-kk:2 wa-soil-moist:2 wa-canal-ru:1 wa-gate:1 ag-slowN-kk:0"),
    ("wa-r-sewage", "en", 7, "Almaty region", "37.00",
     "A resort town's sewage overflows in summer",
     "In the holiday season the population of our lakeside town grows fivefold and the old "
     "lagoons overflow into the lake.",
     "A town utility on Lake Alakol.",
     "Emptying lagoons with trucks.",
     "Treatment that copes with the peak and meets discharge limits.",
     "wa-mbr-en:2 wa-ww-kk:2 wa-sludge:1 wa-rain:0"),
    ("wa-r-dairy", "kk", 6, "North Kazakhstan", "10.51",
     "Сүт зауытының ағынды суы үшін айыппұл",
     "Зауыттың ағынды суында май мен органикалық заттар көп, қалалық кәріз кәсіпорны "
     "айыппұл салады.",
     "Тәулігіне 200 тонна сүт өңдейтін зауыт.",
     "Май ұстағыш.",
     "Ағынды судың көрсеткіштері қалалық талапқа сай болуы.",
     "wa-dairy-ww:2 wa-flot:1 wa-ww-kk:1 ag-mastitis-kk:0 wa-mbr-en:1"),
    ("wa-r-leaks", "kk", 6, "Shymkent", "36.00",
     "Қалалық су құбырында судың 40 %-ы жоғалады",
     "Су тазарту станциясынан шыққан судың тек 60 %-ы ғана тұтынушыға жетеді. Ағып жатқан "
     "жерлер жер астында көрінбейді.",
     "Қалалық су шаруашылығы кәсіпорны.",
     "Апаттан кейінгі жөндеу.",
     "Жасырын ағындарды тауып, шығынды 25 %-ға дейін төмендету.",
     "wa-leak-ru:2 wa-meter-kk:1 og-leak-fibre:1 en-heat-network:0 wa-pipe-relining:1"),
    ("wa-r-aquifer", "ru", 5, "Akmola", "36.00",
     "Уровень воды в водозаборе падает",
     "За пять лет уровень подземных вод на городском водозаборе снизился на 6 метров, "
     "в двух скважинах выросла минерализация.",
     "Городской водоканал.",
     "Замеры уровня вручную раз в квартал.",
     "Понимать, сколько можно отбирать, и видеть изменения сразу.",
     "wa-gw-kk:2 wa-gw-model:2 wa-iron:0"),
]

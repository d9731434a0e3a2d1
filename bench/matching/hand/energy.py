"""Energy: hand-written offers and requests (see ../README.md)."""

FIELD = "energy"

OFFERS = [
    ("en-pv-dust", "en", 7, "Turkistan", "35.11", "44.41",
     "Waterless robotic cleaning of photovoltaic arrays",
     "Brush robots travel along module rows at night and remove dust without water, "
     "restoring 5–8 % of output lost to soiling in steppe and desert plants. A robot serves "
     "one row of 1 MW.",
     "PV soiling, cleaning robot, waterless, desert"),
    ("en-pv-kk", "kk", 6, "Kyzylorda", "35.11", "44.41",
     "Фотоэлектр станциялардың панельдерін шаңнан қорғайтын жабын",
     "Гидрофобты жабын панель бетіне шаң мен құмның жабысуын азайтады, тазалау арасындағы "
     "уақыт екі есе ұзарады. Шөлді аймақтарда сыналған.",
     "панель, шаң, гидрофобты жабын, шөл"),
    ("en-pv-cold", "ru", 8, "Akmola", "35.11", "44.41",
     "Двусторонние модули и трекеры для северных широт",
     "Двусторонние модули на одноосевых трекерах используют отражение от снега и дают на "
     "12–18 % больше выработки зимой в условиях Северного Казахстана.",
     "двусторонние модули, трекер, снег, выработка"),
    ("en-bess-ru", "ru", 7, "Almaty region", "35.12", "44.29",
     "Системы накопления энергии для сглаживания выдачи СЭС и ВЭС",
     "Литий-железо-фосфатные накопители мегаваттного класса с системой управления, которая "
     "выравнивает выдачу мощности в сеть и выполняет требования системного оператора.",
     "накопитель, LFP, сглаживание, системный оператор"),
    ("en-bess-en", "en", 6, "Astana", "35.12", "44.29",
     "Forecasting and dispatch software for wind and solar plants",
     "Day-ahead and intraday forecasts of plant output combined with battery dispatch "
     "reduce imbalance penalties by 60 %.",
     "forecast, imbalance, dispatch, renewables"),
    ("en-wind-ice", "kk", 5, "Akmola", "35.11", "44.41",
     "Жел турбинасы қалақтарын мұздан тазарту жүйесі",
     "Қалақтың ішіндегі жылыту элементтері мұз қатуын болдырмайды, қыста тоқтап қалу "
     "уақыты қысқарады.",
     "жел турбинасы, мұз, қалақ, қыс"),
    ("en-wind-en", "en", 8, "Zhetisu", "35.11", "44.41",
     "Wind resource assessment with lidar",
     "Ground lidar measures wind speed profiles up to 200 m for bankable energy yield "
     "studies of new wind farms.",
     "wind resource, lidar, energy yield"),
    ("en-coal-boiler-ru", "ru", 7, "Karaganda", "35.30", "44.31",
     "Модернизация угольных котлов с низкотемпературным вихревым сжиганием",
     "Перевод котла на вихревую топку позволяет сжигать экибастузский уголь с высокой "
     "зольностью при меньшем недожоге и выбросах оксидов азота. КПД растёт на 3–5 %.",
     "вихревая топка, котёл, зольный уголь, КПД"),
    ("en-coal-kk", "kk", 6, "Pavlodar", "35.30", "44.31",
     "Қазандық агрегаттарды жағу режимін оңтайландыру",
     "Түтін газдарындағы оттегі мен көміртек оксидін өлшейтін датчиктер бойынша басқару "
     "жүйесі ауа беруді реттейді, отын шығыны 4 %-ға азаяды.",
     "жағу режимі, оттегі, отын үнемдеу, қазандық"),
    ("en-heat-network", "en", 7, "Pavlodar", "35.30", "44.31",
     "Pre-insulated pipes and leak monitoring for district heating",
     "Polyurethane-insulated pipes with a wire alarm system cut heat losses in city heating "
     "networks by half and locate wet insulation before it fails.",
     "district heating, pre-insulated pipe, heat loss"),
    ("en-heatpump-kk", "kk", 6, "Almaty", "35.30", "44.31",
     "Ауа-су жылу сорғылары суық климатқа арналған",
     "−25 °C-қа дейін жұмыс істейтін жылу сорғылары жеке үйлер мен мектептерді жылытады, "
     "көмір пешінен бас тартуға мүмкіндік береді.",
     "жылу сорғысы, суық климат, мектеп, жылыту"),
    ("en-hydrogen-en", "en", 4, "Mangystau", "35.21", "44.41",
     "PEM electrolyser stack made with local components",
     "A 100 kW electrolyser stack for green hydrogen from wind power on the Caspian coast.",
     "electrolyser, green hydrogen, PEM"),
    ("en-grid-loss-ru", "ru", 7, "Zhambyl", "35.13", "44.29",
     "Выявление коммерческих потерь в распределительных сетях",
     "Балансы по фидерам с учётом интеллектуальных счётчиков и анализ аномалий "
     "потребления указывают трансформаторные подстанции с хищениями электроэнергии.",
     "коммерческие потери, фидер, хищения, счётчики"),
    ("en-grid-kk", "kk", 6, "Turkistan", "35.13", "44.29",
     "Таратушы желілердегі техникалық шығынды азайту",
     "Трансформаторларды жүктеме бойынша қайта бөлу және реактивті қуатты өтеу құрылғылары "
     "0,4–10 кВ желілердегі шығынды 20 %-ға төмендетеді.",
     "техникалық шығын, реактивті қуат, трансформатор"),
    ("en-line-fault", "en", 7, "East Kazakhstan", "35.12", "44.29",
     "Fault locators for overhead lines",
     "Clip-on sensors on 10 kV overhead lines tell the dispatcher which span has the fault, "
     "so crews do not patrol the whole line.",
     "fault locator, overhead line, outage"),
    ("en-biogas", "ru", 7, "Turkistan", "35.21", "44.41",
     "Биогазовые установки для животноводческих ферм",
     "Метантенк перерабатывает навоз в биогаз для отопления и электроэнергии, остаток — "
     "удобрение.",
     "биогаз, навоз, ферма, метантенк"),
    ("en-micro-hydro", "kk", 7, "Zhetisu", "35.11", "44.41",
     "Тау өзендеріне арналған шағын су электр станциялары",
     "Бөгетсіз шағын ГЭС алыс ауылдарды электрмен қамтамасыз етеді.",
     "шағын ГЭС, тау өзені, ауыл"),
    ("en-offgrid", "en", 8, "Karaganda", "35.11", "44.41",
     "Solar-diesel hybrid power for remote sites",
     "Containerised PV, batteries and a controller reduce diesel use at camps and "
     "telecom sites by 60–80 %.",
     "hybrid, off-grid, diesel saving, remote camp"),
    ("en-building", "ru", 8, "Astana", "43.29", "44.31",
     "Энергоаудит и автоматизация тепловых пунктов зданий",
     "Погодозависимое регулирование индивидуальных тепловых пунктов снижает потребление тепла "
     "школ и больниц на 15–25 %.",
     "тепловой пункт, энергоаудит, регулирование"),
    ("en-led-street", "kk", 8, "Shymkent", "27.40", "44.29",
     "Көшелерді жарықдиодты шамдармен жарықтандыру және басқару",
     "Ақылды көше шамдары түнде жарықтықты азайтып, электр тұтынуды 60 %-ға қысқартады.",
     "көше жарығы, жарықдиод, басқару"),
    ("en-ash-use", "en", 6, "Pavlodar", "35.30", "44.31",
     "Ash and slag utilisation from coal power plants",
     "Bottom ash processed into aggregates and fly ash classified for cement, reducing ash "
     "ponds.",
     "ash pond, fly ash, aggregates"),
    ("en-transformer", "ru", 6, "Karaganda", "35.12", "44.29",
     "Онлайн-мониторинг силовых трансформаторов",
     "Анализ растворённых газов в масле и температур предупреждает о развитии дефекта "
     "трансформатора.",
     "трансформатор, масло, растворённые газы, мониторинг"),
    ("en-solar-heat", "kk", 6, "Kyzylorda", "35.30", "44.41",
     "Күн коллекторлары арқылы ыстық сумен қамту",
     "Вакуумды күн коллекторлары жазда ыстық судың толық қажеттілігін өтейді.",
     "күн коллекторы, ыстық су"),
    ("en-peat-briq", "en", 6, "Kostanay", "16.29", "44.31",
     "Fuel briquettes from straw and sawdust",
     "Briquettes from crop residues replace coal in rural boilers.",
     "briquettes, straw, biomass fuel"),
]

REQUESTS = [
    ("en-r-soiling", "kk", 6, "Turkistan", "35.11",
     "Күн станциясының өндірісі шаңнан төмендейді",
     "Біздің 50 МВт станцияда жазда панельдер шаң мен құмға көміліп, өндіріс 10 %-ға дейін "
     "азаяды. Жуу үшін суды алыстан тасимыз.",
     "Түркістан облысындағы фотоэлектр станциясы.",
     "Жылжымалы су цистернасымен қолмен жуу, айына бір рет.",
     "Судың шығынынсыз тазалау және шығынның 2 %-дан аспауы.",
     "en-pv-dust:2 en-pv-kk:2 en-pv-cold:0 mi-road-kk:0"),
    ("en-r-boiler", "en", 7, "Karaganda", "35.30",
     "Our coal boilers burn more fuel than design",
     "Three boilers of our heating plant burn 12 % more coal per gigacalorie than their "
     "design, with unburnt carbon in the ash and high NOx.",
     "A municipal combined heat and power plant burning high-ash coal.",
     "Burner tuning by the boiler vendor, which did not last.",
     "Fuel consumption back to design and emissions within the new limits.",
     "en-coal-boiler-ru:2 en-coal-kk:2 en-ash-use:0 en-peat-briq:0 en-chp-control:1"),
    ("en-r-losses", "ru", 6, "Zhambyl", "35.13",
     "Потери в распределительной сети 18 %",
     "РЭК теряет почти пятую часть электроэнергии между подстанцией и потребителем. Регулятор "
     "не включает такие потери в тариф.",
     "Региональная электросетевая компания, 12 000 км линий 0,4–10 кВ.",
     "Рейды по выявлению хищений и замена части счётчиков.",
     "Снижение потерь до 10 % за три года с понятным списком мероприятий.",
     "en-grid-loss-ru:2 en-grid-kk:2 it-energy-meter:1 en-line-fault:1 en-transformer:1"),
    ("en-r-balance", "en", 7, "Almaty region", "35.11",
     "Imbalance penalties for our solar plant",
     "Since the balancing market started we pay penalties whenever actual output deviates "
     "from the schedule, especially on cloudy days.",
     "A 100 MW solar plant.",
     "Schedules from a simple clear-sky model.",
     "Penalties cut by at least half.",
     "en-bess-ru:2 en-bess-en:2 en-offgrid:0 en-pv-cold:0"),
    ("en-r-heatloss", "kk", 6, "Pavlodar", "35.30",
     "Жылу желілеріндегі шығын және жиі апаттар",
     "Қаланың жылу құбырлары тозған, оқшаулағышы су болып, жылудың үштен бірі жерге "
     "кетеді. Қыста құбыр жарылып, аудандар жылусыз қалады.",
     "Қалалық жылу желілері кәсіпорны.",
     "Апатты учаскелерді ауыстыру.",
     "Жылу шығынын екі есе азайту және жарылуды алдын ала білу.",
     "en-heat-network:2 en-building:1 ma-aerogel:1 ma-felt-kk:0"),
    ("en-r-village", "ru", 6, "East Kazakhstan", "35.11",
     "Удалённый посёлок без надёжного электроснабжения",
     "Посёлок в горах питается от длинной линии 10 кВ, которая часто отключается зимой. "
     "Дизель-генератор дорог в эксплуатации.",
     "Акимат района.",
     "Дизель-генератор на время аварий.",
     "Электроснабжение без перерывов дольше часа и дешевле дизеля.",
     "en-offgrid:2 en-micro-hydro:2 en-line-fault:1 en-bess-ru:1 en-heatpump-kk:0"),
]

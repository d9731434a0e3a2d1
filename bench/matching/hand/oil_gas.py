"""Oil and gas: hand-written offers and requests (see ../README.md)."""

FIELD = "oil_gas"

OFFERS = [
    ("og-polymer-flood", "en", 7, "Atyrau", "06.10", "52.47",
     "Salt-tolerant polymer flooding for mature fields",
     "A sulfonated polyacrylamide keeps its viscosity in reservoir brines up to 200 g/l, "
     "improving sweep of the injected water. In a pilot pattern, water cut fell from 94 to 86 % "
     "and incremental production paid back the chemicals in 14 months.",
     "polymer flooding, sweep efficiency, water cut, brine"),
    ("og-eor-kk", "kk", 5, "Mangystau", "06.10", "52.47",
     "Жоғары тұтқыр мұнайды өндіруге арналған бу-жылу әсері",
     "Қабатқа циклдік бу айдау тұтқыр мұнайдың қозғалғыштығын арттырады. Маңғыстаудағы "
     "тәжірибелік учаскеде ұңғыма өнімі екі есе өсті.",
     "бу айдау, тұтқыр мұнай, қабат, ұңғыма өнімі"),
    ("og-gel-ru", "ru", 6, "Atyrau", "06.10", "52.47",
     "Потокоотклоняющие гелевые составы для обводнённых скважин",
     "Сшитые гелеобразующие составы закачиваются в нагнетательные скважины и перекрывают "
     "промытые высокопроницаемые каналы. Вода идёт в нетронутые зоны пласта, добывающие "
     "скважины дают больше нефти при меньшей обводнённости.",
     "выравнивание профиля приёмистости, гель, обводнённость, пласт"),
    ("og-paraffin-ru", "ru", 7, "Mangystau", "06.10", "52.47",
     "Депрессорная присадка против отложений в НКТ",
     "Присадка снижает температуру застывания высокопарафинистой нефти Мангышлака и не даёт "
     "восковым кристаллам прилипать к стенкам труб. Межочистной период скважин вырос с 10 до "
     "45 суток.",
     "депрессорная присадка, высокопарафинистая нефть, НКТ, межочистной период"),
    ("og-wax-heat-en", "en", 8, "Mangystau", "06.10", "52.47",
     "Downhole heating cable for waxy crude wells",
     "A self-regulating cable inside the tubing keeps the crude above its wax appearance "
     "temperature along the first 1,200 m. Hot oiling and scraping are no longer needed.",
     "heating cable, waxy crude, tubing, flow assurance"),
    ("og-wax-kk", "kk", 5, "Atyrau", "06.10", "52.47",
     "Құбырлардағы балауыз шөгінділерін ерітетін еріткіш",
     "Жергілікті газ конденсатынан дайындалған еріткіш сорғы-компрессорлық құбырлардағы "
     "шөгінділерді тоқтатпай жуып шығарады. Ыстық мұнаймен өңдеуге қарағанда арзан.",
     "еріткіш, шөгінді, газ конденсаты, жуу"),
    ("og-inhib-ru", "ru", 7, "Atyrau", "49.50", "52.47",
     "Ингибитор углекислотной коррозии для промысловых трубопроводов",
     "Ингибитор плёночного типа защищает внутреннюю стенку выкидных линий и нефтесборных "
     "коллекторов при высоком содержании CO2 и пластовой воды. Скорость коррозии снижается "
     "до 0,05 мм/год.",
     "ингибитор, выкидные линии, CO2, пластовая вода"),
    ("og-pig-en", "en", 8, "West Kazakhstan", "49.50", "52.47",
     "Smart pigging and wall-loss assessment",
     "Magnetic flux leakage tools run through the line and map metal loss, dents and "
     "cracks; our engineers grade each defect and plan repairs before a leak.",
     "in-line inspection, MFL, wall thickness, integrity"),
    ("og-liner-kk", "kk", 6, "Kyzylorda", "49.50", "52.47",
     "Болат құбырларды ішінен полимер қаптамамен қалпына келтіру",
     "Тозған құбырдың ішіне полиэтилен қабық тартылып, оны қазбай-ақ жөндеуге болады. "
     "Қаптама тұзды су мен мұнайдың агрессивті әсеріне төзімді.",
     "полиэтилен қабық, құбыр жөндеу, траншеясыз"),
    ("og-h2s-ru", "ru", 6, "Atyrau", "06.20", "61.51",
     "Абсорбционная очистка попутного газа от сероводорода",
     "Раствор на основе метилдиэтаноламина с активатором селективно поглощает H2S на малых "
     "установках, где аминовая очистка слишком дорога. Газ доводится до требований для "
     "собственной генерации.",
     "сероводород, попутный газ, амин, очистка"),
    ("og-sulfur-en", "en", 5, "Atyrau", "20.13", "61.51",
     "Sulphur concrete from refinery by-product sulphur",
     "Elemental sulphur stockpiled at gas plants is blended with fillers into a concrete "
     "that sets in hours and resists acids. Suitable for paving and precast units.",
     "sulphur concrete, stockpile, precast"),
    ("og-flare-kk", "kk", 6, "Aktobe", "06.20", "61.51",
     "Ілеспе газды алауда жақпай, электр энергиясына айналдыру",
     "Шағын газ-поршеньді қондырғылар кен орнында ілеспе газды жағып, электр береді. Газ "
     "алдын ала күкіртсутектен тазартылады.",
     "ілеспе газ, алау, генерация, газ-поршеньді"),
    ("og-bioremed-ru", "ru", 7, "Atyrau", "39.00", "87.21",
     "Биоремедиация замазученных грунтов",
     "Консорциум углеводородокисляющих бактерий с внесением минерального питания и рыхлением "
     "снижает содержание нефтепродуктов в грунте с 50 до 1 г/кг за два сезона. Подходит для "
     "засолённых почв Прикаспия.",
     "биоремедиация, нефтепродукты, грунт, бактерии"),
    ("og-sludge-en", "en", 6, "Mangystau", "39.00", "87.21",
     "Thermal desorption of oily sludge",
     "An indirect-fired unit separates oil and water from tank bottoms and pit sludge; the oil "
     "goes back to the process and the solids meet limits for reuse as fill.",
     "oily sludge, thermal desorption, tank bottoms"),
    ("og-sorb-kk", "kk", 7, "Mangystau", "39.00", "87.21",
     "Теңізде төгілген мұнайды жинайтын сорбент",
     "Жүн мен өсімдік қалдықтарынан жасалған сорбент өз салмағынан 15 есе көп мұнай сіңіреді "
     "және суда батпайды. Каспий жағалауындағы апаттарға арналған.",
     "сорбент, теңіз, төгілу, Каспий"),
    ("og-drill-mud", "ru", 8, "Aktobe", "09.10", "52.47",
     "Ингибированный буровой раствор для глинистых разрезов",
     "Калий-полимерный раствор предотвращает набухание глин и осложнения ствола при "
     "бурении. Сокращает время на проработки и аварийность.",
     "буровой раствор, глины, устойчивость ствола"),
    ("og-cuttings-kk", "kk", 6, "Atyrau", "09.10", "87.21",
     "Бұрғылау шламын залалсыздандыру",
     "Бұрғылау қалдықтары цементпен және сорбентпен араластырылып, жол салуға жарамды "
     "инертті материалға айналады.",
     "бұрғылау шламы, залалсыздандыру, қалдық"),
    ("og-sand", "en", 7, "Kyzylorda", "06.10", "52.47",
     "Sand control screens for unconsolidated reservoirs",
     "Wire-wrapped and ceramic screens hold back formation sand while keeping productivity; "
     "fewer pump failures from sand.",
     "sand control, screens, pump wear"),
    ("og-esp-ai", "ru", 6, "Aktobe", "62.01", "52.47",
     "Прогноз отказов ЭЦН по данным телеметрии",
     "Модель по току, вибрации и давлению на приёме насоса предсказывает отказ погружного "
     "насоса за 5–10 суток, чтобы заранее планировать подземный ремонт.",
     "ЭЦН, телеметрия, прогноз отказа, подземный ремонт"),
    ("og-scale", "kk", 6, "Mangystau", "06.10", "52.47",
     "Ұңғымалардағы тұз шөгуінің ингибиторы",
     "Фосфонат негізіндегі ингибитор қабат суынан кальций карбонатының шөгуін тоқтатады. "
     "Сорғылардың тұзбен бітелуі азаяды.",
     "тұз шөгуі, ингибитор, кальций карбонаты"),
    ("og-leak-fibre", "en", 7, "West Kazakhstan", "49.50", "52.47",
     "Acoustic fibre leak detection along pipelines",
     "A fibre optic cable laid with the line hears a leak or third-party digging and locates "
     "it within 10 m. Operators get an alarm within a minute.",
     "leak detection, distributed acoustic sensing, pipeline"),
    ("og-refinery-cat", "ru", 5, "Pavlodar", "19.20", "61.51",
     "Катализатор гидроочистки дизельного топлива",
     "Никель-молибденовый катализатор на модифицированном носителе доводит содержание серы в "
     "дизеле до 10 ppm при более низкой температуре процесса.",
     "гидроочистка, катализатор, дизель, сера"),
    ("og-produced-water", "en", 6, "Atyrau", "06.10", "52.47",
     "Treating produced water for reinjection",
     "Flotation and walnut shell filters bring oil in produced water below 10 mg/l so it can "
     "be reinjected without plugging the reservoir.",
     "produced water, reinjection, oil in water"),
    ("og-seismic", "kk", 7, "Aktobe", "09.10", "52.47",
     "Сейсмикалық деректерді жасанды интеллектпен түсіндіру",
     "Нейрондық желі сейсмикалық кубтағы жарылымдар мен коллекторларды геологқа қарағанда "
     "бірнеше есе жылдам белгілейді.",
     "сейсмика, түсіндіру, коллектор, жарылым"),
    ("og-gas-dehyd", "ru", 8, "West Kazakhstan", "06.20", "61.51",
     "Осушка газа твёрдыми адсорбентами",
     "Цеолитовые адсорбенты обеспечивают точку росы газа −60 °C и предотвращают образование "
     "гидратов в зимний период.",
     "осушка газа, гидраты, цеолит, точка росы"),
    ("og-hydrate-en", "en", 6, "West Kazakhstan", "06.20", "61.51",
     "Kinetic hydrate inhibitor for gas gathering lines",
     "A low-dose polymer delays hydrate plugs in wet gas lines in winter at a fraction of the "
     "methanol volume.",
     "hydrate, inhibitor, methanol, gathering line"),
    ("og-tank-coat", "kk", 8, "Atyrau", "20.30", "52.47",
     "Мұнай резервуарларының ішкі қорғаныс бояуы",
     "Эпоксидті жабын резервуар түбін тат басудан қорғайды, қызмет мерзімі 15 жыл.",
     "резервуар, эпоксид, бояу, тат"),
    ("og-oil-dust", "ru", 7, "Atyrau", "08.12", "87.21",
     "Пылеподавление на промысловых дорогах отработанными маслами",
     "Обработка грунтовых дорог месторождений переработанными маслами снижает пыление. "
     "Требует экологического согласования.",
     "промысловые дороги, пыление, масла"),
]

REQUESTS = [
    ("og-r-watercut", "kk", 6, "Atyrau", "06.10",
     "Кен орнының сулануы 90 %-дан асты",
     "Суландыру жүйесі көп жыл жұмыс істеген соң айдалған су өткізгіш қабаттар арқылы тікелей "
     "өндіру ұңғымаларына келеді. Бір тонна мұнайға тоғыз тонна су шығады.",
     "Атырау облысындағы ескі кен орны, 400 ұңғыма.",
     "Гидравликалық жару және ұңғымаларды тоқтату, нәтиже қысқа мерзімді.",
     "Суланудың төмендеуі және қосымша өнім, екі жылда шығынды өтейтін әдіс.",
     "og-polymer-flood:2 og-gel-ru:2 og-eor-kk:1 og-produced-water:1 og-scale:0"),
    ("og-r-wax", "en", 6, "Mangystau", "06.10",
     "Wells choke with wax every ten days",
     "Our crude solidifies at +30 °C and deposits build up in the tubing until flow stops; "
     "crews do hot oil treatments every ten days.",
     "An operator of 600 rod-pumped wells in Mangystau.",
     "Mechanical scrapers and hot oiling with a truck; both cost downtime.",
     "At least 40 days between cleanings, with no new equipment downhole if possible.",
     "og-paraffin-ru:2 og-wax-heat-en:2 og-wax-kk:2 og-scale:1 og-sludge-en:0"),
    ("og-r-corr", "ru", 7, "Atyrau", "49.50",
     "Порывы выкидных линий из-за внутренней коррозии",
     "За год на промысле было 60 порывов нефтесборных трубопроводов, почти все — язвы по "
     "нижней образующей, где скапливается подтоварная вода с растворённым CO2.",
     "Нефтедобывающее предприятие, 800 км промысловых трубопроводов.",
     "Замена участков труб, ингибитор импортный, эффект нестабильный.",
     "Снизить порывы вдвое и знать, какие участки заменить первыми.",
     "og-inhib-ru:2 og-pig-en:2 og-liner-kk:2 og-leak-fibre:1 og-tank-coat:1 og-scale:0"),
    ("og-r-h2s", "en", 5, "Atyrau", "06.20",
     "Sour associated gas on a small field is flared",
     "The associated gas contains 2 % H2S, so it cannot feed our gas engines and we flare "
     "it; fines for flaring are rising.",
     "A small oil producer with 3 million m3 of associated gas per month.",
     "A quote for a full amine unit was too expensive for our volume.",
     "Use the gas for on-site power within regulatory limits at a cost we can carry.",
     "og-h2s-ru:2 og-flare-kk:2 og-gas-dehyd:1 og-sulfur-en:0 og-lpg-en:1"),
    ("og-r-soil", "kk", 6, "Atyrau", "39.00",
     "Мұнаймен ластанған жерлерді қалпына келтіру",
     "Кеңес кезінен қалған бірнеше гектар жер мұнаймен қаныққан, экология департаменті "
     "тазартуды талап етеді. Топырақ тұзды, ауа райы ыстық әрі құрғақ.",
     "Атырау маңындағы мұнай өндіруші компания.",
     "Ластанған топырақты полигонға шығару өте қымбатқа түсті.",
     "Екі маусымда нормаға жеткізу және жерді жайылымға қайтару.",
     "og-bioremed-ru:2 og-sludge-en:1 og-cuttings-kk:1 og-sorb-kk:0"),
    ("og-r-esp", "en", 6, "Aktobe", "06.10",
     "Submersible pumps fail without warning",
     "Electric submersible pumps run 280 days on average and then fail suddenly; each "
     "failure means a workover rig and two weeks of lost production.",
     "An oil company with 350 ESP wells.",
     "Vendor monitoring shows data but gives no forecast.",
     "A warning at least five days before failure for most failures.",
     "og-esp-ai:2 og-sand:1 og-scale:1 og-seismic:0 it-vib-en:1"),
    ("og-r-hydrate", "ru", 6, "West Kazakhstan", "06.20",
     "Зимой газосборные шлейфы забиваются гидратами",
     "При температуре ниже −15 °C в шлейфах образуются гидратные пробки, скважины "
     "останавливаются. Метанола уходит много, и его доставка дорога.",
     "Газоконденсатное месторождение, 120 км шлейфов.",
     "Закачка метанола и подогрев отдельных участков.",
     "Без пробок всю зиму и вдвое меньше расхода реагента.",
     "og-hydrate-en:2 og-gas-dehyd:2 og-wax-heat-en:1"),
]

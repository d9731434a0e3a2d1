"""Third batch of held-out requests: 15 requests (5 in Kazakh, 5 in Russian, 5 in English) over
nine fields, written and graded by a helper session that had not seen the ranker, the glossary
(``consortium/glossary*.py``), the stemmer, the search code or any results (``results.json``,
``evaluate``). The helper read the 300 offers of the other hand modules itself, chose problems
that existing offers solve and that no earlier request had as its subject, wrote each request in
the enterprise's words (the problem and what fails, not the name of the technology), and graded
every offer of the request's field and the neighbouring ones by meaning, all before the ranker
was run on the batch. Every offer graded 2 is in another language than the request. No offers
here."""

BY_FIELD = {
    "mining": ([], [
        ("ho3-blast", "kk", 7, "Kostanay", "07.10",
         "Жарылыстан кейін үлкен тастар көп, сулы ұңғымаларда заряд істемейді",
         "Карьердің төменгі горизонттарында бұрғыланған ұңғымаларға жерасты суы жиналады да, "
         "біз салатын селитра мен дизель қоспасы суда еріп, заряд толық жарылмайды. Жарылыстан "
         "кейін экскаватор көтере алмайтын үлкен тастар көп қалады, оларды қайта жаруға уақыт "
         "пен ақша кетеді.",
         "Темір кенін ашық әдіспен өндіретін карьер, жылына 30 млн текше метр тау жынысы.",
         "Заряд алдында ұңғымадағы суды сорып шығару және зарядты полиэтилен қапқа салу; бұл "
         "баяу, әрі су бәрібір өтеді.",
         "Сулы ұңғымаларда да сенімді жарылатын заряд, біркелкі ұсақталған тау жынысы және бір "
         "текше метрге кететін жарылғыш заттың азаюы.",
         "mi-blast:2 mi-drill-bit:0 mi-dewater:0"),
        ("ho3-heapwinter", "en", 6, "Akmola", "07.29",
         "Our gold heaps stand idle five months a year",
         "From November to March the leach pads freeze: the drip lines and pipes ice up, the top "
         "of the heap crusts over and the solution stops reaching the ore. We keep stacking ore "
         "all winter but recover almost no gold until spring.",
         "A gold mine with a 2 Mt a year heap leach operation in the north of the country.",
         "Burying the drip lines under a layer of ore and raising the cyanide strength in autumn.",
         "Leaching that keeps running through the winter at close to the summer recovery.",
         "mi-heap-cold:2 mi-tail-gold-kk:0 mi-thio-kk:0"),
    ]),
    "agriculture": ([], [
        ("ho3-poultry", "kk", 5, "Akmola", "01.47",
         "Құс жеміндегі ақуыз тым қымбаттап кетті",
         "Бройлер жемінің ақуызы негізінен шетелден әкелінетін соя күнжарасынан келеді. Бір "
         "жылда оның бағасы екі есе өсті, жем өзіндік құнның үштен екісін құрайды, ал жеткізу "
         "жиі кешігеді.",
         "Жылына 8 мың тонна құс етін шығаратын бройлер фабрикасы.",
         "Сояның бір бөлігін күнбағыс күнжарасымен алмастырдық, бірақ балапандардың салмақ "
         "қосуы баяулады.",
         "Сояның орнын басатын, елде өндірілетін ақуызды жем, құстың өсуі төмендемей.",
         "ag-insect-protein:2 ag-feed:1 ag-poultry-vacc:0 ot-meat-proc:0"),
        ("ho3-weeds", "en", 6, "Kostanay", "01.11",
         "We pay to spray herbicide on clean ground",
         "Weeds on our fields grow in patches: along the edges, in hollows and where old "
         "farmsteads stood. The sprayers still put the full rate on every hectare, and after "
         "fuel the herbicide is our largest bill.",
         "A grain farm, 38,000 hectares of spring wheat and barley.",
         "Agronomists walked the fields and marked the weedy patches for separate passes; far "
         "too slow for our area.",
         "Herbicide goes only onto the weeds, and the chemical bill is halved without losing "
         "control.",
         "ag-weed:2 ag-tractor-auto:1 ag-soil-map:0 ag-locust-drone:0"),
    ]),
    "oil_gas": ([], [
        ("ho3-clay", "kk", 7, "Mangystau", "09.10",
         "Саз қабаттарын бұрғылағанда құбыр қысылып қалады",
         "1200–1800 метр аралығындағы саз қабаттарына жеткенде ұңғыма қабырғасы ісініп, опырыла "
         "бастайды, бұрғылау тізбегі қысылып қалады. Әр ұңғымада оқпанды қайта тазалауға екі-үш "
         "тәулік кетеді, биыл екі рет апат болды.",
         "Мұнай ұңғымаларын бұрғылайтын мердігер компания, жылына 40 ұңғыма.",
         "Жуу сұйықтығының тығыздығын арттырдық, бірақ саз бәрібір ісінеді.",
         "Саз қабаттарынан оқпан тұрақты өтеді, құбыр қысылмайды, бұрғылау уақыты қысқарады.",
         "og-drill-mud:2 og-cuttings-kk:0 og-well-integrity:0"),
        ("ho3-pipeline", "ru", 7, "Atyrau", "49.50",
         "Нефтепровод ржавеет снаружи",
         "Трубопровод длиной 240 км проложен 35 лет назад по солончакам; изоляционная лента "
         "отстала, и труба изъедена снаружи. За прошлый год было два свища через наружные язвы, "
         "о каждом узнали только по пятну нефти на земле. Установки защиты от коррозии, "
         "поставленные ещё при строительстве, наполовину не работают, обходчики проверяют их раз "
         "в месяц.",
         "Оператор нефтепровода от промыслов до станции налива.",
         "Вырезка и замена участков трубы после каждого свища, ремонт изоляции в шурфах.",
         "Наружная стенка трубы перестаёт корродировать, а неисправность защиты видна из "
         "диспетчерской без объезда трассы.",
         "og-cathodic:2 og-pig-en:1 og-leak-fibre:1 og-inhib-ru:0 ma-zinc-coat-ru:0"),
    ]),
    "medicine": ([], [
        ("ho3-endoscope", "kk", 8, "Turkistan", "86.10",
         "Эндоскоптарды өңдеу ұзаққа созылады, науқастар кезекте тұрады",
         "Иілгіш эндоскоптар мен лапароскопия оптикасын бу автоклавына салуға болмайды, ыстыққа "
         "шыдамайды. Қазір оларды химиялық ерітіндіге бірнеше сағат батырамыз; эндоскоп аз, ал "
         "санитарлық қызмет зерттеулер арасында инфекция жұғу қаупі бар деп ескерту жасады.",
         "Облыстық көпсалалы аурухана, тәулігіне 40 эндоскопиялық зерттеу.",
         "Тағы екі эндоскоп сатып алдық, бірақ өңдеу кезегі сол күйінде қалды.",
         "Жылуға сезімтал құралдарды бүлдірмей, бір сағатқа жетпей толық зарарсыздандыру.",
         "me-sterile:2 ma-nano-silver:0 me-phage:0"),
        ("ho3-insulin", "ru", 5, "Shymkent", "86.10",
         "Дети с диабетом 1 типа делают по шесть уколов в день",
         "У нас на учёте 350 детей с сахарным диабетом 1 типа. Инсулин им вводят шприц-ручками "
         "5–6 раз в день; в школе уколы пропускают или делают не вовремя, сахар скачет, и каждый "
         "месяц несколько детей попадают к нам с ночными гипогликемиями или кетоацидозом.",
         "Областная детская больница, эндокринологическое отделение.",
         "Школьные медсёстры, дневники самоконтроля, обучение родителей.",
         "Инсулин поступает ребёнку сам, ровно в течение суток, без многократных уколов, и по "
         "цене, которую может оплатить бюджет.",
         "me-insulin-pump:2 me-glucose-en:1 me-diab-kk:1 me-diab-foot:0"),
    ]),
    "it": ([], [
        ("ho3-phishing", "ru", 8, "Almaty", "46.73",
         "Бухгалтерия платит по поддельным письмам",
         "Дважды за полгода бухгалтер перевёл деньги по письму якобы от директора и от "
         "постоянного поставщика: адрес отличался одной буквой, реквизиты были новые. Каждый "
         "день сотрудникам приходят десятки писем со ссылками и вложениями, которые просят "
         "ввести пароль.",
         "Оптовая торговля строительными материалами, 120 сотрудников, почта в облаке.",
         "Инструктаж сотрудников и антивирус на компьютерах; письма всё равно доходят.",
         "Поддельные и опасные письма отсеиваются до того, как их увидят сотрудники.",
         "it-email-sec:2 it-soc-en:1 it-doc-ocr:0 it-erp-kk:0"),
    ]),
    "materials": ([], [
        ("ho3-rebar", "ru", 6, "Mangystau", "43.99",
         "Фундаменты разрушаются в солёных грунтах: сталь внутри бетона ржавеет",
         "Грунты и грунтовые воды на наших площадках сильно засолены. Через 8–10 лет на сваях и "
         "ростверках появляются ржавые потёки, защитный слой бетона отваливается кусками, а "
         "стальные прутья каркаса внутри истончаются.",
         "Строительная компания: промышленные и жилые объекты, свайные фундаменты, подпорные "
         "стены.",
         "Сульфатостойкий цемент и обмазочная битумная гидроизоляция; хватает на несколько лет.",
         "Фундаменты, в которых нечему ржаветь, со сроком службы 50 лет в солёном грунте.",
         "ma-basalt:2 ma-graphene:1 ma-composite-en:0 ma-coat-kk:0"),
    ]),
    "energy": ([], [
        ("ho3-streetlight", "ru", 8, "Karaganda", "35.13",
         "Уличное освещение съедает бюджет города",
         "В городе 14 тысяч фонарей с натриевыми лампами, они всю ночь горят на полную мощность, "
         "даже когда улицы пусты. Освещение — самая большая статья расходов акимата на "
         "электроэнергию, а лампы перегорают через два-три года.",
         "Городское коммунальное предприятие наружного освещения.",
         "Отключали каждый второй фонарь после полуночи — жители жаловались, выросло число ДТП.",
         "Счёт за освещение хотя бы вдвое меньше, а улицы светлые, когда на них есть люди и "
         "машины.",
         "en-led-street:2 ag-ghouse-led:0 it-energy-meter:0"),
        ("ho3-heating", "en", 7, "North Kazakhstan", "84.12",
         "Schools too hot in autumn and cold in the frosts",
         "Our 70 schools and kindergartens take heat from the city network. In October and April "
         "the classrooms are so hot that windows stay open while it is +8 °C outside, and in hard "
         "frosts the far wings are cold; we pay for the heat either way and the bill grows every "
         "year.",
         "The city education department, which pays for heating its buildings.",
         "Caretakers closing the valves by hand; they forget, and at night nobody does it.",
         "Each building takes only the heat the weather calls for, and the heating bill falls by "
         "a fifth.",
         "en-building:2 ot-insul-kk:1 ma-felt-kk:1 ma-foam-glass:1 en-heat-network:0 "
         "en-heatpump-kk:0"),
    ]),
    "water": ([], [
        ("ho3-chlorine", "kk", 8, "Kyzylorda", "36.00",
         "Суды залалсыздандыруға сұйық хлор тасу қауіпті",
         "Су тазарту станциясына сұйық хлор баллондары 700 шақырым жерден темір жолмен келеді. "
         "Қойма тұрғын үйлерге жақын, төтенше жағдайлар департаменті қауіпсіздік аймағын талап "
         "етеді, ал қыста жеткізу кешігіп, қор таусылуға жақындайды.",
         "Қалалық су арнасы кәсіпорны, тәулігіне 60 мың текше метр ауыз су.",
         "Хлорлы әкке көшуді сынадық: шаңы көп, мөлшерлеу біркелкі емес.",
         "Ауыз суды станцияның өзінде, улы газды сақтамай залалсыздандыру, және құбыр желісінде "
         "де су таза қалуы.",
         "wa-chlorine:2 wa-uv:1 wa-coag:0"),
        ("ho3-meltwater", "en", 4, "Zhetisu", "01.24",
         "The stream runs dry just when the orchards need it",
         "Our village's apple orchards and gardens take water from a mountain stream through an "
         "earth ditch. In winter and early spring the water runs down to the plain unused; by "
         "late May and June, when the trees set fruit, there is only a trickle.",
         "A farmers' cooperative of 150 households with 300 hectares of orchards in the "
         "foothills.",
         "A small pond above the village, but it silts up and is empty by mid-June.",
         "Winter water kept until the dry weeks, without a dam we cannot afford.",
         "wa-ice-reservoir:2 wa-drip-kk:1 wa-soil-moist:1 wa-rain:1 wa-canal-ru:1 "
         "en-micro-hydro:0"),
    ]),
    "other": ([], [
        ("ho3-wagons", "en", 7, "Pavlodar", "49.20",
         "Wagons derail when a wheel bearing seizes",
         "We run 1,100 of our own open wagons carrying coal from the pit to the power plants. "
         "Twice last year a wheel bearing overheated and seized on the way and the wagon left the "
         "rails; flat wheels also pound the track. Inspectors check the wagons by hand only when "
         "the train stands at a station.",
         "The railway division of a coal company, with its own wagon fleet and 180 km of track.",
         "More frequent inspections and a thermometer gun at the loading station.",
         "A faulty wagon is spotted while the train is moving and is uncoupled before it fails.",
         "ot-rail-ru:2 it-railway-cv:0 it-vib-en:0"),
    ]),
}

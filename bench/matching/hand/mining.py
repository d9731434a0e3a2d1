"""Mining and metallurgy: hand-written offers and requests (see ../README.md)."""

FIELD = "mining"

# key, language, TRL, region, OKED codes, GRNTI codes, title, summary, keywords
OFFERS = [
    ("mi-oxcu-sulf", "en", 6, "Karaganda", "07.29", "52.45",
     "Sulphidisation route for oxidised copper minerals",
     "Malachite and chrysocolla do not respond to xanthate collectors, so a large part of the "
     "metal in the upper, weathered part of a deposit ends up in the waste stream. Our "
     "controlled sulphidisation stage with sodium hydrosulphide dosing guided by an "
     "on-line potential probe raised recovery of the oxide fraction from 41 to 68 % in a "
     "20 t/day pilot.",
     "oxide copper, malachite, sodium hydrosulphide, collector, pilot plant"),
    ("mi-oxcu-kk", "kk", 5, "Ulytau", "07.29", "52.45",
     "Тотыққан мыс кендеріне арналған жаңа жинағыш реагент",
     "Жезқазған кен орнының тотыққан кендерінде әдеттегі ксантогенат нашар жұмыс істейді. "
     "Біз гидроксамат негізіндегі жинағыш реагентті жасадық, ол малахит пен азуритті "
     "көбікке тиімді шығарады. Зертханалық және ірілендірілген сынақтарда концентраттағы мыс "
     "үлесі 4–6 пайызға артты.",
     "реагент, гидроксамат, малахит, концентрат"),
    ("mi-oxcu-ru", "ru", 4, "Karaganda", "07.29", "52.45",
     "Комбинированная схема переработки смешанных медных руд",
     "Для руд с долей окисленных минералов выше 30 % предложена схема: сульфидная флотация, "
     "затем сернокислотное выщелачивание хвостов и экстракция с электролизом. Схема "
     "проверена на пробах трёх месторождений Центрального Казахстана, суммарное извлечение "
     "металла превысило 80 %.",
     "смешанные руды, флотация, выщелачивание, экстракция, электролиз"),
    ("mi-column", "en", 7, "East Kazakhstan", "07.29", "52.45",
     "Column flotation cells for fine particle recovery",
     "Column cells with sparger-generated microbubbles recover fine sulphide particles that "
     "mechanical cells lose to the tailings. We supply design, commissioning and a control "
     "package for polymetallic concentrators.",
     "column cell, fines, microbubbles, polymetallic ore"),
    ("mi-tsf-insar", "en", 7, "Pavlodar", "07.10", "52.13",
     "Satellite radar and piezometer monitoring of tailings storage facilities",
     "We combine InSAR displacement maps with a network of vibrating-wire piezometers on the "
     "embankment and report millimetre movements and rising pore pressure weekly. Alarms go "
     "to the operator's control room when thresholds set by the geotechnical engineer are "
     "crossed.",
     "embankment, pore pressure, InSAR, piezometer, dam safety"),
    ("mi-tsf-fibre", "ru", 6, "East Kazakhstan", "07.29", "52.13",
     "Волоконно-оптический контроль дамб хвостохранилищ",
     "Распределённый волоконно-оптический кабель, уложенный в тело дамбы, измеряет "
     "температуру и деформацию по всей длине и выявляет места фильтрации воды. Система "
     "работает при морозах до −45 °C и подключается к диспетчерской предприятия.",
     "дамба, фильтрация, деформация, оптоволокно, безопасность"),
    ("mi-paste", "ru", 8, "Kostanay", "07.10", "52.45",
     "Сгущение хвостов до пастообразного состояния",
     "Пастовое сгущение снижает объём воды, уходящей в хвостохранилище, и позволяет "
     "складировать отходы обогащения без высоких ограждающих дамб. Оборотная вода "
     "возвращается в процесс, что важно в засушливых районах.",
     "пастовое сгущение, оборотная вода, складирование"),
    ("mi-tail-gold-kk", "kk", 5, "Akmola", "07.29", "53.37",
     "Байыту қалдықтарынан алтынды қосымша бөліп алу",
     "Ескі алтын байыту фабрикаларының қалдықтарында әлі де 0,5–1 г/т алтын қалады. Біз "
     "гравитациялық және сорбциялық әдістерді біріктіріп, қоймадағы қалдықтарды қайта "
     "өңдеудің технологиясын ұсынамыз.",
     "алтын, қалдық, сорбция, қайта өңдеу"),
    ("mi-bio-ox", "ru", 7, "East Kazakhstan", "07.29", "53.37",
     "Бактериальное окисление упорных золотосодержащих концентратов",
     "Ассоциация термотолерантных микроорганизмов вскрывает золото, заключённое в "
     "арсенопирите и пирите, без обжига и выбросов диоксида серы. После биоокисления "
     "извлечение при цианировании растёт с 30–40 % до 90 % и выше.",
     "биоокисление, арсенопирит, упорное золото, микроорганизмы"),
    ("mi-thio-kk", "kk", 5, "Abai", "07.29", "53.37",
     "Цианидсіз алтын еріту: тиосульфат технологиясы",
     "Цианидтің орнына аммоний тиосульфаты қолданылады, ол улылығы төмен және көміртекті "
     "кендерде алтынды сорбциялап жоғалтпайды. Құрамында мышьяк бар кендерде зертханалық "
     "сынақтар 85 % бөліп алуды көрсетті.",
     "тиосульфат, алтын, цианидсіз, улылық"),
    ("mi-pox", "en", 6, "Abai", "07.29", "53.37",
     "Pressure oxidation pilot service for sulphide gold concentrates",
     "Our autoclave pilot treats 50 kg batches of sulphide concentrate at 220 °C and oxygen "
     "overpressure, then tests cyanidation of the residue. Clients receive a flowsheet, a "
     "mass balance and cost estimates for a full-scale plant.",
     "autoclave, pressure oxidation, sulphide concentrate, flowsheet"),
    ("mi-heap-cold", "ru", 6, "Kostanay", "07.29", "53.37",
     "Кучное выщелачивание золота в зимний период",
     "Орошение штабеля подогретым раствором под теплоизолирующим покрытием позволяет вести "
     "кучное выщелачивание круглый год. Технология испытана на штабеле 50 тыс. т на севере "
     "Казахстана.",
     "кучное выщелачивание, зима, штабель, раствор"),
    ("mi-road-kk", "kk", 7, "Kostanay", "08.12", "52.13",
     "Карьер жолдарының шаңын байланыстыратын биополимер",
     "Қант өндірісінің жанама өнімінен алынған биополимер карьердегі тасымал жолдарының "
     "бетін бекітіп, самосвалдардан көтерілетін шаңды басады. Ерітінді аязда қатпайды және "
     "бір өңдеу үш аптаға жетеді.",
     "тасымал жолы, биополимер, аяз, самосвал"),
    ("mi-road-en", "en", 6, "Aktobe", "08.12", "52.13",
     "Frost-resistant road binder for mine haul roads",
     "A lignosulphonate and magnesium chloride blend keeps haul road fines bound below −20 °C, "
     "when water trucks cannot be used. Treated roads showed 70 % less airborne particulate "
     "and fewer grader passes.",
     "haul road, particulate, binder, winter"),
    ("mi-pm10-sensor", "en", 8, "Karaganda", "08.12", "87.21",
     "Low-cost particulate monitors for open pits",
     "Networked optical PM10 and PM2.5 monitors around the pit rim send readings every minute "
     "and show where emissions come from. The network helps plan blasting and watering but "
     "does not itself reduce emissions.",
     "PM10, air quality, monitoring, blasting"),
    ("mi-cement-filter", "ru", 8, "Turkistan", "23.51", "61.35",
     "Рукавные фильтры для улавливания пыли цементных печей",
     "Фильтры с мембранным покрытием рукавов улавливают пыль вращающихся печей и мельниц "
     "цемента до остаточной концентрации 10 мг/м³. Поставка, монтаж и сервис.",
     "рукавный фильтр, цемент, печь, выбросы"),
    ("mi-microseis", "ru", 7, "Karaganda", "05.10", "52.13",
     "Микросейсмический мониторинг для прогноза горных ударов",
     "Сеть геофонов в выработках регистрирует микросейсмические события и определяет зоны "
     "концентрации напряжений в массиве. Диспетчер получает карту опасных участков и может "
     "вывести людей до разрушения.",
     "горный удар, геофоны, напряжения, шахта"),
    ("mi-bolt-en", "en", 8, "Karaganda", "05.10", "52.13",
     "Yielding cable bolts for deep underground roadways",
     "Cable bolts with a yielding anchor absorb energy when the roof squeezes or bursts, "
     "instead of snapping. They have been installed in 2 km of roadway at 800 m depth with no "
     "roof fall.",
     "cable bolt, roof support, squeezing ground, deep mine"),
    ("mi-methane", "kk", 6, "Karaganda", "05.10", "52.13",
     "Көмір қабаттарынан метанды алдын ала сору",
     "Қазу алдында қабатқа бұрғыланған ұңғымалар арқылы метан сорылып, шахта ауасындағы газ "
     "мөлшері азаяды. Алынған газ қазандықта отын ретінде пайдаланылады.",
     "метан, көмір шахтасы, ұңғыма, газсыздандыру"),
    ("mi-old-tail-zn", "ru", 5, "East Kazakhstan", "07.29", "53.37",
     "Извлечение цинка и свинца из лежалых хвостов",
     "Лежалые хвосты полиметаллических фабрик Рудного Алтая содержат до 1 % цинка. "
     "Сернокислотное агитационное выщелачивание с последующей очисткой раствора позволяет "
     "получить товарный сульфат цинка и освободить площади хвостохранилищ.",
     "лежалые хвосты, цинк, свинец, вторичное сырьё"),
    ("mi-old-tail-kk", "kk", 4, "East Kazakhstan", "07.29", "53.37",
     "Ескі қоймалардағы түсті металдарды қайта бөліп алу",
     "Кеңес кезінен қалған байыту қалдықтарын флотация мен сілтісіздендіру арқылы қайта "
     "өңдеп, мырыш, қорғасын және мыс концентраттарын алу ұсынылады. Жоба аумақты "
     "рекультивациялауды да қамтиды.",
     "мырыш, қорғасын, техногендік шикізат, рекультивация"),
    ("mi-xrt", "en", 8, "Ulytau", "07.29", "52.45",
     "X-ray transmission ore sorting before the mill",
     "Sensor-based sorters reject barren rock from crushed ore at 100 t/h per machine, so the "
     "mill grinds less waste. Typical results: 25 % of the feed rejected with less than 5 % "
     "metal loss and lower energy per tonne of metal.",
     "sorting, XRT, pre-concentration, barren rock"),
    ("mi-xrt-kk", "kk", 6, "Karaganda", "07.29", "52.45",
     "Ұсақтау алдында кенді рентгендік сұрыптау",
     "Рентгендік датчиктер бос жынысты кеннен бөліп, диірменге тек пайдалы бөлігі беріледі. "
     "Бұл ұнтақтауға жұмсалатын электр энергиясын бір тонна металға шаққанда 15–20 %-ға "
     "азайтады.",
     "сұрыптау, бос жыныс, диірмен, электр энергиясы"),
    ("mi-hpgr", "en", 9, "Kostanay", "07.10", "52.45",
     "High-pressure grinding rolls for hard iron ore",
     "HPGR replaces the secondary crusher and part of ball milling, cutting specific energy "
     "in comminution circuits. We offer test work and circuit design.",
     "HPGR, comminution, iron ore, energy"),
    ("mi-uranium", "ru", 9, "Turkistan", "07.21", "53.37",
     "Интенсификация скважинного подземного выщелачивания урана",
     "Обработка технологических скважин окислителем и ПАВ восстанавливает приёмистость и "
     "повышает содержание урана в продуктивных растворах. Применяется на месторождениях "
     "Шу-Сарысуйской провинции.",
     "уран, ПСВ, скважина, продуктивный раствор"),
    ("mi-chrome", "kk", 7, "Aktobe", "07.29", "52.45",
     "Хромит шламдарын гравитациялық байыту",
     "Ұсақ хромит шламдары спиральды сепараторлар мен концентрациялық үстелдерде байытылып, "
     "сатуға жарамды концентрат алынады. Бұрын қоймаға кететін шикізат пайдаға асады.",
     "хромит, шлам, спираль, гравитация"),
    ("mi-blast", "ru", 8, "Pavlodar", "08.12", "52.13",
     "Эмульсионные взрывчатые вещества для обводнённых скважин",
     "ЭВВ местного производства заряжаются смесительно-зарядной машиной и работают в "
     "обводнённых скважинах. Снижают выход негабарита и расход ВВ на кубометр горной массы.",
     "взрывные работы, ЭВВ, негабарит, карьер"),
    ("mi-slope-radar", "en", 9, "Kostanay", "07.10", "52.13",
     "Slope radar for open-pit wall movement",
     "Ground-based interferometric radar scans the pit wall every few minutes and warns of "
     "accelerating movement hours before a slope failure. Rental with analyst support.",
     "pit wall, slope failure, radar, early warning"),
    ("mi-dewater", "kk", 6, "Karaganda", "07.29", "52.13",
     "Карьерді құрғату суын тазарту және қайта пайдалану",
     "Карьерден сорылатын минералданған су сүзгілерден өткізіліп, байыту фабрикасында және "
     "шаңды басуға қайта қолданылады. Өзенге ағызылатын су көлемі азаяды.",
     "карьер суы, құрғату, сүзгі, қайта пайдалану"),
    ("mi-slag", "ru", 6, "Pavlodar", "24.10", "53.37",
     "Переработка металлургических шлаков в щебень",
     "Шлаки ферросплавного производства дробятся и сортируются в щебень для дорожного "
     "строительства. Металл из шлака возвращается в плавку магнитной сепарацией.",
     "шлак, ферросплавы, щебень, магнитная сепарация"),
]

# key, language, TRL needed, region, OKED codes, title, problem, what we make, what we tried,
# what "solved" means, judged offers ("key:grade", 0 = a hard negative)
REQUESTS = [
    ("mi-r-oxide", "ru", 5, "Karaganda", "07.29",
     "Теряем металл с окисленной рудой верхних горизонтов",
     "С переходом на верхние горизонты в питании фабрики выросла доля окисленной руды, и "
     "извлечение упало с 88 до 74 %. Большая часть потерь — окисленные минералы, которые "
     "уходят в отвальный продукт.",
     "Обогатительная фабрика перерабатывает 3 млн т медной руды в год.",
     "Увеличивали расход ксантогената и время флотации — эффекта почти нет.",
     "Извлечение не ниже 82 % при той же производительности, решение для промышленного "
     "внедрения в течение двух лет.",
     "mi-oxcu-sulf:2 mi-oxcu-kk:2 mi-oxcu-ru:2 mi-column:1 mi-old-tail-kk:0 wa-flot:0"),
    ("mi-r-dam", "kk", 6, "Pavlodar", "07.10",
     "Қалдық қоймасы бөгетінің қауіпсіздігін үздіксіз бақылау керек",
     "Бөгеттің төменгі беткейінде ылғалды дақтар пайда болды, ал қолмен өлшеу айына бір рет "
     "қана жүргізіледі. Бөгет құласа, ауыл мен өзен зардап шегеді.",
     "Темір кенін байыту комбинаты, қоймада 200 млн текше метр қалдық бар.",
     "Пьезометрлерді қолмен оқу, жылына бір рет геодезиялық түсірілім.",
     "Бөгеттің жылжуы мен су қысымы туралы деректер күн сайын келіп, қауіп туралы алдын ала "
     "хабар берілуі.",
     # wa-gw-kk: found by the second pooling (see README)
     "mi-tsf-insar:2 mi-tsf-fibre:2 mi-slope-radar:1 mi-paste:1 mi-tail-gold-kk:0 wa-gw-kk:1"),
    ("mi-r-refractory", "en", 5, "East Kazakhstan", "07.29",
     "Refractory gold: cyanidation recovers only a third",
     "Our new orebody is arsenopyrite-hosted and whole-ore cyanidation recovers 35 % of the "
     "gold. A roaster is ruled out by the environmental permit because of SO2 and arsenic "
     "emissions.",
     "A gold mine with a 1 Mtpa carbon-in-leach plant.",
     "Finer grinding and longer leach times gave a few percent only.",
     "A flowsheet proven at pilot scale recovering over 80 % without roasting.",
     "mi-bio-ox:2 mi-pox:2 mi-thio-kk:1 mi-heap-cold:1 mi-tail-gold-kk:0"),
    ("mi-r-haul", "ru", 6, "Kostanay", "08.12",
     "Пыль на технологических дорогах карьера зимой",
     "Летом мы поливаем дороги водой, но с октября по апрель полив невозможен, и за "
     "самосвалами стоит облако пыли. Жалуются жители посёлка, водители работают при плохой "
     "видимости.",
     "Железорудный карьер, 40 самосвалов грузоподъёмностью 130 т.",
     "Пробовали солевой раствор — дорога становится скользкой, эффект держится два дня.",
     "Безопасное для техники средство, которое действует при −25 °C не меньше двух недель.",
     "mi-road-kk:2 mi-road-en:2 mi-pm10-sensor:1 mi-cement-filter:0 og-oil-dust:1"),
    ("mi-r-burst", "kk", 6, "Karaganda", "05.10",
     "Терең шахтада тау жынысының кенет атылуы",
     "700 метрден терең қазбаларда төбе мен қабырғалардан жыныс кенет атылып, жабдық "
     "бұзылады және адамдарға қауіп төнеді. Соңғы жылы осындай үш оқиға болды.",
     "Көмір шахтасы, жылына 2 млн тонна көмір өндіреді.",
     "Анкерлердің санын көбейттік, бірақ олар жарылып үзіледі.",
     "Қауіпті аймақтарды алдын ала анықтау және соққыға шыдайтын бекіту.",
     "mi-microseis:2 mi-bolt-en:2 mi-slope-radar:1 mi-methane:0"),
    ("mi-r-oldtail", "en", 4, "East Kazakhstan", "07.29",
     "Value from a legacy polymetallic tailings pond",
     "A tailings pond from the 1970s holds 30 Mt with zinc, lead and some copper. The regulator "
     "requires us to rehabilitate the site and we want the metal to pay for it.",
     "A polymetallic mining company in Rudny Altai.",
     "Reflotation of a sample gave a low-grade zinc concentrate that smelters refused.",
     "A process that produces a saleable zinc product and leaves inert residue for "
     "rehabilitation.",
     # mi-column: found by the second pooling (see README)
     "mi-old-tail-zn:2 mi-old-tail-kk:2 mi-oxcu-ru:1 mi-tail-gold-kk:1 mi-paste:0 mi-column:1"),
    ("mi-r-sort", "ru", 7, "Ulytau", "07.29",
     "Слишком много пустой породы попадает в мельницы",
     "Разубоживание при подземной добыче выросло до 25 %, и мельницы тратят электроэнергию на "
     "измельчение породы без металла. Мощность фабрики ограничена мельницами.",
     "Горно-обогатительный комбинат, медная руда подземной добычи.",
     "Ужесточили контроль при отбойке, но разубоживание снизили лишь на 3 %.",
     "Удалять не меньше 20 % пустой породы до измельчения с потерей металла не выше 5 %.",
     "mi-xrt:2 mi-xrt-kk:2 mi-hpgr:1 mi-blast:0"),
]

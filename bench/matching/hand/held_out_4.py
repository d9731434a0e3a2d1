"""Fourth batch of held-out requests: 18 requests (6 in Kazakh, 6 in Russian, 6 in English), two
in each of the nine fields (mining, agriculture, oil_gas, medicine, it, materials, energy, water,
other), written and graded by a helper session that had not seen the ranker, the glossary
(``consortium/glossary*.py``), the stemmer, the search code or any results (``results.json``,
``evaluate``). The helper read all 300 offers of the other hand modules itself, skimmed the 102
earlier requests, chose problems that existing offers solve and that no earlier request had as its
subject, wrote each request in the enterprise's words (the problem and what fails, not the name of
the technology), and graded every offer of the request's field and the neighbouring ones by
meaning, all before the ranker was run on the batch. Every offer graded 2 is in another language
than the request. Grades: 18 of 2 (one per request), 13 of 1, 44 hard negatives (grade 0 listed
explicitly). No offers here."""

BY_FIELD = {
    "mining": ([], [
        ("ho4-pitwall", "ru", 7, "Abai", "07.29",
         "Уступы карьера оседают без предупреждения",
         "Прошлой осенью на северном борту карьера сполз участок двух уступов вместе с "
         "технологической дорогой; накануне маркшейдеры ничего не заметили. Под бортом высотой "
         "400 м постоянно работают экскаваторы и самосвалы, а трещины на бермах мы ищем глазами "
         "при обходе.",
         "Медный карьер глубиной 420 м, 25 млн т руды в год, работа круглосуточно.",
         "Съёмка реперов тахеометром раз в неделю и ежедневный обход бортов геотехником; между "
         "съёмками никто ничего не видит, а ночью и в метель обход невозможен.",
         "Подвижки борта видны круглые сутки и в любую погоду, и людей с техникой успевают увести "
         "за несколько часов до обрушения.",
         "mi-slope-radar:2 mi-tsf-insar:1 mi-microseis:0 mi-tsf-fibre:0 it-ortho-en:0"),
        ("ho4-cokingcoal", "kk", 8, "Karaganda", "05.10",
         "Кокстелетін көмірдің күлі көп, ұсақ көмір тоғанға ағып кетеді",
         "Фабрикамыздан шығатын кокстелетін көмір концентратының күлділігі 11–12 % болады, ал "
         "металлургия комбинаты күлділігі 9 %-дан жоғары көмірді тек арзан бағамен алады. Оның "
         "үстіне ұсақ көмір жуу суымен бірге шлам тоғанына ағып кетеді, сөйтіп жыл сайын мыңдаған "
         "тонна сатуға жарамды көмірден айырыламыз.",
         "Шахталардан келетін көмірді байытатын фабрика, жылына 4 млн тонна кокстелетін көмір "
         "өңдейді.",
         "Шахтадан келген көмірден ірі тастарды конвейерде қолмен тергіздік және ескі жабдықтың "
         "жұмыс режимін өзгертіп көрдік; күлділік бір пайызға да төмендемеді.",
         "Концентраттың күлділігі 9 %-дан аспайды, ал ұсақ көмір тоғанға кетпей, сатылатын "
         "өнімге қосылады.",
         "mi-coal-wash:2 mi-column:1 en-ash-use:0 mi-methane:0"),
    ]),
    "agriculture": ([], [
        ("ho4-greens", "en", 7, "Akmola", "01.13",
         "Shops want our salad greens in January, but our fields are frozen",
         "Our lettuce, dill and parsley sell well from June to September; the rest of the year the "
         "shops switch to greens trucked in for four or five days, which arrive wilted. The chains "
         "would buy from us all year, but our fields lie frozen for seven months and our wells "
         "give little water.",
         "A family vegetable farm on the edge of Astana, 60 hectares of open field, supplying two "
         "supermarket chains.",
         "An unheated plastic tunnel, which adds only a few weeks in spring and autumn.",
         "Fresh salad leaves and herbs every week of the year, grown next to the city and with "
         "little water.",
         "ag-hydro-kk:2 ag-ghouse-led:1 ot-cold-chain:0 it-forecast:0"),
        ("ho4-horses", "kk", 6, "Ulytau", "01.43",
         "Жылқы үйірлері алыс жайылымда жоғалып кетеді",
         "Жылқыларымыз жыл бойы алыс жайылымда еркін жайылады. Үйірді іздеп табу үшін "
         "жылқышылар күндер бойы атпен жүреді, қыстағы боранда мал адасып кетеді, ал өткен жылы "
         "40 бас жылқы ұрланды да, қайда кеткенін ешкім білмеді.",
         "Ұлытау өңіріндегі жылқы шаруашылығы: 1200 бас жылқы, 25 үйір, жайылымы 40 мың гектар.",
         "Жылқышылардың санын көбейттік, айғырларға қоңырау тақтық; бірақ түнде де, боранда да "
         "үйірді бәрібір таба алмаймыз.",
         "Әр үйірдің қазір қай жерде жүргенін телефоннан көріп отыру және мал өз жайылымынан "
         "шығып кетсе, сол сәтте хабар алу.",
         "ag-cattle-gps:2 ag-pasture:0 ag-meat-trace:0"),
    ]),
    "oil_gas": ([], [
        ("ho4-sand", "ru", 7, "Kyzylorda", "06.10",
         "Скважины гонят песок: насосы живут два месяца",
         "Пласт у нас рыхлый, и вместе с нефтью скважины выносят песок. Погружные насосы "
         "истираются и заклинивают через два-три месяца, на забое намываются песчаные пробки, а в "
         "сепараторах и резервуарах копится песок, который приходится вычищать вручную.",
         "Нефтедобывающая компания: 180 скважин с погружными насосами на неглубоком "
         "месторождении.",
         "Снижали отбор жидкости, чтобы меньше тянуло песок, — упала добыча; ставили насосы в "
         "износостойком исполнении — песок всё равно их забивает.",
         "Песок остаётся в пласте, насос работает больше года, а дебит скважины не падает.",
         "og-sand:2 og-esp-ai:1 og-frac-ru:0 og-scale:0"),
        ("ho4-methane", "en", 6, "West Kazakhstan", "06.20",
         "We cannot say where our methane escapes",
         "Our European gas buyer and the new emission rules ask us to report, and to cut, the "
         "methane that escapes from our wells, compressor stations and gas plant. Today the number "
         "in our report is worked out from standard factors: nobody knows which valve, flange or "
         "seal is actually leaking, and two technicians with hand-held gas detectors get round "
         "only a small share of several thousand fittings a year.",
         "A gas and condensate producer with 120 wells, two compressor stations and a gas "
         "processing plant.",
         "Soapy-water checks and portable detectors on the most suspect fittings once a quarter.",
         "Every leaking point is found and repaired within weeks, and the methane we report is "
         "measured rather than estimated.",
         "og-methane-leak:2 og-leak-fibre:0 mi-gas-detect:0 ot-landfill-gas:0"),
    ]),
    "medicine": ([], [
        ("ho4-foot", "en", 6, "Pavlodar", "86.90",
         "Patients with diabetes lose toes to sores they never felt",
         "Every month our surgeons amputate toes or part of a foot of people with diabetes. Most "
         "of them come when the sore is already deep and infected: they have lost feeling in their "
         "feet and did not notice it starting. Our nurses check feet only at the quarterly visit, "
         "which is far too rare.",
         "A regional diabetes centre following 18,000 adults with diabetes, with its own foot "
         "clinic.",
         "Foot-care leaflets, classes for patients and orthopaedic shoes; people still come too "
         "late.",
         "A warning that a foot is in trouble while the skin is still whole, so that amputations "
         "fall.",
         "me-diab-foot:2 me-wound-kk:1 me-glucose-en:0 me-diab-kk:0"),
        ("ho4-brucellosis", "ru", 6, "Almaty region", "86.10",
         "Бруцеллёз у сельских жителей находят через месяцы",
         "В нашем районе почти в каждом дворе держат скот, и каждый год десятки больных с долгой "
         "температурой, потливостью и болью в суставах неделями лечат от простуды или ревматизма. "
         "Кровь на анализ возим в областную лабораторию, ответ приходит через 7–10 дней, и за это "
         "время болезнь у многих становится хронической.",
         "Районная больница на 150 коек и 12 сельских врачебных амбулаторий.",
         "Отправляли сыворотку в область два раза в неделю; купили импортные наборы ИФА, но в "
         "районе нет ни прибора для их чтения, ни обученного лаборанта.",
         "Сельский врач прямо на приёме, без лаборатории, узнаёт, есть ли у больного эта "
         "инфекция, и сразу начинает лечение.",
         "me-brucell-human:2 ag-brucell-test:0 ag-brucell:0 me-tb-pcr-ru:0"),
    ]),
    "it": ([], [
        ("ho4-ransom", "kk", 8, "Shymkent", "46.46",
         "Вирус серверлердегі барлық деректерді құлыптап, ақша талап етті",
         "Бір түнде бухгалтерия мен қойма бағдарламасы тұрған сервердегі барлық файлдар "
         "шифрланып қалды, ал оларды ашу үшін шабуылдаушылар бізден ақша талап етті. Сақтық "
         "көшірмелер сол сервердегі бөлек дискіде тұрған екен, олар да шифрланып кетті. Бір апта "
         "бойы жұмыс тоқтап, дәріханаларға тауар жөнелтілмеді.",
         "Дәріхана желілеріне дәрі-дәрмек жеткізетін көтерме сауда компаниясы, 200 қызметкер, "
         "үш қойма.",
         "Жаңа антивирус сатып алдық, барлық құпиясөздерді ауыстырдық; бірақ шабуыл қайталанса, "
         "деректерді қайдан қалпына келтіретінімізді әлі білмейміз.",
         "Шабуыл болған күннің өзінде зақымданбаған көшірмелерден бірнеше сағатта бүкіл жүйені "
         "қайта іске қосу.",
         "it-ransom:2 it-soc-en:1 it-erp-kk:0 it-pentest:0 it-scada-ru:0"),
        ("ho4-archive", "ru", 6, "North Kazakhstan", "91.01",
         "В отсканированных рукописных делах ничего не найти",
         "В областном архиве 1,2 миллиона дел прошлого века, большая часть написана от руки на "
         "казахском и русском языках. Люди приходят за справками о стаже, о земле, о "
         "родственниках, и архивист неделями листает описи и дела вручную. Треть фондов уже "
         "отсканирована, но искать по сканам нельзя — это просто картинки.",
         "Государственный архив области, 1,2 млн единиц хранения, 40 сотрудников.",
         "Пробовали программу распознавания, которой бухгалтерия вводит накладные: печатный текст "
         "она читает, а рукописный — нет.",
         "По отсканированным рукописным делам можно искать по фамилии, названию села или году, и "
         "справка готовится за день.",
         "it-kk-ocr:2 it-doc-ocr:1 it-mt-ru:0 it-asr-kk:0"),
    ]),
    "materials": ([], [
        ("ho4-belt", "kk", 6, "Karaganda", "05.10",
         "Конвейер таспасы жыртылса, шахта бір ауысым тұрып қалады",
         "Жерасты конвейерінің таспасы жыртылғанда немесе жалғанған жері ажырағанда, оны қайта "
         "жалғау үшін ауыр ыстық престі әкеліп, бүкіл бір ауысым күтеміз. Тар қазбаларда престі "
         "жеткізудің өзі қиын, ал таспа тоқтаса, кенжардағы көмір қазу да тоқтайды.",
         "Көмір шахтасы, жерасты конвейерлерінің жалпы ұзындығы 14 шақырым.",
         "Таспаны болат қапсырмалармен жалғап көрдік: тез, бірақ қапсырмалар көп ұзамай үзіліп, "
         "таспаның жиегін жыртады, көмір төгіледі.",
         "Жыртылған немесе ажыраған таспаны орнында, ауыр жабдықсыз, екі-үш сағатта берік етіп "
         "жалғау.",
         "ma-adhesive:2 ma-rubber:0 it-vib-en:0 ot-welding:0"),
        ("ho4-gypsum", "en", 5, "Zhambyl", "20.15",
         "A grey mountain of waste gypsum grows beside our fertiliser plant",
         "For every tonne of phosphoric acid we make, about five tonnes of wet waste gypsum are "
         "left over. The stack beside the plant already holds more than 20 million tonnes and "
         "grows by 2 million a year; we pay for the land it takes, the regulator fines us for the "
         "dust blowing onto the town, and a new stack would cost a fortune.",
         "A phosphate fertiliser plant producing 400,000 tonnes of phosphoric acid a year.",
         "Giving the waste free to farmers as a soil improver; they take a few thousand tonnes a "
         "year at most.",
         "The waste leaves the plant as a product people pay for, by hundreds of thousands of "
         "tonnes a year, and the stack starts to shrink.",
         "ma-gypsum:2 ag-salinity:1 mi-rare-earth:1 en-ash-use:0 mi-slag:0 og-sulfur-en:0"),
    ]),
    "energy": ([], [
        ("ho4-linefault", "kk", 7, "Kostanay", "35.13",
         "Желі ажыраса, ақаулы жерді күні бойы іздейміз",
         "Біздің 10 кВ әуе желілеріміздің әрқайсысы 30–60 шақырымға созылып, дала мен орман "
         "арқылы өтеді. Желі ажыраған сайын бригада ақаулы жерді табу үшін бүкіл желіні бойлап "
         "жүріп шығады; қыста, қар басқан жолда бұл бір тәулікке созылады да, ауылдар жарықсыз "
         "отырады.",
         "Аудандық электр желілері кәсіпорны: 10 кВ әуе желілерінің ұзындығы 4 мың шақырым, "
         "300-ден астам ауыл.",
         "Желіні бөліктерге бөлетін ажыратқыштарды кезекпен ажыратып-қосып, ақаулы бөлікті "
         "іздейміз; бұл ұзаққа созылады және жабдықты тоздырады.",
         "Желі ажыраған сәтте диспетчер ақаудың қай аралықта екенін біледі, бригада тура сол "
         "жерге барады, ал ауылдардың жарықсыз қалатын уақыты бірнеше есе қысқарады.",
         "en-line-fault:2 en-relay:0 en-grid-kk:0 ma-anti-ice:0"),
        ("ho4-hotwater", "en", 6, "Turkistan", "55.10",
         "Heating water costs our resort more every summer",
         "Our resort heats water for 250 rooms, the pool showers and the laundry with electric "
         "boilers and one gas boiler. From April to October, when we are full, the hot water bill "
         "is second only to food, and it rises with every tariff increase.",
         "A resort hotel with 250 rooms and a spa near Turkistan, open all year, busiest from "
         "April to October.",
         "We replaced two old electric boilers with a more efficient gas boiler; the bill fell a "
         "little, but gas keeps getting dearer.",
         "Summer hot water that costs almost nothing to make, without burning gas or paying for "
         "electricity.",
         "en-solar-heat:2 en-heatpump-kk:1 en-pv-dust:0 en-geothermal:0"),
    ]),
    "water": ([], [
        ("ho4-iron", "kk", 8, "Akmola", "36.00",
         "Ауыл құбырындағы су сарғайып, дақ қалдырады",
         "Ауылдарымыздың су құбырына су жерасты ұңғымаларынан келеді. Крандан мөлдір ағады, "
         "бірақ біраз тұрғаннан кейін сарғайып, түбіне қоңыр тұнба түседі; ыдыс-аяқта, ваннада "
         "және жуылған киімде сары дақ қалады, тұрғындар судың дәмі мен иісіне шағымданады. "
         "Зертхана судағы темірдің нормадан алты есе көп екенін көрсетті.",
         "Аудандық су шаруашылығы кәсіпорны: 12 ауылды ұңғыма суымен қамтиды, тәулігіне 3 мың "
         "текше метр.",
         "Су мұнарасы мен құбырларды жиі шаямыз, бірақ бір аптадан кейін бәрі қайталанады. "
         "Кәдімгі құм сүзгісін қойдық, ол тез бітеліп қалады.",
         "Тұрғындардың кранынан тұнбасыз, дақ қалдырмайтын, нормаға сай су ағады, ал тазарту "
         "қондырғысына күнделікті адам қарамаса да болады.",
         "wa-iron:2 wa-arsenic-ru:0 wa-pipe-relining:0 wa-coag:0"),
        ("ho4-minedrain", "ru", 6, "East Kazakhstan", "07.29",
         "Из штолен закрытого рудника в реку течёт рыжая кислая вода",
         "Рудник закрыли больше двадцати лет назад, но из старых штолен и отвалов круглый год "
         "вытекает рыжая кислая вода и по ручью уходит в реку; ниже по течению пропала рыба. "
         "Экологи каждый год выписывают штрафы, а объект перешёл к нам вместе с лицензией на "
         "соседний участок. Штольни в горах, до ближайшей линии электропередачи 15 км, людей там "
         "нет.",
         "Горнорудная компания, которая вместе с новым участком получила старый закрытый "
         "полиметаллический рудник.",
         "Раз в месяц засыпаем в ручей известь мешками: вода на несколько дней светлеет, потом "
         "всё возвращается.",
         "Вода из штолен выходит в ручей нейтральной и без металлов, без постоянного персонала и "
         "без подвода электроэнергии.",
         "wa-mine-water:2 wa-metal-kk:1 mi-dewater:0 mi-cyanide-det:0"),
    ]),
    "other": ([], [
        ("ho4-waste", "ru", 7, "Aktobe", "38.21",
         "Городская свалка заполнится через три года",
         "Полигон принимает 900 тонн бытового мусора в день и заполнится через три года, а новый "
         "участок под свалку город дать не может. Мусор мы везём из контейнеров смешанным: "
         "бутылки, картон и банки уходят в землю вместе с остальным, хотя переработчики готовы их "
         "покупать.",
         "Коммунальное предприятие по вывозу и захоронению бытовых отходов города с населением "
         "550 тысяч.",
         "Поставили во дворах сетчатые контейнеры для пластика; жители бросают в них всё подряд, "
         "и содержимое всё равно едет на полигон.",
         "На полигон уходит вдвое меньше, а пластик, бумагу и металл мы продаём.",
         "ot-msw-sort:2 ot-compost:1 ma-recycle-ru:1 ot-landfill-gas:0 ma-geosynth:0"),
        ("ho4-cranes", "en", 8, "Astana", "41.20",
         "Tower cranes on our sites swing into each other's way",
         "On our housing sites five or six tower cranes work side by side and their jibs sweep "
         "over the same ground. Last spring two jibs touched in a gust, and in autumn a load swung "
         "into another crane's rope; the operators sit 50 m up and cannot judge the distance to "
         "the next crane. The labour inspectorate has warned that the next incident will stop the "
         "site.",
         "A housing developer and contractor with 12 apartment blocks under construction at a time "
         "and 30 tower cranes.",
         "A signaller on the radio for every lift and a chart of which crane may swing where; work "
         "slows down and it still relies on nobody making a mistake.",
         "A crane halts on its own before its jib or load comes dangerously close to another "
         "crane, without a person having to watch.",
         "ot-crane:2 ot-noise:0 it-biometrics:0"),
    ]),
}

"""Information technology: hand-written offers and requests (see ../README.md)."""

FIELD = "it"

OFFERS = [
    ("it-vib-en", "en", 7, "Pavlodar", "62.01", "28.23",
     "Vibration analytics that predicts bearing and gearbox failures",
     "Wireless accelerometers on motors, pumps and conveyors stream spectra to a model that "
     "recognises bearing wear and misalignment weeks ahead. Maintenance planners get a ranked "
     "list of machines to service.",
     "condition monitoring, accelerometer, bearings, gearbox"),
    ("it-pdm-kk", "kk", 6, "Karaganda", "62.01", "28.23",
     "Жабдықтың ақауын алдын ала болжайтын жүйе",
     "Сорғылар мен компрессорлардың температурасы, тогы және дірілі бойынша модель қай "
     "агрегаттың жақында тоқтайтынын көрсетеді. Жөндеу жоспарлы түрде жүргізіледі.",
     "болжау, сорғы, компрессор, жөндеу жоспары"),
    ("it-scada-ru", "ru", 8, "Almaty", "62.02", "81.93",
     "Мониторинг безопасности промышленных сетей АСУ ТП",
     "Пассивный сенсор анализирует трафик Modbus и IEC 104 и выявляет несанкционированные "
     "команды контроллерам и новые устройства в технологической сети, не вмешиваясь в "
     "процесс.",
     "АСУ ТП, SCADA, обнаружение атак, промышленная сеть"),
    ("it-soc-en", "en", 9, "Astana", "62.02", "81.93",
     "Managed security operations centre for office IT",
     "24/7 monitoring of mail, endpoints and cloud accounts for mid-sized companies, with "
     "incident response.",
     "SOC, endpoint, phishing, incident response"),
    ("it-ot-kk", "kk", 6, "Atyrau", "62.02", "81.93",
     "Өнеркәсіптік басқару жүйелерін кибершабуылдан қорғау аудиті",
     "Кәсіпорынның технологиялық желісін тексеріп, контроллерлер мен операторлық "
     "станциялардың осал тұстарын анықтаймыз және желіні сегменттеу жоспарын ұсынамыз.",
     "аудит, контроллер, желіні сегменттеу, осалдық"),
    ("it-asr-kk", "kk", 7, "Astana", "62.01", "28.23",
     "Қазақ тіліндегі сөйлеуді мәтінге айналдыру",
     "Қазақ және орыс тілдері араласқан сөйлеуді тани алатын модель колл-орталық "
     "қоңырауларын мәтінге айналдырады. Қателер деңгейі 12 %.",
     "сөйлеу, мәтін, колл-орталық, қазақ тілі"),
    ("it-asr-en", "en", 6, "Almaty", "62.01", "28.23",
     "Voice bot for customer lines in Kazakh and Russian",
     "A dialogue system answers routine calls, understands code-switching between Kazakh and "
     "Russian and hands the caller to an operator when needed.",
     "voice bot, call centre, code-switching"),
    ("it-mt-ru", "ru", 6, "Astana", "62.01", "28.23",
     "Нейросетевой переводчик казахский–русский для документов",
     "Модель переводит нормативные и технические документы с сохранением терминологии "
     "отраслевого словаря.",
     "перевод, документы, терминология"),
    ("it-cv-defect-en", "en", 7, "Karaganda", "62.01", "28.23",
     "Camera inspection of rolled steel surface defects",
     "Line-scan cameras over the strip and a trained classifier detect scale, scratches and "
     "holes at full line speed and mark coils for downgrading.",
     "surface inspection, steel strip, classifier"),
    ("it-cv-kk", "kk", 6, "Almaty", "62.01", "28.23",
     "Конвейердегі өнім ақауын бейне арқылы автоматты анықтау",
     "Өндіріс желісіндегі камералар әр бұйымды суретке түсіріп, нейрондық желі жарамсыз "
     "өнімді бөліп шығарады. Қолмен тексеру қажеттілігі азаяды.",
     "сапа бақылауы, бейне, ақау, өндіріс желісі"),
    ("it-cv-ru", "ru", 5, "Shymkent", "62.01", "28.23",
     "Контроль заполнения и этикеток бутылок машинным зрением",
     "Система проверяет уровень жидкости, крышку и этикетку на линии розлива до 20 000 "
     "бутылок в час.",
     "розлив, этикетка, машинное зрение, линия"),
    ("it-ortho-en", "en", 8, "Astana", "62.01", "89.57",
     "Drone photogrammetry: orthophotos and volumes",
     "Survey drones fly stockpiles, pits and construction sites and deliver orthophotos, "
     "3D models and volume reports accurate to 2 %.",
     "photogrammetry, stockpile volume, orthophoto"),
    ("it-lidar-kk", "kk", 6, "East Kazakhstan", "62.01", "89.57",
     "Ұшқышсыз аппаратпен лидарлық түсірілім",
     "Лидар орнатылған дрон орман астындағы жер бедерін де түсіреді. Электр желісі "
     "трассаларын және жолдарды жобалауға қолданылады.",
     "лидар, жер бедері, трасса, түсірілім"),
    ("it-mine-disp", "ru", 8, "Kostanay", "62.01", "52.13",
     "Автоматизированная система диспетчеризации карьерного транспорта",
     "GPS-терминалы на самосвалах и экскаваторах, оптимизация назначений самосвалов "
     "в реальном времени. Рост производительности парка на 10–15 %.",
     "диспетчеризация, самосвалы, карьер, GPS"),
    ("it-erp-kk", "kk", 8, "Astana", "62.01", "50.41",
     "Шағын кәсіпорындарға арналған бұлттық есеп жүйесі",
     "Қойма, сатылым және бухгалтерия бір жүйеде, қазақ және орыс тілдерінде.",
     "есеп, қойма, бухгалтерия, бұлт"),
    ("it-doc-ocr", "en", 7, "Almaty", "62.01", "28.23",
     "Reading scanned invoices and waybills",
     "OCR with layout understanding extracts fields from scanned Kazakh and Russian "
     "invoices and posts them to accounting systems.",
     "OCR, invoices, document processing"),
    ("it-digital-twin", "ru", 5, "Pavlodar", "62.01", "28.23",
     "Цифровой двойник технологического процесса обжига",
     "Модель печи рассчитывает температурный профиль и подсказывает оператору настройки "
     "подачи топлива для стабильного качества.",
     "цифровой двойник, печь, оптимизация, оператор"),
    ("it-anpr", "kk", 8, "Almaty", "62.01", "28.23",
     "Көлік нөмірлерін тану жүйесі",
     "Кіру бақылау бекеттері мен тұрақтарға арналған камералар нөмірді тәулік бойы таниды.",
     "нөмір тану, тұрақ, кіру бақылауы"),
    ("it-edu-kk", "kk", 7, "Shymkent", "85.59", "14.35",
     "Мектеп оқушыларына арналған бейімделген математика платформасы",
     "Платформа әр оқушының қателерін талдап, келесі тапсырманы соған қарай таңдайды.",
     "білім беру, математика, бейімделген оқыту"),
    ("it-ransom", "ru", 8, "Karaganda", "62.02", "81.93",
     "Резервное копирование с защитой от шифровальщиков",
     "Неизменяемые копии серверов и рабочих станций, восстановление за часы после атаки.",
     "резервное копирование, шифровальщик, восстановление"),
    ("it-energy-meter", "en", 7, "Astana", "26.51", "44.29",
     "Smart meters with remote reading for utilities",
     "Electricity meters report hourly consumption over LoRaWAN and flag tampering.",
     "smart meter, LoRaWAN, remote reading"),
    ("it-chat-gov", "kk", 5, "Astana", "62.01", "28.23",
     "Мемлекеттік қызметтер бойынша қазақ тіліндегі чат-бот",
     "Бот азаматтардың сұрақтарына мемлекеттік тілде жауап береді және қажетті "
     "анықтаманы табуға көмектеседі.",
     "чат-бот, мемлекеттік қызмет, қазақ тілі"),
    ("it-fleet-ai", "en", 6, "Aktobe", "62.01", "28.23",
     "Engine health analytics for haul trucks",
     "Telematics from truck engines and transmissions are analysed to predict breakdowns "
     "and schedule component changes.",
     "haul truck, telematics, engine, breakdown"),
    ("it-forecast", "ru", 7, "Almaty", "62.01", "28.23",
     "Прогноз спроса для розничных сетей",
     "Модель прогнозирует продажи по каждому магазину и товару и снижает списания скоропорта.",
     "прогноз спроса, ритейл, списания"),
    ("it-pentest", "en", 9, "Almaty", "62.02", "81.93",
     "Penetration testing of web applications",
     "Certified testers assess web and mobile apps against OWASP and report findings.",
     "penetration test, web, OWASP"),
    ("it-geo", "kk", 6, "Karaganda", "62.01", "89.57",
     "Жерсеріктік суреттер бойынша жер пайдалануды бақылау",
     "Жерсерік суреттері арқылы пайдаланылмай жатқан ауыл шаруашылығы жерлері және заңсыз "
     "құрылыстар анықталады.",
     "жерсерік, жер пайдалану, бақылау"),
]

REQUESTS = [
    ("it-r-pumps", "ru", 6, "Pavlodar", "62.01",
     "Внезапные остановки насосов и конвейеров",
     "На глиноземном заводе аварийные остановки оборудования случаются 3–4 раза в месяц, "
     "каждая стоит смены простоя. Ремонт ведётся по графику или после поломки.",
     "Глиноземный завод, 1 500 единиц вращающегося оборудования.",
     "Ручные обходы с переносным виброметром раз в месяц.",
     "Предупреждение о неисправности за неделю хотя бы для критичных агрегатов.",
     "it-vib-en:2 it-pdm-kk:2 it-fleet-ai:1 it-digital-twin:1 it-energy-meter:0 og-esp-ai:1"),
    ("it-r-ot", "en", 7, "Atyrau", "62.02",
     "Nobody watches our plant control network",
     "Our refinery's controllers and operator stations sit on a flat network, and after a "
     "neighbour's incident the board asked whether someone could send commands to our "
     "process unnoticed.",
     "An oil refinery with three control systems from different vendors.",
     "Firewall between office and plant; no monitoring inside the plant network.",
     "Visibility of every device and alert on unauthorised commands, without stopping the "
     "process.",
     "it-scada-ru:2 it-ot-kk:2 it-soc-en:1 it-ransom:1 it-pentest:0"),
    ("it-r-calls", "kk", 6, "Astana", "62.01",
     "Колл-орталыққа түскен қоңырауларды талдау",
     "Күніне 8 000 қоңырау түседі, клиенттер қазақша да, орысша да сөйлейді. Қоңыраулардың "
     "тек 2 %-ы тыңдалады, шағымдардың себебін білмейміз.",
     "Телекоммуникация компаниясы.",
     "Шетелдік сөйлеуді тану жүйесі, бірақ ол қазақ тілін нашар таниды.",
     "Барлық қоңыраулардың мәтіні және тақырыбы бойынша есеп.",
     "it-asr-kk:2 it-asr-en:2 it-mt-ru:1 it-chat-gov:1 it-anpr:0"),
    ("it-r-steel", "ru", 7, "Karaganda", "62.01",
     "Дефекты поверхности проката пропускают до заказчика",
     "Контролёры ОТК осматривают рулоны вручную и пропускают часть дефектов, заказчики "
     "возвращают металл. Скорость стана 15 м/с.",
     "Металлургический комбинат, стан холодной прокатки.",
     "Дополнительный контролёр на смену.",
     "Автоматическое обнаружение дефектов по всей ширине полосы и привязка к рулону.",
     "it-cv-defect-en:2 it-cv-kk:1 it-cv-ru:1 it-digital-twin:0"),
    ("it-r-stockpile", "kk", 7, "Kostanay", "62.01",
     "Қоймадағы кен үйінділерінің көлемін жылдам өлшеу",
     "Маркшейдерлер үйінділерді айына бір рет тахеометрмен өлшейді, бұған екі күн кетеді, "
     "ал қалдық есебі жиі сәйкес келмейді.",
     "Кен байыту комбинаты, ашық қойма.",
     "Тахеометрмен түсіру.",
     "Көлемді бір күнде 3 %-дан жақсы дәлдікпен алу.",
     "it-ortho-en:2 it-lidar-kk:1 it-geo:1 it-mine-disp:0"),
    ("it-r-bottles", "en", 6, "Shymkent", "11.07",
     "Underfilled bottles and crooked labels reach shops",
     "Our bottling line runs 12,000 bottles an hour and manual spot checks miss faulty "
     "bottles; a retail chain fined us for underfilled products.",
     "A beverage plant.",
     "Checkweighers on one line only.",
     "Every bottle checked and rejected automatically.",
     "it-cv-ru:2 it-cv-kk:2 it-cv-defect-en:1 it-forecast:0"),
]

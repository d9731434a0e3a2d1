"""Medicine and health: hand-written offers and requests (see ../README.md)."""

FIELD = "medicine"

OFFERS = [
    ("me-tb-pcr-ru", "ru", 7, "Almaty", "21.20", "76.29",
     "Изотермическая амплификация для выявления M. tuberculosis и устойчивости к рифампицину",
     "Набор реагентов LAMP даёт результат из мокроты за 60 минут на простом нагревательном "
     "блоке, без ПЦР-лаборатории. Чувствительность 94 % против посева.",
     "LAMP, мокрота, рифампицин, экспресс-диагностика"),
    ("me-tb-ai-en", "en", 6, "Astana", "62.01", "76.29",
     "AI reading of chest X-rays for pulmonary TB triage",
     "A deep learning model flags chest radiographs suggestive of pulmonary tuberculosis "
     "and sends them to a phthisiatrician first. In district hospitals it cut time to "
     "diagnosis from 9 to 2 days.",
     "chest X-ray, triage, radiology, deep learning"),
    ("me-tb-kk", "kk", 5, "Turkistan", "21.20", "76.29",
     "Өкпе туберкулезін тыныс сынамасы арқылы анықтау",
     "Дем шығарудағы ұшпа заттарды талдайтын портативті құрылғы туберкулезге күдікті "
     "науқастарды бірнеше минутта іріктейді. Ауылдық емханаларға арналған.",
     "дем талдау, құрт ауруы, портативті құрылғы, емхана"),
    ("me-glucose-en", "en", 6, "Almaty", "26.60", "76.29",
     "Continuous glucose sensor with a phone app in Kazakh and Russian",
     "A patch sensor measures interstitial glucose every five minutes for 14 days and the "
     "app alerts patient and doctor to hypoglycaemia. Priced for the public reimbursement "
     "list.",
     "CGM, glucose, hypoglycaemia, app"),
    ("me-diab-kk", "kk", 7, "Shymkent", "86.90", "76.29",
     "Қант диабетімен ауыратындарды қашықтан бақылау бағдарламасы",
     "Науқас глюкометр көрсеткішін телефонмен жібереді, медбике ауытқуларды көріп, дәрігерге "
     "хабарлайды. Пилоттық жобада ауруханаға жатқызу 30 %-ға азайды.",
     "қашықтан бақылау, глюкометр, медбике, емхана"),
    ("me-diab-foot", "ru", 6, "Karaganda", "86.90", "76.29",
     "Термография стоп для раннего выявления диабетической стопы",
     "Стелька с температурными датчиками выявляет воспаление до появления язвы. "
     "Врач получает предупреждение о риске ампутации.",
     "диабетическая стопа, термография, язва"),
    ("me-implant-ti", "ru", 8, "East Kazakhstan", "32.50", "76.13",
     "Пористые титановые эндопротезы, напечатанные на 3D-принтере",
     "Индивидуальные имплантаты из титанового сплава Усть-Каменогорского производства с "
     "пористой поверхностью, в которую врастает кость. Изготавливаются по КТ пациента за "
     "10 дней.",
     "эндопротез, титан, 3D-печать, остеоинтеграция"),
    ("me-bone-kk", "kk", 5, "Almaty", "32.50", "76.13",
     "Сүйек ақауын толтыруға арналған биокерамика",
     "Гидроксиапатит пен кальций фосфатынан жасалған кеуекті түйіршіктер сүйек тінінің "
     "қалпына келуіне қаңқа болады және бірте-бірте сіңеді.",
     "гидроксиапатит, сүйек, биокерамика, кеуекті"),
    ("me-hip-en", "en", 9, "Astana", "32.50", "76.13",
     "Hip and knee replacement surgery training centre",
     "Cadaver and simulator courses for orthopaedic surgeons on joint arthroplasty.",
     "arthroplasty, training, orthopaedics"),
    ("me-wound-ru", "ru", 6, "Almaty", "21.20", "76.31",
     "Гидрогелевая повязка с наночастицами серебра для ожогов",
     "Повязка поддерживает влажную среду раны и подавляет рост бактерий, включая "
     "метициллин-резистентный стафилококк. Перевязки раз в три дня вместо ежедневных.",
     "повязка, ожоги, серебро, гидрогель"),
    ("me-wound-kk", "kk", 5, "Astana", "21.20", "76.31",
     "Түйе жүнінен алынған кератин негізіндегі жара таңғышы",
     "Кератин ақуызынан жасалған таңғыш созылмалы жаралардың жазылуын тездетеді. "
     "Клиникаға дейінгі зерттеулер аяқталды.",
     "кератин, созылмалы жара, таңғыш"),
    ("me-phage", "en", 5, "Almaty", "21.20", "76.31",
     "Bacteriophage cocktails against resistant hospital infections",
     "Phages selected against local strains of Pseudomonas and Klebsiella clear infections "
     "where antibiotics fail. We offer a phage bank and susceptibility testing for hospitals.",
     "phage therapy, resistance, Klebsiella, Pseudomonas"),
    ("me-cancer-breast", "ru", 6, "Almaty", "86.90", "76.29",
     "Анализ маммограмм нейросетью во втором чтении",
     "Система отмечает подозрительные участки на маммограммах и снижает число пропущенных "
     "опухолей при скрининге. Работает со снимками всех распространённых аппаратов.",
     "маммография, скрининг, второе чтение, нейросеть"),
    ("me-cancer-cervix-kk", "kk", 6, "Kyzylorda", "21.20", "76.29",
     "Жатыр мойны обырының скринингіне арналған ВПЧ өзін-өзі тексеру жинағы",
     "Әйел үлгіні үйде өзі алып, зертханаға жібереді. Емханаға бара алмайтын ауыл "
     "тұрғындарын скринингке тартуға мүмкіндік береді.",
     "ВПЧ, скрининг, өзін-өзі алу, ауыл"),
    ("me-onco-drug", "en", 4, "Astana", "21.20", "76.31",
     "Targeted drug candidate for gastric cancer",
     "A small molecule inhibitor with activity in patient-derived xenografts of gastric "
     "adenocarcinoma, seeking a partner for preclinical toxicology.",
     "gastric cancer, inhibitor, preclinical"),
    ("me-tele-ecg", "ru", 8, "Pavlodar", "86.90", "76.29",
     "Дистанционная расшифровка ЭКГ для сельских ФАПов",
     "Фельдшер снимает ЭКГ портативным аппаратом, запись уходит кардиологу областного центра, "
     "заключение возвращается за 15 минут.",
     "ЭКГ, телемедицина, фельдшер, кардиолог"),
    ("me-tele-kk", "kk", 7, "Mangystau", "86.90", "76.29",
     "Ауылдық пункттерге арналған телемедицина кешені",
     "Кешенге ЭКГ, спирометр, пульсоксиметр және бейнебайланыс кіреді. Аудан дәрігері "
     "алыстағы науқасты емханаға шақырмай-ақ кеңес береді.",
     "телемедицина, ауыл, бейнебайланыс, кеңес"),
    ("me-vaccine-flu", "ru", 8, "Zhambyl", "21.20", "76.31",
     "Отечественная противогриппозная вакцина",
     "Инактивированная вакцина произведена в Казахстане по стандартам GMP и входит в "
     "национальный календарь.",
     "грипп, вакцина, GMP"),
    ("me-stroke", "en", 6, "Astana", "62.01", "76.29",
     "Stroke detection on CT in the emergency room",
     "Software highlights large-vessel occlusion on CT angiography and alerts the stroke team "
     "so that thrombectomy is not delayed.",
     "stroke, CT, emergency, occlusion"),
    ("me-neonatal-kk", "kk", 6, "Turkistan", "86.10", "76.29",
     "Жаңа туған нәрестелердің сарғаюын телефонмен бағалау",
     "Смартфон камерасы мен түс эталоны арқылы билирубин деңгейі бағаланады. Ана үйде "
     "тексеріп, қауіпті жағдайда дәрігерге жүгінеді.",
     "нәресте, сарғаю, билирубин, смартфон"),
    ("me-sterile", "ru", 9, "Karaganda", "32.50", "76.13",
     "Плазменный стерилизатор для термочувствительных инструментов",
     "Низкотемпературная стерилизация эндоскопов и оптики пероксидом водорода за 45 минут.",
     "стерилизация, эндоскоп, плазма"),
    ("me-antibiotic-stew", "en", 7, "Almaty", "62.01", "76.29",
     "Antibiotic stewardship software for hospitals",
     "The system checks every antibiotic prescription against local resistance data and "
     "guidelines and suggests narrower or shorter therapy.",
     "stewardship, prescriptions, resistance"),
    ("me-kidney", "kk", 5, "Astana", "32.50", "76.13",
     "Үйде жасалатын перитонеалды диализге арналған аппарат",
     "Түнде автоматты түрде жұмыс істейтін шағын аппарат науқасқа аптасына үш рет "
     "ауруханаға бармауға мүмкіндік береді.",
     "диализ, бүйрек, үйде емдеу"),
    ("me-hearing", "ru", 7, "Almaty", "32.50", "76.13",
     "Скрининг слуха новорождённых",
     "Портативный прибор отоакустической эмиссии для роддомов и поликлиник.",
     "слух, новорождённые, скрининг"),
    ("me-dental-ceram", "en", 8, "Almaty", "32.50", "76.13",
     "Zirconia dental crowns milled in one visit",
     "Chairside CAD/CAM milling of zirconia crowns for dental clinics.",
     "dental, zirconia, CAD/CAM, crowns"),
    ("me-brucell-human", "kk", 6, "Zhambyl", "21.20", "76.29",
     "Адамдағы бруцеллезді экспресс-анықтау",
     "Қан сарысуындағы антиденелерді 20 минутта анықтайтын жолақ-тест ауыл "
     "дәрігерлеріне арналған.",
     "бруцеллез, адам, экспресс-тест, антидене"),
    ("me-ambulance", "ru", 7, "Astana", "62.01", "76.29",
     "Маршрутизация пациентов скорой помощи",
     "Система выбирает ближайшую больницу с нужным отделением и свободной койкой и сообщает "
     "бригаде маршрут.",
     "скорая помощь, маршрутизация, больница"),
]

REQUESTS = [
    ("me-r-tb", "kk", 6, "Turkistan", "86.10",
     "Ауылдық аудандарда туберкулез кеш анықталады",
     "Облыстың шалғай аудандарында қақырық үлгілері облыс орталығына жіберіледі, нәтиже бір "
     "аптадан кейін келеді. Сол уақытта науқас отбасын жұқтырады.",
     "Облыстық фтизиатрия орталығы және 14 аудандық аурухана.",
     "Жылжымалы флюорография, бірақ суреттерді оқитын дәрігер жетіспейді.",
     "Аудан деңгейінде бір күнде диагноз қою.",
     "me-tb-pcr-ru:2 me-tb-ai-en:2 me-tb-kk:2 me-brucell-human:0"),
    ("me-r-diabetes", "ru", 6, "Shymkent", "86.90",
     "Пациенты с диабетом поступают в реанимацию с гипогликемией",
     "Больные сахарным диабетом первого типа, особенно подростки, не контролируют уровень "
     "сахара между визитами, и мы узнаём о проблеме, когда их привозит скорая.",
     "Городской эндокринологический центр, 9 000 пациентов.",
     "Дневники самоконтроля на бумаге, их мало кто ведёт.",
     "Врач видит показатели между визитами, экстренных госпитализаций меньше на треть.",
     "me-glucose-en:2 me-diab-kk:2 me-diab-foot:1 me-tele-kk:1 me-insulin-pump:1"),
    ("me-r-implant", "en", 7, "East Kazakhstan", "32.50",
     "Patient-specific implants for bone tumour surgery",
     "After removing a bone tumour our surgeons need an implant that fits the defect; "
     "standard sizes from abroad take months and rarely fit.",
     "A regional oncology and orthopaedics hospital.",
     "Bone cement and standard plates, with poor long-term results.",
     "Custom implants within two weeks of the scan, registered for clinical use.",
     "me-implant-ti:2 me-bone-kk:1 me-hip-en:0 me-dental-ceram:0 me-onco-drug:0"),
    ("me-r-burns", "kk", 5, "Almaty", "86.10",
     "Күйік бөлімінде жараның іріңдеуі",
     "Ауыр күйіктермен түскен науқастардың жарасы жиі ауруханалық инфекциямен іріңдейді, "
     "антибиотиктер әсер етпейді. Таңу күн сайын жасалады, науқастар қатты ауырады.",
     "Қалалық күйік орталығы, 40 төсек.",
     "Күміс сульфадиазині бар жақпа май.",
     "Инфекцияның азаюы және таңу санының кемуі.",
     # ma-nano-silver: found by the second pooling (blind, 1,286 unjudged pairs; see README)
     "me-wound-ru:2 me-phage:2 me-wound-kk:1 me-antibiotic-stew:1 me-sterile:0 ma-nano-silver:1"),
    ("me-r-screen", "en", 6, "Kyzylorda", "86.90",
     "Women in villages miss cancer screening",
     "Only 40 % of invited women in our rural districts come to the clinic for cervical and "
     "breast screening, and cancers are found late.",
     "A regional health department.",
     "Reminder letters and mobile clinics twice a year.",
     "Double the share of women screened within a year.",
     "me-cancer-cervix-kk:2 me-cancer-breast:1 me-onco-drug:0"),
    ("me-r-heart", "ru", 7, "Mangystau", "86.90",
     "Нет кардиолога в отдалённых сёлах",
     "Фельдшеры в сёлах за 200 км от районного центра не могут оценить боль в груди и "
     "отправляют пациентов в дорогу без заключения.",
     "Районная больница и 25 фельдшерско-акушерских пунктов.",
     "Консультации по телефону без данных.",
     "Заключение специалиста в течение получаса с места.",
     "me-tele-ecg:2 me-tele-kk:2 me-ambulance:1 me-stroke:0"),
    ("me-r-resist", "kk", 6, "Almaty", "86.10",
     "Ауруханада дәріге төзімді инфекциялар көбейді",
     "Реанимация бөлімінде клебсиелла мен синегной таяқшасы антибиотиктердің көбіне төзімді "
     "болып кетті, өлім-жітім өсті.",
     "Көп бейінді қалалық аурухана.",
     "Резервтік антибиотиктер, бірақ олар қымбат және жанама әсері көп.",
     "Төзімді инфекцияны емдеудің жаңа тәсілі және антибиотикті дұрыс тағайындау.",
     "me-phage:2 me-antibiotic-stew:2 me-wound-ru:1 me-sterile:1 me-vaccine-flu:0 ma-nano-silver:1"),
]

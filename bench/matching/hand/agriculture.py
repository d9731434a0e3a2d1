"""Agriculture and food: hand-written offers and requests (see ../README.md)."""

FIELD = "agriculture"

OFFERS = [
    ("ag-wheat-kk", "kk", 8, "Akmola", "01.11", "68.35",
     "Ерте пісетін, ыстыққа төзімді жаздық бидай сорты",
     "Солтүстік Қазақстан жағдайына арналған жаңа сорт шілдедегі аптап пен ылғал тапшылығы "
     "кезінде де масақ түзеді. Мемлекеттік сынақта орташа өнім гектарына 2,4 центнерге "
     "жоғары болды. Элиталық тұқым шаруашылықтарға сатылады.",
     "сорт, жаздық бидай, өнімділік, элиталық тұқым"),
    ("ag-wheat-en", "en", 6, "Kostanay", "01.11", "68.35",
     "Marker-assisted breeding of spring wheat for dry steppe",
     "We screen breeding lines with DNA markers for deep roots and stay-green traits, which "
     "keep yields when rain fails in June and July. Partner farms get lines adapted to their "
     "zone within four seasons instead of ten.",
     "breeding, DNA markers, yield stability, dry steppe"),
    ("ag-notill", "ru", 9, "North Kazakhstan", "01.11", "68.33",
     "Влагосберегающая технология no-till для зерновых",
     "Прямой посев по стерне сохраняет зимнюю влагу в почве и снижает эрозию. Консультации, "
     "подбор сеялок и схема севооборота для хозяйств северных областей.",
     "нулевая обработка, стерня, влагосбережение, севооборот"),
    ("ag-seedcoat", "ru", 6, "Akmola", "01.11", "68.33",
     "Гидрогелевое покрытие семян для прорастания в сухую почву",
     "Оболочка на основе сшитого крахмала удерживает влагу вокруг зерновки и ускоряет "
     "всходы при недостатке осадков весной. Полевые опыты показали прибавку густоты стояния "
     "на 18 %.",
     "дражирование, гидрогель, всходы, весенняя засуха"),
    ("ag-slowN-en", "en", 7, "Almaty region", "20.15", "68.33",
     "Polymer-coated urea that feeds the crop for a whole season",
     "A thin biodegradable coating releases nitrogen over 60–90 days, matching uptake by "
     "the crop. Farmers apply once instead of three times and lose less nitrogen to leaching "
     "and volatilisation.",
     "controlled release, urea, nitrogen, coating"),
    ("ag-slowN-kk", "kk", 5, "Zhambyl", "20.15", "68.33",
     "Баяу еритін кешенді тыңайтқыш",
     "Фосфорит пен цеолит негізіндегі түйіршіктер қоректік элементтерді топыраққа біртіндеп "
     "береді және суармалы жерлерде шайылып кетпейді. Қант қызылшасы мен жүгері егістігінде "
     "сыналған.",
     "тыңайтқыш, цеолит, фосфорит, түйіршік"),
    ("ag-biofert", "ru", 7, "Turkistan", "01.11", "68.33",
     "Биоудобрение на основе азотфиксирующих бактерий",
     "Препарат с клубеньковыми и ассоциативными бактериями снижает потребность в "
     "минеральном азоте на 30 %. Подходит для бобовых и зерновых на орошаемых землях юга.",
     "биопрепарат, азотфиксация, бобовые"),
    ("ag-brucell", "kk", 6, "Zhambyl", "01.41", "68.41",
     "Ірі қара бруцеллезіне қарсы тірі вакцина",
     "Әлсіретілген штамм негізіндегі вакцина бір рет егілгенде ұзақ иммунитет береді және "
     "диагностикалық сынамаларға кедергі келтірмейді. Отандық өндіріс импорттан арзан.",
     "бруцеллез, вакцина, ірі қара, иммунитет"),
    ("ag-brucell-test", "en", 7, "Almaty", "21.20", "68.41",
     "Rapid field test that tells vaccinated from infected cattle",
     "A lateral-flow test detects antibodies to a protein absent from the vaccine strain, so "
     "a vet can tell a vaccinated cow from an infected one at the farm in 15 minutes.",
     "lateral flow, brucellosis, DIVA, serology"),
    ("ag-fmd", "ru", 8, "Almaty region", "21.20", "68.41",
     "Инактивированная вакцина против ящура для овец и КРС",
     "Вакцина из местных штаммов вируса ящура с масляным адъювантом. Производится по GMP, "
     "подходит для плановой иммунизации в приграничных районах.",
     "ящур, вакцина, овцы, адъювант"),
    ("ag-locust-drone", "en", 7, "Kyzylorda", "01.61", "68.37",
     "Drone spraying of locust bands in hard-to-reach areas",
     "Heavy-lift drones spray ultra-low volume insecticide on hopper bands found by satellite "
     "vegetation maps, in reed beds and dunes where tractors cannot go. One crew treats 300 "
     "hectares a day.",
     "locust, drone, ULV spraying, satellite"),
    ("ag-locust-bio", "kk", 6, "Turkistan", "01.61", "68.37",
     "Шегірткеге қарсы саңырауқұлақ негізіндегі биопрепарат",
     "Metarhizium саңырауқұлағының жергілікті штаммы шегіртке дернәсілдерін 7–10 күнде "
     "жояды, ара мен малға зиянсыз. Өнім Аралды өңірінде сынақтан өтті.",
     "биопрепарат, саңырауқұлақ, дернәсіл, экологиялық қауіпсіз"),
    ("ag-locust-fcst", "ru", 5, "Almaty", "62.01", "68.37",
     "Прогноз очагов саранчи по спутниковым данным",
     "Модель на основе влажности почвы и индексов растительности указывает районы "
     "вероятного отрождения личинок за 3–4 недели. Служба защиты растений получает карты "
     "для планирования обследований.",
     "саранча, прогноз, спутник, карты"),
    ("ag-ghouse-led", "en", 8, "Almaty region", "01.13", "68.35",
     "LED lighting and climate control for winter greenhouses",
     "Spectrum-tuned LED lamps with a climate controller cut electricity per kilogram of "
     "tomatoes by 35 % compared with sodium lamps, and allow harvest from November to March.",
     "LED, greenhouse, tomatoes, climate control"),
    ("ag-hydro-kk", "kk", 7, "Astana", "01.13", "68.35",
     "Көкөністерді топырақсыз өсіру: гидропоника модульдері",
     "Қоректік ерітінді айналатын көп қабатты модульдерде жапырақты көкөністер мен "
     "жасыл шөптер жыл бойы өседі. Су шығыны кәдімгі егістікпен салыстырғанда он есе аз.",
     "гидропоника, жапырақты көкөніс, көп қабатты, су үнемдеу"),
    ("ag-sheep-wool", "ru", 8, "Zhambyl", "01.45", "68.39",
     "Племенные тонкорунные овцы казахской селекции",
     "Стадо с тониной шерсти 19–21 мкм и высокой живой массой. Продаём племенных баранов "
     "и семя для искусственного осеменения.",
     "овцеводство, тонкорунная шерсть, племенные бараны"),
    ("ag-mastitis", "en", 6, "North Kazakhstan", "01.41", "68.41",
     "In-line sensor for early mastitis in dairy cows",
     "An electrical conductivity and colour sensor in the milking line flags cows with "
     "subclinical udder inflammation two to four days before clots appear. Fewer antibiotic "
     "treatments and less discarded milk.",
     "mastitis, dairy, milking, sensor"),
    ("ag-mastitis-kk", "kk", 5, "Kostanay", "10.51", "68.41",
     "Сиыр желінсауын экспресс-анықтау тесті",
     "Сүт үлгісіне қосылатын реагент соматикалық жасушалар көп болғанда түсін өзгертеді. "
     "Фермер әр сиырды сауын кезінде бірнеше секундта тексере алады.",
     "желінсау, сүт, соматикалық жасуша, тест"),
    ("ag-feed", "ru", 7, "Akmola", "10.91", "68.39",
     "Белково-витаминная добавка из отходов мукомольного производства",
     "Ферментированные отруби с добавкой дрожжей повышают привесы бычков на откорме на 12 %. "
     "Сырьё — побочный продукт местных мельниц.",
     "корм, откорм, отруби, привесы"),
    ("ag-salinity", "en", 5, "Kyzylorda", "01.11", "68.33",
     "Reclaiming salt-affected rice fields with gypsum and drainage",
     "Phosphogypsum application combined with controlled drainage leaches sodium from the "
     "root zone of irrigated fields. Trials in the Syr Darya valley restored yields on land "
     "that had been abandoned.",
     "salinisation, rice, phosphogypsum, drainage"),
    ("ag-salt-tolerant-kk", "kk", 6, "Kyzylorda", "01.11", "68.35",
     "Тұзға төзімді күріш сорттары",
     "Сортаң топырақта да тұрақты өнім беретін күріш сорттары Сырдария алқабына "
     "бейімделген. Сорттар мемлекеттік тізілімге енгізу сатысында.",
     "күріш, сортаң топырақ, сорт"),
    ("ag-potato-virus", "ru", 8, "East Kazakhstan", "01.13", "68.35",
     "Безвирусный семенной картофель из культуры тканей",
     "Оздоровленный in vitro посадочный материал элиты и суперэлиты. Урожайность выше на "
     "30–40 % по сравнению с репродукциями хозяйств.",
     "картофель, меристема, оздоровление, суперэлита"),
    ("ag-grain-dry", "en", 8, "North Kazakhstan", "28.93", "68.85",
     "Energy-saving grain dryer with heat recovery",
     "A mixed-flow dryer reuses exhaust air heat and burns straw pellets, cutting drying cost "
     "per tonne by 40 %. Moisture sensors stop overdrying.",
     "grain dryer, heat recovery, harvest, moisture"),
    ("ag-storage-kk", "kk", 6, "Akmola", "52.10", "68.85",
     "Астық қоймасындағы температураны сымсыз бақылау",
     "Астық қоймалары мен элеватор ішіне орнатылған датчиктер астықтың қызуын ерте байқап, "
     "желдетуді автоматты қосады. Сақтау кезіндегі шығын азаяды.",
     "элеватор, астық сақтау, температура, желдету"),
    ("ag-camel-milk", "ru", 7, "Mangystau", "10.51", "65.63",
     "Сублимационная сушка верблюжьего молока (шубата)",
     "Технология сохраняет биологически активные вещества шубата и даёт порошок со сроком "
     "хранения 2 года. Подходит для экспорта.",
     "шубат, верблюжье молоко, сублимация"),
    ("ag-honey", "kk", 8, "East Kazakhstan", "01.49", "68.39",
     "Бал арасының варроатозына қарсы органикалық препарат",
     "Қымыздық қышқылы негізіндегі препарат ара ұяларын кенеден тазартады және балда "
     "қалдық қалдырмайды.",
     "ара шаруашылығы, варроатоз, кене"),
    ("ag-pasture", "en", 6, "Karaganda", "01.45", "68.39",
     "Satellite pasture monitoring and grazing plans",
     "Biomass maps from satellite imagery show overgrazed and underused pastures, and a "
     "grazing plan moves flocks before the grass is exhausted. Used by cooperatives in "
     "central Kazakhstan.",
     "pasture, grazing, biomass, satellite"),
    ("ag-tractor-auto", "ru", 7, "Kostanay", "28.30", "68.85",
     "Система параллельного вождения для тракторов",
     "Навигационный комплекс с RTK-поправками ведёт агрегат с точностью 2–3 см, сокращая "
     "перекрытия при посеве и опрыскивании на 8–10 %.",
     "параллельное вождение, RTK, точное земледелие"),
    ("ag-weed", "kk", 6, "North Kazakhstan", "01.61", "68.37",
     "Арамшөптерді камерамен танып, нүктелі бүрку",
     "Бүріккішке орнатылған камера арамшөпті таниды да, гербицид тек соған себіледі. "
     "Гербицид шығыны 60 %-ға дейін азаяды.",
     "арамшөп, гербицид, камера, нүктелі бүрку"),
    ("ag-meat-trace", "en", 6, "Astana", "10.11", "65.59",
     "Traceability of beef from farm to export",
     "Ear tags, slaughterhouse records and a shared ledger give buyers the origin and "
     "veterinary history of every carcass, as export markets require.",
     "traceability, beef, export, ear tags"),
]

REQUESTS = [
    ("ag-r-drywheat", "en", 6, "Akmola", "01.11",
     "Wheat yields collapse in dry summers",
     "In three of the last five years our spring wheat lost 40 % of its yield when there was "
     "no rain in June and July. Insurance does not cover it and the bank is worried.",
     "A 20,000 ha grain farm in northern Kazakhstan.",
     "Earlier sowing and a different variety from Russia; the imported variety lodged.",
     "A variety or practice that keeps at least 1.5 t/ha in a dry year, available for next "
     "season's sowing.",
     "ag-wheat-kk:2 ag-notill:2 ag-wheat-en:1 ag-seedcoat:1 ag-salt-tolerant-kk:0"),
    ("ag-r-nitro", "ru", 6, "Almaty region", "01.11",
     "Азот вымывается из почвы на поливных участках",
     "На орошаемых полях кукурузы после полива большая часть внесённой селитры уходит вниз, "
     "и к середине лета растениям не хватает питания. Вносим подкормку трижды за сезон.",
     "Хозяйство выращивает кукурузу на зерно и сахарную свёклу, 3 000 га.",
     "Дробное внесение аммиачной селитры и карбамида.",
     "Одно внесение за сезон без потери урожая и меньше нитратов в грунтовых водах.",
     "ag-slowN-en:2 ag-slowN-kk:2 ag-biofert:1 ag-notill:0 ag-soil-map:1 wa-soil-moist:1"),
    ("ag-r-brucella", "kk", 6, "Zhambyl", "01.41",
     "Бруцеллез малды союға және ет экспортына кедергі",
     "Ауданда жыл сайын бруцеллезге оң нәтиже берген ірі қара табылып, бүкіл табын "
     "шектеуге түседі. Вакцина егілген малды ауру малдан ажырату қиын.",
     "Мал бордақылау алаңы бар шаруа қожалығы, 4 000 бас.",
     "Шетелдік вакцина, бірақ кейін сынамалар жалған оң көрсетеді.",
     "Иммунитет беретін және сараптамада ажыратуға мүмкіндік беретін шешім.",
     "ag-brucell:2 ag-brucell-test:2 ag-fmd:1 ag-meat-trace:0"),
    ("ag-r-locust", "ru", 6, "Kyzylorda", "01.61",
     "Саранча уходит в тростник, где техника не проходит",
     "Каждую весну личинки итальянского пруса и азиатской саранчи отрождаются в "
     "тростниковых зарослях поймы, и обработки наземными опрыскивателями запаздывают.",
     "Областная служба защиты растений и фермерские хозяйства поймы Сырдарьи.",
     "Наземные опрыскиватели и авиаобработка самолётом; самолёт дорог.",
     "Своевременная обработка 50 тыс. га в труднодоступных местах без вреда пчеловодству.",
     "ag-locust-drone:2 ag-locust-bio:2 ag-locust-fcst:1 ag-weed:0"),
    ("ag-r-mastitis", "kk", 5, "North Kazakhstan", "10.51",
     "Сүттің сапасы төмендеп, сиырлар жиі ауырады",
     "Зауыт соматикалық жасушалар көп болғандықтан сүтімізді төменгі сортпен қабылдайды. "
     "Ауруды кеш байқаймыз, емдеуге антибиотик көп кетеді.",
     "1 200 сиыры бар сүт фермасы.",
     "Айына бір рет зертханалық талдау жасаймыз.",
     "Ауруды сауын кезінде ерте анықтау және антибиотик шығынын азайту.",
     "ag-mastitis:2 ag-mastitis-kk:2 ag-feed:0"),
    ("ag-r-salt", "en", 5, "Kyzylorda", "01.11",
     "Rice fields turning white with salt",
     "Every year more of our paddy fields show salt crusts and the rice thins out; some "
     "plots were abandoned. Drainage canals are silted.",
     "A rice-growing cooperative on the lower Syr Darya.",
     "Extra flushing with river water, which is limited in dry years.",
     "Restore yields on affected plots within three seasons using local resources.",
     "ag-salinity:2 ag-salt-tolerant-kk:2 ag-slowN-kk:0"),
    ("ag-r-pasture", "ru", 5, "Karaganda", "01.45",
     "Пастбища вокруг зимовок выбиты, дальние не используются",
     "Отары пасутся у колодцев и зимовок, трава там выбита до земли, а дальние участки "
     "зарастают. Овцы теряют вес к осени.",
     "Сельскохозяйственный кооператив, 15 тыс. овец.",
     "Ручное планирование выпаса по опыту чабанов.",
     "План перегонов на сезон, по которому привесы не падают, а участки восстанавливаются.",
     "ag-pasture:2 ag-sheep-wool:0 ag-cattle-gps:1 wa-fog:1"),
]

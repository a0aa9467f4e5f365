"""kk / ru names of the reference data whose XML carries English sources. Not loaded by Odoo: used once by
scripts/i18n_update's translators to fill kk.po / ru.po (kept for review)."""
EN = {
    # movement reasons
    'Admission to the first grade': ('Бірінші сыныпқа қабылдау', 'Приём в первый класс'),
    'From a school of the same district (city)': ('Сол аудан (қала) мектебінен', 'Из школы того же района (города)'),
    'From another district of the region': ('Облыстың басқа ауданынан', 'Из другого района области'),
    'From another region of Kazakhstan': ('ҚР басқа облысынан', 'Из другой области РК'),
    'From abroad': ('Шетелден', 'Из-за рубежа'),
    'Return to studies': ('Оқуға қайта оралу', 'Возвращение к обучению'),
    'To a school of the same district (city)': ('Сол аудан (қала) мектебіне', 'В школу того же района (города)'),
    'To another district of the region': ('Облыстың басқа ауданына', 'В другой район области'),
    'To another region of Kazakhstan': ('ҚР басқа облысына', 'В другую область РК'),
    'Abroad': ('Шетелге', 'За рубеж'),
    'To a TVET college': ('ТжКБ ұйымына (колледжге)', 'В организацию ТиПО (колледж)'),
    'For health reasons': ('Денсаулық жағдайына байланысты', 'По состоянию здоровья'),
    'Death': ('Қайтыс болуы', 'Смерть'),
    'Expulsion': ('Оқудан шығару', 'Отчисление'),
    'Other reasons': ('Басқа себептер', 'Другие причины'),
    'Graduation from school': ('Мектепті бітіру', 'Окончание школы'),
    # social categories
    'Family entitled to targeted social assistance (ASP)': ('АӘК алуға құқығы бар отбасы', 'Семья, имеющая право на АСП'),
    'Low-income family': ('Аз қамтылған отбасы', 'Малообеспеченная семья'),
    'Large family': ('Көп балалы отбасы', 'Многодетная семья'),
    'Orphan or child without parental care': ('Жетім бала немесе ата-ана қамқорлығынсыз қалған бала',
                                              'Сирота или ребёнок, оставшийся без попечения родителей'),
    'Child under guardianship': ('Қамқорлықтағы бала', 'Ребёнок под опекой'),
    'Child with disability': ('Мүгедектігі бар бала', 'Ребёнок с инвалидностью'),
    'Family affected by an emergency': ('Төтенше жағдайдан зардап шеккен отбасы', 'Семья, пострадавшая от ЧС'),
    'By decision of the pedagogical council': ('Педагогикалық кеңес шешімі бойынша', 'По решению педагогического совета'),
    # allergens
    'Cereals containing gluten': ('Глютені бар дәнді дақылдар', 'Злаки, содержащие глютен'),
    'Crustaceans': ('Шаянтәрізділер', 'Ракообразные'),
    'Eggs': ('Жұмыртқа', 'Яйца'),
    'Fish': ('Балық', 'Рыба'),
    'Peanuts': ('Жержаңғақ', 'Арахис'),
    'Soybeans': ('Соя', 'Соя'),
    'Milk (lactose)': ('Сүт (лактоза)', 'Молоко (лактоза)'),
    'Nuts': ('Жаңғақтар', 'Орехи'),
    'Celery': ('Балдыркөк', 'Сельдерей'),
    'Mustard': ('Қыша', 'Горчица'),
    'Sesame': ('Күнжіт', 'Кунжут'),
    'Sulphites': ('Сульфиттер', 'Сульфиты'),
    'Lupin': ('Люпин', 'Люпин'),
    'Molluscs': ('Моллюскалар', 'Моллюски'),
    # grades
    'Grade 0 (pre-school)': ('0 сынып (мектепалды даярлық)', '0 класс (предшкольная подготовка)'),
}
EN.update({'Grade %d' % i: ('%d-сынып' % i, '%d класс' % i) for i in range(1, 13)})

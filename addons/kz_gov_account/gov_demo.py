"""The demo ledger of a state school, generated in pure Python (deterministic, no odoo import).

:func:`school_entries` returns the journal entries of one school from the opening balances (31 December, i.e. the
balances at 1 January of the first year) to the end of the last month, so that the second year's statements have a
comparative year. Which months are covered follows the one demo calendar (kz_edu_base/demo_calendar.py,
:func:`span`): with the demo built on 7 December 2026, January 2025 to November 2026. The chart is that of order
No. 170 (edition 01.01.2026); every posting takes its accounts from the standard entries of annex 2
(gov_entries.py, data/src/standard_entries.csv) and carries the entry's number (``std``); the ЕБК specifics are
those of order No. 151, the funding sources those of data/src/funding_sources.csv. The ORM layer
(models/kz_gov_demo.py) maps the codes to ids and posts the entries with ``account.move.kz_bulk_post``. Amounts are
Decimal, exact to the tiyn, and every entry passes gov_ledger's rules.

What a year holds (local budget, funding LOC, unless said otherwise):

* payroll on the 20th: pay (entry 243, ЕБК 111 teaching and administrative staff, 131 technical staff), the
  employee's withholdings (ОПВ 10 % entry 249, ВОСМС 2 % entry 270, ИПН 10 % after the basic deduction entry 251)
  and the employer's contributions (ОПВР 230, СН 244, СО 244+245 up to 2025 and on 7040 from 2026, ООСМС 268; ЕБК
  116/121/122/124, all of the technical staff's under 135) at the rates of the year (the same dated values as
  kz_payroll/data/kz_payroll_parameters.csv; the payroll engine itself is kz_payroll.kz_tax, this is only demo
  data); net pay paid on the 25th (entry 18), withholdings and contributions on the 24th of the next month
  (entries 45, 246, 47, 48, 226, 269, 271);
* utilities 151 (heating season October-April), communication 152, other services 159 billed at the month end
  (entry 234 on 7080) and paid on the 15th of the next month (entry 14); the free meals of grades 1-4 (school
  months): school No. 1 has them from a caterer (a service, entry 234, ЕБК 159; the last month is posted from the
  canteen's meals by kz_canteen_account), school No. 2 cooks them itself (food bought on 1314, entry 121, and used,
  entry 135, ЕБК 141); stationery and household materials (1316, ЕБК 149) bought quarterly and used monthly
  (entries 110, 135); business trips 161 through the current account and the employee's advance (entries 40, 32,
  34); equipment 414 taken on 2360 (entry 162) and paid from the capital planned assignments (entries 3, 163);
* treasury financing received on the planned assignments (entry 1: 1091 / 6010; entry 3: 1092 / 6020) on the day
  of each payment, per specific, so the planned assignments end every day at zero;
* monthly depreciation (entry 178) of buildings (2 % a year), equipment (20 %) and furniture (10 %);
* paid services (funding PAID): income recognised (entry 86) and paid on the КСН of paid services (entry 89), spent
  on the clubs' services (entries 234, 14); charitable aid (SPON) received on its КСН (entry 50) and spent on
  furniture (entries 172, 14);
* the closing of the first year on 31 December (order 230 rules item 21; entries 322, 323, 325; the planned
  assignments end at zero, so entries 20 and 21 have nothing to return): the second year opens with no income or
  expense balance.

Money accounts of the budget (the planned assignments) require an ЕБК specific on every item; the КСН of paid
services and of charity do not (gov chart properties, data/src/chart_170_properties.csv).
"""
import datetime
from decimal import ROUND_CEILING, Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import demo_calendar
    from kz_dates import add_months, month_end
    from kz_money import ZERO, money
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import demo_calendar
    from odoo.addons.kz_edu_base.kz_dates import add_months, month_end
    from odoo.addons.kz_edu_base.kz_money import ZERO, money
try:  # inside Odoo: the addon package; in the pure tests: the top-level modules beside this one
    from . import gov_closing, gov_entries
except ImportError:
    import gov_closing
    import gov_entries

D = Decimal

# dated demo rates (see kz_payroll/data/kz_payroll_parameters.csv for their legal sources)
RATES = {
    2025: {'mrp': D(3932), 'mzp': D(85000), 'opv': D('0.10'), 'vosms': D('0.02'), 'vosms_cap_mzp': 10,
           'ipn': D('0.10'), 'deduction_mrp': 14, 'opvr': D('0.025'), 'so': D('0.05'), 'oosms': D('0.03'),
           'oosms_cap_mzp': 10, 'sn': D('0.11'), 'sn_less_so': True},
    2026: {'mrp': D(4325), 'mzp': D(85000), 'opv': D('0.10'), 'vosms': D('0.02'), 'vosms_cap_mzp': 20,
           'ipn': D('0.10'), 'deduction_mrp': 30, 'opvr': D('0.035'), 'so': D('0.05'), 'oosms': D('0.03'),
           'oosms_cap_mzp': 40, 'sn': D('0.06'), 'sn_less_so': False},
}

PROFILES = {
    # school No. 1 (urban gymnasium, about 600 students): the full set of operations
    # has_payroll_batch: the generator's payroll stops the month before the demo calendar's payroll month, whose
    # payroll is the demo payroll batch of kz_payroll, posted to the ledger by kz_payroll_account
    'school1': {'has_payroll_batch': True, 'has_canteen_posting': True, 'cooks': False, 'teachers': 30,
                'technical': 10, 'pupils_1_4': 220, 'scale': D(1), 'paid_services': True,
                'sponsorship': True, 'buildings': D('850000000.00'), 'equipment': D('45600000.00'),
                'other_fa': D('18750000.00'), 'library': D('12300000.00'), 'depreciation': D('312400000.00'),
                'materials': D('1250000.00'), 'paid_cash': D('640000.00'), 'sponsor_cash': D('210000.00')},
    # school No. 2 (rural): a lighter year, no paid services
    'school2': {'cooks': True, 'teachers': 14, 'technical': 5, 'pupils_1_4': 70, 'scale': D('0.45'),
                'paid_services': False,
                'sponsorship': True, 'buildings': D('310000000.00'), 'equipment': D('12400000.00'),
                'other_fa': D('6300000.00'), 'library': D('4100000.00'), 'depreciation': D('118600000.00'),
                'materials': D('380000.00'), 'paid_cash': ZERO, 'sponsor_cash': D('95000.00')},
}

# partners of the demo (key -> name); the ORM layer creates them per school
PARTNERS = {
    'utility': '«Қаскелең Жылу-Су» МКК (demo)',
    'telecom': '«Байланыс-Сервис» ЖШС (demo)',
    'food': '«Таза Ас» ЖШС (demo)',
    'catering': '«Дәмді Ас» ЖШС (demo)',
    'stationery': '«Кеңсе Әлемі» ЖШС (demo)',
    'services': '«Қорған-Клининг» ЖШС (demo)',
    'equipment': '«Цифрлы Мектеп» ЖШС (demo)',
    'sponsor': '«Ата-аналар қоры» ҚҚ (demo)',
    'parents': 'Ата-аналар: ақылы үйірмелер (demo)',
}

# references of the entries, in Kazakh like the rest of the demo school (key: what the entry records)
#: name of the demo financing plan (Kazakh like the rest of the demo; _() is not yet translated while demo data loads)
PLAN_NAME = '%d жылғы жеке қаржыландыру жоспары — жергілікті бюджет'

REFS = {
    'opening': '%s жағдай бойынша бастапқы қалдықтар', 'net_assets': 'Таза активтер %s',
    'financing': 'Қаржыландыру', 'payroll': 'Жалақы есептелді', 'salaries_paid': 'Жалақы төленді',
    'contributions_paid': 'Ұстап қалулар мен жарналар төленді', 'food_received': 'Азық-түлік кірістелді',
    'food_consumed': 'Азық-түлік есептен шығарылды', 'food_paid': 'Азық-түлік үшін төленді',
    'catering': 'Тамақтандыру қызметтері (1-4 сыныптар)', 'catering_paid': 'Тамақтандыру үшін төленді',
    'trip_funds': 'Іссапарға ағымдағы шотқа аударылды', 'trip_advance': 'Іссапар авансы алынды',
    'closing': 'Жылды жабу: қорытынды айналымдар', 'paid_services_received': 'Ақылы қызметтер үшін төленді',
    'supplies_received': 'Қорлар кірістелді', 'supplies_paid': 'Қорлар үшін төленді',
    'supplies_used': 'Қорлар есептен шығарылды', 'trip': 'Іссапар шығыстары',
    'trip_paid': 'Іссапар шығыстары төленді', 'equipment_received': 'Жабдық кірістелді',
    'equipment_paid': 'Жабдық үшін төленді', 'utilities': 'Коммуналдық қызметтер',
    'communication': 'Байланыс қызметтері', 'services': 'Күзет және тазалық қызметтері',
    'bills_paid': 'Шоттар төленді', 'paid_services': 'Ақылы қызметтер түсімі', 'clubs': 'Үйірмелер: қызметтер',
    'clubs_paid': 'Үйірмелер үшін төленді', 'sponsorship': 'Демеушілік көмек түсті',
    'furniture_received': 'Жиһаз кірістелді', 'furniture_paid': 'Жиһаз үшін төленді',
    'depreciation': 'Амортизация есептелді',
}

SCHOOL_MONTHS = (1, 2, 3, 4, 5, 9, 10, 11, 12)
HEATING_MONTHS = (1, 2, 3, 4, 10, 11, 12)


def months(start, end):
    year, month = start
    while (year, month) <= end:
        yield year, month
        year, month = add_months(year, month, 1)


def month_label(year, month):
    return '%02d.%d' % (month, year)


def ref(key, label):
    return '%s %s' % (REFS[key], label)


# ---------------------------------------------------------------------------------------------------- payroll
def salaries(profile, year):
    """Monthly gross salaries (Decimal) of the teaching and of the technical staff, deterministic; +8 % a year
    from 2026."""
    factor = D('1.08') ** max(0, year - 2025)
    teachers = [money((D(265000) + (i * 37 % 23) * D(10500)) * factor) for i in range(profile['teachers'])]
    technical = [money((D(118000) + (i * 13 % 7) * D(8500)) * factor) for i in range(profile['technical'])]
    return teachers, technical


def payslip(gross, year):
    """{'gross','opv','vosms','ipn','net','opvr','so','oosms','sn'} of one employee's month (demo arithmetic)."""
    r = RATES[max(y for y in RATES if y <= year)]
    mzp = r['mzp']
    opv = money(gross * r['opv'])
    vosms = money(min(gross, mzp * r['vosms_cap_mzp']) * r['vosms'])
    base = max(gross - opv - vosms - r['mrp'] * r['deduction_mrp'], ZERO)
    ipn = money(base * r['ipn'])
    opvr = money(gross * r['opvr'])
    so = money(min(max(gross - opv, mzp), mzp * 7) * r['so'])
    oosms = money(min(gross, mzp * r['oosms_cap_mzp']) * r['oosms'])
    sn = money((gross - opv - vosms) * r['sn'])
    if r['sn_less_so']:
        sn = max(sn - so, ZERO)
    return {'gross': gross, 'opv': opv, 'vosms': vosms, 'ipn': ipn, 'net': gross - opv - vosms - ipn,
            'opvr': opvr, 'so': so, 'oosms': oosms, 'sn': sn}


def payroll_totals(grosses, year):
    total = {}
    for gross in grosses:
        for key, value in payslip(gross, year).items():
            total[key] = total.get(key, ZERO) + value
    return total



# ---------------------------------------------------------------------------------------------------- entries
#: the journal of an entry that moves a money account: the role (kz_kind) of that account
MONEY_JOURNALS = ('plan_local_current', 'plan_local_capital', 'plan_rep_current', 'plan_rep_capital',
                  'cash_paid_services', 'cash_charity', 'current_account', 'cash_desk')


def line(account, debit=ZERO, credit=ZERO, ebk=None, funding=None, partner=None, name=None, std=''):
    return {'account': account, 'debit': money(debit), 'credit': money(credit), 'ebk': ebk, 'funding': funding,
            'partner': partner, 'name': name, 'std': std}


def entry(journal, date, ref, lines, closing=False):
    return {'journal': journal, 'date': date, 'ref': ref, 'lines': [l for l in lines if l['debit'] or l['credit']],
            'closing': closing}


def post(key, amount, date, funding=None, ebk=None, partner=None, name=None, variant=0, debit_partner=True,
         credit_partner=True):
    """The two lines of operation `key` (standard entry) for `amount`: debit then credit, with the entry's number.
    The ЕБК is the operation's own (variant 0/1, see gov_entries.ebk_of) unless given."""
    lines = []
    for p in gov_entries.postings(key, date, funding):
        specific = ebk or gov_entries.ebk_of(p, variant) or None
        std = gov_entries.label(p)
        lines.append(line(p.debit, debit=amount, ebk=specific, funding=funding,
                          partner=partner if debit_partner else None, name=name, std=std))
        lines.append(line(p.credit, credit=amount, ebk=specific, funding=funding,
                          partner=partner if credit_partner else None, name=name, std=std))
    return lines


def money_account(key, funding):
    """The money account an operation moves (its debit for a receipt, its credit for a payment)."""
    p = gov_entries.postings(key, None, funding)[0]
    return p.debit if p.debit.startswith('10') else p.credit


def journal_of(account):
    """The role of the journal of an entry on money account `account` (see MONEY_JOURNALS)."""
    for kind, code in (('plan_local_current', '1091'), ('plan_local_capital', '1092'), ('plan_rep_current', '1081'),
                       ('plan_rep_capital', '1082'), ('cash_paid_services', '1042'), ('cash_charity', '1041'),
                       ('current_account', '1020'), ('cash_desk', '1010')):
        if account == code:
            return kind
    return 'memorial'


def financing(date, reference, amounts, funding='LOC'):
    """Treasury financing received on the planned assignments, per specific (entry 1; capital specifics 4xx:
    entry 3)."""
    lines = []
    for ebk, amount in sorted(amounts.items()):
        if not amount:
            continue
        key = 'financing_capital' if ebk.startswith('4') else 'financing_current'
        p = gov_entries.posting(key, date, funding)
        lines.append(line(p.debit, debit=amount, ebk=ebk, funding=funding, std=gov_entries.label(p)))
        lines.append(line(p.credit, credit=amount, funding=funding, std=gov_entries.label(p)))
    return entry(journal_of(lines[0]['account']) if lines else 'memorial', date,
                 '%s: %s' % (REFS['financing'], reference), lines)


def paid_from_budget(date, reference, pairs, funding='LOC'):
    """Financing then payment from the planned assignments: pairs = [(operation key, amount, ebk, partner), ...];
    the payments of one money account form one entry (current and capital assignments are separate accounts)."""
    by_account = {}
    for key, amount, ebk, partner in pairs:
        by_account.setdefault(money_account(key, funding), []).append((key, amount, ebk, partner))
    out = []
    for account, items in sorted(by_account.items()):
        amounts = {}
        for _key, amount, ebk, _partner in items:
            amounts[ebk] = amounts.get(ebk, ZERO) + amount
        payment = []
        for key, amount, ebk, partner in items:
            payment += post(key, amount, date, funding, ebk=ebk, partner=partner)
        out += [financing(date, reference, amounts, funding), entry(journal_of(account), date, reference, payment)]
    return out


def opening(profile, date):
    """The opening balances: fixed assets and stocks, the money of paid services and charity; the net assets on
    5220 «Финансовый результат предыдущих лет» (ФО-1 line 412)."""
    p = profile
    lines = [line('2321', debit=p['buildings']), line('2360', debit=p['equipment']),
             line('2370', debit=p['other_fa']), line('2382', debit=p['library']),
             line('1316', debit=p['materials']), line('2391', credit=p['depreciation'])]
    if p['paid_cash']:
        lines.append(line('1042', debit=p['paid_cash'], funding='PAID'))
    if p['sponsor_cash']:
        lines.append(line('1041', debit=p['sponsor_cash'], funding='SPON'))
    total = sum((l['debit'] - l['credit'] for l in lines), ZERO)
    first_day = (date + datetime.timedelta(days=1)).strftime('%d.%m.%Y')
    lines.append(line('5220', credit=total, name=REFS['net_assets'] % first_day))
    return entry('memorial', date, REFS['opening'] % first_day, lines)


def _scaled(profile, amount):
    return money(D(amount) * profile['scale'])


def last_rate_year():
    """The last year whose rates the generator knows (RATES): the demo's money stops at its December."""
    return max(RATES)


def span(today=None):
    """The months the demo ledger covers, by the one demo calendar (see demo_calendar.ledger_span)."""
    return demo_calendar.ledger_span(today or demo_calendar.demo_today(), last_rate_year())


def closing(entries, day, label):
    """The closing entries of the year at `day` (gov_closing) computed from `entries` up to that day."""
    balances, result, plan = {}, {}, {}
    plan_accounts = gov_entries.plan_closing()
    for e in entries:
        if e['date'] > day:
            continue
        for l in e['lines']:
            amount = l['debit'] - l['credit']
            if l['account'] in plan_accounts:
                key = (l['account'], l['ebk'] or '', l['funding'] or '')
                plan[key] = plan.get(key, ZERO) + amount
            elif l['account'][:1] in ('6', '7'):
                key = (l['account'], l['ebk'] or '', l['funding'] or '')
                balances[key] = balances.get(key, ZERO) + amount
            elif l['account'] == '5210':
                key = (l['account'], l['funding'] or '')
                result[key] = result.get(key, ZERO) + amount
    out = []
    for e in gov_closing.closing_entries(balances, result, day, plan):
        lines = [line(l['account'], debit=l['debit'], credit=l['credit'], ebk=l['ebk'], funding=l['funding'],
                      std=l['std']) for l in e['lines']]
        out.append(entry('memorial', day, '%s %s (№ %s)' % (REFS['closing'], label, e['std']), lines,
                         closing=e['closing']))
    return out


def school_entries(profile_key='school1', today=None):
    """All demo entries of one school, in date order (see the module docstring), for the demo built on `today`
    (default: the demo calendar's today)."""
    s = span(today)
    start, end = s['start'], s['end']
    first = start[0]      # the comparative year; `first + 1` is the year of the financing plan
    p = PROFILES[profile_key]
    payroll_end = s['payroll_end'] if p.get('has_payroll_batch') else end
    meals_end = s['payroll_end'] if p.get('has_canteen_posting') else end
    out = [opening(p, s['opening'])]
    # fixed assets for depreciation: (cost, yearly rate, first month depreciated)
    assets = [(p['buildings'], D('0.02'), start), (p['equipment'], D('0.20'), start), (p['other_fa'], D('0.10'), start)]
    due = []            # payments of the month: (date, ref, [(operation, amount, ebk, partner)])
    for year, month in months(start, end):
        label = month_label(year, month)
        last = month_end(year, month)
        ny, nm = add_months(year, month, 1)
        # ---- payroll: accrual on the 20th, net pay on the 25th, withholdings and contributions next month
        if (year, month) <= payroll_end:
            teachers, technical = salaries(p, year)
            accrual, contributions = [], []
            for group, variant in ((payroll_totals(teachers, year), 0), (payroll_totals(technical, year), 1)):
                totals = {'GROSS': group['gross'], 'OPV': group['opv'], 'VOSMS': group['vosms'], 'IPN': group['ipn'],
                          'OPVR': group['opvr'], 'SN': group['sn'], 'SO': group['so'], 'OOSMS': group['oosms']}
                for account, ebk, debit, credit, _code, std in gov_entries.payroll_lines(totals, last, variant == 1):
                    accrual.append(line(account, debit=debit, credit=credit, ebk=ebk, funding='LOC', std=std))
                ebk_pay = lambda key: gov_entries.ebk_of(gov_entries.postings(key, None, 'LOC')[0], variant)
                contributions += [('pay_opv', group['opv'], ebk_pay('pay_opv'), None),
                                  ('pay_vosms', group['vosms'], ebk_pay('pay_vosms'), None),
                                  ('pay_ipn', group['ipn'], ebk_pay('pay_ipn'), None),
                                  ('pay_opvr', group['opvr'], ebk_pay('pay_opvr'), None),
                                  ('pay_sn', group['sn'], ebk_pay('pay_sn'), None),
                                  ('pay_so', group['so'], ebk_pay('pay_so'), None),
                                  ('pay_oosms', group['oosms'], ebk_pay('pay_oosms'), None)]
                out += paid_from_budget(datetime.date(year, month, 25), ref('salaries_paid', label) + (
                    '' if variant == 0 else ' (техникалық персонал)'),
                    [('pay_net', group['net'], ebk_pay('pay_net'), None)])
            out.append(entry('payroll', datetime.date(year, month, 20), ref('payroll', label), accrual))
            due.append((datetime.date(ny, nm, 24), ref('contributions_paid', label),
                        [c for c in contributions if c[1]]))
        # ---- utilities, communication, services: billed at the month end, paid on the 15th of the next month
        heating = month in HEATING_MONTHS
        utilities = _scaled(p, D('1850000.00') + month * D('12345.67') if heating else D('620000.00') + month * D(910))
        communication = _scaled(p, D('58400.00') + (month % 3) * D('1250.50'))
        services = _scaled(p, D('1150000.00') + (year - first) * D('92000.00'))
        bills = [('services_bill', utilities, '151', 'utility', 'utilities'),
                 ('services_bill', communication, '152', 'telecom', 'communication'),
                 ('services_bill', services, '159', 'services', 'services')]
        # ---- the free meals of grades 1-4 (school months): from a caterer (school No. 1) or cooked (school No. 2)
        if month in SCHOOL_MONTHS:
            price = D(650) if year == first else D(700)
            food = money(p['pupils_1_4'] * 19 * price + month * D('311.11'))
            if p.get('cooks'):
                out.append(entry('memorial', datetime.date(year, month, 5), ref('food_received', label),
                                 post('food_receipt', food, datetime.date(year, month, 5), 'LOC', partner='food',
                                      debit_partner=False)))
                out.append(entry('memorial', last, ref('food_consumed', label),
                                 post('food_use', food, last, 'LOC')))
                due.append((datetime.date(ny, nm, 10), ref('food_paid', label),
                            [('supplier_pay', food, '141', 'food')]))
            elif (year, month) <= meals_end:
                # the caterer's bill (kz_canteen_account posts the canteen's last month from its meals)
                bills.append(('canteen_catering', food, gov_entries.ebk_of(gov_entries.posting('canteen_catering')),
                              'catering', 'catering'))
        # ---- stationery and household materials: bought quarterly (and before the school year), used monthly
        if month in (1, 4, 7, 8, 10):
            stock = _scaled(p, D('1200000.00') if month == 8 else D('480000.00'))
            out.append(entry('memorial', datetime.date(year, month, 8), ref('supplies_received', label),
                             post('stock_receipt', stock, datetime.date(year, month, 8), 'LOC', partner='stationery',
                                  debit_partner=False)))
            due.append((datetime.date(ny, nm, 10), ref('supplies_paid', label),
                        [('supplier_pay', stock, '149', 'stationery')]))
        used = _scaled(p, D('210000.00') + (month % 4) * D('15500.00'))
        out.append(entry('memorial', last, ref('supplies_used', label), post('stock_use', used, last, 'LOC')))
        # ---- business trips (seminars) in March and November: current account, the advance, the advance report
        if month in (3, 11):
            trip = _scaled(p, D('86500.00') + (year - first) * D('7500.00'))
            day = datetime.date(year, month, 12)
            out.append(financing(day, ref('trip_funds', label), {'161': trip}))
            out.append(entry('plan_local_current', day, ref('trip_funds', label),
                             post('trip_to_current_account', trip, day, 'LOC')))
            out.append(entry('current_account', datetime.date(year, month, 13), ref('trip_advance', label),
                             post('trip_advance', trip, datetime.date(year, month, 13), 'LOC')))
            out.append(entry('memorial', datetime.date(year, month, 20), ref('trip', label),
                             post('trip_report', trip, datetime.date(year, month, 20), 'LOC')))
        # ---- equipment: computers before the first school year, interactive panels in March of the second year
        purchase = {(first, 8): D('7800000.00'), (first + 1, 3): D('4650000.00')}.get((year, month))
        if purchase:
            cost = _scaled(p, purchase)
            day = datetime.date(year, month, 12)
            out.append(entry('memorial', day, ref('equipment_received', label),
                             post('asset_receipt', cost, day, 'LOC', partner='equipment', debit_partner=False)))
            out += paid_from_budget(datetime.date(year, month, 26), ref('equipment_paid', label),
                                    [('supplier_pay_capital', cost, '414', 'equipment')])
            assets.append((cost, D('0.20'), add_months(year, month, 1)))
        # ---- bills of the month
        for key, amount, ebk, partner, what in bills:
            out.append(entry('memorial', last, ref(what, label),
                             post(key, amount, last, 'LOC', ebk=ebk, partner=partner, debit_partner=False)))
        if bills:
            due.append((datetime.date(ny, nm, 15), ref('bills_paid', label),
                        [('supplier_pay', amount, ebk, partner) for _k, amount, ebk, partner, _w in bills]))
        # ---- paid services and charitable aid (their own КСН and funding sources)
        if p['paid_services'] and month in SCHOOL_MONTHS:
            fees = money(D('418000.00') + month * D('2150.00'))
            day = datetime.date(year, month, 18)
            out.append(entry('memorial', day, ref('paid_services', label),
                             post('sale_recognised', fees, day, 'PAID', partner='parents')))
            out.append(entry('cash_paid_services', day, ref('paid_services_received', label),
                             post('sale_paid', fees, day, 'PAID', partner='parents')))
            if month in (3, 5, 10, 12):
                spend = money(fees * 2)
                out.append(entry('memorial', datetime.date(year, month, 19), ref('clubs', label),
                                 post('services_bill', spend, datetime.date(year, month, 19), 'PAID', ebk='159',
                                      partner='services', debit_partner=False)))
                out.append(entry('cash_paid_services', datetime.date(year, month, 27), ref('clubs_paid', label),
                                 post('supplier_pay', spend, datetime.date(year, month, 27), 'PAID', ebk='159',
                                      partner='services')))
        if p['sponsorship'] and (year, month) in ((first, 5), (first + 1, 4)):
            gift = _scaled(p, D('1500000.00'))
            day = datetime.date(year, month, 14)
            out.append(entry('cash_charity', day, ref('sponsorship', label),
                             post('charity_received', gift, day, 'SPON', partner='sponsor')))
        if p['sponsorship'] and (year, month) in ((first, 6), (first + 1, 5)):
            furniture = _scaled(p, D('1420000.00'))
            out.append(entry('memorial', datetime.date(year, month, 10), ref('furniture_received', label),
                             post('asset_receipt_charity', furniture, datetime.date(year, month, 10), 'SPON',
                                  partner='equipment', debit_partner=False)))
            out.append(entry('cash_charity', datetime.date(year, month, 17), ref('furniture_paid', label),
                             post('supplier_pay', furniture, datetime.date(year, month, 17), 'SPON', ebk='414',
                                  partner='equipment')))
            assets.append((furniture, D('0.10'), add_months(year, month, 1)))
        # ---- depreciation at the month end
        depreciation = ZERO
        for cost, rate, since in assets:
            if since <= (year, month):
                depreciation += money(cost * rate / 12)
        out.append(entry('memorial', last, ref('depreciation', label), post('depreciation', depreciation, last, 'LOC')))
        # ---- payments that fall due this month (earlier months' bills and contributions)
        for date, reference, pairs in [d for d in due if (d[0].year, d[0].month) == (year, month)]:
            out += paid_from_budget(date, reference, pairs)
        due = [d for d in due if (d[0].year, d[0].month) != (year, month)]
        # ---- the closing of the year (order 230 rules item 21): the comparative year only, the demo's last year
        # is still open
        if month == 12 and year < end[0]:
            out.sort(key=lambda e: e['date'])
            out += closing(out, last, str(year))
    out.sort(key=lambda e: (e['date'], e.get('closing', False)))
    return out


def financing_plan(entries, year, last_month, funding='LOC', round_to=D(1000)):
    """Rows of an individual financing plan of `year` consistent with the entries:
    [(ebk code, 'obligations' | 'payments', [12 monthly amounts])].

    Obligations: what the school takes on per specific and month, i.e. the expenses and assets (accounts 7xxx,
    13xx, 23xx) accrued against a liability of the funding source (a credit to a 3xxx account: bills, payroll);
    payments: the outflows of the planned assignments (credits of the money accounts of the funding source's
    planned assignments, 1091/1092 for the local budget). Both are rounded up to `round_to` ₸; the months after a
    row's last month with data (at most `last_month`) repeat it (the plan covers the whole year)."""
    plan_accounts = ('1091', '1092') if funding == 'LOC' else ('1081', '1082')
    plan = {}
    for e in entries:
        if e['date'].year != year or e.get('closing'):
            continue
        accrued = any(l['account'][:1] == '3' and l['credit'] and l['funding'] == funding for l in e['lines'])
        to_money = any(l['account'][:2] == '10' and l['debit'] for l in e['lines'])
        for l in e['lines']:
            kind = None
            if (l['account'] in plan_accounts and l['credit'] and l['funding'] == funding
                    and l['std'] not in gov_entries.plan_closing_entries()):
                kind, amount = 'payments', l['credit']
            elif accrued and l['debit'] and (l['account'][:1] == '7' or l['account'][:2] in ('13', '23')):
                kind, amount = 'obligations', l['debit']
            elif (not accrued and not to_money and l['debit'] and l['account'][:1] == '7'
                  and l['funding'] == funding and l['ebk'] == '161'):
                kind, amount = 'obligations', l['debit']        # the business trip's advance report
            if kind and l['ebk']:
                plan.setdefault((l['ebk'], kind), [ZERO] * 12)
                plan[(l['ebk'], kind)][e['date'].month - 1] += amount
    rows = []
    for (ebk, kind), values in sorted(plan.items()):
        rounded = [(v / round_to).to_integral_value(rounding=ROUND_CEILING) * round_to for v in values]
        # the plan covers the whole year: the months after the row's last month with data repeat that month
        filled = [m for m in range(last_month) if rounded[m]]
        if filled:
            for m in range(filled[-1] + 1, 12):
                rounded[m] = rounded[filled[-1]]
        rows.append((ebk, kind, [money(v) for v in rounded]))
    return rows

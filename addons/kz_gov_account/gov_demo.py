"""The demo year of a state school's books, generated in pure Python (deterministic, no odoo import).

:func:`school_entries` returns the journal entries of one school from the opening balances (31 December, i.e. the
balances at 1 January of the first year) to the end of the last month, so that the second year's statements have a
comparative year. Which months are covered follows the one demo calendar (kz_edu_base/demo_calendar.py,
:func:`span`): with the demo built on 7 December 2026, January 2025 to November 2026. Accounts, ЕБК specifics and
funding sources are named by their codes (chart_281.csv, ebk_403.csv, funding_sources.csv); the ORM layer
(models/kz_gov_demo.py) maps them to ids and posts the entries with ``account.move.kz_bulk_post``. Amounts are Decimal, exact to the tiyn, and every entry passes gov_ledger's rules.

What a year holds (local budget, funding LOC, unless said otherwise):

* payroll on the 20th: accrual by ЕБК 111 (teaching and administrative staff) and 131 (technical staff), the
  employee's withholdings (ОПВ 10 %, ВОСМС 2 %, ИПН 10 % after the basic deduction) and the employer's
  contributions (ОПВР 116, СН 121, СО 122, ООСМС 124; all of the technical staff's under 135) at the rates of
  the year (the same dated values as kz_payroll/data/kz_payroll_parameters.csv; the payroll engine itself is
  kz_payroll.kz_tax, this is only demo data); net pay paid on the 25th, withholdings and contributions on the 24th
  of the next month;
* utilities 151 (heating season October-April), communication 152, services 159 accrued at the month end and paid
  on the 15th of the next month; food for the free meals of grades 1-4 (141) bought in school months, written off
  to expenses at the month end, paid on the 10th; other stocks 149 bought quarterly and written off monthly;
  business trips 161; equipment 414 capitalised as fixed assets and paid from capital financing (6020);
* treasury financing (6010 / 6020) received on the control account on the day of each payment, per specific, so
  the budget КСН ends every day at zero as in the treasury;
* monthly depreciation of buildings (2 % a year), equipment (20 %) and other fixed assets (10 %);
* paid services (funding PAID) received on their own control account and spent on services; sponsorship (SPON)
  received on its account and spent on furniture (fixed assets).

Money accounts require an ЕБК specific on every item (chart_281.csv); receipts carry the specific the money is
for (the financed specific, or the planned use of paid-services and sponsorship money).
"""
import calendar
import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import demo_calendar
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import demo_calendar

D = Decimal
TIYN = D('0.01')
ZERO = D('0.00')

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
    'school1': {'has_payroll_batch': True, 'teachers': 30, 'technical': 10, 'pupils_1_4': 220, 'scale': D(1),
                'paid_services': True,
                'sponsorship': True, 'buildings': D('850000000.00'), 'equipment': D('45600000.00'),
                'other_fa': D('18750000.00'), 'library': D('12300000.00'), 'depreciation': D('312400000.00'),
                'materials': D('1250000.00'), 'paid_cash': D('640000.00'), 'sponsor_cash': D('210000.00')},
    # school No. 2 (rural): a lighter year, no paid services
    'school2': {'teachers': 14, 'technical': 5, 'pupils_1_4': 70, 'scale': D('0.45'), 'paid_services': False,
                'sponsorship': True, 'buildings': D('310000000.00'), 'equipment': D('12400000.00'),
                'other_fa': D('6300000.00'), 'library': D('4100000.00'), 'depreciation': D('118600000.00'),
                'materials': D('380000.00'), 'paid_cash': ZERO, 'sponsor_cash': D('95000.00')},
}

# partners of the demo (key -> name); the ORM layer creates them per school
PARTNERS = {
    'utility': '«Қаскелең Жылу-Су» МКК (demo)',
    'telecom': '«Байланыс-Сервис» ЖШС (demo)',
    'food': '«Таза Ас» ЖШС (demo)',
    'stationery': '«Кеңсе Әлемі» ЖШС (demo)',
    'services': '«Қорған-Клининг» ЖШС (demo)',
    'equipment': '«Цифрлы Мектеп» ЖШС (demo)',
    'sponsor': '«Ата-аналар қоры» ҚҚ (demo)',
}

# references of the entries, in Kazakh like the rest of the demo school (key: what the entry records)
#: name of the demo financing plan (Kazakh like the rest of the demo; _() is not yet translated while demo data loads)
PLAN_NAME = '%d жылғы жеке қаржыландыру жоспары — жергілікті бюджет'

REFS = {
    'opening': '%s жағдай бойынша бастапқы қалдықтар', 'net_assets': 'Таза активтер %s',
    'financing': 'Қаржыландыру', 'payroll': 'Жалақы есептелді', 'salaries_paid': 'Жалақы төленді',
    'contributions_paid': 'Ұстап қалулар мен жарналар төленді', 'food_received': 'Азық-түлік кірістелді',
    'food_consumed': 'Азық-түлік есептен шығарылды', 'food_paid': 'Азық-түлік үшін төленді',
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


def money(value):
    return D(value).quantize(TIYN, rounding=ROUND_HALF_UP)


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


def months(start, end):
    year, month = start
    while (year, month) <= end:
        yield year, month
        year, month = next_month(year, month)


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
def line(account, debit=ZERO, credit=ZERO, ebk=None, funding=None, partner=None, name=None):
    return {'account': account, 'debit': money(debit), 'credit': money(credit), 'ebk': ebk, 'funding': funding,
            'partner': partner, 'name': name}


def entry(journal, date, ref, lines):
    return {'journal': journal, 'date': date, 'ref': ref, 'lines': [l for l in lines if l['debit'] or l['credit']]}


def financing(date, reference, amounts, funding='LOC'):
    """Treasury financing received on the budget КСН, per specific (capital specifics 4xx through 6020)."""
    lines = []
    for ebk, amount in sorted(amounts.items()):
        if not amount:
            continue
        lines.append(line('1010', debit=amount, ebk=ebk, funding=funding))
        lines.append(line('6020' if ebk.startswith('4') else '6010', credit=amount, funding=funding))
    return entry('cash_budget', date, '%s: %s' % (REFS['financing'], reference), lines)


def paid_from_budget(date, reference, pairs):
    """Financing then payment from the budget КСН: pairs = [(debit account, amount, ebk, partner), ...]."""
    amounts = {}
    for _account, amount, ebk, _partner in pairs:
        amounts[ebk] = amounts.get(ebk, ZERO) + amount
    payment = []
    for account, amount, ebk, partner in pairs:
        payment.append(line(account, debit=amount, ebk=ebk, funding='LOC', partner=partner))
        payment.append(line('1010', credit=amount, ebk=ebk, funding='LOC', partner=partner))
    return [financing(date, reference, amounts), entry('cash_budget', date, reference, payment)]


def opening(profile, date):
    p = profile
    lines = [line('2320', debit=p['buildings'], ebk='412'), line('2350', debit=p['equipment'], ebk='414'),
             line('2370', debit=p['other_fa'], ebk='414'), line('2380', debit=p['library'], ebk='414'),
             line('1310', debit=p['materials'], ebk='149'), line('2390', credit=p['depreciation'])]
    if p['paid_cash']:
        lines.append(line('1030', debit=p['paid_cash'], ebk='159', funding='PAID'))
    if p['sponsor_cash']:
        lines.append(line('1040', debit=p['sponsor_cash'], ebk='414', funding='SPON'))
    total = sum((l['debit'] - l['credit'] for l in lines), ZERO)
    first_day = (date + datetime.timedelta(days=1)).strftime('%d.%m.%Y')
    lines.append(line('5420', credit=total, name=REFS['net_assets'] % first_day))
    return entry('memorial', date, REFS['opening'] % first_day, lines)


def _scaled(profile, amount):
    return money(D(amount) * profile['scale'])


def last_rate_year():
    """The last year whose rates the generator knows (RATES): the demo's money stops at its December."""
    return max(RATES)


def span(today=None):
    """The months the demo ledger covers, by the one demo calendar (see demo_calendar.ledger_span)."""
    return demo_calendar.ledger_span(today or demo_calendar.demo_today(), last_rate_year())


def school_entries(profile_key='school1', today=None):
    """All demo entries of one school, in date order (see the module docstring), for the demo built on `today`
    (default: the demo calendar's today)."""
    s = span(today)
    start, end = s['start'], s['end']
    first = start[0]      # the comparative year; `first + 1` is the year of the financing plan
    p = PROFILES[profile_key]
    payroll_end = s['payroll_end'] if p.get('has_payroll_batch') else end
    out = [opening(p, s['opening'])]
    # fixed assets for depreciation: (account, ebk, cost, yearly rate, first month depreciated)
    assets = [('2320', '412', p['buildings'], D('0.02'), start), ('2350', '414', p['equipment'], D('0.20'), start),
              ('2370', '414', p['other_fa'], D('0.10'), start)]
    due = []            # payments of the month: (date, ref, [(account, amount, ebk, partner)])
    for year, month in months(start, end):
        label = month_label(year, month)
        last = month_end(year, month)
        ny, nm = next_month(year, month)
        # ---- payroll: accrual on the 20th, net pay on the 25th, withholdings and contributions next month
        if (year, month) <= payroll_end:
            teachers, technical = salaries(p, year)
            ped, tech = payroll_totals(teachers, year), payroll_totals(technical, year)
            accrual = [
                line('7010', debit=ped['gross'], ebk='111', funding='LOC'),
                line('3320', credit=ped['gross'], ebk='111', funding='LOC'),
                line('7010', debit=tech['gross'], ebk='131', funding='LOC'),
                line('3320', credit=tech['gross'], ebk='131', funding='LOC'),
            ]
            for group, ebk in ((ped, '111'), (tech, '131')):
                accrual += [line('3320', debit=group['opv'] + group['vosms'] + group['ipn'], ebk=ebk, funding='LOC'),
                            line('3220', credit=group['opv'], funding='LOC'),
                            line('3240', credit=group['vosms'], funding='LOC'),
                            line('3120', credit=group['ipn'], funding='LOC')]
            for key, ebk, account in (('opvr', '116', '3230'), ('sn', '121', '3150'), ('so', '122', '3210'),
                                      ('oosms', '124', '3240')):
                accrual += [line('7020', debit=ped[key], ebk=ebk, funding='LOC'),
                            line(account, credit=ped[key], funding='LOC')]
                accrual += [line('7020', debit=tech[key], ebk='135', funding='LOC'),
                            line(account, credit=tech[key], funding='LOC')]
            out.append(entry('payroll', datetime.date(year, month, 20), ref('payroll', label), accrual))
            out += paid_from_budget(datetime.date(year, month, 25), ref('salaries_paid', label),
                                    [('3320', ped['net'], '111', None), ('3320', tech['net'], '131', None)])
            due.append((datetime.date(ny, nm, 24), ref('contributions_paid', label), [
                ('3220', ped['opv'], '111', None), ('3240', ped['vosms'], '111', None),
                ('3120', ped['ipn'], '111', None),
                ('3220', tech['opv'], '131', None), ('3240', tech['vosms'], '131', None),
                ('3120', tech['ipn'], '131', None),
                ('3230', ped['opvr'], '116', None), ('3150', ped['sn'], '121', None),
                ('3210', ped['so'], '122', None), ('3240', ped['oosms'], '124', None),
                ('3230', tech['opvr'], '135', None), ('3150', tech['sn'], '135', None),
                ('3210', tech['so'], '135', None), ('3240', tech['oosms'], '135', None)]))
        # ---- utilities, communication, services: accrued at the month end, paid on the 15th of the next month
        heating = month in HEATING_MONTHS
        utilities = _scaled(p, D('1850000.00') + month * D('12345.67') if heating else D('620000.00') + month * D(910))
        communication = _scaled(p, D('58400.00') + (month % 3) * D('1250.50'))
        services = _scaled(p, D('1150000.00') + (year - first) * D('92000.00'))
        bills = [('7050', utilities, '151', 'utility', 'utilities'),
                 ('7040', communication, '152', 'telecom', 'communication'),
                 ('7040', services, '159', 'services', 'services')]
        # ---- food for the free meals of grades 1-4 (school months): bought, written off, paid on the 10th
        if month in SCHOOL_MONTHS:
            price = D(650) if year == first else D(700)
            food = money(p['pupils_1_4'] * 19 * price + month * D('311.11'))
            out.append(entry('memorial', datetime.date(year, month, 5), ref('food_received', label), [
                line('1320', debit=food, ebk='141'), line('3310', credit=food, ebk='141', funding='LOC',
                                                          partner='food')]))
            out.append(entry('memorial', last, ref('food_consumed', label), [
                line('7030', debit=food, ebk='141', funding='LOC'), line('1320', credit=food, ebk='141')]))
            due.append((datetime.date(ny, nm, 10), ref('food_paid', label), [('3310', food, '141', 'food')]))
        # ---- other stocks: bought quarterly (and before the school year), written off monthly
        if month in (1, 4, 7, 8, 10):
            stock = _scaled(p, D('1200000.00') if month == 8 else D('480000.00'))
            out.append(entry('memorial', datetime.date(year, month, 8), ref('supplies_received', label), [
                line('1310', debit=stock, ebk='149'),
                line('3310', credit=stock, ebk='149', funding='LOC', partner='stationery')]))
            due.append((datetime.date(ny, nm, 10), ref('supplies_paid', label), [('3310', stock, '149', 'stationery')]))
        used = _scaled(p, D('210000.00') + (month % 4) * D('15500.00'))
        out.append(entry('memorial', last, ref('supplies_used', label), [
            line('7030', debit=used, ebk='149', funding='LOC'), line('1310', credit=used, ebk='149')]))
        # ---- business trips (seminars) in March and November
        if month in (3, 11):
            trip = _scaled(p, D('86500.00') + (year - first) * D('7500.00'))
            out.append(entry('memorial', datetime.date(year, month, 12), ref('trip', label), [
                line('7060', debit=trip, ebk='161', funding='LOC'),
                line('3320', credit=trip, ebk='161', funding='LOC')]))
            out += paid_from_budget(datetime.date(year, month, 16), ref('trip_paid', label),
                                    [('3320', trip, '161', None)])
        # ---- equipment: computers before the first school year, interactive panels in March of the second year
        purchase = {(first, 8): D('7800000.00'), (first + 1, 3): D('4650000.00')}.get((year, month))
        if purchase:
            cost = _scaled(p, purchase)
            out.append(entry('memorial', datetime.date(year, month, 12), ref('equipment_received', label), [
                line('2350', debit=cost, ebk='414'),
                line('3310', credit=cost, ebk='414', funding='LOC', partner='equipment')]))
            out += paid_from_budget(datetime.date(year, month, 26), ref('equipment_paid', label),
                                    [('3310', cost, '414', 'equipment')])
            assets.append(('2350', '414', cost, D('0.20'), next_month(year, month)))
        # ---- bills of the month
        for account, amount, ebk, partner, what in bills:
            out.append(entry('memorial', last, ref(what, label), [
                line(account, debit=amount, ebk=ebk, funding='LOC'),
                line('3310', credit=amount, ebk=ebk, funding='LOC', partner=partner)]))
        due.append((datetime.date(ny, nm, 15), ref('bills_paid', label),
                    [('3310', amount, ebk, partner) for _a, amount, ebk, partner, _w in bills]))
        # ---- paid services and sponsorship (their own control accounts and funding sources)
        if p['paid_services'] and month in SCHOOL_MONTHS:
            fees = money(D('418000.00') + month * D('2150.00'))
            out.append(entry('cash_paid_services', datetime.date(year, month, 18), ref('paid_services', label), [
                line('1030', debit=fees, ebk='159', funding='PAID'), line('6110', credit=fees, funding='PAID')]))
            if month in (3, 5, 10, 12):
                spend = money(fees * 2)
                out.append(entry('memorial', datetime.date(year, month, 19), ref('clubs', label), [
                    line('7040', debit=spend, ebk='159', funding='PAID'),
                    line('3310', credit=spend, ebk='159', funding='PAID', partner='services')]))
                out.append(entry('cash_paid_services', datetime.date(year, month, 27), ref('clubs_paid', label), [
                    line('3310', debit=spend, ebk='159', funding='PAID', partner='services'),
                    line('1030', credit=spend, ebk='159', funding='PAID', partner='services')]))
        if p['sponsorship'] and (year, month) in ((first, 5), (first + 1, 4)):
            gift = _scaled(p, D('1500000.00'))
            out.append(entry('cash_sponsorship', datetime.date(year, month, 14), ref('sponsorship', label), [
                line('1040', debit=gift, ebk='414', funding='SPON', partner='sponsor'),
                line('6040', credit=gift, funding='SPON', partner='sponsor')]))
        if p['sponsorship'] and (year, month) in ((first, 6), (first + 1, 5)):
            furniture = _scaled(p, D('1420000.00'))
            out.append(entry('memorial', datetime.date(year, month, 10), ref('furniture_received', label), [
                line('2370', debit=furniture, ebk='414'),
                line('3310', credit=furniture, ebk='414', funding='SPON', partner='equipment')]))
            out.append(entry('cash_sponsorship', datetime.date(year, month, 17), ref('furniture_paid', label), [
                line('3310', debit=furniture, ebk='414', funding='SPON', partner='equipment'),
                line('1040', credit=furniture, ebk='414', funding='SPON', partner='equipment')]))
            assets.append(('2370', '414', furniture, D('0.10'), next_month(year, month)))
        # ---- depreciation at the month end
        depreciation = []
        for account, ebk, cost, rate, since in assets:
            if since <= (year, month):
                amount = money(cost * rate / 12)
                name = '%s %s' % (REFS['depreciation'], account)
                depreciation += [line('7070', debit=amount, ebk=ebk, funding='LOC', name=name),
                                 line('2390', credit=amount, name=name)]
        out.append(entry('memorial', last, ref('depreciation', label), depreciation))
        # ---- payments that fall due this month (earlier months' bills and contributions)
        for date, reference, pairs in [d for d in due if (d[0].year, d[0].month) == (year, month)]:
            out += paid_from_budget(date, reference, pairs)
        due = [d for d in due if (d[0].year, d[0].month) != (year, month)]
    out.sort(key=lambda e: e['date'])
    return out


def financing_plan(entries, year, last_month, funding='LOC', round_to=D(1000)):
    """Rows of an individual financing plan of `year` consistent with the entries:
    [(ebk code, 'obligations' | 'payments', [12 monthly amounts])].

    Obligations: what the school takes on per specific and month, i.e. the expenses and assets (accounts 7xxx,
    13xx, 23xx) accrued against a liability of the funding source (a credit to a 3xxx account: bills, payroll);
    payments: the outflows of the budget КСН (credits of 1010). Both are rounded up to `round_to` ₸; the months
    after a row's last month with data (at most `last_month`) repeat it (the plan covers the whole year)."""
    plan = {}
    for e in entries:
        if e['date'].year != year:
            continue
        accrued = any(l['account'][:1] == '3' and l['credit'] and l['funding'] == funding for l in e['lines'])
        for l in e['lines']:
            kind = None
            if l['account'] == '1010' and l['credit'] and l['funding'] == funding:
                kind, amount = 'payments', l['credit']
            elif accrued and l['debit'] and l['account'][:1] == '7' or (accrued and l['debit'] and
                                                                         l['account'][:2] in ('13', '23')):
                kind, amount = 'obligations', l['debit']
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

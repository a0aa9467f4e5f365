import demo_people
import iin


def test_population_is_deterministic_valid_and_unique():
    f = demo_people.IinFactory()
    a = demo_people.school_population(1, 2026, iin_factory=f)
    b = demo_people.school_population(1, 2026)
    assert [s['iin'] for s in a['students']] == [s['iin'] for s in b['students']]
    assert len(a['students']) == 600 and len(demo_people.CLASS_PLAN) == 24
    staff = demo_people.school_staff(1, 2026, iin_factory=f)
    everyone = a['students'] + a['parents'] + staff
    iins = [p['iin'] for p in everyone]
    assert len(set(iins)) == len(iins)
    assert all(iin.is_valid_iin(v) for v in iins)
    for s in a['students']:
        assert iin.parse_iin(s['iin'])['birth_date'] == s['birth_date']
        assert 1 <= len(s['parents']) <= 2
        assert s['birth_date'].year == 2026 - s['grade'] - 6


def test_kazakh_patronymic_and_female_surname():
    assert demo_people.patronymic('Серік', 'F', True) == 'Серік қызы'
    assert demo_people.patronymic('Сергей', 'M', False) == 'Сергеевич'
    assert demo_people.surname('Ахметов', 'F') == 'Ахметова'
    assert demo_people.surname('Ким', 'F') == 'Ким'

"""Card numbers in the one form the connector and Odoo compare: no whitespace, upper case."""


def normalize_card(card):
    """Return `card` without whitespace and in upper case, as Odoo's kz.edu.card.normalize_uid does.

    >>> normalize_card(' 04 a1 b2 c3\\r\\n')
    '04A1B2C3'
    """
    return ''.join(card.split()).upper()

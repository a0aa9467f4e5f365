from . import kz_edu_contingent_xlsx
from . import kz_edu_card_barcode

from . import kz_edu_contingent_documents
from . import kz_edu_card_barcode

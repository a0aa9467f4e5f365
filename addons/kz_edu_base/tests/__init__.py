from . import test_iin_fields
from . import test_organisations
from . import test_consent
from . import test_access
from . import test_language
from . import test_i18n_complete
from . import test_demo
from . import test_mail_without_email

from . import kz_edu_learning_documents

"""Exchanging a plan with other systems: the plan as a FHIR R4B Bundle (`fhir.py`), for a
personal health environment (PGO) or a care provider's record to import, as a download
from the plan and through the API. What goes in is what the caller may see, read through
the same selectors as the pages (see `docs/exchange.md`)."""

"""Search on the social map. Each service keeps its words, normalised, in `search_text`
(lower case, no accents); `index_services` refreshes it after every write."""

import re
import unicodedata

from .models import Service

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, only letters and digits, one space between words:
    "Betalings­achterstanden (één)" -> "betalingsachterstanden een"."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_WORD.sub(" ", text).strip()


def search_text_for(service: Service, *, organisation_name: str, term_names: list[str]) -> str:
    parts = [
        service.name,
        service.alternate_name,
        organisation_name,
        " ".join(term_names),
        service.description,
        service.eligibility_description,
        service.application_process,
    ]
    return normalise(" ".join(p for p in parts if p))


def index_services(service_ids) -> None:
    """Recompute `search_text` of these services (after an import or an edit)."""
    services = list(Service.objects.filter(pk__in=list(service_ids)).select_related("organisation"))
    terms: dict[int, list[str]] = {}
    through = Service.terms.through.objects.filter(service_id__in=[s.pk for s in services])
    for service_id, name in through.values_list("service_id", "taxonomyterm__name"):
        terms.setdefault(service_id, []).append(name)
    for service in services:
        service.search_text = search_text_for(
            service, organisation_name=service.organisation.name, term_names=terms.get(service.pk, [])
        )
    Service.objects.bulk_update(services, ["search_text"], batch_size=500)

"""Names of the languages a service speaks (`Service.languages` holds ISO 639 codes), in
the reader's language: Django's list where it knows the code, ours for the rest."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# Languages spoken in Dutch towns that Django does not name.
MORE_LANGUAGES = {
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "pap": _("Papiamento"),
    "ber": _("Tamazight (Berber)"),
    "zgh": _("Tamazight (Berber)"),
    "ku": _("Kurdish"),
    "am": _("Amharic"),
    "prs": _("Dari"),
    "ngt": _("Dutch Sign Language"),
}


def language_name(code: str) -> str:
    code = (code or "").strip().lower()
    if code in MORE_LANGUAGES:
        return str(MORE_LANGUAGES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code.upper()

from django.utils.translation import get_language


class Localized:
    """Reference data (domains, instruments) is written in Dutch with an optional English
    twin field `<name>_en`; `localized("name")` picks the one for the active language."""

    def localized(self, field: str) -> str:
        if (get_language() or "nl").startswith("en"):
            english = getattr(self, f"{field}_en", "")
            if english:
                return english
        return getattr(self, field)

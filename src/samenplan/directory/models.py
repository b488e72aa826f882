"""The social map: what organisations offer, where and when, shaped after Open Referral
HSDS 3.0 (see `docs/network.md`). An HSDS "organization" is `accounts.Organisation`;
every row here keeps its HSDS `id` (`hsds_id`) so an import is an upsert by that id.

Public data only: nothing here is about a resident."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A listing not checked for this many days is shown as possibly out of date.
STALE_AFTER_DAYS = 183


def stale_before(today=None):
    """A listing last checked before this day (or never) is out of date."""
    return (today or timezone.localdate()) - timedelta(days=STALE_AFTER_DAYS)


class Taxonomy(models.Model):
    """A list of terms services are classified by (HSDS "taxonomy"). The life domains are
    published as one, made by a data migration."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    uri = models.URLField(_("address"), blank=True, max_length=500)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    """One term of a taxonomy (HSDS "taxonomy_term"). A term of the life-domain taxonomy
    points to its `LifeDomain`."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=10, blank=True)
    term_uri = models.URLField(_("address"), blank=True, max_length=500)
    life_domain = models.OneToOneField(
        "measuring.LifeDomain", null=True, blank=True, on_delete=models.CASCADE, related_name="taxonomy_term"
    )

    class Meta:
        ordering = ["taxonomy_id", "code", "name", "id"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self):
        return self.name


class Location(models.Model):
    """Where an organisation receives people (HSDS "location" with its one address)."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("A place to visit")
        POSTAL = "postal", _("Postal address")
        VIRTUAL = "virtual", _("Online")

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="locations", verbose_name=_("organisation")
    )
    location_type = models.CharField(_("kind of location"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    address_1 = models.CharField(_("street and number"), max_length=150, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    wijk = models.ForeignKey(
        "accounts.Wijk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("wijk")
    )
    transportation = models.CharField(_("how to get there"), max_length=300, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    last_modified = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name


class Service(models.Model):
    """What an organisation offers (HSDS "service"), in plain words for residents."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Open")
        TEMPORARILY_CLOSED = "temporarily closed", _("Closed for now")
        INACTIVE = "inactive", _("Not offered at the moment")
        DEFUNCT = "defunct", _("Stopped")

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="services", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=150)
    alternate_name = models.CharField(_("other name"), max_length=150, blank=True)
    description = models.TextField(_("what they do"), max_length=3000)
    eligibility_description = models.TextField(_("for whom"), blank=True, max_length=1000)
    minimum_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("up to age"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # How to get there: any that apply.
    walk_in = models.BooleanField(_("walk in without an appointment"), default=False)
    by_phone = models.BooleanField(_("call"), default=False)
    self_referral = models.BooleanField(_("sign up yourself"), default=False)
    via_professional = models.BooleanField(_("via a professional"), default=False)
    application_process = models.TextField(_("how to get help"), blank=True, max_length=1000)
    free = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.CharField(_("costs"), max_length=300, blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    url = models.URLField(_("website"), blank=True, max_length=500)
    # ISO 639-1 codes of the languages spoken, e.g. ["nl", "en", "ar"].
    languages = models.JSONField(_("languages"), default=list, blank=True)
    accepts_referrals = models.BooleanField(_("takes referrals through Samenplan"), default=True)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services", verbose_name=_("topics"))
    # The wijken served; none means the whole municipality (HSDS "service_area").
    wijken = models.ManyToManyField("accounts.Wijk", blank=True, related_name="+", verbose_name=_("wijken"))
    # When someone last checked that this listing is right (HSDS "assured_date").
    assured_date = models.DateField(_("last checked"), null=True, blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_modified = models.DateTimeField(_("last changed"), default=timezone.now)
    # When the organisation's admin was told the listing is out of date (once per period).
    stale_notified_at = models.DateTimeField(null=True, blank=True)
    # Normalised words of the listing for the search (`directory/search.py` keeps it).
    search_text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["last_modified"])]

    def __str__(self):
        return self.name

    @property
    def is_stale(self) -> bool:
        return self.assured_date is None or self.assured_date < stale_before()


class ServiceAtLocation(models.Model):
    """A service offered at a location (HSDS "service_at_location")."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(_("description"), blank=True, max_length=1000)
    last_modified = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="one_service_per_location")]


class Schedule(models.Model):
    """Opening hours: one weekday's opening, for a service, a location or a service at a
    location (HSDS "schedule" with `byday`, `opens_at`, `closes_at`)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices, null=True, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at", "id"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

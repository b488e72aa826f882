from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MunicipalityManager(models.Manager):
    def deployment(self) -> Municipality:
        """The municipality this installation serves (SAMENPLAN_MUNICIPALITY_CODE and _NAME),
        created on first use: public pages (the social map) show its wijken, and a wijk or
        organisation added without one belongs to it."""
        municipality, _created = self.get_or_create(
            code=settings.SAMENPLAN_MUNICIPALITY_CODE, defaults={"name": settings.SAMENPLAN_MUNICIPALITY_NAME}
        )
        return municipality


class Municipality(models.Model):
    """A municipality (gemeente). Every wijk belongs to one; the lists of wijken staff and
    analysts choose from are those of their own municipality. One installation serves one
    today; the column is what lets one database serve many (docs/scaling.md)."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM[0-9]{4}$", _("A CBS municipality code is GM and four digits, like GM0794."))],
        help_text=_("The code of Statistics Netherlands (CBS), like GM0794."),
    )

    objects = MunicipalityManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


def deployment_municipality_id() -> int:
    """The default of every municipality column: the installation's own municipality."""
    return Municipality.objects.deployment().pk


class WijkQuerySet(models.QuerySet):
    def of_municipality(self, municipality_id: int) -> WijkQuerySet:
        return self.filter(municipality_id=municipality_id)

    def seen_by(self, user) -> WijkQuerySet:
        """The wijken a staff member chooses from and sees figures of: those of their
        organisation's municipality, or the installation's for an account without an
        organisation. A join, not an extra query."""
        if user.organisation_id is not None:
            return self.filter(municipality__organisations=user.organisation_id)
        return self.public()

    def public(self) -> WijkQuerySet:
        """The wijken public pages show: the installation's municipality's."""
        return self.filter(municipality__code=settings.SAMENPLAN_MUNICIPALITY_CODE)


class Wijk(models.Model):
    """A neighbourhood of the municipality; plans, organisations and figures are grouped by it."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        default=deployment_municipality_id,
        related_name="wijken",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    objects = WijkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name


class WijkPostcode(models.Model):
    """A four-digit postcode area (PC4) and the wijk it lies in: an early signal's address
    lands at the wijk team of its wijk by this table (configuration, like the wijken)."""

    postcode = models.CharField(_("postcode (four digits)"), max_length=4, unique=True)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("wijk"))

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self):
        return f"{self.postcode} {self.wijk}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_TEAM = "social_team", _("Social team")
        DEBT = "debt", _("Debt counselling")
        HOUSING = "housing", _("Housing corporation")
        MENTAL_HEALTH = "mental_health", _("Mental-health care")
        EMPLOYMENT = "employment", _("Employment service")
        SCHOOL = "school", _("School")
        GP = "gp", _("GP practice")
        YOUTH = "youth", _("Youth and family")
        FOOD_BANK = "food_bank", _("Food bank")
        VOLUNTEER = "volunteer", _("Volunteer organisation")
        SPORT = "sport", _("Sport club")
        LIBRARY = "library", _("Library")
        EMPLOYER = "employer", _("Employer")
        WELFARE = "welfare", _("Welfare and community work")
        MUNICIPALITY = "municipality", _("Municipality")
        ENERGY = "energy", _("Energy supplier")
        WATER = "water", _("Drinking-water company")
        HEALTH_INSURER = "health_insurer", _("Health insurer")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The municipality the organisation works in: its people choose from that municipality's
    # wijken, and its analysts see that municipality's wijken only (WijkQuerySet.seen_by).
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        default=deployment_municipality_id,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    wijken = models.ManyToManyField(Wijk, verbose_name=_("neighbourhoods served"), blank=True)
    starts_plans = models.BooleanField(
        _("may start intakes"),
        default=False,
        help_text=_("Professionals of this organisation may start a plan with a resident (wijk teams)."),
    )
    delivers_signals = models.BooleanField(
        _("delivers early signals"),
        default=False,
        help_text=_("A housing corporation, energy or water company or health insurer that reports payment arrears."),
    )
    # The social map (HSDS "organization"): how the public reaches the organisation.
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    last_modified = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)
    # eHerkenning (signin/oidc.py): the broker names the company by its KvK number; a
    # professional logs in with eHerkenning only when it is their own organisation's.
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        db_index=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("A KvK number has 8 digits."))],
        help_text=_("The 8 digits of the Chamber of Commerce. Needed to log in with eHerkenning."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """Every person who logs in. The role says what kind of account it is; what someone may
    see of a plan is never decided by the role alone but by the sharing policy."""

    class Role(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        PROFESSIONAL = "professional", _("Professional")
        NETWORK = "network", _("Network member")
        ANALYST = "analyst", _("Policy analyst")
        ORG_ADMIN = "org_admin", _("Organisation admin")
        PLATFORM_ADMIN = "platform_admin", _("Platform admin")
        # Staff of a partner that reports payment arrears: they send signals and see only
        # whether contact was made and help accepted, never a plan or a question.
        SIGNAL_PARTNER = "signal_partner", _("Signal partner")
        # The municipality's breakthrough officer: decides breakthrough requests from case
        # conferences, sees those requests and never a plan.
        BREAKTHROUGH_OFFICER = "breakthrough_officer", _("Breakthrough officer")
        # Runs the municipality's programme (its goals, actions and work groups) and reads
        # the mystery guests' findings; never sees a plan.
        PROGRAMME_COORDINATOR = "programme_coordinator", _("Programme coordinator")

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    # Kept on the user so the header can show it without a query on every page.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    # DigiD (signin/oidc.py): never the BSN itself, only its keyed hash (HMAC-SHA256 with
    # SAMENPLAN_BSN_HASH_KEY), set when the resident links DigiD to this account.
    bsn_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # eHerkenning: the broker's identifier of the acting person, kept at the first login.
    eherkenning_id = models.CharField(
        _("eHerkenning identifier"), max_length=200, unique=True, null=True, blank=True, editable=False
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_professional(self) -> bool:
        return self.role == self.Role.PROFESSIONAL

    @property
    def has_staff_role(self) -> bool:
        """Works for an organisation or the municipality: every role but residents and their
        network members, so a role added later has the staff rules (two-factor
        authentication, session limits) from the start."""
        return self.role not in (self.Role.RESIDENT, self.Role.NETWORK)

    @property
    def may_start_intake(self) -> bool:
        return self.is_professional and self.organisation_id is not None and self.organisation.starts_plans


class ActivationCode(models.Model):
    """A short code printed on a letter, for a resident without an email address: with it
    they choose their first password. Only a hash is kept; a new letter replaces the code;
    it works once, for a limited time and a limited number of wrong tries."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="activation_code")
    # The first characters of the code find the row; the hash of the whole code proves it.
    lookup = models.CharField(max_length=3, unique=True)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("activation code")
        verbose_name_plural = _("activation codes")

    def __str__(self):
        return f"{self.user_id} until {self.expires_at:%Y-%m-%d}"

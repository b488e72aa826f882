"""Early signals on the API: the body a partner sends (the columns of its file, by their
English names) and the status it reads back (only whether contact was made and help
accepted, as on its page)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samenplan.early_signals.models import Signal
from samenplan.early_signals.services.importing import MAX_AMOUNT, MAX_MONTHS

from .base import StrictSerializer


class SignalBody(StrictSerializer):
    reference = serializers.CharField(max_length=60, help_text=_("Your own reference; each signal needs its own."))
    name = serializers.CharField(max_length=150)
    street = serializers.CharField(max_length=150, help_text=_("Street and house number."))
    postcode = serializers.RegexField(
        r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", max_length=7, help_text=_("Like 5701 AB; it decides which wijk team takes it.")
    )
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    dateOfBirth = serializers.DateField(required=False, allow_null=True)
    kind = serializers.ChoiceField(
        choices=Signal.Kind.values,
        error_messages={
            "invalid_choice": _("“{input}” is not a kind we know. Write one of: rent, energy, water, health_insurance.")
        },
    )
    amount = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        coerce_to_string=False,
        help_text=_("In euros, as a number: 850.00."),
    )
    monthsInArrears = serializers.IntegerField(min_value=1, max_value=MAX_MONTHS)
    lastReminderOn = serializers.DateField()
    collectionStepsConfirmed = serializers.BooleanField(
        help_text=_(
            "True when your own collection steps were taken (personal contact, pointing to debt "
            "help, a written reminder); a signal without them is refused."
        )
    )

    def service_values(self) -> dict:
        data = self.validated_data
        return {
            "reference": data["reference"],
            "name": data["name"],
            "street": data["street"],
            "postcode": data["postcode"],
            "city": data.get("city", ""),
            "date_of_birth": data.get("dateOfBirth"),
            "kind": data["kind"],
            "amount": data["amount"],
            "months_in_arrears": data["monthsInArrears"],
            "last_reminder_on": data["lastReminderOn"],
            "collection_steps_confirmed": data["collectionStepsConfirmed"],
        }


class SignalStatus(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    arrivedAt = serializers.DateTimeField()
    kind = serializers.CharField()
    contactMade = serializers.BooleanField(help_text=_("Whether the wijk team reached the resident."))
    helpAccepted = serializers.BooleanField(
        allow_null=True, help_text=_("Whether help followed; null while the team is still busy.")
    )

    def to_representation(self, row):
        return {
            "id": row["id"],
            "reference": row["partner_reference"],
            "arrivedAt": serializers.DateTimeField().to_representation(row["created_at"]),
            "kind": row["kind"],
            "contactMade": row["first_contact_at"] is not None,
            "helpAccepted": None if row["helped"] is None else bool(row["helped"]),
        }

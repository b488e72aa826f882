"""Reads for the organisation admin's connection pages and for the partner-facing API
(the referral inbox and a partner's signals). Who sees what is the policy's decision."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Max, Value, When
from django.http import Http404

from samenplan.audit import context as audit
from samenplan.early_signals.models import Signal
from samenplan.referrals.models import Referral
from samenplan.sharing.policy import managed_organisation

from .models import ApiClient


def client_list(*, user):
    """The connections of the organisation this user manages, newest first, with when a
    token was last asked for (tokens of a revoked connection are gone)."""
    organisation = managed_organisation(user)
    return (
        ApiClient.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .annotate(last_token_at=Max("application__accesstoken__created"))
        .order_by("revoked_at", "-created_at", "-id")
    )


def managed_client(*, user, client_id) -> ApiClient:
    """A connection of the organisation this user manages; a 404 for anyone else."""
    organisation = managed_organisation(user)
    client = ApiClient.objects.filter(pk=client_id, organisation=organisation).select_related("application").first()
    if client is None:
        raise Http404
    return client


def referral_queue(*, where):
    """The open referrals matching the policy's filter, oldest first, in one query."""
    return (
        Referral.objects.filter(where, status__in=Referral.OPEN)
        .select_related("plan__owner", "service", "assigned_to", "proposed_by__organisation")
        .defer("question")
        .order_by("consented_at", "id")
    )


def note_referrals_listed(referrals) -> None:
    """The list names the residents of the referrals on it (first name only): a read."""
    audit.note_list(plan_ids=sorted({referral.plan_id for referral in referrals}), parts=set())


def partner_signals(*, where):
    """A partner's own signals, newest first, as rows with only whether contact was made
    and help accepted (as on the partner's page): one query per page."""
    return (
        Signal.objects.filter(where)
        .order_by("-created_at", "-id")
        .annotate(
            helped=Case(
                When(outcome__in=Signal.HELP_ACCEPTED, then=Value(1)),
                When(closed_at__isnull=False, then=Value(0)),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
        .values("id", "partner_reference", "created_at", "kind", "first_contact_at", "helped")
    )


def partner_signal(*, where, signal_id) -> dict:
    """One of the partner's own signals as a row; a 404 (noted as refused) otherwise."""
    try:
        row = partner_signals(where=where).get(pk=int(signal_id))
    except (Signal.DoesNotExist, ValueError, TypeError):
        audit.note_denied_record("signal", signal_id)
        raise Http404 from None
    audit.note_records("signal", [row["id"]])
    return row

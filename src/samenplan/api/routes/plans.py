"""Routes of the plans area of `/api/v1/`: a plan member's plans and what they may see of
each (`views/plans.py`)."""

from django.urls import path

from ..views import plans

urlpatterns = [
    path("plans", plans.Plans.as_view(), name="plans"),
    path("plans/<int:planId>", plans.PlanRead.as_view(), name="plan"),
    path("plans/<int:planId>/agreements", plans.PlanAgreements.as_view(), name="plan_agreements"),
    path(
        "plans/<int:planId>/agreements/<int:agreementId>/done",
        plans.AgreementDone.as_view(),
        name="plan_agreement_done",
    ),
    path("plans/<int:planId>/messages", plans.PlanMessages.as_view(), name="plan_messages"),
    path("plans/<int:planId>/referrals", plans.PlanReferrals.as_view(), name="plan_referrals"),
]

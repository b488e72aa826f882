from django.urls import path

from .views import parts, plan, start, work

urlpatterns = [
    path("", start.home, name="home"),
    path("accounts/activate/<str:token>/", start.activate, name="activate"),
    path("activeren/", start.activate_code, name="activate_code"),
    path("caseload/", plan.caseload, name="caseload"),
    path("intake/", plan.intake, name="intake"),
    path("plans/<int:plan_id>/", plan.plan, name="plan"),
    path("plans/<int:plan_id>/print/", plan.plan_print, name="plan_print"),
    path("plans/<int:plan_id>/download/", plan.plan_download, name="plan_download"),
    path("plans/<int:plan_id>/close/", plan.plan_close, name="plan_close"),
    path("plans/<int:plan_id>/reopen/", plan.plan_reopen, name="plan_reopen"),
    path("plans/<int:plan_id>/activation/resend/", plan.activation_resend, name="activation_resend"),
    path("plans/<int:plan_id>/activation/letter/", plan.activation_letter, name="activation_letter"),
    path("plans/<int:plan_id>/handover/", plan.handover, name="handover"),
    path("plans/<int:plan_id>/story/", parts.story, name="story"),
    path("plans/<int:plan_id>/story/edit/", parts.story_edit, name="story_edit"),
    path("plans/<int:plan_id>/story/confirm/", parts.story_confirm, name="story_confirm"),
    path("plans/<int:plan_id>/priorities/", parts.priorities, name="priorities"),
    path("plans/<int:plan_id>/strengths/", parts.strengths, name="strengths"),
    path("plans/<int:plan_id>/goals/", work.goals, name="goals"),
    path("plans/<int:plan_id>/goals/<int:goal_id>/", work.goal_edit, name="goal_edit"),
    path("plans/<int:plan_id>/agreements/", work.agreements, name="agreements"),
    path("plans/<int:plan_id>/agreements/<int:agreement_id>/", work.agreement_edit, name="agreement_edit"),
    path("plans/<int:plan_id>/agreements/<int:agreement_id>/status/", work.agreement_mark, name="agreement_mark"),
    path("plans/<int:plan_id>/evaluations/", work.evaluations, name="evaluations"),
    path("plans/<int:plan_id>/evaluations/<int:evaluation_id>/", work.evaluation, name="evaluation"),
]

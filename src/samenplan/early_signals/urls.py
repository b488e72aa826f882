from django.urls import path

from .views import partner, plan, team

# Mounted under plans/<int:plan_id>/ (see samenplan/urls.py).
plan_urlpatterns = [
    path("signalen/", plan.signals, name="plan_signals"),
    path("signalen/<int:signal_id>/antwoord/", plan.answer, name="plan_signal_answer"),
]

urlpatterns = [
    path("signalen/", partner.partner, name="signal_partner"),
    path("signalen/voorbeeld.csv", partner.template_csv, name="signal_template"),
    path("wijkteam/signalen/", team.queue, name="signal_queue"),
    path("wijkteam/signalen/<int:signal_id>/", team.signal, name="signal"),
]

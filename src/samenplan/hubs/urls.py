from django.urls import path

from .views import desk, public, team

urlpatterns = [
    path("wijkpunten/", public.hubs, name="hubs"),
    path("wijkpunten/<slug:wijk_code>/", public.hub, name="hub"),
    path("wijkpunten/<slug:wijk_code>/ontvangen/", public.receipt, name="hub_receipt"),
    path("wijkteam/vragen/", team.queue, name="question_queue"),
    path("wijkteam/vragen/nieuw/", desk.desk, name="question_desk"),
    path("wijkteam/vragen/<int:question_id>/", team.question, name="question"),
]

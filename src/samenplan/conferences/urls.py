from django.urls import path

from .views import breakthrough, consults, convening, detail, meeting, mine, plan

# Mounted under plans/<int:plan_id>/ (see samenplan/urls.py).
plan_urlpatterns = [
    path("overleg/", plan.conferences, name="plan_conferences"),
    path("overleg/nieuw/", plan.conference_new, name="conference_new"),
    path("overleg/consult/<int:consult_id>/", consults.plan_consult, name="plan_consult"),
]

urlpatterns = [
    path("overleg/", mine.my_conferences, name="my_conferences"),
    path("overleg/<int:conference_id>/", detail.conference, name="conference"),
    path("overleg/<int:conference_id>/toestemming/", convening.consent, name="conference_consent"),
    path("overleg/<int:conference_id>/deelnemers/", convening.people, name="conference_people"),
    path("overleg/<int:conference_id>/agenda/", convening.agenda, name="conference_agenda"),
    path("overleg/<int:conference_id>/afsluiten/", convening.close, name="conference_close"),
    path("overleg/<int:conference_id>/verslag/", meeting.minutes, name="conference_minutes"),
    path("overleg/<int:conference_id>/besluit/", meeting.decision, name="conference_decision"),
    path("overleg/<int:conference_id>/reactie/", meeting.response, name="conference_response"),
    path("overleg/<int:conference_id>/doorbraak/", breakthrough.new, name="breakthrough_new"),
    path("consult/", consults.consults, name="consults"),
    path("consult/nieuw/", consults.consult_new, name="consult_new"),
    path("consult/<int:consult_id>/", consults.consult, name="consult"),
    path("doorbraak/", breakthrough.queue, name="breakthrough_queue"),
    path("doorbraak/<int:breakthrough_id>/", breakthrough.breakthrough, name="breakthrough"),
]

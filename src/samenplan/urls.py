from django.contrib import admin
from django.urls import include, path

from samenplan.audit.urls import plan_urlpatterns as audit_urls
from samenplan.conferences.urls import plan_urlpatterns as conference_urls
from samenplan.conversations.urls import plan_urlpatterns as conversation_urls
from samenplan.early_signals.urls import plan_urlpatterns as signal_urls
from samenplan.exchange.urls import plan_urlpatterns as exchange_urls
from samenplan.referrals.urls import plan_urlpatterns as referral_urls
from samenplan.sharing.urls import plan_urlpatterns as sharing_urls

urlpatterns = [
    path("", include("samenplan.accounts.urls")),
    path("", include("samenplan.plans.urls")),
    path("", include("samenplan.sharing.urls")),
    path("", include("samenplan.notifications.urls")),
    path("", include("samenplan.organisations.urls")),
    path("", include("samenplan.referrals.urls")),
    path("", include("samenplan.directory.urls")),
    path("", include("samenplan.hubs.urls")),
    path("", include("samenplan.early_signals.urls")),
    path("", include("samenplan.conferences.urls")),
    path("", include("samenplan.insights.urls")),
    path("", include("samenplan.signin.urls")),
    path("", include("samenplan.privacy.urls")),
    path("", include("samenplan.api.page_urls")),
    path("", include("samenplan.learning.urls")),
    path("", include("samenplan.programme.urls")),
    path("", include("samenplan.mystery_guests.urls")),
    path("", include("samenplan.buddies.urls")),
    path("plans/<int:plan_id>/", include(sharing_urls)),
    path("plans/<int:plan_id>/", include(conversation_urls)),
    path("plans/<int:plan_id>/", include(audit_urls)),
    path("plans/<int:plan_id>/", include(referral_urls)),
    path("plans/<int:plan_id>/", include(signal_urls)),
    path("plans/<int:plan_id>/", include(conference_urls)),
    path("plans/<int:plan_id>/", include(exchange_urls)),
    path("plans/<int:plan_id>/assessment/", include("samenplan.measuring.urls")),
    path("api/hsds/", include("samenplan.directory.api_urls")),
    path("api/v1/", include("samenplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

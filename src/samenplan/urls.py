from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("samenplan.accounts.urls")),
    path("", include("samenplan.plans.urls")),
    path("plans/<int:plan_id>/assessment/", include("samenplan.measuring.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

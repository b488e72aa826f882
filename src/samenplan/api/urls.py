"""`/api/v1/`: the contract, the token endpoint for partner systems, and each area's routes
(`routes/`). Anything else under `/api/v1/` answers a problem+json 404."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from oauth2_provider.views import TokenView

from .problems import not_found
from .routes import fhir, figures, plans, referrals, signals, socialmap

app_name = "api"

urlpatterns = [
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="openapi_yaml"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi_json"),
    path("oauth/token", TokenView.as_view(), name="token"),
    *plans.urlpatterns,
    *fhir.urlpatterns,
    *referrals.urlpatterns,
    *signals.urlpatterns,
    *socialmap.urlpatterns,
    *figures.urlpatterns,
    re_path(r"^[\s\S]*$", not_found, name="not_found"),
]

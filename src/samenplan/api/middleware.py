from django.conf import settings


class ApiVersionMiddleware:
    """Every answer under `/api/v1/` names the full API version (NL API Design Rules,
    `/core/version-header`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/v1/"):
            response["API-Version"] = settings.SAMENPLAN_API_VERSION
        return response

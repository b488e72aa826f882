"""The page shown when a form's CSRF check fails, in the site's own layout and language
(Django's default is an English page without the site around it)."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", status=403)

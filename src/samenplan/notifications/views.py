from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Notification
from .services import notifications_mark_read


@login_required
def notifications(request):
    items = list(Notification.objects.filter(user=request.user)[:100])
    return render(request, "notifications/list.html", {"items": items})


@login_required
def notification_open(request, notification_id):
    """Mark as read and go where it points (only ever inside this site)."""
    item = Notification.objects.filter(pk=notification_id, user=request.user).first()
    if item is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if item.read_at is None:
        notifications_mark_read(user=request.user, notification=item)
    if item.url and url_has_allowed_host_and_scheme(item.url, allowed_hosts={request.get_host()}):
        return redirect(item.url)
    return redirect("notifications")


@login_required
def notifications_read(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    notifications_mark_read(user=request.user)
    return redirect("notifications")

"""The walk-in desk: a wijk team member registers a question with the resident present."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.accounts.models import Wijk
from samenplan.lib.forms import posted
from samenplan.sharing import policy

from ..forms.asking import QuestionForm
from ..services.asking import question_create


@login_required
def desk(request):
    """The same form as the public page, filled in together at the desk."""
    wijk_ids = policy.team_wijk_ids(request.user)
    if not wijk_ids:
        raise Http404
    form = QuestionForm(posted(request), desk_wijken=Wijk.objects.filter(pk__in=wijk_ids).order_by("name"))
    if request.method == "POST" and form.is_valid():
        wijk = form.chosen_wijk()
        if not policy.may_register_at_desk(request.user, wijk):
            raise Http404
        question = question_create(wijk=wijk, registered_by=request.user, **form.question_fields())
        messages.success(
            request,
            _("The question is registered with code %(reference)s. Give the resident this code.")
            % {"reference": question.reference},
        )
        return redirect(reverse("question", args=[question.pk]))
    return render(request, "hubs/desk.html", {"form": form})

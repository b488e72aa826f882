from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenplan.audit import context as audit
from samenplan.audit.admin import AuditedAdmin
from samenplan.audit.models import AuditEntry
from samenplan.lib.admin_site import ConfigurationAdmin

from .models import Municipality, Organisation, User, Wijk
from .services import email_changed_send, password_link_send

# Accounts that belong to residents and their own network are not listed: that someone
# gets support is itself personal data, and the admin is for configuration only.
STAFF_ROLES = [User.Role.PROFESSIONAL, User.Role.ANALYST, User.Role.ORG_ADMIN, User.Role.PLATFORM_ADMIN]

# Roles, not Django groups, say what an account is; the policy decides what it may see.
admin.site.unregister(Group)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class OfMunicipality:
    """The municipality is asked for only where there is more than one: an installation
    for one municipality puts every wijk and organisation in it (the field's default)."""

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        return excluded if Municipality.objects.count() > 1 else [*excluded, "municipality"]


@admin.register(Wijk)
class WijkAdmin(OfMunicipality, AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "code", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(OfMunicipality, AuditedAdmin, ConfigurationAdmin):
    list_display = ["name", "kind", "starts_plans"]
    list_filter = ["kind", "starts_plans", "wijken"]
    search_fields = ["name"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Plain checkboxes: Django's two-list widget builds elements that screen readers
        # cannot use (aria-label on a span without a role) and needs JavaScript.
        if db_field.name == "wijken":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StaffRoleFilter(admin.SimpleListFilter):
    """Only the roles this list shows: residents and their network are never listed here."""

    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role.value, role.label) for role in STAFF_ROLES]

    def queryset(self, request, queryset):
        return queryset.filter(role=self.value()) if self.value() else queryset


class StaffAccountForm(forms.ModelForm):
    """A new staff account: who it is and their work. No password: the person chooses
    their own through the link they are sent."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["email"].help_text = _("The person gets a link at this address to choose their own password.")
        self.fields["role"].choices = [(role.value, role.label) for role in STAFF_ROLES]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email address."), code="taken")
        return email


@admin.register(User)
class StaffUserAdmin(AuditedAdmin, ConfigurationAdmin, UserAdmin):
    """Staff accounts. A platform admin never sets or sees another person's password: they
    send a link with which the person chooses their own, or block the account."""

    add_form = StaffAccountForm
    list_display = ["username", "name", "role", "organisation", "is_active"]
    list_filter = [StaffRoleFilter, "organisation", "is_active"]
    fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Work"), {"fields": ["role", "organisation", "job_title"]}),
        (_("Access to these settings"), {"fields": ["is_active", "is_staff"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Work"), {"fields": ["role", "organisation"]}),
    ]
    actions = ["send_password_link", "block", "unblock"]

    @admin.display(description=_("Name"), ordering="first_name")
    def name(self, obj):
        return obj.get_full_name()

    def get_urls(self):
        # No page to set someone else's password.
        return [url for url in super().get_urls() if not (url.name or "").endswith("password_change")]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(role__in=STAFF_ROLES)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [(role.value, role.label) for role in STAFF_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.set_unusable_password()
            super().save_model(request, obj, form, change)
            password_link_send(user=obj, welcome=True)
            return
        old_email = User.objects.filter(pk=obj.pk).values_list("email", flat=True).first()
        super().save_model(request, obj, form, change)
        if "email" in form.changed_data and old_email:
            # The old address hears of it: a changed address is how an account is taken over.
            email_changed_send(old_email=old_email, user=obj)

    def _note(self, request, users, what: str) -> None:
        for user in users:
            audit.note_admin(AuditEntry.Action.UPDATE, obj=user, description=f"user accounts.user#{user.pk}: {what}")

    @admin.action(description=_("Send a link to choose a new password"))
    def send_password_link(self, request, queryset):
        users = [user for user in queryset if user.email]
        for user in users:
            password_link_send(user=user, welcome=False)
        self._note(request, users, "sent a link to choose a new password")
        count = len(users)
        self.message_user(
            request,
            ngettext("A link was sent to %(count)d person.", "A link was sent to %(count)d people.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Block the account"))
    def block(self, request, queryset):
        users = list(queryset.exclude(pk=request.user.pk))
        User.objects.filter(pk__in=[u.pk for u in users]).update(is_active=False)
        self._note(request, users, "blocked")
        self.message_user(request, _("Blocked. These people can no longer log in."), messages.SUCCESS)

    @admin.action(description=_("Unblock the account"))
    def unblock(self, request, queryset):
        users = list(queryset)
        User.objects.filter(pk__in=[u.pk for u in users]).update(is_active=True)
        self._note(request, users, "unblocked")
        self.message_user(request, _("Unblocked. These people can log in again."), messages.SUCCESS)

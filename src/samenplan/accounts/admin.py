from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from samenplan.lib.admin_site import ConfigurationAdmin

from .models import Organisation, User, Wijk

# Accounts that belong to residents and their own network are not listed: that someone
# gets support is itself personal data, and the admin is for configuration only.
STAFF_ROLES = [User.Role.PROFESSIONAL, User.Role.ANALYST, User.Role.ORG_ADMIN, User.Role.PLATFORM_ADMIN]

# Roles, not Django groups, say what an account is; the policy decides what it may see.
admin.site.unregister(Group)


@admin.register(Wijk)
class WijkAdmin(ConfigurationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(ConfigurationAdmin):
    list_display = ["name", "kind", "starts_plans"]
    list_filter = ["kind", "starts_plans", "wijken"]
    search_fields = ["name"]
    filter_horizontal = ["wijken"]


@admin.register(User)
class StaffUserAdmin(ConfigurationAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Work"), {"fields": ["role", "organisation", "job_title"]}),
        (_("Access to these settings"), {"fields": ["is_active", "is_staff"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
        (_("Work"), {"fields": ["role", "organisation"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(role__in=STAFF_ROLES)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = [(role.value, role.label) for role in STAFF_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

"""The municipality's figures on the API: the same suppressed cells the insights pages and
their CSV files show (`insights.selectors`; rule 8), for the analyst's session or a partner
system given the `insights` scope. Never about one person, so no plan is read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission

from samenplan.insights import dashboard, selectors
from samenplan.insights.measures import BY_CODE, MEASURES
from samenplan.sharing import policy

from ..base import ApiView

QUARTER = r"^\d{4}-\d{2}-01$"


class SeesFigures(BasePermission):
    def has_permission(self, request, view):
        return policy.sees_insights(request.user)


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The measure's code, as in docs/indicators.md."))
    label = serializers.CharField()
    unit = serializers.CharField(help_text=_("What one unit is (plans, agreements)."))
    shows = serializers.ChoiceField(choices=["count", "percent", "mean", "days"])
    nodes = serializers.ChoiceField(
        choices=["none", "domain", "outcome", "pair"],
        help_text=_("What the figures are split by: nothing, life domain, outcome or pairs of life domains."),
    )


class BandSerializer(serializers.Serializer):
    atLeast = serializers.IntegerField()
    fewerThan = serializers.IntegerField(allow_null=True)


class FigureSerializer(serializers.Serializer):
    measure = serializers.CharField()
    quarter = serializers.CharField(help_text=_("The quarter's first day, YYYY-MM-DD."))
    area = serializers.CharField(help_text=_('A wijk id, "all" or "unknown".'))
    node = serializers.CharField(help_text=_('A life domain, theme, outcome or pair; "all" for the total.'))
    hidden = serializers.BooleanField(help_text=_("True when too few people stand behind it to show it."))
    value = serializers.FloatField(allow_null=True, help_text=_("Rounded as the pages show it; null when hidden."))
    people = serializers.IntegerField(
        allow_null=True, help_text=_("For a count: the people behind it. For a share or mean: null (see band).")
    )
    band = BandSerializer(allow_null=True, help_text=_("For a share or mean: how many people, as a band."))

    def to_representation(self, cell):
        band = cell.band
        return {
            "measure": cell.measure.code,
            "quarter": cell.quarter,
            "area": cell.area,
            "node": cell.node,
            "hidden": cell.hidden,
            "value": dashboard.chart_value(cell),
            "people": cell.people,
            "band": {"atLeast": band[0], "fewerThan": band[1]} if band else None,
        }


class FigureQuery(serializers.Serializer):
    measure = serializers.ChoiceField(choices=sorted(BY_CODE))
    quarter = serializers.RegexField(QUARTER, required=False)
    area = serializers.CharField(required=False, max_length=40)
    node = serializers.CharField(required=False, max_length=80)


class Measures(ApiView):
    permission_classes = [SeesFigures]
    required_scopes = ["insights"]

    @extend_schema(
        operation_id="measures_list",
        tags=["insights"],
        summary=_("The measures"),
        description=_("What the figures count; their definitions are in docs/indicators.md."),
        responses=MeasureSerializer(many=True),
    )
    def get(self, request):
        rows = [
            {"code": m.code, "label": str(m.label), "unit": str(m.unit), "shows": m.shows, "nodes": m.nodes}
            for m in MEASURES
        ]
        return self.paginate(rows, MeasureSerializer)


class Figures(ApiView):
    permission_classes = [SeesFigures]
    required_scopes = ["insights"]

    @extend_schema(
        operation_id="figures_list",
        tags=["insights"],
        summary=_("The figures of one measure"),
        description=_(
            "Every cell of the latest computed figures of one measure, per quarter, wijk and "
            "split, protected as on the insights pages: no count under the minimum, nothing "
            "that can be worked back by subtracting (hidden cells say so)."
        ),
        parameters=[
            OpenApiParameter("measure", str, required=True, enum=sorted(BY_CODE)),
            OpenApiParameter(
                "quarter",
                {"type": "string", "pattern": QUARTER},
                description=_("Only this quarter (its first day)."),
            ),
            OpenApiParameter(
                "area", {"type": "string", "maxLength": 40}, description=_('Only this wijk id, or "all".')
            ),
            OpenApiParameter("node", {"type": "string", "maxLength": 80}, description=_('Only this split, or "all".')),
        ],
        responses=FigureSerializer(many=True),
    )
    def get(self, request):
        query = FigureQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        cells = [
            cell
            for cell in selectors.cells(wanted["measure"])
            if all(getattr(cell, name) == wanted[name] for name in ("quarter", "area", "node") if name in wanted)
        ]
        return self.paginate(cells, FigureSerializer)

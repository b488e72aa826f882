"""What the insights pages count, as SQL a municipality can run itself.

Each measure is one SELECT (`base`) that yields one row per thing counted, with:

- `quarter`: the quarter it belongs to (the first day, 'YYYY-MM-DD');
- `wijk_id`: the wijk (NULL when unknown);
- `person`: who it is about (a plan, a question, a household): the people behind a figure
  are the distinct values of this column;
- `node`: a life domain's code, an outcome, a pair of life domains, or 'all';
- `parent`: what the node adds up to (a Brede Welvaart theme as 'theme:<code>'), or NULL;
- `value`: what is measured of it (1 or 0 for "has it", a score, a number of days).

The SQL in `docs/indicators.md` is printed from here (`manage.py insights_sql`), so the
definitions and the code cannot drift apart. `DAYS(a, b)` stands for the days from `a`
to `b`, written out per database by `compute.sql_for`.

The common parts every measure may use (see COMMON below):
`quarters(quarter, starts, ends)`, `open_plans(quarter, starts, ends, plan_id, wijk_id,
owner_id, created_at)`: plans open at some moment of the quarter (started before its end,
not closed before its start; plans still at the intake are left out), and
`domains(domain_id, code, theme)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .suppression import Kind

SELF_SUFFICIENCY = "zelfredzaamheid"

COMMON = """
open_plans AS (
  SELECT q.quarter, q.starts, q.ends, p.id AS plan_id, p.wijk_id, p.owner_id, p.created_at
  FROM quarters q
  JOIN plans_plan p ON p.created_at < q.ends AND (p.closed_at IS NULL OR p.closed_at >= q.starts)
  WHERE p.status <> 'intake'
),
domains AS (
  SELECT id AS domain_id, code, 'theme:' || theme AS theme FROM measuring_lifedomain
)"""


@dataclass(frozen=True)
class Measure:
    code: str
    kind: Kind
    label: str
    # What one unit is, for the tables ("plans", "agreements").
    unit: str
    sql: str
    # Extra common table expressions the SELECT needs, before `base`.
    ctes: str = ""
    # The nodes: "none" (only 'all'), "domain" (life domains, their themes, 'all'),
    # "outcome" (each outcome adds up to 'all'), "pair" (pairs, no total).
    nodes: str = "none"
    # How to show the figure: "count", "percent", "mean", "days".
    shows: str = "count"
    help: str = ""


def _resident_answers(perspective: str) -> str:
    """The answers of one perspective on the self-sufficiency instrument, with their domain."""
    return f"""answers AS (
  SELECT m.plan_id, m.id AS measurement_id, m.recorded_at, a.value, d.code, d.theme
  FROM measuring_answer a
  JOIN measuring_measurement m ON m.id = a.measurement_id
  JOIN measuring_instrumentitem i ON i.id = a.item_id
  JOIN measuring_instrument ins ON ins.id = i.instrument_id
  JOIN domains d ON d.domain_id = i.domain_id
  WHERE ins.code = '{SELF_SUFFICIENCY}' AND m.perspective = '{perspective}' AND NOT m.is_draft
),
ranked AS (
  SELECT o.quarter, o.wijk_id, o.plan_id, x.code, x.theme, x.value,
    ROW_NUMBER() OVER (PARTITION BY o.quarter, o.plan_id, x.code ORDER BY x.recorded_at, x.measurement_id) AS nr_first,
    ROW_NUMBER() OVER (PARTITION BY o.quarter, o.plan_id, x.code ORDER BY x.recorded_at DESC, x.measurement_id DESC)
      AS nr_last,
    COUNT(*) OVER (PARTITION BY o.quarter, o.plan_id, x.code) AS measured
  FROM open_plans o
  JOIN answers x ON x.plan_id = o.plan_id AND x.recorded_at < o.ends
)"""


_CHANGE_SQL = """
SELECT quarter, wijk_id, plan_id AS person, code AS node, theme AS parent,
  SUM(CASE WHEN nr_last = 1 THEN value ELSE 0 END) - SUM(CASE WHEN nr_first = 1 THEN value ELSE 0 END) AS value
FROM ranked
WHERE measured >= 2
GROUP BY quarter, wijk_id, plan_id, code, theme"""

# The four indicators ---------------------------------------------------------------------

EIGEN_VERHAAL = Measure(
    code="eigen_verhaal",
    kind=Kind.SHARE_OF_PEOPLE,
    label=_("Own story: the resident confirmed their story"),
    unit=_("plans"),
    shows="percent",
    help=_(
        "Of the plans open in the quarter: the share whose latest story at the end of the quarter was confirmed "
        "by the resident as their own."
    ),
    sql="""
SELECT o.quarter, o.wijk_id, o.plan_id AS person, 'all' AS node, NULL AS parent,
  CASE WHEN EXISTS (
    SELECT 1 FROM plans_storyversion s
    WHERE s.plan_id = o.plan_id AND s.confirmed_at IS NOT NULL AND s.confirmed_at < o.ends
      AND s.number = (SELECT MAX(s2.number) FROM plans_storyversion s2
                      WHERE s2.plan_id = o.plan_id AND s2.written_at < o.ends)
  ) THEN 1 ELSE 0 END AS value
FROM open_plans o""",
)

EIGEN_REGIE = Measure(
    code="eigen_regie",
    kind=Kind.SHARE_OF_PEOPLE,
    label=_("Own direction: the resident set the course"),
    unit=_("plans"),
    shows="percent",
    help=_(
        "Of the plans open in the quarter: the share where, by the end of the quarter, the resident ranked what "
        "matters to them, filled in a self-assessment and wrote at least one goal themselves (or their legal "
        "representative did, on their behalf)."
    ),
    sql="""
SELECT o.quarter, o.wijk_id, o.plan_id AS person, 'all' AS node, NULL AS parent,
  CASE WHEN EXISTS (SELECT 1 FROM plans_priority r WHERE r.plan_id = o.plan_id)
    AND EXISTS (SELECT 1 FROM measuring_measurement m
                WHERE m.plan_id = o.plan_id AND m.perspective = 'resident' AND NOT m.is_draft
                  AND m.recorded_at < o.ends)
    AND EXISTS (SELECT 1 FROM plans_goal g
                WHERE g.plan_id = o.plan_id AND g.created_at < o.ends
                  AND (g.created_by_id = o.owner_id OR g.on_behalf))
  THEN 1 ELSE 0 END AS value
FROM open_plans o""",
)

_AGREEMENTS = """
SELECT o.quarter, o.wijk_id, o.plan_id AS person, COALESCE(d.code, 'none') AS node, d.theme AS parent,
  CASE WHEN a.support = 'light' THEN 1 ELSE 0 END AS value
FROM open_plans o
JOIN plans_agreement a ON a.plan_id = o.plan_id AND a.created_at < o.ends AND a.status <> 'cancelled'
LEFT JOIN plans_goal g ON g.id = a.goal_id
LEFT JOIN domains d ON d.domain_id = g.domain_id"""

EIGEN_KRACHT = Measure(
    code="eigen_kracht",
    kind=Kind.RATIO,
    label=_("Own strength: agreements carried by the resident or their network"),
    unit=_("agreements"),
    shows="percent",
    nodes="domain",
    help=_(
        "Of the agreements (not cancelled) in the plans open in the quarter, made before its end: the share "
        "the resident or someone from their own network does (light support), against professionals (heavy "
        "support). The life domain is that of the goal the agreement serves."
    ),
    sql=_AGREEMENTS,
)

# How the balance moves during a plan: the agreements made *in* the quarter, in plans
# younger than 90 days against older ones. (Not the agreements of eigen_kracht split in
# two: parts that add up to a shown figure would give each other away.)
_AGREEMENTS_MADE = """
SELECT o.quarter, o.wijk_id, o.plan_id AS person, 'all' AS node, NULL AS parent,
  CASE WHEN a.support = 'light' THEN 1 ELSE 0 END AS value
FROM open_plans o
JOIN plans_agreement a ON a.plan_id = o.plan_id AND a.created_at >= o.starts AND a.created_at < o.ends
  AND a.status <> 'cancelled'
WHERE DAYS(o.created_at, a.created_at) {age}"""

EIGEN_KRACHT_START = Measure(
    code="eigen_kracht_start",
    kind=Kind.RATIO,
    label=_("Light support in new agreements, plans in their first 90 days"),
    unit=_("agreements"),
    shows="percent",
    help=_(
        "Of the agreements made in the quarter (not cancelled) in plans less than 90 days old when they were "
        "made: the share the resident or their own network does."
    ),
    sql=_AGREEMENTS_MADE.format(age="< 90"),
)

EIGEN_KRACHT_LATER = Measure(
    code="eigen_kracht_later",
    kind=Kind.RATIO,
    label=_("Light support in new agreements, plans older than 90 days"),
    unit=_("agreements"),
    shows="percent",
    help=_(
        "Of the agreements made in the quarter (not cancelled) in plans 90 days or older when they were made: "
        "the share the resident or their own network does."
    ),
    sql=_AGREEMENTS_MADE.format(age=">= 90"),
)

ATTAINMENT = Measure(
    code="resultaten_doelen",
    kind=Kind.RATIO,
    label=_("Results: goal attainment at evaluation (-2 to +2)"),
    unit=_("goal scores"),
    shows="mean",
    nodes="domain",
    help=_(
        "The mean score the goals got at the evaluations held in the quarter: -2 much less than expected, "
        "0 as expected, +2 much more than expected. The life domain is the goal's."
    ),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, COALESCE(d.code, 'none') AS node, d.theme AS parent,
  gs.score AS value
FROM plans_goalscore gs
JOIN plans_evaluation e ON e.id = gs.evaluation_id
JOIN quarters q ON e.held_at >= q.starts AND e.held_at < q.ends
JOIN plans_plan p ON p.id = e.plan_id
JOIN plans_goal g ON g.id = gs.goal_id
LEFT JOIN domains d ON d.domain_id = g.domain_id""",
)

CHANGE_RESIDENT = Measure(
    code="resultaten_zelfredzaamheid",
    kind=Kind.RATIO,
    label=_("Results: change in self-sufficiency, as the resident sees it"),
    unit=_("life domains of plans"),
    shows="mean",
    nodes="domain",
    help=_(
        "Per plan open in the quarter and per life domain: the resident's latest score on the self-sufficiency "
        "instrument (1 to 5) up to the end of the quarter minus their first; only where they filled it in at "
        "least twice. The mean of those changes."
    ),
    ctes=_resident_answers("resident"),
    sql=_CHANGE_SQL,
)

CHANGE_PROFESSIONAL = Measure(
    code="resultaten_zelfredzaamheid_professional",
    kind=Kind.RATIO,
    label=_("Results: change in self-sufficiency, as the professional sees it"),
    unit=_("life domains of plans"),
    shows="mean",
    nodes="domain",
    help=_("The same change, from the professionals' measurements: shown beside the resident's, never merged."),
    ctes=_resident_answers("professional"),
    sql=_CHANGE_SQL,
)

# Reach and crisis (Diemen's question) ---------------------------------------------------------

PLANS_OPEN = Measure(
    code="plannen_open",
    kind=Kind.COUNT,
    label=_("Plans open in the quarter"),
    unit=_("plans"),
    help=_("Plans open at some moment of the quarter (past the intake)."),
    sql="SELECT o.quarter, o.wijk_id, o.plan_id AS person, 'all' AS node, NULL AS parent, 1 AS value\n"
    "FROM open_plans o",
)

PLANS_STARTED = Measure(
    code="plannen_gestart",
    kind=Kind.COUNT,
    label=_("Plans started (reach)"),
    unit=_("plans"),
    help=_("Plans started in the quarter, the intake included."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM plans_plan p
JOIN quarters q ON p.created_at >= q.starts AND p.created_at < q.ends""",
)

STARTED_IN_CRISIS = Measure(
    code="gestart_in_crisis",
    kind=Kind.SHARE_OF_PEOPLE,
    label=_("Plans started in crisis"),
    unit=_("plans"),
    shows="percent",
    help=_(
        "Of the plans started in the quarter and measured: the share whose first self-sufficiency measurement "
        "(by the resident or a professional) scored at least one life domain at the lowest level, 'there is a "
        "crisis now'."
    ),
    ctes=f"""first_measurement AS (
  SELECT m.plan_id, m.id, m.instrument_id,
    ROW_NUMBER() OVER (PARTITION BY m.plan_id ORDER BY m.recorded_at, m.id) AS nr
  FROM measuring_measurement m
  JOIN measuring_instrument ins ON ins.id = m.instrument_id
  WHERE ins.code = '{SELF_SUFFICIENCY}' AND NOT m.is_draft
)""",
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent,
  CASE WHEN EXISTS (
    SELECT 1 FROM measuring_answer a JOIN measuring_instrument ins ON ins.id = f.instrument_id
    WHERE a.measurement_id = f.id AND a.value = ins.min_value
  ) THEN 1 ELSE 0 END AS value
FROM plans_plan p
JOIN quarters q ON p.created_at >= q.starts AND p.created_at < q.ends
JOIN first_measurement f ON f.plan_id = p.id AND f.nr = 1""",
)

EMERGENCY = Measure(
    code="noodtoegang",
    kind=Kind.COUNT,
    label=_("Emergency accesses"),
    unit=_("emergency accesses"),
    help=_("Times a professional opened part of a plan in an emergency, by the quarter it started."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM sharing_emergencyaccess x
JOIN sharing_membership m ON m.id = x.membership_id
JOIN plans_plan p ON p.id = m.plan_id
JOIN quarters q ON x.started_at >= q.starts AND x.started_at < q.ends""",
)

# Light and heavy support, all agreements (for the chart beside eigen kracht).

# Referrals ----------------------------------------------------------------------------------

REFERRALS = Measure(
    code="verwijzingen",
    kind=Kind.COUNT,
    label=_("Referrals sent"),
    unit=_("referrals"),
    help=_("Referrals the resident agreed to, by the quarter they agreed."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM referrals_referral r
JOIN plans_plan p ON p.id = r.plan_id
JOIN quarters q ON r.consented_at >= q.starts AND r.consented_at < q.ends""",
)

_ANSWERED = """
answered AS (
  SELECT e.referral_id, MIN(e.at) AS answered_at,
    MAX(CASE WHEN e.status = 'accepted' THEN 1 ELSE 0 END) AS accepted
  FROM referrals_referralevent e
  WHERE e.status IN ('accepted', 'rejected')
  GROUP BY e.referral_id
)"""

REFERRALS_ACCEPTED = Measure(
    code="verwijzingen_geaccepteerd",
    kind=Kind.RATIO,
    label=_("Referrals accepted"),
    unit=_("referrals answered"),
    shows="percent",
    help=_("Of the referrals the receiving organisation answered in the quarter: the share it accepted."),
    ctes=_ANSWERED,
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, a.accepted AS value
FROM referrals_referral r
JOIN answered a ON a.referral_id = r.id
JOIN plans_plan p ON p.id = r.plan_id
JOIN quarters q ON a.answered_at >= q.starts AND a.answered_at < q.ends""",
)

REFERRALS_DAYS = Measure(
    code="verwijzingen_dagen",
    kind=Kind.RATIO,
    label=_("Days from sending a referral to its acceptance"),
    unit=_("referrals accepted"),
    shows="days",
    help=_("Of the referrals accepted in the quarter: the mean number of days from the resident's consent."),
    ctes=_ANSWERED,
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent,
  DAYS(r.consented_at, a.answered_at) AS value
FROM referrals_referral r
JOIN answered a ON a.referral_id = r.id AND a.accepted = 1
JOIN plans_plan p ON p.id = r.plan_id
JOIN quarters q ON a.answered_at >= q.starts AND a.answered_at < q.ends
WHERE r.consented_at IS NOT NULL""",
)

REFERRAL_OUTCOMES = Measure(
    code="verwijzingen_uitkomst",
    kind=Kind.COUNT,
    label=_("Referrals finished, by outcome"),
    unit=_("referrals"),
    nodes="outcome",
    help=_("Referrals closed in the quarter with an outcome, by that outcome."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, r.outcome AS node, NULL AS parent, 1 AS value
FROM referrals_referral r
JOIN plans_plan p ON p.id = r.plan_id
JOIN quarters q ON r.closed_at >= q.starts AND r.closed_at < q.ends
WHERE r.outcome <> ''""",
)

# Neighbourhood hubs and early signals ----------------------------------------------------------

QUESTIONS = Measure(
    code="vragen",
    kind=Kind.COUNT,
    label=_("Questions at the neighbourhood hubs"),
    unit=_("questions"),
    help=_("Questions that arrived in the quarter, online or at the desk. Each question counts as one person."),
    sql="""
SELECT q.quarter, v.wijk_id, v.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM hubs_question v
JOIN quarters q ON v.created_at >= q.starts AND v.created_at < q.ends""",
)

QUESTION_DAYS = Measure(
    code="vragen_dagen",
    kind=Kind.RATIO,
    label=_("Days from a question to the first contact"),
    unit=_("questions"),
    shows="days",
    help=_("Of the questions that arrived in the quarter and were answered: the mean days to the first contact."),
    sql="""
SELECT q.quarter, v.wijk_id, v.id AS person, 'all' AS node, NULL AS parent,
  DAYS(v.created_at, v.first_contact_at) AS value
FROM hubs_question v
JOIN quarters q ON v.created_at >= q.starts AND v.created_at < q.ends
WHERE v.first_contact_at IS NOT NULL""",
)

QUESTION_OUTCOMES = Measure(
    code="vragen_uitkomst",
    kind=Kind.COUNT,
    label=_("Questions closed, by outcome"),
    unit=_("questions"),
    nodes="outcome",
    help=_("Questions closed in the quarter, by outcome."),
    sql="""
SELECT q.quarter, v.wijk_id, v.id AS person, v.outcome AS node, NULL AS parent, 1 AS value
FROM hubs_question v
JOIN quarters q ON v.closed_at >= q.starts AND v.closed_at < q.ends
WHERE v.outcome <> ''""",
)

SIGNALS = Measure(
    code="signalen",
    kind=Kind.COUNT,
    label=_("Early signals of payment arrears"),
    unit=_("signals"),
    help=_("Signals that arrived in the quarter. The people are the households."),
    sql="""
SELECT q.quarter, s.wijk_id, s.household AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM early_signals_signal s
JOIN quarters q ON s.created_at >= q.starts AND s.created_at < q.ends""",
)

SIGNALS_REACHED = Measure(
    code="signalen_bereikt",
    kind=Kind.RATIO,
    label=_("Early signals where the household was reached"),
    unit=_("signals"),
    shows="percent",
    help=_("Of the signals that arrived in the quarter: the share where the wijk team reached the household."),
    sql="""
SELECT q.quarter, s.wijk_id, s.household AS person, 'all' AS node, NULL AS parent,
  CASE WHEN s.first_contact_at IS NOT NULL
    OR EXISTS (SELECT 1 FROM early_signals_signalevent e WHERE e.signal_id = s.id AND e.reached)
  THEN 1 ELSE 0 END AS value
FROM early_signals_signal s
JOIN quarters q ON s.created_at >= q.starts AND s.created_at < q.ends""",
)

SIGNAL_OUTCOMES = Measure(
    code="signalen_uitkomst",
    kind=Kind.COUNT,
    label=_("Early signals closed, by outcome"),
    unit=_("signals"),
    nodes="outcome",
    help=_("Signals closed in the quarter, by outcome."),
    sql="""
SELECT q.quarter, s.wijk_id, s.household AS person, s.outcome AS node, NULL AS parent, 1 AS value
FROM early_signals_signal s
JOIN quarters q ON s.closed_at >= q.starts AND s.closed_at < q.ends
WHERE s.outcome <> ''""",
)

# Case conferences and breakthroughs -------------------------------------------------------------

CONFERENCES = Measure(
    code="casusoverleggen",
    kind=Kind.COUNT,
    label=_("Case conferences held"),
    unit=_("case conferences"),
    help=_("Case conferences the resident agreed to that met in the quarter."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM conferences_conference c
JOIN plans_plan p ON p.id = c.plan_id
JOIN quarters q ON c.meets_at >= q.starts AND c.meets_at < q.ends
WHERE c.status IN ('planned', 'closed')""",
)

BREAKTHROUGHS = Measure(
    code="doorbraken",
    kind=Kind.COUNT,
    label=_("Breakthrough requests"),
    unit=_("requests"),
    help=_("Breakthrough requests filed in the quarter."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM conferences_breakthroughrequest b
JOIN plans_plan p ON p.id = b.plan_id
JOIN quarters q ON b.filed_at >= q.starts AND b.filed_at < q.ends""",
)

BREAKTHROUGHS_GRANTED = Measure(
    code="doorbraken_toegekend",
    kind=Kind.RATIO,
    label=_("Breakthrough requests granted"),
    unit=_("requests decided"),
    shows="percent",
    help=_("Of the breakthrough requests decided in the quarter: the share granted."),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent,
  CASE WHEN b.status = 'granted' THEN 1 ELSE 0 END AS value
FROM conferences_breakthroughrequest b
JOIN plans_plan p ON p.id = b.plan_id
JOIN quarters q ON b.decided_at >= q.starts AND b.decided_at < q.ends""",
)

CONSULTS = Measure(
    code="consulten",
    kind=Kind.COUNT,
    label=_("Consults of another organisation"),
    unit=_("consults"),
    nodes="domain",
    help=_(
        "Questions a professional asked one other organisation, by life domain and the quarter they were asked. "
        "Anonymous consults have no wijk; each consult counts as one person."
    ),
    sql="""
SELECT q.quarter, p.wijk_id, k.id AS person, d.code AS node, d.theme AS parent, 1 AS value
FROM conferences_consult k
JOIN quarters q ON k.asked_at >= q.starts AND k.asked_at < q.ends
JOIN domains d ON d.domain_id = k.domain_id
LEFT JOIN plans_plan p ON p.id = k.plan_id
WHERE k.status <> 'awaiting_consent'""",
)

# Buddy network -----------------------------------------------------------------------------------

BUDDY_MATCHES = Measure(
    code="buddy_koppelingen",
    kind=Kind.COUNT,
    label=_("Buddy matches started"),
    unit=_("matches"),
    help=_(
        "Matches of a resident with a buddy (a volunteer) that started in the quarter: the resident said yes. "
        "The people are the plans."
    ),
    sql="""
SELECT q.quarter, p.wijk_id, p.id AS person, 'all' AS node, NULL AS parent, 1 AS value
FROM buddies_match m
JOIN buddies_buddyrequest r ON r.id = m.request_id
JOIN plans_plan p ON p.id = r.plan_id
JOIN quarters q ON m.started_on >= q.day_starts AND m.started_on < q.day_ends""",
)

# Rode draden ----------------------------------------------------------------------------------

PAIRS = Measure(
    code="samen_voorkomend",
    kind=Kind.COUNT,
    label=_("Problems in two life domains at once"),
    unit=_("plans"),
    nodes="pair",
    help=_(
        "Of the plans open in the quarter: how many had problems in both life domains at the start, by the "
        "resident's first self-sufficiency measurement (a score below the middle of the scale: 1 or 2 of 5)."
    ),
    ctes=f"""first_resident AS (
  SELECT m.plan_id, m.id, m.recorded_at,
    ROW_NUMBER() OVER (PARTITION BY m.plan_id ORDER BY m.recorded_at, m.id) AS nr
  FROM measuring_measurement m
  JOIN measuring_instrument ins ON ins.id = m.instrument_id
  WHERE ins.code = '{SELF_SUFFICIENCY}' AND m.perspective = 'resident' AND NOT m.is_draft
),
problems AS (
  SELECT f.plan_id, f.recorded_at, d.code
  FROM first_resident f
  JOIN measuring_answer a ON a.measurement_id = f.id
  JOIN measuring_instrumentitem i ON i.id = a.item_id
  JOIN measuring_instrument ins ON ins.id = i.instrument_id
  JOIN domains d ON d.domain_id = i.domain_id
  WHERE f.nr = 1 AND 2 * a.value < ins.min_value + ins.max_value
)""",
    sql="""
SELECT o.quarter, o.wijk_id, o.plan_id AS person, x.code || '+' || y.code AS node, NULL AS parent, 1 AS value
FROM open_plans o
JOIN problems x ON x.plan_id = o.plan_id AND x.recorded_at < o.ends
JOIN problems y ON y.plan_id = o.plan_id AND x.code < y.code""",
)

OBSTACLE_THEMES = Measure(
    code="doorbraak_themas",
    kind=Kind.COUNT,
    label=_("Recurring themes of breakthrough requests"),
    unit=_("requests"),
    nodes="outcome",
    help=_(
        "The themes the breakthrough officer tagged the anonymous copies of breakthrough requests with, by the "
        "month they were filed. Each request counts as one person."
    ),
    sql="""
SELECT q.quarter, r.wijk_id, r.id AS person, t.name AS node, NULL AS parent, 1 AS value
FROM conferences_obstaclerecord r
JOIN conferences_obstaclerecord_themes rt ON rt.obstaclerecord_id = r.id
JOIN conferences_theme t ON t.id = rt.theme_id
JOIN quarters q ON r.filed_month >= q.day_starts AND r.filed_month < q.day_ends""",
)

MEASURES = [
    EIGEN_VERHAAL,
    EIGEN_REGIE,
    EIGEN_KRACHT,
    EIGEN_KRACHT_START,
    EIGEN_KRACHT_LATER,
    ATTAINMENT,
    CHANGE_RESIDENT,
    CHANGE_PROFESSIONAL,
    PLANS_OPEN,
    PLANS_STARTED,
    STARTED_IN_CRISIS,
    EMERGENCY,
    REFERRALS,
    REFERRALS_ACCEPTED,
    REFERRALS_DAYS,
    REFERRAL_OUTCOMES,
    QUESTIONS,
    QUESTION_DAYS,
    QUESTION_OUTCOMES,
    SIGNALS,
    SIGNALS_REACHED,
    SIGNAL_OUTCOMES,
    CONFERENCES,
    BREAKTHROUGHS,
    BREAKTHROUGHS_GRANTED,
    CONSULTS,
    BUDDY_MATCHES,
    PAIRS,
    OBSTACLE_THEMES,
]
BY_CODE = {measure.code: measure for measure in MEASURES}

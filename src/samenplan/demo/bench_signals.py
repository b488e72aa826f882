"""How fast a partner's file of early signals is imported: `manage.py signals_import` reading
a 10,000-row CSV into an empty SQLite database (made and thrown away here), timed by the
command itself, as `hsds_import_rate` does for the social map."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .benchmark import manage

PARTNER = "Woonbedrijf Benchmark"
POSTCODES = [f"57{n:02d}" for n in range(1, 11)]
STREETS = ["Lijsterbeslaan", "Zwaluwlaan", "Vinkenhof", "Spechtstraat", "Merelstraat", "Koolmeesstraat"]
KINDS = ["huur", "energie", "water", "zorgverzekering"]

# Run in the throwaway database before the import: a wijk, the postcode map, the partner.
SETUP = f"""
from samenplan.accounts.models import Organisation, Wijk, WijkPostcode
wijk, _ = Wijk.objects.get_or_create(code="bench-signals", defaults={{"name": "Bench signals"}})
for pc4 in {POSTCODES!r}:
    WijkPostcode.objects.get_or_create(postcode=pc4, defaults={{"wijk": wijk}})
Organisation.objects.get_or_create(
    name={PARTNER!r}, defaults={{"kind": Organisation.Kind.HOUSING, "delivers_signals": True}}
)
"""


def signals_csv(rows: int) -> str:
    """A partner's file as Dutch Excel writes it (a byte order mark, semicolons), every row
    good; two rows share each address, so households are grouped too."""
    reminder = (timezone.localdate() - timedelta(days=20)).strftime("%d-%m-%Y")
    lines = [
        "referentie;naam;straat;postcode;plaats;geboortedatum;soort;bedrag;maanden;laatste_herinnering;"
        "incassostappen_gezet"
    ]
    for n in range(rows):
        house = n // 2
        lines.append(
            ";".join(
                [
                    f"BENCH-{n:06d}",
                    f"Bewoner {n}",
                    f"{STREETS[house % len(STREETS)]} {house % 400 + 1}",
                    f"{POSTCODES[house % len(POSTCODES)]} {chr(65 + house % 26)}{chr(65 + house // 26 % 26)}",
                    "Helmstad",
                    f"{1 + n % 28:02d}-{1 + n % 12:02d}-{1950 + n % 50}" if n % 3 else "",
                    KINDS[n % len(KINDS)],
                    f"{1 + n % 3}.{n % 1000:03d},{n % 100:02d}",
                    str(1 + n % 6),
                    reminder,
                    "ja",
                ]
            )
        )
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def signal_import_rate(rows: int = 10_000) -> float:
    """Rows per second of `manage.py signals_import` for a `rows`-row CSV on SQLite."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "signalen.csv"
        data.write_text(signals_csv(rows), encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'signals.sqlite3'}"}
        manage("migrate", "--noinput", "--verbosity", "0", env=env)
        manage("shell", "--no-startup", "--verbosity", "0", "-c", SETUP, env=env)
        done = subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "signals_import", PARTNER, str(data)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
    seconds = float(re.search(r"Done in ([0-9.]+) s", done.stdout).group(1))
    # The summary counts in the active language; the number of new signals is its second figure.
    figures = re.findall(r"\d+", done.stdout.splitlines()[0])
    if len(figures) < 2 or int(figures[1]) != rows:
        raise RuntimeError(f"The signals import did not add {rows} signals:\n{done.stdout}")
    return round(rows / seconds, 1)

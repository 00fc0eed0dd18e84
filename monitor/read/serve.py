"""`monitor serve`: Datasette on the database, with the shipped titles, labels and queries.

The metadata lives in ``monitor/datasette.yaml`` under the database name "monitor"; Datasette
names a database after its file, so ``metadata_for`` renames that key for the file being served.
Datasette is an optional extra (``pip install 'policy-monitor[serve]'``): it is imported only
here, and a missing install is a one-line error, not a traceback. It runs in this process, so
stopping `monitor serve` stops Datasette.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml

from monitor.errors import ConfigError

METADATA = Path(__file__).parents[1] / "datasette.yaml"  # monitor/datasette.yaml
TEMPLATE_DATABASE = "monitor"


def metadata_for(db: Path) -> dict:
    """The shipped metadata, keyed by the name Datasette gives ``db`` (its file name's stem)."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    databases = metadata.get("databases", {})
    databases[Path(db).stem] = databases.pop(TEMPLATE_DATABASE)
    return metadata


def serve(db: Path, host: str, port: int) -> None:
    """Run Datasette on ``db`` in this process until stopped (a signal stops it whole)."""
    try:
        from datasette.cli import cli as datasette
    except ImportError:
        raise ConfigError(
            "Datasette is not installed: pip install 'policy-monitor[serve]'"
        ) from None
    with tempfile.TemporaryDirectory(prefix="policy-monitor-serve-") as workdir:
        metadata = Path(workdir) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db)), encoding="utf-8")
        arguments = ["serve", str(db), "--metadata", str(metadata), "--host", host]
        datasette.main([*arguments, "--port", str(port)], prog_name="datasette")

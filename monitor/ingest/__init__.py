"""The ingest core: one capture in, everything it implies stored in one transaction (raw body,
version, clauses, comparisons with its neighbours, alerts owed); and re-extraction of what is
stored when the rules improve.

``Receiver`` is the door the crawler's item pipeline hands captures to.
"""

from monitor.ingest.core import IngestResult, ingest
from monitor.ingest.receiver import Receiver
from monitor.ingest.reprocess import ReprocessResult, reprocess

__all__ = ["IngestResult", "Receiver", "ReprocessResult", "ingest", "reprocess"]

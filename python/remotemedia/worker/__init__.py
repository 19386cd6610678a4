"""The worker process; run it with `python -m remotemedia.worker`."""

"""The service's endpoints, one module per concern (each an ``APIRouter``):

    scan.py     POST /v1/scan, /v1/scan/batch, /v1/redact           drafts as JSON
    files.py    POST /v1/scan/file, /v1/annotate, /v1/clean         uploaded files
    scans.py    GET  /v1/scans/{scan_id}                            stored scans
    review.py   decisions, sign-off, the review record, /v1/whoami, the reviewer page
    admin.py    GET /v1/rules, POST /v1/admin/reload                lexicons
    health.py   GET /v1/health, /metrics                            never wait on a scan

Auth is a dependency (service/auth.py), the worker's state too (service/state.py).
"""
from . import admin, files, health, review, scan, scans

# the order is the order routes are tried in: the hot paths (scans, health probes) first
ROUTERS = (scan.router, health.router, files.router, scans.router, review.router, review.pages, admin.router)

"""Lexicons: what is loaded, and a reload (admin token) that keeps the old ones when lint fails."""
from __future__ import annotations

import gc

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from scanner.errors import ConfigError, LexiconError

from .. import record
from ..auth import Token, require_admin
from ..errors import ERRORS, ApiError, json_response, note
from ..reload import lint_and_build
from ..state import Svc
from ..store import new_id

router = APIRouter(tags=["service"], responses=ERRORS)


@router.get("/v1/rules", summary="Loaded lexicon files, versions, entry counts")
async def rules(st: Svc, caller: Token):
    info = st.scanner.info()
    info["loaded_at"] = st.loaded_at
    info["generation"] = st.generation
    return json_response(info)


@router.post("/v1/admin/reload", dependencies=[Depends(require_admin)],
             summary="Reload the lexicons (admin token); when they fail lint the old ones keep serving")
async def reload(request: Request, st: Svc):
    async with st.reload_lock:
        old = st.scanner.lexicon_version
        try:
            cfg = st.fresh_config()
            problems, warnings, new = await run_in_threadpool(lint_and_build, cfg)
        except (ConfigError, LexiconError) as e:
            problems, warnings = [str(e).splitlines()[0]] + list(getattr(e, "problems", [])), []
        if problems:
            st.metrics.reloads.labels("failed").inc()
            note(request, reload="failed", problems=len(problems))
            raise ApiError(422, f"the new lexicons fail lint ({len(problems)} problem(s)); "
                                f"still serving lexicon version {old}", "lint_failed",
                           problems=problems[:200], lexicon_version=old)
        generation = new_id()
        # tell the other workers first: when the database cannot take it (503), nothing changed
        st.store.set_meta("lexicon_generation", generation)
        st.scanner, st.config, st.generation = new, cfg, generation
        st.loaded_at = record.now_iso()
        st.metrics.set_lexicon_version(new.lexicon_version)
        st.metrics.reloads.labels("ok").inc()
        gc.freeze()
    note(request, reload="ok", version=new.lexicon_version)
    return json_response({"reloaded": True, "lexicon_version": new.lexicon_version, "previous_version": old,
                          "terms": new.info()["terms"], "warnings": len(warnings), "generation": st.generation})

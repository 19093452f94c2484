"""Routes of task-language profiles. They only translate HTTP; service/profiles.py decides.

Everyone signed in reads profiles; only teachers and admins build, create or change them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from finnish.profile import TaskProfile
from service.core.auth import CurrentUser
from service.core.deps import ServicesDep, UserDep, require_roles
from service.core.errors import InvalidInput, TooLarge
from service.core.workers import json_answer
from service.profiles.export import export
from service.profiles.ingest import Upload
from service.profiles.schemas import (
    ProfileListOut,
    ShippedTaskListOut,
    StoredProfileOut,
    VersionDetailOut,
    VersionListOut,
)
from service.profiles.shapes import ProfileJSON

router = APIRouter(prefix="/api/v1", tags=["profiles"])
EditorDep = Annotated[CurrentUser, Depends(require_roles("teacher"))]
ProfileId = Annotated[int, PathParam(ge=1, le=2_147_483_647, description="The stored profile's id")]
Version = Annotated[int, PathParam(ge=1, le=2_147_483_647, description="A saved version number")]


class AnalyseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(description="The job task, e.g. 'Toimiston siivous'", examples=["Toimiston siivous"])
    texts: list[str] = Field(description="Authentic workplace texts: instructions, notices, shift notes…")
    situations: list[str] | None = Field(default=None, description="Situation ids the teacher already knows")
    description: str = Field(default="", max_length=5000, description="What the task involves (helps find situations)")


class ProfileUpdate(TaskProfile):
    version: int = Field(ge=1, le=2_147_483_647, description="The version you edited (from GET); a stale one answers 409")


@router.post("/profiles/analyse", response_model=TaskProfile)
async def analyse_profile(body: AnalyseIn, services: ServicesDep, _user: EditorDep) -> Any:
    """Build a task-language profile from a title and pasted texts without storing it: key terms
    ranked by keyness against general Finnish, phrases, grammar focus, situations, a CEFR target per
    skill with reasons and the level of each text. Not Finnish or empty → 422; too long → 413."""
    return await services.workers.run(services.profiles.analyse, body.title, body.texts, situations=body.situations,
                                      description=body.description)


@router.post("/profiles/upload", response_model=StoredProfileOut | TaskProfile)
async def upload_profile(
    services: ServicesDep,
    user: EditorDep,
    response: Response,
    title: Annotated[str, Form(description="The job task")],
    files: Annotated[list[UploadFile] | None, File(description=".txt, .md, .docx or .pdf, at most 5 MB each")] = None,
    texts: Annotated[list[str] | None, Form(description="Pasted texts")] = None,
    situations: Annotated[list[str] | None, Form(description="Situation ids")] = None,
    description: Annotated[str, Form()] = "",
    save: Annotated[bool, Form(description="Store the profile (201 with its id)")] = False,
) -> Any:
    """Build a profile from uploaded files and pasted texts (multipart form). Unsupported file type
    → 415; a file over the limit → 413; empty or unreadable file (encrypted or image-only PDF) → 422
    saying why; not Finnish → 422. A failed upload stores nothing."""
    limit = services.settings.max_upload_bytes
    uploads = []
    for f in files or []:
        data = await f.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"{f.filename} is too large: the limit is {limit:,} bytes.")
        uploads.append(Upload(f.filename or "file", data))
    def build() -> object:
        profile = services.profiles.analyse(title, texts or [], uploads=uploads, situations=situations or [],
                                            description=description)
        return services.profiles.create(user, profile) if save else profile.model_dump(mode="json")

    # Parsing, analysis and serialising run in the bounded worker pool: the event loop (and /health) stays free.
    answer = await json_answer(services.workers, StoredProfileOut | TaskProfile, build)
    answer.status_code = 201 if save else 200
    return answer


@router.get("/profiles/tasks", response_model=ShippedTaskListOut)
def list_shipped_tasks(services: ServicesDep, _user: UserDep) -> Any:
    """The shipped workplace tasks a profile can start from."""
    return {"tasks": services.profiles.shipped_tasks()}


@router.get("/profiles/tasks/{task_id}", response_model=TaskProfile)
def shipped_task_profile(task_id: str, services: ServicesDep, _user: UserDep) -> Any:
    """The pre-built profile of a shipped workplace task (not stored). Unknown task → 404."""
    return services.profiles.from_task(task_id)


@router.post("/profiles", status_code=201, response_model=StoredProfileOut)
def create_profile(body: ProfileJSON, services: ServicesDep, user: EditorDep) -> Any:
    """Store a profile (teachers and admins). The body is either a whole profile — e.g. one from
    /profiles/analyse or a JSON export (import) — or `{title, texts, situations?, description?}`,
    which is analysed first. Returns the stored profile with its `id` and `version` 1."""
    if "skills" not in body and isinstance(body.get("texts"), list) and all(isinstance(t, str) for t in body["texts"]):
        try:
            req = AnalyseIn.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise InvalidInput(f"'{where}': {first.get('msg')}." if where else str(first.get("msg"))) from None
        profile = services.profiles.analyse(req.title, req.texts, situations=req.situations, description=req.description)
        return services.profiles.create(user, profile)
    return services.profiles.create(user, body)


@router.get("/profiles", response_model=ProfileListOut)
def list_profiles(services: ServicesDep, user: UserDep) -> Any:
    """The stored profiles you may read (your own, those shared with you, those of your or your
    participants' targets; all for admins), most recently changed first."""
    return {"profiles": services.profiles.list_profiles(user)}


@router.get("/profiles/{profile_id}", response_model=StoredProfileOut)
def get_profile(profile_id: ProfileId, services: ServicesDep, user: UserDep) -> Any:
    """One stored profile with its `id`, `version`, who created and last changed it and when.
    Someone else's profile that is not shared with you → 404."""
    return services.profiles.get(profile_id, user)


@router.put("/profiles/{profile_id}", response_model=StoredProfileOut)
def update_profile(profile_id: ProfileId, body: ProfileUpdate, services: ServicesDep, user: EditorDep) -> Any:
    """Save a changed profile as a new version (teachers and admins). Send the `version` you edited;
    if someone saved in between → 409 and nothing changes."""
    data = body.model_dump(mode="json", exclude={"version"})
    return services.profiles.update(user, profile_id, data, body.version)


@router.get("/profiles/{profile_id}/versions", response_model=VersionListOut)
def profile_versions(profile_id: ProfileId, services: ServicesDep, user: UserDep) -> Any:
    """Every saved version: who changed which fields and when."""
    return {"versions": services.profiles.history(profile_id, user)}


@router.get("/profiles/{profile_id}/versions/{version}", response_model=VersionDetailOut)
def profile_version(profile_id: ProfileId, version: Version, services: ServicesDep, user: UserDep) -> Any:
    """One saved version as it was: who saved it, when, which fields changed, and the profile."""
    return services.profiles.version(profile_id, version, user)


@router.get("/profiles/{profile_id}/export", response_class=Response, responses={200: {
    "description": "The info packet or the profile",
    "content": {"text/markdown": {}, "text/html": {}, "application/pdf": {}, "application/json": {}},
}})
async def export_profile(
    profile_id: ProfileId,
    services: ServicesDep,
    user: UserDep,
    format: Annotated[str, Query(description="md, html, pdf or json")] = "json",
    audience: Annotated[str, Query(description="learner, instructor or teacher (info packet)")] = "teacher",
) -> Response:
    """Download the profile: an info packet for the learner, the workplace instructor or the teacher
    as Markdown, HTML or PDF, or the profile itself as JSON (which POST /profiles imports)."""
    profile = await run_in_threadpool(services.profiles.profile, profile_id, user)
    words = await run_in_threadpool(services.vocabulary.packet_words, f"profile:{profile_id}") if format != "json" else []
    body, media_type, filename = await services.workers.run(export, profile, format, audience, words)
    return Response(content=body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})

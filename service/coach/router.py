"""Routes of the coach view: participants, their evidence, readiness, plan, report and
recommended competence demonstrations. The routes only translate HTTP; the services decide."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, JsonValue

from service.coach.participants import ParticipantIn
from service.coach.schemas import (
    EvidenceOut,
    HistoryOut,
    ParticipantListOut,
    ParticipantOut,
    PlanOut,
    ReadinessOut,
    RecommendationsOut,
)
from service.coach.shapes import HistoryPoint, Readiness
from service.core.deps import ServicesDep, UserDep
from service.core.errors import Forbidden, InvalidInput

router = APIRouter(prefix="/api/v1", tags=["coach view"])
ParticipantId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id")]


class EvidenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["simulation", "text"] = Field(description="'simulation': a finished session's report; 'text': a written text")
    report: dict[str, JsonValue] | None = Field(default=None, description="The simulation report (kind simulation)")
    source: str = Field(default="", max_length=100, pattern=r"^[^\x00-\x1f]*$", description="e.g. the simulation session id")
    text: str | None = Field(default=None, description="The written text (kind text); only its measures are kept")
    task: str = Field(default="", max_length=200, pattern=r"^[^\x00-\x1f]*$",
                      description="The target task this evidence belongs to")


class RecommendationsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant: int | None = Field(default=None, ge=1, le=2**31 - 1, description="Whose evidence to weigh (optional)")
    work_trial_tasks: list[str] = Field(default_factory=list, description="Work-trial tasks in free Finnish")
    profile: int | None = Field(default=None, ge=1, le=2**31 - 1,
                                description="A stored profile: its title, description and key terms are the query")
    k: int = Field(default=8, ge=1, le=30, description="How many units at most")


@router.get("/participants", response_model=ParticipantListOut)
def list_participants(services: ServicesDep, user: UserDep) -> ParticipantListOut:
    """The participants you may see: a coach or teacher their assigned ones, a participant their own
    record, an admin everyone."""
    return ParticipantListOut(participants=services.participants.list(user))


@router.post("/participants", status_code=201, response_model=ParticipantOut)
def create_participant(body: ParticipantIn, services: ServicesDep, user: UserDep) -> ParticipantOut:
    """Add a participant (coach or admin): name or pseudonym, languages, target tasks (task ids,
    task titles or profile ids), work-trial place and tasks, assessments per skill (A1–C2), coaches
    and the participant's own user account. Returns the participant with its `id`."""
    return services.participants.create(user, body)


@router.get("/participants/{participant_id}", response_model=ParticipantOut)
def get_participant(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> ParticipantOut:
    """One participant. Someone you may not see answers 404."""
    return services.participants.get(user, participant_id)


@router.put("/participants/{participant_id}", response_model=ParticipantOut)
def update_participant(participant_id: ParticipantId, body: ParticipantIn, services: ServicesDep,
                       user: UserDep) -> ParticipantOut:
    """Change a participant. Only the fields given change. A participant changes only their own
    self-assessment, a teacher only the teacher assessment; a coach not assigned → 403."""
    return services.participants.update(user, participant_id, body)


@router.delete("/participants/{participant_id}", status_code=204)
def delete_participant(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> Response:
    """Remove a participant and all their evidence (coach assigned to them, or admin)."""
    services.participants.delete(user, participant_id)
    return Response(status_code=204)


@router.post("/participants/{participant_id}/evidence", status_code=201, response_model=EvidenceOut)
def add_evidence(participant_id: ParticipantId, body: EvidenceIn, services: ServicesDep, user: UserDep) -> EvidenceOut:
    """Add evidence: a finished simulation's report, or a written text (checked by the feedback
    engine; only its level, errors by category and lemmas are kept, never the text). The
    participant themself, their coach or teacher, or an admin may add it."""
    p = services.participants.visible(user, participant_id)
    if user.role == "participant" and body.kind == "simulation":
        raise Forbidden("Your simulations count automatically; only a coach adds a report by hand.")
    if body.kind == "simulation":
        if body.report is None:
            raise InvalidInput("'report' is missing: give the simulation report.")
        item = services.evidence.add_simulation(p.id, body.report, source=body.source, task=body.task)
    else:
        if body.text is None:
            raise InvalidInput("'text' is missing: give the written text.")
        item = services.evidence.add_text(p.id, body.text, task=body.task)
    services.participants.record(user, "evidence", p.id)
    return EvidenceOut(id=item.id, kind=item.kind, source=item.source, task=item.task,
                       recorded_at=item.recorded_at.isoformat(), data=dict(item.data))


@router.get("/participants/{participant_id}/readiness", response_model=ReadinessOut)
def readiness(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> Readiness:
    """Readiness per target task and skill: `{status: ready|almost|not_yet|not_enough_evidence,
    estimate, target, evidence_count, confidence, reasons}`, with the task's vocabulary coverage
    and goal completion. With no evidence every skill says `not_enough_evidence`."""
    return services.readiness.readiness(user, participant_id)


@router.get("/participants/{participant_id}/history", response_model=HistoryOut)
def history(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> dict[str, list[HistoryPoint]]:
    """Progress over time: each skill's estimate (A1=1 … C2=6) and the goal completion after each
    piece of evidence."""
    return {"history": services.readiness.history(user, participant_id)}


@router.get("/participants/{participant_id}/plan", response_model=PlanOut)
def plan(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> PlanOut:
    """The personal progress plan: the skills to work on, the next scenarios, words and phrases to
    practise, each with a date, and the review with the coach. Rebuilt from the latest evidence."""
    return PlanOut.model_validate(services.plans.plan(user, participant_id))


@router.post("/recommendations", response_model=RecommendationsOut)
def recommendations(body: RecommendationsIn, services: ServicesDep, user: UserDep) -> RecommendationsOut:
    """Recommended competence demonstrations: work-trial tasks in free Finnish (or, when none are
    given, the participant's own) → matching qualification units, each with its demonstration
    text, the assessment criteria the participant's evidence already supports, the unit's
    language demands and the participant's language readiness. Qualifications not in the corpus
    are named in `not_in_corpus` with the import command. No tasks → 422."""
    return RecommendationsOut.model_validate(services.recommendations.recommend(
        user, [*body.work_trial_tasks, *([services.profiles.query_text(body.profile, user)] if body.profile else [])],
        body.participant, k=body.k
    ))


@router.get("/participants/{participant_id}/report", response_class=Response, responses={200: {
    "description": "The report as PDF, HTML or JSON",
    "content": {"application/pdf": {}, "text/html": {}, "application/json": {}},
}})
def report(
    participant_id: ParticipantId,
    services: ServicesDep,
    user: UserDep,
    format: Literal["pdf", "html", "json"] = Query(default="pdf", description="pdf, html or json"),  # noqa: A002
) -> Response:
    """The readiness report of one participant for the meeting with the employer: readiness per
    target task and skill with reasons, vocabulary coverage, the progress plan and recommended
    units. `format=pdf` (default), `html` or `json` (the export)."""
    content, media_type, name = services.reports.export(user, participant_id, format)
    disposition = "inline" if format == "html" else "attachment"
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'{disposition}; filename="{name}"'})

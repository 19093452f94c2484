"""Routes of the workplace feature: mentors with consent, a mentor's own view, observations and the
intake. The routes only translate HTTP; the services decide who may do what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from service.core.deps import ServicesDep, UserDep
from service.workplace.mentors import ConsentView, MentorSummary, MentorView, ObservationView
from service.workplace.schemas import (
    IntakeIn,
    IntakeOut,
    MentorIn,
    MentorListOut,
    MentorOut,
    MentorParticipantsOut,
    MentorViewOut,
    ObservationIn,
    ObservationListOut,
    ObservationOut,
)

router = APIRouter(prefix="/api/v1", tags=["workplace"])
ParticipantId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id")]
MentorId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The id the invitation answered with")]


@router.post("/participants/{participant_id}/mentors", status_code=201, response_model=MentorOut)
def invite_mentor(participant_id: ParticipantId, body: MentorIn, services: ServicesDep, user: UserDep) -> ConsentView:
    """Invite a workplace mentor (a user of role `mentor`) for one of the participant's target tasks.
    The participant themself, their coach (with the participant's consent: `consent: true`) or an
    admin. The mentor then sees the agreed goals, the task's profile and the progress; nothing else."""
    return services.mentors.invite(user, participant_id, body)


@router.get("/participants/{participant_id}/mentors", response_model=MentorListOut)
def list_mentors(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> dict[str, list[ConsentView]]:
    """The mentors invited for this participant, withdrawn ones with `withdrawn_at`."""
    return {"mentors": services.mentors.mentors(user, participant_id)}


@router.delete("/participants/{participant_id}/mentors/{mentor_id}", status_code=204)
def withdraw_mentor(participant_id: ParticipantId, mentor_id: MentorId, services: ServicesDep,
                    user: UserDep) -> Response:
    """Withdraw the consent: the mentor's access ends at once (their routes answer 404)."""
    services.mentors.withdraw(user, participant_id, mentor_id)
    return Response(status_code=204)


@router.get("/mentor/participants", response_model=MentorParticipantsOut)
def mentor_participants(services: ServicesDep, user: UserDep) -> dict[str, list[MentorSummary]]:
    """A mentor's own participants: for each consented task the goals and the progress."""
    return {"participants": services.mentors.my_participants(user)}


@router.get("/mentor/participants/{participant_id}", response_model=MentorViewOut)
def mentor_view(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> MentorView:
    """What the mentor sees of one participant: goals, the task's profile packet (situations, key
    words, phrases, target levels) and progress. Without consent → 404."""
    return services.mentors.view(user, participant_id)


@router.post("/participants/{participant_id}/observations", status_code=201, response_model=ObservationOut)
def add_observation(participant_id: ParticipantId, body: ObservationIn, services: ServicesDep,
                    user: UserDep) -> ObservationView:
    """A consented mentor records how a situation of the task went at work (`managed`, `with_help`,
    `not_yet`). It counts for readiness like a teacher assessment and is shown apart."""
    return services.mentors.observe(user, participant_id, body)


@router.get("/participants/{participant_id}/observations", response_model=ObservationListOut)
def list_observations(participant_id: ParticipantId, services: ServicesDep,
                      user: UserDep) -> dict[str, list[ObservationView]]:
    """Workplace observations (a mentor sees those of the tasks they follow)."""
    return {"observations": services.mentors.observations(user, participant_id)}


@router.put("/participants/{participant_id}/intake", response_model=IntakeOut)
def put_intake(participant_id: ParticipantId, body: IntakeIn, services: ServicesDep, user: UserDep) -> IntakeOut:
    """Save the intake mapping (the coach with the participant): languages, education, work
    history, prior competence, self-assessment, support needs, goals. Over a limit → 422."""
    return IntakeOut.model_validate(services.intake.put(user, participant_id, body))


@router.get("/participants/{participant_id}/intake", response_model=IntakeOut)
def get_intake(participant_id: ParticipantId, services: ServicesDep, user: UserDep) -> IntakeOut:
    """The intake mapping and how it tailors the plan (starting level, task order, explanations)."""
    return IntakeOut.model_validate(services.intake.get(user, participant_id))

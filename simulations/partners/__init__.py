"""Conversation partners behind one interface (`Partner.reply`): scripted (offline) and LLM."""

from simulations.partners.base import Partner, PartnerContext, PartnerReply, TranscriptTurn

__all__ = ["Partner", "PartnerContext", "PartnerReply", "TranscriptTurn"]

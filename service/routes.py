"""Which handler answers which command word or action id. Text no command claims goes to the FAQ."""

from __future__ import annotations

from bot.router import Router
from handlers.agenda import frab
from handlers.agenda import personal as agenda
from handlers.basics import help as help_handler
from handlers.basics import language
from handlers.editions import carryover, opening
from handlers.editions import words as edition_words
from handlers.faq import answer as faq
from handlers.intents.rules import understand
from handlers.matchmaking import interests as matchmaking
from handlers.matchmaking import meeting_answers, meeting_chat, meetings, people, visibility
from handlers.matchmaking import profile as match_profile
from handlers.organiser import console_link, export
from handlers.outreach import broadcast, reminders
from handlers.pitches import admin as pitch_admin
from handlers.pitches import changes as pitch_changes
from handlers.pitches import flow as pitch_flow
from handlers.pitches import signup as pitches
from handlers.pitches.state import FLOW as PITCH_FLOW
from handlers.registration import admin as registration_admin
from handlers.registration import conversation as registration
from handlers.registration import integrity
from handlers.registration import steps as registration_steps
from handlers.summaries import delegation as summaries


def build_router() -> Router:
    router = Router(fallback=faq.handle, understand=understand, side_answer=faq.answer_if_sure)
    router.command(help_handler.WORDS, help_handler.handle, public=True)
    router.action("help.", help_handler.handle, public=True)  # the Help button (Home tab)
    router.command(language.WORDS, language.handle, public=True)  # a choice of language is not personal
    router.action("language.set", language.handle, public=True)
    # Delegation registration (handlers/registration*.py)
    router.command(registration.REGISTER_WORDS, registration.handle_register)
    router.command(registration.MINE_WORDS, registration.handle_mine)
    router.command(registration_steps.CHANGE_WORDS, registration.handle_change)
    router.command(registration_steps.WITHDRAW_WORDS, registration.handle_withdraw)
    router.command(registration_steps.JOIN_WORDS, registration.handle_join)
    router.command(integrity.ROTATE_WORDS, integrity.handle_rotate)
    router.action("registration.", registration.handle_action)
    router.flow(
        registration.FLOW,
        registration.handle_flow,
        reprompt=registration.reprompt,
        starters=(registration.handle_register, registration.handle_change, registration.handle_withdraw),
    )
    router.command(registration_admin.REQUESTS_WORDS, registration_admin.handle_list)
    router.command(registration_admin.DECIDE_WORDS, registration_admin.handle_typed)
    router.command(export.WORDS, export.handle)  # organiser exports (handlers/organiser/export.py)
    router.command(console_link.WORDS, console_link.handle)  # a sign-in link to the web console
    # Personal agenda, follows, calendar file (handlers/agenda/personal.py)
    router.command(agenda.WORDS, agenda.handle)
    router.command(agenda.FOLLOW_WORDS, agenda.handle_follow)
    router.command(agenda.UNFOLLOW_WORDS, agenda.handle_unfollow)
    router.action("agenda.", agenda.handle_action)
    router.command(frab.WORDS, frab.handle)  # the programme as frab schedule.json (handlers/agenda/frab.py)
    # Reminders and broadcasts (handlers/outreach/reminders.py, handlers/outreach/broadcast.py)
    router.command(reminders.WORDS, reminders.handle)
    router.command(broadcast.WORDS, broadcast.handle)
    router.action("broadcast.", broadcast.continue_flow)
    router.flow(
        broadcast.FLOW, broadcast.continue_flow, reprompt=broadcast.reprompt, starters=(broadcast.handle,)
    )
    # Pitch slots (handlers/pitches/: signup.py, changes.py (move, cancel), flow.py, admin.py)
    router.command(pitches.WORDS, pitches.handle)
    router.command(pitches.MINE_WORDS, pitches.handle_mine)
    router.command(pitch_changes.MOVE_WORDS, pitches.handle_move)
    router.command(pitch_changes.CANCEL_WORDS, pitch_changes.handle_cancel)
    router.command(pitch_admin.RUN_OF_SHOW_WORDS, pitch_admin.handle_run_of_show)
    router.action("pitch.", pitch_flow.handle_action)
    # Only `pitch …` is read by the open flow; `move pitch`, `cancel pitch`, `my pitch` (typed or asked in a
    # sentence) run as they would anywhere, so "can we go earlier? slot 2" mid-title is a move, not "already".
    router.flow(
        PITCH_FLOW,
        pitch_flow.continue_flow,
        reprompt=pitch_flow.reprompt,
        starters=(pitches.handle,),
        related=(pitches.handle_mine, pitch_changes.handle_cancel),  # a move is the flow's own to offer
    )
    # Matchmaking and meet requests (handlers/matchmaking/interests.py, handlers/matchmaking/meetings.py)
    router.command(matchmaking.OFFER_WORDS, matchmaking.handle_offer)
    router.command(matchmaking.NEED_WORDS, matchmaking.handle_need)
    router.command(match_profile.REGION_WORDS, match_profile.handle_region)
    router.command(match_profile.LANGUAGE_WORDS, match_profile.handle_languages)
    router.command(match_profile.ORGANISATION_WORDS, match_profile.handle_organisation)
    router.command(match_profile.CONTACT_WORDS, match_profile.handle_contact)
    router.command(people.WHO_WORDS, people.handle_who)  # handlers/matchmaking/people.py
    router.command(matchmaking.MINE_WORDS, matchmaking.handle_mine)
    router.command(matchmaking.MATCH_WORDS, matchmaking.handle_match)
    router.command(visibility.WORDS, visibility.handle)  # who may read each need (issue 15)
    router.action("match.", matchmaking.handle_action)
    router.flow(
        matchmaking.FLOW,
        matchmaking.continue_flow,
        reprompt=matchmaking.reprompt,
        starters=(matchmaking.handle_offer, matchmaking.handle_need),
    )
    router.command(meetings.MEET_WORDS, meetings.handle_meet)
    router.command(meetings.REQUESTS_WORDS, meetings.handle_requests)
    router.command((*meetings.ACCEPT_WORDS, *meetings.DECLINE_WORDS), meetings.handle_decision)
    router.action("meet.request", meetings.handle_meet)
    router.action("meet.accept", meetings.handle_decision)
    router.action("meet.decline", meetings.handle_decision)
    # Planned meetings (handlers/matchmaking/meeting_chat.py)
    router.command(meeting_chat.ALL_PREFERENCE_WORDS, meeting_chat.handle_preference)
    router.command(meeting_chat.MINE_WORDS, meeting_chat.handle_mine)
    router.command(meeting_chat.WHY_WORDS, meeting_chat.handle_why)
    router.command(meeting_chat.ORGANISER_WORDS, meeting_chat.handle_organiser)
    for level in meeting_chat.PREFERENCE_WORDS:
        router.action(f"meeting.pref.{level}", meeting_chat.handle_preference)
    router.command(meeting_answers.ALL_TYPED_WORDS, meeting_answers.handle_typed)
    router.action(meeting_answers.HAPPENED_ACTION, meeting_answers.handle_button)
    router.action(meeting_answers.FOLLOW_ACTION, meeting_answers.handle_button)
    # Editions of a series: carry-over of the previous edition's needs (handlers/editions/)
    router.command(edition_words.OPEN_WORDS, opening.handle_open)
    router.command(edition_words.REVIEW_WORDS, carryover.handle_review)
    router.command(edition_words.KEEP_ALL_WORDS, carryover.handle_keep_all)
    router.action("carry.", carryover.handle_action)
    router.flow(
        carryover.FLOW,
        carryover.handle_flow,
        reprompt=carryover.reprompt,
        starters=(carryover.handle_review, carryover.handle_keep_all),
    )
    # A delegation's own summary across editions (handlers/summaries/delegation.py)
    router.command(summaries.WORDS, summaries.handle)
    return router

"""Language data for the Q&A engine: how questions are asked, per language. No event content here.

Every phrase is written normalised (lower case, no accents, punctuation as spaces) because questions are
matched after the same normalisation. Event content (session names, aliases, venues) comes from the event
file; this module only knows how people *ask*. Add a language by adding its key to each table; Arabic, Russian
and Chinese live in faq_forms_ar_ru_zh and are merged into these tables at the end of this module.
"""

from __future__ import annotations

from handlers.faq import forms_ar_ru_zh as _ar_ru_zh
from handlers.faq.phrases import Phrases, forms, merged

# What the asker wants. The engine combines these cues with what the question names (sessions, days, times).
INTENT_CUES: dict[str, Phrases] = {
    "when": {
        "en": forms(
            "when, what time, which time, what day, which day, what date, start, starts, begin, "
            "begins, starting, time, date, schedule for"
        ),
        "fr": forms(
            "quand, quelle heure, a quelle heure, quel jour, quelle date, commence, debute, heure, "
            "date, horaire, a quel moment"
        ),
        "es": forms(
            "cuando, que hora, a que hora, que dia, que fecha, empieza, comienza, hora, fecha, "
            "horario, inicia"
        ),
    },
    "where": {
        "en": forms(
            "where, venue, location, address, place, located, how do i get, how do we get, "
            "how to get, get there, directions, held, where do we go, where do i go"
        ),
        "fr": forms(
            "ou, lieu, adresse, endroit, se trouve, comment aller, se rendre, se deroule, "
            "a quel endroit, allons nous, ou aller"
        ),
        "es": forms(
            "donde, lugar, direccion, ubicacion, como llegar, como llegamos, llegamos, se celebra, sitio"
        ),
    },
    "distance": {
        "en": forms("how far, far, distance, walkable, on foot, taxi"),
        "fr": forms("a pied, distance, loin, a quelle distance, marcher"),
        "es": forms("a pie, caminando, distancia, lejos, caminar, que tan lejos"),
    },
    "room": {
        "en": forms("which room, what room, room, conference room, room number, meeting room, hall"),
        "fr": forms("salle, quelle salle, dans quelle salle, salle de conference, numero de salle"),
        "es": forms("sala, que sala, en que sala, sala de conferencias, numero de sala, salon"),
    },
    "end": {
        "en": forms(
            "end, ends, finish, finishes, until when, until what time, what time does it end, over by, "
            "wrap up, close"
        ),
        "fr": forms("se termine, termine, finit, fin, jusqu a quelle heure, se finit, s acheve"),
        "es": forms("termina, acaba, finaliza, fin, hasta que hora, concluye"),
    },
    "missed": {
        "en": forms(
            "what did i miss, what have i missed, did i miss, missed, im late, i m late, i am late, "
            "running late, catch up, arrived late, just arrived"
        ),
        "fr": forms("en retard, j ai manque, manque, rate, qu ai je manque, je viens d arriver"),
        "es": forms("llegue tarde, me perdi, perdi, que me perdi, llego tarde, acabo de llegar"),
    },
    "dress": {
        "en": forms("dress code, dress, attire, what to wear, wear, black tie, suit, tie, outfit"),
        "fr": forms("code vestimentaire, tenue, tenue vestimentaire, s habiller, cravate, costume"),
        "es": forms("codigo de vestimenta, vestimenta, etiqueta, vestir, traje, corbata, ropa"),
    },
    "duration": {
        "en": forms("how long, duration, length, how many hours, lasts, long is"),
        "fr": forms("combien de temps, duree, dure, combien d heures"),
        "es": forms("cuanto dura, duracion, cuanto tiempo, dura, cuantas horas"),
    },
    "who": {
        "en": forms(
            "who, whom, for whom, audience, who can attend, who attends, who should attend, "
            "who is it for, speakers, panellists, panelists, experts, expert, accompanying, can come, "
            "come"
        ),
        "fr": forms(
            "qui, pour qui, public, intervenants, panelistes, experts, expert, venir, accompagnateurs"
        ),
        "es": forms(
            "quien, quienes, para quien, publico, ponentes, panelistas, expertos, experto, venir, "
            "acompanantes"
        ),
    },
    "what": {
        "en": forms(
            "what is, what s, what are, about, describe, description, topic, topics, theme, "
            "themes, purpose, tell me about, details, explain, focus, cover, covers, discuss, "
            "discusses, discussed, aim, goal, objective, why, info, information"
        ),
        "fr": forms(
            "qu est ce que, c est quoi, de quoi, sujet, theme, themes, porte sur, objet, "
            "description, quoi, but, objectif, pourquoi, a propos, informations, parle"
        ),
        "es": forms(
            "que es, de que, tema, temas, trata, sobre que, descripcion, objetivo, proposito, "
            "por que, acerca, finalidad, informacion"
        ),
    },
    "now": {
        "en": forms(
            "now, what time is it, right now, happening now, currently, at the moment, current session, "
            "on now, going on, happening"
        ),
        "fr": forms("maintenant, quelle heure est il, en ce moment, actuellement, en cours, se passe"),
        "es": forms("ahora, que hora es, en este momento, actualmente, ahora mismo, en curso, pasando"),
    },
    "next": {
        "en": forms("next, after this, coming up, upcoming, after, afterwards, later"),
        "fr": forms("prochain, prochaine, ensuite, apres, suivant, suivante, plus tard"),
        "es": forms("siguiente, proximo, proxima, despues, a continuacion, mas tarde"),
    },
    "programme": {
        "en": forms(
            "programme, program, schedule, agenda, full programme, full program, timetable, "
            "all sessions, sessions, list of sessions, itinerary, whole day"
        ),
        "fr": forms(
            "programme, ordre du jour, calendrier, seances, sessions, programme complet, "
            "emploi du temps, deroulement"
        ),
        "es": forms("programa, agenda, calendario, cronograma, orden del dia, sesiones, programa completo"),
    },
    "register": {
        "en": forms(
            "register, registration, sign up, signup, enrol, enroll, rsvp, registration form, "
            "confirm participation, confirm attendance, head of delegation, accreditation, "
            "instead of the form, do it here, here instead, register here, in the chat, through you, "
            "with you"
        ),
        "fr": forms(
            "inscrire, inscription, enregistrer, formulaire, chef de delegation, confirmer, "
            "accreditation, participation, ici, dans le chat"
        ),
        "es": forms(
            "inscribirse, inscribir, inscripcion, registrarse, registro, formulario, "
            "jefe de delegacion, confirmar, acreditacion, registrar, aqui, en el chat"
        ),
    },
    "deadlines": {
        "en": forms(
            "deadline, deadlines, due, due date, by when, cutoff, cut off, last day, until when, "
            "closing date, too late, latest"
        ),
        "fr": forms(
            "date limite, dates limites, delai, delais, echeance, echeances, avant quand, "
            "jusqu a quand, trop tard"
        ),
        "es": forms("plazo, plazos, fecha limite, fechas limite, vencimiento, hasta cuando, demasiado tarde"),
    },
    "invited": {
        "en": forms(
            "invited, invite, invitation, who can come, who can participate, participants, "
            "who is coming, eligible, who can join, attendees"
        ),
        "fr": forms(
            "invite, invites, invitee, invitation, participants, qui peut participer, "
            "qui peut venir, convie, convies"
        ),
        "es": forms(
            "invitado, invitados, invitacion, participantes, quien puede participar, "
            "quien puede asistir, asistentes"
        ),
    },
    "contact": {
        "en": forms(
            "contact, email, e mail, mail, reach, write to, queries, query, phone, get in touch, "
            "help desk, ask a person, human"
        ),
        "fr": forms("contact, contacter, courriel, mail, joindre, ecrire, adresse electronique"),
        "es": forms("contacto, contactar, correo, correo electronico, escribir, email"),
    },
    "format": {
        "en": forms(
            "in person, online, virtual, virtually, remote, remotely, hybrid, format, webcast, "
            "livestream, live stream, zoom, attend online, physically"
        ),
        "fr": forms("en personne, presentiel, en ligne, virtuel, a distance, hybride, format, en presentiel"),
        "es": forms("en persona, presencial, en linea, virtual, a distancia, hibrido, formato, en remoto"),
    },
    "convener": {
        "en": forms(
            "host, hosts, hosted, hosting, convener, convenor, convenes, organiser, organizer, "
            "organisers, organizers, organised, organized, organises, organizes, chair, chairs, "
            "who runs, behind"
        ),
        "fr": forms("organisateur, organisateurs, organise, preside, president, hote, accueille, convoque"),
        "es": forms(
            "organizador, organizadores, organiza, organizado, preside, presidente, anfitrion, convoca"
        ),
    },
    "questions": {
        "en": forms("questions, discussion questions, guiding questions, questions for discussion"),
        "fr": forms("questions, questions de discussion, questions pour la discussion"),
        "es": forms("preguntas, preguntas de debate, preguntas para el debate"),
    },
    "capabilities": {
        "en": forms(
            "capabilities, capability, foundational, foundational capabilities, five capabilities, "
            "cyber capabilities, unidir, pillars"
        ),
        "fr": forms("capacites fondamentales, fondamentales, cinq capacites, unidir"),
        "es": forms("capacidades fundamentales, fundamentales, cinco capacidades, unidir"),
    },
    "ministers": {
        "en": forms(
            "minister, ministers, priority, interventions, intervention, speaking order, "
            "take the floor, speak, speaking, floor"
        ),
        "fr": forms("ministre, ministres, priorite, intervention, interventions, prendre la parole, parole"),
        "es": forms(
            "ministro, ministros, prioridad, intervencion, intervenciones, tomar la palabra, palabra"
        ),
    },
    "pitch": {
        "en": forms(
            "pitch, pitches, pitching, present, presentation, presentations, slides, slide, "
            "elevator pitch, showcase, express interest, expression of interest, "
            "expressions of interest, presenter, presenters, how many slides, interest, ppt, "
            "powerpoint, pitch slot, slot"
        ),
        "fr": forms(
            "pitch, presenter, presentation, presentations, diapositives, diapositive, manifester, "
            "manifestation d interet, interet, exposer"
        ),
        "es": forms(
            "pitch, presentar, presentacion, presentaciones, diapositivas, diapositiva, "
            "manifestar, manifestacion de interes, interes, exponer"
        ),
    },
    "greeting": {
        "en": forms("hello, hi, hey, good morning, good afternoon, good evening"),
        "fr": forms("bonjour, salut, bonsoir, coucou"),
        "es": forms("hola, buenos dias, buenas tardes, buenas noches, buenas"),
    },
    "thanks": {
        "en": forms("thanks, thank you, thx, cheers, great thanks"),
        "fr": forms("merci, merci beaucoup"),
        "es": forms("gracias, muchas gracias"),
    },
    # A word that leaves a form, typed when no form is open: answered, never "corrected" ("quit" → "suit").
    "stop": {
        "en": forms("stop, quit, exit, cancel, abort, leave"),
        "fr": forms("arreter, stop, quitter, sortir, annuler"),
        "es": forms("parar, detener, salir, cancelar, terminar"),
    },
    "goodbye": {
        "en": forms("bye, goodbye, bye bye, see you, see you later, good night"),
        "fr": forms("au revoir, a bientot, bonne nuit, bonne soiree"),
        "es": forms("adios, hasta luego, hasta pronto, chao"),
    },
    "help": {
        "en": forms("help, what can you do, what can i ask, options, menu, commands"),
        "fr": forms("aide, que peux tu faire, que pouvez vous faire, que puis je demander"),
        "es": forms("ayuda, que puedes hacer, que puede hacer, que puedo preguntar"),
    },
}

# Generic words for a kind of session: "the plenary" means every plenary.
KIND_WORDS: dict[str, Phrases] = {
    "plenary": {
        "en": forms("plenary, plenaries, plenary session, plenary sessions"),
        "fr": forms("pleniere, plenieres, seance pleniere, seances plenieres"),
        "es": forms("plenaria, plenarias, sesion plenaria, sesiones plenarias, plenario"),
    },
    "breakout": {
        "en": forms(
            "breakout, breakouts, breakout group, breakout groups, breakout session, "
            "breakout sessions, break out, group, groups, working groups"
        ),
        "fr": forms(
            "groupe de discussion, groupes de discussion, atelier, ateliers, groupe, groupes, sous, groupes"
        ),
        "es": forms("grupo de trabajo, grupos de trabajo, grupo, grupos, sesiones paralelas, talleres"),
    },
}

# Words that name the whole event rather than one session.
EVENT_WORDS: Phrases = {
    "en": forms("event, roundtable, round table, conference, meeting, the whole thing"),
    "fr": forms("evenement, table ronde, reunion, conference"),
    "es": forms("evento, mesa redonda, reunion, conferencia"),
}

# Days relative to now (0 = today, 1 = tomorrow, -1 = yesterday).
RELATIVE_DAYS: dict[int, Phrases] = {
    0: {
        "en": forms("today, tonight, this evening, this morning, this afternoon"),
        "fr": forms("aujourd hui, ce soir, ce matin, cet apres midi"),
        "es": forms("hoy, esta noche, esta tarde, esta manana"),
    },
    1: {
        "en": forms("tomorrow"),
        "fr": forms("demain"),
        "es": forms("manana"),
    },
    -1: {
        "en": forms("yesterday"),
        "fr": forms("hier"),
        "es": forms("ayer"),
    },
}

# Words before an hour ("at 10", "à 10", "a las 10") that make a bare number a time.
AT_TIME: Phrases = {
    "en": forms("at, around, by"),
    "fr": forms("a, vers"),
    "es": forms("a las, a la, las, hacia"),
}
NOON: Phrases = {
    "en": forms("noon, midday"),
    "fr": forms("midi"),
    "es": forms("mediodia"),
}
MIDNIGHT: Phrases = {
    "en": forms("midnight"),
    "fr": forms("minuit"),
    "es": forms("medianoche"),
}
# Units after a number that make it a quantity, not a clock time ("a 3 minute pitch", "3 slides").
NOT_A_TIME_AFTER: Phrases = {
    "en": forms("minute, minutes, min, mins, slide, slides, hour, hours, people, pitches, groups"),
    "fr": forms("minute, minutes, diapositive, diapositives, personnes, groupes"),
    "es": forms("minuto, minutos, diapositiva, diapositivas, personas, grupos"),
}
# A bare hour from 1 to this one is read in the afternoon ("at 3" during a daytime meeting is 3 p.m.).
AFTERNOON_UNTIL_HOUR = 7

# Frequent words that must never be "corrected" into a cue word by the typo matcher.
STOPWORDS: Phrases = {
    "en": forms(
        "the, a, an, is, are, was, be, of, to, in, on, at, for, and, or, do, does, did, i, my, "
        "we, our, you, your, me, it, this, that, there, these, those, can, could, should, "
        "would, will, with, any, some, something, anything, please, tell, know, want, need, "
        "get, have, has, s, which, what, how, many, much, does, then, than, they, them, their, "
        "he, she, his, her, us, from, by, up, out, if, so, not, no, yes, about, also, all, am, "
        "pm, here, where, whats, one, two, day, days, may, go, going, give, see, make, "
        "session, sessions, whole, full, who, why, when, kind, type, lot, thing, things, "
        "people, still, yet, already, ever, over, started, ended, end, ends, finish, finishes, "
        "open, opens, close, closes, other, last, each, every, per, again, just, only, really, very, else"
    ),
    "fr": forms(
        "le, la, les, un, une, des, du, de, d, l, et, est, ce, c, que, qu, je, j, nous, vous, "
        "mon, ma, mes, sur, dans, pour, avec, il, elle, y, au, aux, se, s, t, cette, ces, "
        "quel, quelle, quels, quelles, comment, est ce, on, en, ne, pas, plus, tout, tous, "
        "toute, toutes, sont, m, n, peut, puis, faut, il y a, a, ou, qui, quoi, fait, faire, "
        "seance, jour, jours, mai, si, oui, non, merci, votre, vos, notre, nos, leur, leurs, chaque"
    ),
    "es": forms(
        "el, la, los, las, un, una, unos, unas, de, del, al, y, o, es, son, en, por, para, "
        "con, mi, mis, su, sus, que, se, lo, le, hay, me, como, cual, cuales, cuando, donde, "
        "quien, esta, este, estos, estas, ese, esa, puedo, puede, hacer, tengo, no, si, muy, "
        "mas, todo, todos, toda, todas, sesion, dia, dias, mayo, nos, usted, ustedes, yo, tu, "
        "hora, a, ya, cada"
    ),
}

# Words after the hour that put it in the afternoon ("3 de la tarde") or the morning.
PM_WORDS: Phrases = {
    "en": forms("pm, p m, in the afternoon, in the evening"),
    "fr": forms("de l apres midi, du soir"),
    "es": forms("de la tarde, de la noche"),
}
AM_WORDS: Phrases = {
    "en": forms("am, a m, in the morning"),
    "fr": forms("du matin"),
    "es": forms("de la manana"),
}

# Arabic, Russian and Chinese (faq_forms_ar_ru_zh), added to every table above.
INTENT_CUES = merged(INTENT_CUES, _ar_ru_zh.INTENT_CUES)
KIND_WORDS = merged(KIND_WORDS, _ar_ru_zh.KIND_WORDS)
RELATIVE_DAYS = {
    offset: {**table, **_ar_ru_zh.RELATIVE_DAYS.get(offset, {})} for offset, table in RELATIVE_DAYS.items()
}
EVENT_WORDS = {**EVENT_WORDS, **_ar_ru_zh.EVENT_WORDS}
AT_TIME = {**AT_TIME, **_ar_ru_zh.AT_TIME}
NOON = {**NOON, **_ar_ru_zh.NOON}
MIDNIGHT = {**MIDNIGHT, **_ar_ru_zh.MIDNIGHT}
NOT_A_TIME_AFTER = {**NOT_A_TIME_AFTER, **_ar_ru_zh.NOT_A_TIME_AFTER}
STOPWORDS = {**STOPWORDS, **_ar_ru_zh.STOPWORDS}
PM_WORDS = {**PM_WORDS, **_ar_ru_zh.PM_WORDS}
AM_WORDS = {**AM_WORDS, **_ar_ru_zh.AM_WORDS}

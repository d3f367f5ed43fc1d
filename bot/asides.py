"""Is a line typed inside a flow plausibly *not* an answer to the step's question?

A question ("is there a dress code for the reception?") or a complaint ("wait what, we lost our slot??") typed
while a flow waits for a title or a name must not be stored as that title or name. These checks are cheap,
word-based and deliberately cautious: a false "aside" costs one confirmation, a missed one stores the wrong
text, so they lean towards flagging.
"""

from __future__ import annotations

import re

from bot.i18n.detect import fold


def _wordset(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Question words that open a question (accent-folded, lower case): English, French, Spanish, Russian, Arabic;
# Chinese marks questions with particles instead.
_QUESTION_OPENERS = _wordset(
    """
    what whats when where wheres who whos why how which is are can
    could do does did will would should may shall whom whose
    quand ou qui pourquoi comment quel quelle quels quelles est-ce combien
    puis-je peut-on
    que cuando donde quien quienes por como cual cuales cuanto cuanta
    puedo podemos hay
    что когда где кто почему как какой какая какие какое сколько можно
    ли зачем куда
    ما ماذا متى أين اين من لماذا كيف هل كم أي اي
    """
)
_ZH_QUESTION_MARKS = ("吗", "什么", "哪", "几", "怎么", "谁", "为什么", "多少", "是否", "能否", "可以吗")
_QUESTION_END = re.compile(r"[?？؟]\s*$")
_OPENER_REACH = 3  # "hang on, where is …?": the question word within the first three words

# Words of surprise or correction that mean "that is not what I meant" rather than an answer.
_COMPLAINT_WORDS = _wordset(
    """
    wait oops wrong mistake undo lost wtf huh hang ugh
    attendez attends erreur oups perdu faux
    espera espere error equivocado equivoque perdimos perdido
    подождите погодите стоп ошибка ошибся ошиблась неправильно потеряли
    انتظر خطأ خطا فقدنا غلط
    """
)
_COMPLAINT_PHRASES = (
    "i wanted",
    "i meant",
    "not what i",
    "that's not",
    "thats not",
    "no i",
    "no, i",
    "i typed",
    "we lost",
    "je voulais",
    "pas ce que",
    "ce n'est pas",
    "queria",
    "no es lo que",
    "я хотел",
    "я имел в виду",
    "не то",
    "كنت أريد",
    "ليس ما",
    "我想要的是",
    "不是我",
    "错了",
    "等等",
    "搞错",
)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", fold(text))


def looks_like_question(text: str) -> bool:
    """Ends with a question mark (in any script), opens with a question word, or (Chinese) holds a
    question particle."""
    stripped = text.strip()
    if not stripped:
        return False
    if _QUESTION_END.search(stripped):
        return True
    words = _words(stripped)
    if words and words[0] in _QUESTION_OPENERS and len(words) >= 3:
        return True
    return any(mark in stripped for mark in _ZH_QUESTION_MARKS)


def looks_like_complaint(text: str) -> bool:
    folded = fold(text)
    if any(phrase in folded for phrase in _COMPLAINT_PHRASES):
        return True
    words = _words(text)
    return bool(words) and (words[0] in _COMPLAINT_WORDS or "??" in text or "!?" in text)


def _question_after_opener(text: str) -> bool:
    """ "wait, when is the signature panel?": a word of surprise, then a plain question (one question mark,
    no "??", no "that's not what I meant")."""
    if "??" in text or "!?" in text or any(phrase in fold(text) for phrase in _COMPLAINT_PHRASES):
        return False
    words = _words(text)
    opener = next((i for i, word in enumerate(words[:_OPENER_REACH]) if word in _QUESTION_OPENERS), None)
    return opener is not None and len(words) - opener >= 3 and bool(_QUESTION_END.search(text.strip()))


def classify_aside(text: str) -> str | None:
    """``"complaint"``, ``"question"`` or None (plausibly an answer)."""
    if looks_like_complaint(text):
        return "question" if _question_after_opener(text) else "complaint"
    if looks_like_question(text):
        return "question"
    return None

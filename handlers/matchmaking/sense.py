"""Whether the words after `need`/`offer` are a matchmaking interest at all. "need to fix a name - …"
asks to correct something in a registration, and storing it as a need would be wrong. Only text naming
no capability is judged here, and only clear cases are refused: an edit verb with what it edits (a
name, a delegation, a title…), or registering."""

from __future__ import annotations

from bot.text import normalise_command

# Accent-free, lower-case word stems in the six languages (Chinese ones are matched anywhere in the text).
EDIT_VERBS = (
    "fix",
    "correct",
    "change",
    "edit",
    "modif",
    "corrig",
    "chang",
    "cambi",
    "correg",
    "исправ",
    "измен",
    "помен",
    "поправ",
    "تصحيح",
    "تغيير",
    "تعديل",
    "صحح",
    "改",
    "更正",
)
EDITED_THINGS = (
    "name",
    "nom",
    "nombre",
    "имя",
    "имени",
    "фамил",
    "اسم",
    "名字",
    "姓名",
    "名称",
    "delegation",
    "делегац",
    "وفد",
    "代表团",
    "expert",
    "эксперт",
    "خبير",
    "专家",
    "title",
    "titre",
    "titulo",
    "должност",
    "email",
    "e-mail",
    "mail",
    "registration",
    "inscription",
    "inscripcion",
    "регистрац",
    "تسجيل",
    "登记",
)
ALWAYS_EDITS = ("typo", "spelling", "rename", "faute", "errata", "опечат", "خطأ", "错别字", "拼写")
REGISTERING = ("register", "registr", "inscri", "зарегистр", "سجل", "أسجل", "注册")


def _has(folded: str, stems: tuple[str, ...]) -> bool:
    """Latin and Cyrillic stems start a word; Arabic (which prefixes the article) and Chinese (written
    without spaces) ones may stand anywhere."""
    words = folded.split()
    return any(
        any(word.startswith(stem) for word in words) if _word_script(stem) else stem in folded
        for stem in stems
    )


def _word_script(stem: str) -> bool:
    return all(ch.isascii() or "\u0400" <= ch <= "\u04ff" for ch in stem)


def not_a_need(text: str) -> str | None:
    """The message id of a polite pointer elsewhere when ``text`` (naming no capability) is clearly not
    a need or an offer; None when it may be one (the capability is then asked)."""
    folded = normalise_command(text)
    if _has(folded, ALWAYS_EDITS) or (_has(folded, EDIT_VERBS) and _has(folded, EDITED_THINGS)):
        return "match.not_a_need.change"
    if _has(folded, REGISTERING):
        return "match.not_a_need.register"
    return None

"""Which State a typed delegation names: the 193 UN Member States and the two observer States.

Names come from CLDR through Babel (the short name in each of the six languages) and from pycountry's
ISO 3166 data and its translations (the official long form, "Republic of Fiji" / "République des Fidji" /
"Республика Фиджи" / "斐济共和国"), so "Fiji" = "Fidji" = "Фиджи" = "斐济" = "فيجي" = "Republic of Fiji".
A typo is matched with rapidfuzz (edit distance grows with the name's length); a State named inside a
longer text ("Permanent Mission of Fiji") is offered, never assumed.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from babel import Locale
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import normalise_command


def _pycountry() -> ModuleType:
    """pycountry, imported when the State index is first built (its data is large; most processes that
    import this module never look a State up)."""
    import pycountry

    return pycountry


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
# ISO 3166-1 alpha-2 codes of the 193 UN Member States.
MEMBER_STATES = _split(
    """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
    CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE
    GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT
    LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY
    PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH
    SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW"""
)
OBSERVER_STATES = ("VA", "PS")  # the Holy See and the State of Palestine
STATE_CODES = MEMBER_STATES + OBSERVER_STATES

# CLDR names the territories (Vatican City, Palestinian Territories); the UN names the observer States.
_OBSERVER_NAMES = {
    "VA": {
        "en": "Holy See",
        "fr": "Saint-Siège",
        "es": "Santa Sede",
        "ru": "Святой Престол",
        "ar": "الكرسي الرسولي",
        "zh": "教廷",
    },
    "PS": {
        "en": "State of Palestine",
        "fr": "État de Palestine",
        "es": "Estado de Palestina",
        "ru": "Государство Палестина",
        "ar": "دولة فلسطين",
        "zh": "巴勒斯坦国",
    },
}
# Everyday names neither CLDR nor ISO gives (former names, abbreviations people type).
_EVERYDAY_NAMES = {
    "US": ("USA", "US", "U.S.", "U.S.A.", "America", "United States of America", "EEUU", "США"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Royaume Uni", "Великобритания"),
    "RU": ("Russian Federation", "Fédération de Russie", "РФ"),
    "KR": ("ROK", "Republic of Korea", "Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "CD": ("DRC", "RDC", "DR Congo", "Congo Kinshasa"),
    "CG": ("Congo Brazzaville",),
    "CI": ("Ivory Coast",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey", "Turquie", "Turquía", "Турция"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "AE": ("UAE", "EAU"),
    "VA": ("Vatican", "Vatican City", "Vaticano", "Ватикан"),
    "PS": ("Palestine", "Palestina", "Палестина", "فلسطين", "巴勒斯坦"),
    "VN": ("Viet Nam",),
    "NL": ("Holland",),
    "LA": ("Lao PDR",),
}
# Words around a State's name that do not change which State it is.
_FILLER = frozenset(
    _split(
        "the of from for to delegation delegacion mission permanent government "
        "la le les l de du des del el los las mision gobierno gouvernement "
        "делегация делегации миссия правительство "
        "وفد بعثة حكومة"
    )
)
_ZH_FILLER = ("代表团", "政府", "常驻", "代表")
_CJK = re.compile(r"[\u3400-\u9fff]")  # Chinese writes no spaces: its names are found as substrings
_SHORTEST_FUZZY = 4  # shorter names ("US", "UK", "RDC") are matched exactly, never as a typo
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RU_FINAL_VOWELS = "аяьйоеиы"  # what a case ending replaces at the end of a name ("Россия" → "России")
_SHORTEST_DECLINED = 5  # "Чад", "Куба", "Перу" are matched as typed


@dataclass(frozen=True, slots=True)
class StateGuess:
    """What a text says about a State: ``codes`` best first (empty: no State); ``exact`` when the text is
    one of the State's names (in any of the six languages, long or short form, any case or accents)."""

    codes: tuple[str, ...] = ()
    exact: bool = False

    @property
    def code(self) -> str | None:
        return self.codes[0] if len(self.codes) == 1 else None


def key(text: str) -> str:
    """'Côte d’Ivoire' and 'COTE D IVOIRE' give the same key."""
    return " ".join(re.sub(r"[^\w]+", " ", normalise_command(text)).split())


def state_name(code: str, lang: str) -> str:
    """The State's short name in ``lang`` (English if the language is not one of the six)."""
    names = _OBSERVER_NAMES.get(code)
    lang = lang if lang in LANGUAGES else "en"
    if names:
        return names[lang]
    return str(Locale.parse(lang).territories.get(code, code))


def official_name(code: str, lang: str) -> str | None:
    """ISO 3166's official long form in ``lang`` ("République des Fidji"), when there is one."""
    country = _pycountry().countries.get(alpha_2=code)
    official = getattr(country, "official_name", None)
    return _translated(official, lang) if official else None


def find_state(text: str) -> StateGuess:
    """The State(s) ``text`` names: exactly, with a typo, or inside a longer text."""
    wanted = _without_filler(key(text))
    if not wanted:
        return StateGuess()
    names = _names()
    if wanted in names:
        return StateGuess((names[wanted],), exact=True)
    return _typo(wanted) or _inside(wanted)


def _typo(wanted: str) -> StateGuess | None:
    if len(wanted) < _SHORTEST_FUZZY:
        return None
    allowed = 1 if len(wanted) <= 6 else 2 if len(wanted) <= 12 else 3
    names = _names()
    pool = [name for name in names if len(name) >= _SHORTEST_FUZZY]
    found = process.extract(wanted, pool, scorer=OSA.distance, score_cutoff=allowed, limit=8)
    if not found:
        return None
    best = min(distance for _, distance, _ in found)
    codes = tuple(dict.fromkeys(names[name] for name, distance, _ in found if distance == best))
    return StateGuess(codes)


def _inside(wanted: str) -> StateGuess:
    """States whose name stands as whole words in the text; the longest name wins ("South Sudan")."""
    padded = f" {wanted} "
    names = _names()
    inside = [
        name
        for name in names
        if (len(name) >= _SHORTEST_FUZZY and f" {name} " in padded) or (_CJK.match(name) and name in wanted)
    ]
    inside = inside or _declined(wanted.split())
    if not inside:
        return StateGuess()
    longest = max(len(name) for name in inside)
    return StateGuess(tuple(dict.fromkeys(names[n] for n in inside if len(n) == longest)))


def _declined(words: list[str]) -> list[str]:
    """Russian names in another case ("делегацию Казахстана", "из России", "Южного Судана"): each word of
    the name, without its final vowels, begins the next word of the text, which is at most three letters
    longer than that stem."""
    return [
        name
        for name in _names()
        if len(name) >= _SHORTEST_DECLINED and _CYRILLIC.match(name) and _declined_in(name.split(), words)
    ]


def _declined_in(name: list[str], words: list[str]) -> bool:
    stems = [word.rstrip(_RU_FINAL_VOWELS) for word in name]
    if any(len(stem) < 3 for stem in stems):
        return False
    return any(
        all(
            word.startswith(stem) and len(word) - len(stem) <= 3
            for stem, word in zip(stems, words[start : start + len(stems)], strict=True)
        )
        for start in range(len(words) - len(stems) + 1)
    )


def _without_filler(words: str) -> str:
    for filler in _ZH_FILLER:
        words = words.replace(filler, " ")
    kept = [word for word in words.split() if word not in _FILLER]
    return " ".join(kept)


@cache
def _names() -> dict[str, str]:
    """Every name of every State, as a key → its ISO code."""
    found: dict[str, str] = {}
    for code in STATE_CODES:
        for name in names_of(code):
            found.setdefault(_without_filler(key(name)), code)
    found.pop("", None)
    return found


def names_of(code: str) -> set[str]:
    country = _pycountry().countries.get(alpha_2=code)
    iso = [getattr(country, field, None) for field in ("name", "official_name", "common_name")]
    names = set(_EVERYDAY_NAMES.get(code, ()))  # never the bare ISO codes: "NO", "IT", "AND", "CAN"
    for lang in LANGUAGES:
        names.add(state_name(code, lang))
        names.add(str(Locale.parse(lang).territories.get(code, "")))
        for name in filter(None, iso):
            names.update(_both_orders(_translated(name, lang)))
    return {name for name in names if name}


def _both_orders(name: str) -> tuple[str, ...]:
    """ISO writes some names inverted ("Korea, Republic of"): keep it, and the natural order too."""
    head, comma, tail = name.partition(", ")
    return (name, f"{tail} {head}") if comma else (name,)


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    locale = "zh_CN" if lang == "zh" else lang
    return gettext.translation("iso3166-1", _pycountry().LOCALES_DIR, languages=[locale], fallback=True)


def _translated(name: str, lang: str) -> str:
    return name if lang == "en" else _catalogue(lang).gettext(name)

"""Short answers the registration flow reads, in the six UN languages, as normalise_command leaves them."""

from __future__ import annotations


def _split(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Short answers in the six UN languages, as normalise_command leaves them (case and accents folded).
YES = frozenset({"yes", "y", "oui", "si", "yes please", "ok", "نعم", "اجل", "да", "是", "是的", "好", "对"})
NO = frozenset({"no", "n", "non", "لا", "нет", "否", "不", "不是", "不会"})
LATER = frozenset(
    {
        "later",
        "not sure",
        "not sure yet",
        "unsure",
        "skip",
        "plus tard",
        "mas tarde",
        "no se",
        "لاحقا",
        "غير متاكد",
        "تخطي",
        "позже",
        "не знаю",
        "пока не знаю",
        "пропустить",
        "稍后",
        "以后",
        "不确定",
        "跳过",
        *("omitir", "passer", "пропустить пока", "暂时跳过", "تخطي الآن", "تخطي الان"),
        *("skip for now", "omitir por ahora", "passer pour l'instant", "passer pour l’instant"),
    }
)
NONE = frozenset(
    {
        "none",
        "no",
        "nobody",
        "no one",
        "aucun",
        "personne",
        "ninguno",
        "nadie",
        "skip",
        "لا احد",
        "لا يوجد",
        "تخطي",
        "никто",
        "нет",
        "пропустить",
        "无",
        "没有",
        "没有人",
        "跳过",
    }
)
ALL = frozenset(
    {
        "all",
        "everyone",
        "all of them",
        "tous",
        "toutes",
        "todos",
        "todas",
        "الكل",
        "الجميع",
        "все",
        "全部",
        "所有人",
    }
)

# The command words that start registration, by the language they are written in: the flow then runs in
# that language ("registrar" in Spanish, "зарегистрировать" in Russian), unless the person fixed one.
REGISTER_WORDS_BY_LANG = {
    "en": ("register", "sign up", "register my delegation", "register our delegation"),
    "fr": ("inscrire", "s'inscrire", "m'inscrire", "inscription", "enregistrer", "inscrire ma delegation"),
    "es": (
        "registrar",
        "registrarse",
        "registrarme",
        "inscribir",
        "inscribirse",
        "inscribirme",
        "inscripcion",
        "registrar mi delegacion",
    ),
    "ru": ("зарегистрировать", "зарегистрироваться", "зарегистрируйте", "регистрация"),
    "ar": ("تسجيل", "التسجيل", "سجل", "سجلني"),
    "zh": ("注册", "登记", "报名", "注册代表团", "登记代表团"),
}
# Words after the command that name no delegation: `register now`, `registrar mi delegación`.
REGISTER_FILLER = _split(
    """now please me my our the a delegation us maintenant svp ma notre la delegation nous ahora por favor
    mi nuestra la delegacion nos сейчас пожалуйста мою нашу делегацию делегация الآن الان من فضلك وفدي وفدنا
    الوفد 立即 现在 请 我的 我们的 代表团"""
)
# Words of a sentence about registering rather than a delegation's name ("quiero registrar mi delegación").
REGISTER_STEMS = ("regist", "inscri", "зарегистр", "регистр", "تسجيل", "سجل", "注册", "登记", "报名")
# The titles that open a person's name ("Ambassador Ana Ruiz", "Mme Diop", "السفيرة جين"), as
# normalise_command leaves them, without a final dot; Chinese puts them after the name ("王毅大使").
TITLES_BEFORE = _split(
    "ambassador amb h.e mr mrs ms miss dr prof sir dame madam minister "
    "m mme mlle monsieur madame ambassadeur ambassadrice s.e ministre docteur "
    "sr sra srta senor senora embajador embajadora ministro ministra excmo excma don dona "
    "г-н г-жа господин госпожа посол министр "
    "السيد السيدة السفير السفيرة الوزير الوزيرة معالي سعادة الدكتور الدكتورة"
)
TITLES_AFTER = ("先生", "女士", "大使", "部长", "博士", "阁下")

"""The words of the carry-over conversation, in the six languages (compared after normalise_command)."""

from __future__ import annotations

from bot.text import normalise_command

# `review needs`: go through what is still to answer, one by one (also the notice's hint).
REVIEW_WORDS = (
    *("review needs", "review our needs", "still current", "carry over"),
    *("revoir nos besoins", "revoir les besoins", "toujours d'actualite"),
    *("revisar necesidades", "revisar nuestras necesidades", "sigue vigente"),
    *("пересмотреть потребности", "проверить потребности", "по-прежнему актуально"),
    *("مراجعة الاحتياجات", "مراجعة احتياجاتنا"),
    *("复核需求", "审查需求", "仍然有效"),
)
KEEP_ALL_WORDS = (
    "keep all",
    "tout garder",
    "tout conserver",
    "mantener todo",
    "оставить все",
    "ابقاء الكل",
    "全部保留",
)
# `open edition`: an organiser asks the returning participants about the previous edition's needs.
OPEN_WORDS = (
    *("open edition", "open the edition", "open the new edition", "open next edition"),
    *("ouvrir l'edition", "ouvrir l edition", "ouvrir edition", "ouvrir la nouvelle edition"),
    *("abrir edicion", "abrir la edicion", "abrir la nueva edicion"),
    *("открыть выпуск", "открыть новый выпуск"),
    "فتح الدورة",
    "开启新一届",
)

# One answer about one carried need or offer, inside the carry-over flow.
KEEP = frozenset(
    normalise_command(w)
    for w in (
        *("keep", "keep it", "yes", "still current", "same", "garder", "conserver", "oui", "toujours"),
        *(
            "mantener",
            "si",
            "sí",
            "igual",
            "оставить",
            "да",
            "актуально",
            "إبقاء",
            "نعم",
            "保留",
            "是",
            "不变",
        ),
    )
)
DROP = frozenset(
    normalise_command(w)
    for w in (
        *(
            "drop",
            "drop it",
            "remove",
            "no longer",
            "no",
            "supprimer",
            "abandonner",
            "non",
            "plus maintenant",
        ),
        *("eliminar", "quitar", "ya no", "убрать", "удалить", "нет", "больше нет", "حذف", "إزالة", "لا"),
        *("删除", "放弃", "不再需要"),
    )
)
UPDATE = tuple(
    normalise_command(w)
    for w in (
        *("update", "change", "mettre a jour", "modifier", "actualizar", "cambiar", "обновить"),
        *("изменить", "تحديث", "تعديل", "更新", "修改"),
    )
)
KEEP_ALL = frozenset(normalise_command(w) for w in KEEP_ALL_WORDS)
LATER = frozenset(
    normalise_command(w)
    for w in ("later", "skip", "plus tard", "mas tarde", "más tarde", "позже", "لاحقا", "稍后")
)

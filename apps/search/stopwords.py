"""Words a question is made of that say nothing about what is asked ("how do I …", "我想…").

They are left out of a query (never out of the index) unless the query has nothing else, so
"where can I register my address" searches for "register address". Folded, as :func:`fold`
makes them (no diacritics, Persian letters for Dari and Urdu).
"""

from __future__ import annotations

from apps.core.languages import base

_WORDS = {
    "en": """a an and are as at be can could do does for from get have how i if in is it me my
        need of on or please should so the there this to want what when where which who why will
        with you your""",
    "de": """als am an auch bei bin bitte brauche da das dass der die ein eine einen einem einer
        es fur gibt habe hat ich ihr im in ist kann man mein meine meinen mir mit muss nach oder
        sie so und von was welche wie wo zu zum zur""",
    "nl": """aan al als ben bij dan dat de die dit een en er heb heeft het hier hoe ik in is kan
        mag me mijn moet met na naar nodig nog of om ook op te u uw van voor waar was wat welke
        wie wil ze zij zijn""",
    "it": """a al alla che ci come con da del della di dove e fare ho i il in io la le lo mi mio
        mia per posso quale sono su un una voglio""",
    "es": """a al como con cual de del donde el en es la las lo los me mi necesito para por puedo
        que quiero se soy su un una y yo""",
    "ru": """а в для его если и или как какие какой когда куда мне могу мой моя на не нужно
        нужен о по с у что чтобы я где""",
    "uk": """а в де для його з і й як які який коли куди мені можу мій моя на не потрібно
        потрібен про по у що щоб я""",
    "ar": """ان انا او اين اريد الى على عن في كيف ما ماذا متى من هل هو هي و يا لي كيفيه اين""",
    "fa-af": """از است اگر این آن با برای به چطور چه چگونه در را که کجا من می میخواهم باید
        هست و یک""",
    "ur": """اور ایک تو جو سے سکتا سکتی کا کی کے کیا کیسے کہاں کب میں مجھے میرا میری نے ہے
        ہیں هے هیں کو پر نہیں رہا رہی رہے ہوں تھا تھی تھے""",
    "zh-hans": """我 我的 你 的 了 吗 呢 吧 在 是 怎么 怎样 如何 什么 哪里 哪儿 需要 想 要 和 与
        去 可以 能 请问 请 一个""",
}


def stopwords(code: str) -> frozenset[str]:
    from apps.search.text import fold

    words = _WORDS.get(base(code), "")
    return _CACHE.setdefault(code, frozenset(fold(w, code) for w in words.split()))


_CACHE: dict[str, frozenset[str]] = {}

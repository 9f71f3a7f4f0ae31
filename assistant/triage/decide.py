"""Triage of one incoming request: a category, an action, reasons a person can check, and how
sure the rules are.

The guidance's triage, from the recipient's side, as explainable rules ordered from the most to
the least decisive signal: whether you know the sender (from the export), no note at all, a
pitch, a claimed meeting, a fan of your content, a note that says who, why and what, and
otherwise a vanity request. The linter reads the note (kind="incoming").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.lint import lint
from assistant.lint.language import looks_english

Category = Literal["known", "not-sure", "genuine", "blank-or-vanity", "pitch", "fan"]
Action = Literal["accept", "ask-how-met", "how-can-i-help", "letdown", "follow", "ignore"]

ACTION_FOR: dict[str, Action] = {
    "known": "accept",
    "not-sure": "ask-how-met",
    "genuine": "how-can-i-help",
    "blank-or-vanity": "letdown",
    "pitch": "ignore",
    "fan": "follow",
}
# The reply each action drafts; a pitch is ignored, so it gets none.
SITUATION_FOR: dict[str, str | None] = {
    "accept": "accept",
    "ask-how-met": "how-met",
    "how-can-i-help": "how-can-i-help",
    "letdown": "letdown",
    "follow": "follow",
    "ignore": None,
}
# Below this, the rules are guessing: the row is marked for review.
SURE = 0.6
# Fewer shared connections than this is a clue (not proof) that the sender is a stranger.
FEW_MUTUAL = 5


class Signal:
    """A case-blind pattern written in lower case, matched on the lower-cased note: several
    times faster than re.IGNORECASE over a long alternation, which a 10,000-request batch
    feels. Spans index the note itself."""

    def __init__(self, pattern: str) -> None:
        literals = re.sub(r"\\.", "", pattern)  # escapes such as \b and \S are not literals
        if literals != literals.lower():
            raise ValueError(f"write Signal patterns in lower case: {pattern[:40]!r}")
        self.pattern = pattern
        self._lower = re.compile(pattern)
        self._blind = re.compile(pattern, re.IGNORECASE)

    def search(self, note: str, lowered: str = "") -> re.Match[str] | None:
        """The first match; `lowered` is note.lower(), when the caller has it already."""
        lowered = lowered or note.lower()
        if len(lowered) != len(note):
            # A character whose lower case is longer ('İ'): spans would not line up.
            return self._blind.search(note)
        return self._lower.search(lowered)


# Each signal is one regular expression; a few words in other languages are listed where a
# request in that language is common, since the linter's who/why/ask rules read only English.
_MEETING = Signal(
    r"\b(?:we (?:met|chatted|spoke|talked|worked|studied|exchanged|shared|were classmates)|"
    r"met (?:you|at|in|during|briefly|last)|meeting you|to meet you|remember me|"
    r"(?:saw|see|seeing) you (?:at|speak|present)|catching up|classmates?|ontmoet|"
    r"(?:spoke|talked|chatted|chatting|speaking|talking) (?:at|with you|after|during|briefly|"
    r"on (?:the )?(?:zoom|phone|call))|"
    r"(?:after|from|since|during) our (?:call|chat|conversation|meeting|talk|discussion)|"
    r"(?:thanks|thank you) for (?:the|our) (?:chat|conversation|call|coffee|meeting)|"
    r"(?:good|great|nice) to see you again|we had a (?:call|chat|meeting)|crossed paths|"
    r"(?:course|class|cohort|team|project|programme|program|bootcamp) together|"
    r"our (?:chat|conversation|discussion) (?:at|after|during|in|last)|"
    r"(?:worked|studied) (?:with you|together)|you interviewed me|sat together|"
    r"shared a (?:table|taxi|ride|cab|panel|stage)|"
    r"one of your (?:students|mentees|attendees|interns|reports)|"
    r"i was (?:your|a) (?:student|intern)|"
    r"i was (?:one of the|in your|on your|at your)|former colleague|"
    r"(?:on|in|at) the same (?:[\w-]+ ){0,3}(?:team|project|panel|course|class|cohort|"
    r"programme|program|conference|event|meetup|meeting|workshop|table|floor|office|episode|"
    r"panel)|did the same|"
    r"overlapped (?:at|in|on)|we were both|"
    r"interviewed (?:with|at) (?:you|your)|ex-[\w-]+ here|fellow [\w-]+ (?:of|from|at)|"
    r"tanış\w*|познакоми\w*|познайоми\w*|знакомы|unterhalten|(?:sat|were) next to|"
    r"bump(?:ed|ing)? into|się znamy|znamy się|kennen uns|nos conocemos|ci conosciamo|"
    r"(?:nice|great|lovely|good|pleasure) (?:talking|chatting|meeting|speaking|to meet)|"
    r"nos conocimos|nos vimos|kennengelernt|getroffen|se conheceu|nos conhecemos|gesproken|"
    r"conhecer-te|conhecê-lo|conhecê-la|conocerte|te conocí|conoscerti|kennenzulernen|"
    r"(?:vous|te) rencontrer|"
    r"(?:crois|rencontr)(?:é|e)e?s?|ci siamo conosciuti|poznali[sś]my)\b|"
    r"お話し|お会い|인사드|만나\w*|bertemu|ketemu|التقينا|تقابلنا|ተገናኝ",
)
# The user's public work that fans mention: posts, a newsletter, talks.
_CONTENT = Signal(
    r"\b(?:your|the) (?:[\w-]+ ){0,3}(?:posts?|articles?|content|newsletter|videos?|podcast|"
    r"writing|updates|threads?|talks?|keynote|session|blog|issues?|episodes?|book|course|"
    r"slides|teardowns?|breakdowns?|deep dives?|write-?ups?|chapters?)\b|"
    r"\byou (?:post|write|talk|speak) about\b|\bi (?:follow|read|watch) your\b|"
    r"\bsubscri(?:ber|bed|bing)\b|\bi(?:'ve| have)? (?:read|followed|listened)\b|"
    r"\b(?:big )?fan of\b|\b(?:how|what) you write\b|\byou write about\b|"
    r"\b(?:great|loved|enjoyed|inspiring|brilliant|excellent|amazing) (?:your )?"
    r"(?:talk|keynote|session|presentation|panel|episode|article|post|piece)\b|"
    r"\bcan'?t wait for (?:the )?next\b|"
    r"\b(?:ihre[nm]?|deine[nm]?|ton|ta|tes|votre|vos|tu|tus|su|sus|seu|sua|seus|suas|teu|tua|"
    r"je|jouw|il tuo|la tua|i tuoi|le tue|ваш\w*|тво\w+) (?:[\w-]+ ){0,2}(?:podcast|newsletter|"
    r"posts?|blog|beiträge|artikel\w*|articles?|artículos|artigos|articoli|publications|"
    r"publicaciones|publicações|episod\w*|épisodes?|charla|palestra|conférences?|vortrag|"
    r"chapitre|capítulo|kapitel|livre|libro|buch|"
    r"videos?|vídeos|статьи|пости?)\b|je l'écoute|"
    r"\b(?:first|primeiro|premier|primer|primo|ersten) (?:episode|episódio|épisode|episodio|issue|"
    r"folge)|\bbinged?\b|\b\d+ episodes\b|yazılarınızı|ご講演|投稿|記事|ニュースレター",
)
# A specific request of the user: a question, or asking for advice, a look, a talk, a role.
_ASK = Signal(
    r"[?？]|\b(?:could|would|can|may) (?:you|i|we)\b|\bany (?:advice|pointers|tips|thoughts)\b|"
    r"\b(?:advice|feedback|recommend\w*|pointers|introduc(?:e|tion)|invite you|"
    r"open to a|interested in (?:a|an|the|joining|speaking)|looking for (?:advice|help|a))\b|"
    r"suggested (?:i|that i) (?:reach out|contact|write)|"
    r"\bwould (?:value|appreciate|welcome) (?:\d+|a|an|your|some|any)\b|"
    r"\b(?:your|a) (?:view|perspective|input|opinion) on\b|教えて",
)
# Asking only to connect, follow or stay in touch is not a specific request.
_CONNECT_ONLY = Signal(
    r"\b(?:connect\w*|add (?:you|me)|stay in touch|keep in touch|(?:to|my|our) network|"
    r"follow\w*|accept(?:ing)? (?:my|the|this|our) (?:request|invitation|invite)|accept me)\b",
)
# A note that gives orders to an assistant reading it is hostile, whatever else it says.
_HOSTILE = Signal(
    r"\b(?:ignore (?:all |any |the |your |my )?(?:previous |prior |above |earlier )?"
    r"(?:instructions|prompts?|rules)|(?:note|message) to the (?:ai|assistant)|auto-?accept|"
    r"classify (?:this|me|the) (?:sender|request|note)|"
    r"(?:system|developer) (?:prompt|message|instructions?|note)|"
    r"you are (?:now )?(?:an? )?(?:ai|assistant|language model)|"
    r"(?:ai|the) assistant (?:must|should|will)|as an ai|(?:to )?any ai|ai (?:reading|system)|"
    r"your assistant|pre-?approved|(?:mark|treat) (?:this|me|the sender) as|"
    r"accept (?:immediately|at once|without)|(?:is|are) reading this|"
    r"(?:set|mark) [\w.]+ ?(?:=|to) ?(?:true|known|accept\w*)|assistant_\w+|"
    r"(?:label|action|category|status)\"?\s*[:=]\s*\"?(?:known|accept\w*|genuine)|"
    r"(?:chatgpt|claude|gemini|copilot|gpt|llm|bot)s?\b[^.]{0,30}\b(?:reading|triaging|processing)"
    r")\b|<\|im_start\|>|<!--|\[/?inst\]|"
    r"^\s*(?:system|assistant|developer)\s*:",
)
# Selling the linter does not see: prices, lead generation, agencies, schemes, other languages.
_PITCH = Signal(
    r"[$€£]\s?\d|\b\d+\s?(?:usd|eur)\b|/ ?h(?:ou)?r\b|\bbest rates\b|\b\d+ ?% (?:weekly|monthly|"
    r"fee|return|a year|ao ano|al año)|\b(?:cut|reduce|save) (?:[\w-]+ ){0,2}(?:costs?|spend) by|"
    r"\b(?:qualified|b2b) (?:[\w-]+ )?leads\b|\bcommission\b|\bbooking agent\b|نقدم|"
    r"\bleads (?:a|per) (?:week|month)\b|"
    r"\b(?:recruitment|growth|marketing|seo|digital|staffing|creative|outsourcing) agency\b|"
    r"\bwe(?:'re| are)? (?:provide|offer|an? (?:offshore|outsourcing|consulting))\b|"
    r"\b(?:i|we) (?:run|own|have|are|'re) an? (?:[\w-]+ ){0,2}(?:agency|firm|vendor)\b|"
    r"\b(?:we(?:'re| are)|i(?:'m| am)) an? (?:[\w-]+ ){0,3}(?:agency|consultancy|vendor|"
    r"studio|reseller)\b|\b(?:consultancy|agency|firm) offering\b|-as-a-service\b|"
    r"\bwe (?:supply|sell|manufacture|distribute)\b|\bwholesale\b|\bcatalogue\b|"
    r"\bfree trial\b|\bextra hands\b|\b(?:with|from|at) an? (?:[\w-]+ ){0,3}vendor\b|\bwebinar\b|"
    r"\bverified (?:e-?mails|contacts)\b|"
    r"\btransfer (?:the )?funds\b|\bdormant account\b|\binheritance\b|"
    r"\boffshore\b|\boutsourc\w+|\bcase studies\b|\bspots? left\b|\bmastermind\b|"
    r"\bpersonal brand\b|\bi help (?:[\w-]+ ){0,2}(?:leaders|teams|companies|founders|"
    r"executives|engineers|managers|businesses|brands|startups|professionals)\b|"
    r"\bthe right person to (?:talk|speak) to about\b|\b(?:budget|pricing) for\b|"
    r"\b(?:crypto|bitcoin|btc|token (?:sale|pre-?sale)|pre-?sale|dm me|forex|trading mentor|"
    r"passive income|investment opportunit\w*|"
    r"guaranteed (?:[\w%-]+ ){0,2}(?:returns?|income)|work from home and earn|whatsapp me|"
    r"telegram me|link in (?:my )?bio|limited slots|we represent|packages? start)\b|"
    r"\bi help (?:[\w-]+ ){0,2}\d+x\b|\bfree (?:playbook|e-?book|guide|masterclass|audit)\b|"
    r"\b(?:ofrecemos|nuestra plataforma|notre plateforme|unsere plattform|nossa plataforma|"
    r"investimento|inversión|retorno garantido|a bajo costo|consultora|démo|demostración|"
    r"oferujemy|ofert[aęy]|promocyjn\w*|unsere firma|wir bieten|bietet|angebot|lösungen|"
    r"nous (?:offrons|proposons)|oferecemos|offriamo|предлагаем|пропонуємо|услуги|послуги|"
    r"notre cabinet|nos (?:offres|services)|propose des|nuestros servicios|nossos serviços|"
    r"i nostri servizi)|弊社|御社|導入|無料トライアル|外包|价格优惠|欢迎合作",
)
# The sender's own product: a pitch, unless they ask for advice about it (founders do).
_OWN_PRODUCT = Signal(
    r"\b(?:our|my) (?:[\w-]+ ){0,2}(?:tool|platform|product|solution|software|service|firm|"
    r"agency|consultancy)s?\b(?! (?:team|group|engineers?|org))",
)
_ADVICE = Signal(
    r"\b(?:advice|sanity-check|your (?:take|thoughts|view|opinion)|stuck on|pick your brain|"
    r"learn from you)\b",
)
# Asking to join a network, in English or another language, with nothing else said.
_VANITY = Signal(
    r"\b(?:netzwerk|mi red|tu red|su red|mon réseau|votre réseau|minha rede|sua rede|"
    r"la mia rete|la tua rete|moją sieć|twojej sieci|mijn netwerk|ağınıza|ağıma|"
    r"kuungana|التواصل معك|"
    r"συνδεθούμε|activités respectives|synergies?|sinergias?|opportunités de collaboration|"
    r"explorer des opportunités|oportunidades de colaboración|explorar oportunidades)\b|"
    # Devanagari vowel signs are not word characters, so these stand outside the \b group.
    r"जुड़ना|जुड़ने|建立联系",
)
_MISSING = {
    "invite.missing-who": "who they are",
    "invite.missing-why": "why they picked you",
    "invite.missing-ask": "what they would like",
}


@dataclass(frozen=True)
class Assessment:
    """The triage of one request: category, action, plain-word reasons and confidence."""

    category: Category
    action: Action
    reasons: list[str] = field(default_factory=list)
    confidence: float = 0.5
    findings: list[str] = field(default_factory=list)

    @property
    def situation(self) -> str | None:
        """The reply situation to draft, or None when the advice is to ignore."""
        return SITUATION_FOR[self.action]

    @property
    def needs_review(self) -> bool:
        """True when the rules are not sure and a person should look."""
        return self.confidence < SURE


def _quote(note: str, start: int, end: int) -> str:
    """The words that triggered a rule, widened to their sentence so the reason reads well."""
    start = max((note.rfind(c, 0, start) for c in ".!?\n"), default=-1) + 1
    ends = [i for c in ".!?\n" if (i := note.find(c, end)) != -1]
    end = min(ends) + 1 if ends else len(note)
    span = " ".join(note[start:end].split())
    return f' ("{span[:60]}{"…" if len(span) > 60 else ""}")' if span else ""


def _mutual_reason(mutual: int | None) -> list[str]:
    if mutual is None:
        return []
    if mutual < FEW_MUTUAL:
        return [f"only {mutual} connection{'s' if mutual != 1 else ''} in common"]
    return [f"{mutual} connections in common"]


def _verdict(
    category: Category,
    reasons: list[str],
    confidence: float,
    findings: list[str],
    mutual: int | None,
) -> Assessment:
    return Assessment(
        category,
        ACTION_FOR[category],
        [*reasons, *_mutual_reason(mutual)],
        round(confidence, 2),
        findings,
    )


def assess(
    note: str,
    *,
    mutual: int | None = None,
    connected: str | bool = False,
    messaged: str | bool = False,
) -> Assessment:
    """Triage one incoming request. `connected` and `messaged` are True, or a short phrase
    saying how the user knows the sender ("a connection since 3 Mar 2024")."""
    note = note or ""
    lowered = note.lower()
    findings = lint(note, kind="incoming").findings
    rules = list(dict.fromkeys(f.rule for f in findings))
    first = {f.rule: f for f in reversed(findings)}
    few = mutual is not None and mutual < FEW_MUTUAL

    def verdict(category: Category, reasons: list[str], confidence: float) -> Assessment:
        return _verdict(category, reasons, confidence, rules, mutual)

    if connected or messaged:
        reasons = []
        if connected:
            reasons.append(connected if isinstance(connected, str) else "already a connection")
        if messaged:
            reasons.append(
                messaged if isinstance(messaged, str) else "you have exchanged messages before"
            )
        return verdict("known", reasons, 0.9)
    if "note.blank" in rules:
        reasons = ["there is no note: nothing says who they are or why"]
        return verdict("blank-or-vanity", reasons, 0.9 if few or mutual is None else 0.75)
    if "note.default-text" in rules:
        return verdict("blank-or-vanity", ["the note is only the platform's default sentence"], 0.9)
    hostile = _HOSTILE.search(note, lowered)
    if hostile:
        reasons = ["the note gives orders to an assistant" + _quote(note, *hostile.span())]
        return verdict("pitch", [*reasons, "never act on instructions inside a note"], 0.95)
    pitch = first.get("invite.sales-pitch")
    sell = (
        (pitch.start, pitch.end)
        if pitch
        else (m.span() if (m := _PITCH.search(note, lowered)) else None)
    )
    if not sell and (m := _OWN_PRODUCT.search(note, lowered)) and not _ADVICE.search(note, lowered):
        sell = m.span()
    if sell:
        reasons = ["it reads as a sales pitch" + _quote(note, *sell)]
        return verdict("pitch", [*reasons, "never promise a meeting to a pitch"], 0.9)
    meeting = _MEETING.search(note, lowered)
    if meeting:
        reasons = [
            "they say you met" + _quote(note, *meeting.span()),
            "they are not in your connections or messages: ask where you met",
        ]
        return verdict("not-sure", reasons, 0.8)
    ask = _specific_ask(note)
    if ask:
        reasons = ["they ask something specific" + _quote(note, *ask)]
        if "invite.missing-who" in rules:
            reasons.append("they do not say who they are, so ask what they need")
        return verdict("genuine", reasons, 0.75 if looks_english(lowered) else 0.6)
    content = _CONTENT.search(note, lowered)
    if content:
        reasons = [
            "they like your content" + _quote(note, *content.span()),
            "there is no working relationship yet: following fits better than connecting",
        ]
        return verdict("fan", reasons, 0.75)
    if not looks_english(lowered) and not _VANITY.search(note, lowered):
        reasons = [
            "the note is not in English and no known signal was found in it",
            "read it yourself; asking how you can help is the safe default",
        ]
        return verdict("genuine", reasons, 0.4)
    missing = [label for rule, label in _MISSING.items() if rule in rules] or [
        "what they would like"
    ]
    vague = [
        label + _quote(note, first[rule].start, first[rule].end)
        for rule, label in (
            ("invite.flattery", "flattery with no substance"),
            ("invite.vague-purpose", "a vague purpose"),
            ("invite.mutual-count-reason", "shared connections given as the reason"),
        )
        if rule in first
    ]
    never = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
    reasons = [*vague, "the note never says " + never]
    return verdict("blank-or-vanity", reasons, 0.8 if few or len(missing) > 1 else 0.65)


def _specific_ask(note: str) -> tuple[int, int] | None:
    """The span of the first sentence that asks for something other than connecting."""
    for sentence in re.finditer(r"[^.!?？。]+[.!?？。]*", note):
        text = sentence.group()
        if _ASK.search(text) and not _CONNECT_ONLY.search(text):
            return sentence.span()
    return None

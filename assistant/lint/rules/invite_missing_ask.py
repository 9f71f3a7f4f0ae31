"""invite.missing-ask: say what you would like beyond the bare act of connecting."""

import re

from assistant.lint.checks import Matcher, scored
from assistant.lint.model import Context, Rule

ASK = (
    r"would (?:you|it|u)\b",
    r"could (?:you|i|we)\b",
    r"can (?:you|i|we)\b",
    r"may i\b",
    r"might (?:you|i|we)\b",
    r"(?:i'?d|i would|i'?ll|i will|we'?d) (?:really |very )?(?:love|like|welcome|appreciate|be "
    r"grateful|be glad|be happy|be keen|enjoy|value|be delighted|be thrilled|be honou?red)",
    r"(?:love|like|happy|keen|glad|eager|hoping|hope|want|wanted|looking|delighted|excited) to "
    r"(?:connect|stay|keep|chat|talk|hear|learn|ask|get|meet|follow|grab|join|introduce|discuss|"
    r"compare|swap|exchange|share|continue|catch|pick|have|see|work|invite|be|add|collaborate|"
    r"speak|interview|feature|help|apply|trade)",
    r"(?:stay|keep) in touch",
    r"let'?s (?:connect|stay|keep|chat|talk|meet|grab|catch|swap|compare|continue|get|find|set|"
    r"have|trade|do)",
    r"(?:open|available|up) (?:to|for) (?:a|an|some|any|sharing|chatting|connecting|talking|"
    r"hearing|speaking|meeting|advice|questions|a chat)",
    r"(?:are|were) you (?:open|free|available|hiring|interested|up for|willing|around|"
    r"going|attending|planning)",
    r"do you have (?:time|a few|any|\d+|ten|fifteen|twenty|some|a moment|a minute|availability|"
    r"openings|roles|advice|tips)",
    r"(?:any|your) (?:advice|tips|pointers|guidance|thoughts|feedback|take|input|perspective|"
    r"recommendations?|suggestions?)\b[^.!\n]{0,40}\?",
    r"please (?:connect|accept|consider|let me|share|send|feel free)",
    r"(?:connect|connecting) (?:here|with you|on here)",
    r"(?:to|'d|would) connect\b",
    r"(?:i'?m|i am) (?:looking|hoping|seeking|trying|keen|eager|happy|glad) (?:for|to)\b",
    r"(?:seeking|looking for) (?:advice|an? introduction|an? intro|mentorship|a mentor|guidance|"
    r"feedback|a referral|opportunities|a role|roles|work)",
    r"(?:hope|hoping) (?:we|you|to)\b",
    r"(?:wondering|wonder) (?:if|whether)",
    r"if you(?:'re| are)? (?:open|free|ever|have|happen|interested|up for|willing|around)",
    r"(?:grab|get|have) (?:a )?(?:coffee|a call|a chat|lunch|a quick chat)",
    r"(?:(?:\d+|ten|fifteen|twenty|thirty|a few) ?(?:-| )?(?:minutes?|mins?))\b",
    r"\byou\b[^.!?\n]{0,80}\?",
    r"happy to (?:connect|share|help|chat|talk|compare|swap|return|send|introduce|answer|give|offer)",
    r"(?:would|will) be (?:great|good|nice|lovely|wonderful|a pleasure|glad|happy) to",
    r"(?:an? )?(?:introduction|intro) to\b",
    r"(?:shall|should) we\b",
    r"(?:i'?d|i would) (?:value|welcome|appreciate) (?:your|a|an|any)",
    r"would (?:really |truly )?(?:love|like|appreciate|welcome|value|be (?:great|good|nice|"
    r"lovely|wonderful|mutually|an honou?r|a pleasure))",
    r"(?:should|could|can|must|might) (?:definitely |perhaps |maybe )?(?:connect|explore|talk|"
    r"chat|meet|work|collaborate|partner|team up|grab|discuss)",
    r"connect\?",
    r"accept (?:this|my|the)",
    r"(?:be|get|getting) connected",
    r"(?:have|add|adding) you (?:in|to) my network",
    r"worth a (?:look|chat|call|try|conversation)",
    r"(?:want|like|care) to (?:try|see|chat|talk|connect|hop|join|learn|hear|jump|meet)",
    r"let'?s book",
    r"(?:send|give|show|tell|call|email|e-mail|message|ping|dm|text) me\b",
    r"(?:reply|respond|get back to me)",
    r"[\w')\"]+\?",  # any question asks something
)

# An English phrase that says it settles the question; otherwise the scorer judges.
_ASK = Matcher(ASK)
# The guidance's label policy: connecting is not an ask ("I'd love to connect", "can we
# connect?", "please accept my invitation"), so an ask phrase whose object is only that
# settles nothing and leaves the note to the scorer.
_TAIL = (
    r"with|you|u|here|on|in|linkedin|my|your|our|professional|personal|network|to|as|well|too|"
    r"invitation|invite|request|the|this|each|other|please|now|today|soon|me|and|grow|expand"
)
_ONLY_CONNECTING = re.compile(
    r"[^.!?\n]{0,30}?\b(?:connect\w*|network\w*|add you|accept\w*|link up)\b"
    rf"(?:[\s,:;()-]+(?:{_TAIL})\b)*[\s,:;()-]*(?:[.!?\n]|:\)|$)"
)


def _asks_more_than_connecting(ctx: Context) -> bool:
    """True when an ask phrase asks for something other than the connection itself."""
    return any(not _ONLY_CONNECTING.match(ctx.lower, m.start()) for m in _ASK.finditer(ctx))


RULE = Rule(
    id="invite.missing-ask",
    severity="error",
    kinds=frozenset({"invite", "incoming"}),
    description="Never says what the sender would like beyond connecting: advice, a call, to "
    "stay in touch.",
    judged_by="rules, then scorer",
    explain="the note's one purpose is to connect: it never says what the sender would like beyond that (advice, a question, a call, an introduction, to learn from their work, to swap notes on a named topic, to stay in touch after meeting). \"Let's connect\" or \"I'd like to add you to my network\" alone is no ask (the guidance's label policy). Judged by the learned scorer in any language; an English phrase that asks for something other than the connection settles it first.",
    message="say what you would like: advice, a short call, an introduction, or simply to "
    "stay in touch",
    suggestion='end with a plain ask, e.g. "Would you be open to a 15-minute call?"',
    check=scored("invite.missing-ask", unless=_asks_more_than_connecting),
    fails=[
        "Hi Ana, I'm a data engineer at Acme. I enjoyed your DataConf talk on streaming.",
        "Hello, I'm Sam from Leeds. Your post on night shifts was spot on.",
        "Hi Ana, we met at PyCon. Great conversation about type hints.",
        "Hi Ana, I'm a data engineer at Acme. I enjoyed your DataConf talk; may I connect?",
        "Hi Ana, I'm Sam from Leeds and enjoyed your post on shifts. I'd love to connect.",
    ],
    passes=[
        "Hi Ana, we met at PyCon. Let's stay in touch!",
        "Hi Ana, I'm Sam, a student. Your post on testing helped me; would you have 15 minutes "
        "for advice?",
        "Hi Ana, I'm Sam from Leeds. I'd love to connect and ask how you plan night shifts.",
    ],
)

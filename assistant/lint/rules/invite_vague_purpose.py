"""invite.vague-purpose: a purpose nobody can act on."""

from assistant.lint.checks import either, existence, scored
from assistant.lint.model import Rule

# Crisp phrases keep their exact spans; the scorer catches the wordings they miss.
PHRASES = existence(
    r"exchange (?:on|about) (?:our|your|my) (?:respective )?(?:activities|businesses|work|"
    r"fields|industries|experiences)",
    r"(?:our )?respective (?:activities|businesses|fields|industries|areas)",
    r"(?:mutual |potential |possible |business |great )?synerg(?:y|ies|ize|ise|istic)",
    r"explore (?:potential |possible |new |future |mutual |business |any |some |further )?"
    r"(?:opportunities|collaborations?|ways to (?:collaborate|work together)|partnerships?|"
    r"avenues|possibilities|options)",
    r"(?:expand|grow|extend|broaden|build|widen|strengthen|enlarge) (?:my|our) "
    r"(?:professional )?(?:network|circle|connections)",
    r"mutually beneficial",
    r"(?:discuss|explore|see) (?:how|ways|whether) we (?:can|could|might) (?:work together|"
    r"collaborate|help each other|partner|support each other)",
    r"win-?win",
    r"add value to (?:each other|one another)",
    r"(?:connect|network) with like[- ]minded",
    r"like[- ]minded (?:professionals|people|individuals)",
    r"(?:share|exchange) (?:ideas|insights|best practices|experiences) (?:and|&) "
    r"(?:opportunities|insights|ideas|experiences)",
    r"(?:any )?opportunities (?:that may arise|for collaboration|in the future)",
    r"(?:for )?future (?:opportunities|collaborations?)",
    r"keep each other in mind",
)

RULE = Rule(
    id="invite.vague-purpose",
    severity="warning",
    kinds=frozenset({"invite", "incoming"}),
    description="A vague purpose: 'mutual synergies', 'explore opportunities', 'grow my network'.",
    judged_by="rules, then scorer",
    explain='a vague purpose: "exchange on our respective activities", "mutual synergies", "explore opportunities", "expand my network", "mutually beneficial". Phrases first; the learned scorer only when it is at least 80 % sure (it finds vague purposes badly).',
    message="vague purpose: say the specific thing you would like from this person",
    check=either(PHRASES, scored("invite.vague-purpose")),
    fails=[
        "Hi Ana, I'd like to exchange on our respective activities.",
        "Hello, I see potential synergies between us. Let's explore opportunities!",
        "Hi Ana, I'm looking to expand my professional network with like-minded people.",
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme and enjoyed your DataConf talk; could I ask how "
        "you test streaming jobs?",
        "Hi Ana, we met at PyCon. Let's stay in touch.",
        "Hi Ana, I'm hiring a data lead and your post on on-call fits; open to a chat about the "
        "role?",
    ],
)

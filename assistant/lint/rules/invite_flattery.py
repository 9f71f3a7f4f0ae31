"""invite.flattery: praise with no substance reads as mass outreach."""

from assistant.lint.checks import either, existence, scored
from assistant.lint.model import Rule

# Crisp phrases keep their exact spans; the scorer catches the wordings they miss.
PHRASES = existence(
    r"(?:a |an |such an? |the )?(?:great |huge |real |true |immense |big )?honou?r(?:ed)?",
    r"(?:huge|big|biggest|massive|long-?time|great) fan",
    r"(?:impressive|amazing|incredible|stellar|outstanding|remarkable|stunning|awesome|great|"
    r"fantastic|brilliant|excellent|wonderful|inspiring|exceptional|extraordinary|"
    r"beautiful|phenomenal|strong) (?:linkedin )?profile",
    r"(?:truly |really |so |very |most |an )?inspir(?:ing|ational) (?:leader|person|"
    r"professional|figure|journey|career|profile|individual|woman|man|leadership|"
    r"presence|story)",
    r"(?:you(?:'re| are)|you've been) (?:such |truly |a true |a real |an absolute |"
    r"a |an )*(?:inspiration|legend|rock ?star|genius|visionary|guru|icon|role model|"
    r"superstar|titan|giant|trailblazer)",
    r"thought leader(?:ship)?",
    r"visionary",
    r"guru",
    r"rock ?star",
    r"(?:incredible|amazing|impressive|inspiring|remarkable|stellar|outstanding) "
    r"(?:journey|career|achievements|accomplishments|success|track record|"
    r"background|leadership|person|professional)",
    r"(?:someone|a person|people|professionals?) (?:like|of) your (?:caliber|calibre|stature|"
    r"standing)",
    r"(?:esteemed|distinguished|illustrious|renowned)",
    r"(?:would|will) mean (?:a lot|the world|so much)",
    r"(?:top|leading|world-?class) (?:expert|leader|mind)",
    r"i (?:deeply |truly |really |greatly |so )?admire (?:you|everything)",
    r"(?:blown away|in awe) by (?:you|your profile|your career)",
)

RULE = Rule(
    id="invite.flattery",
    severity="warning",
    kinds=frozenset({"invite", "incoming"}),
    description="Empty flattery: 'a great honour', 'huge fan', 'impressive profile'.",
    judged_by="rules, then scorer",
    explain='empty flattery: "it would be a great honour", "huge fan", "your impressive profile", "inspiring leader", "visionary". Phrases first, then the learned scorer when it is at least 60 % sure.',
    message="empty flattery: replace it with the specific thing of theirs that made you write",
    check=either(PHRASES, scored("invite.flattery")),
    fails=[
        "Hi Ana, it would be a great honour to connect with you.",
        "Hello, I came across your impressive profile and would love to connect.",
        "Hi Ana, you are a true inspiration and a visionary leader. Let's connect!",
        {
            "text": "Dear Sir, huge fan of your incredible journey! Please accept.",
            "kind": "incoming",
        },
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. Your DataConf talk on streaming changed how we "
        "handle late data; could I ask you two questions?",
        "Hi Ana, we met at PyCon; I enjoyed our chat on typing. Let's stay in touch.",
        "Hi Ana, I'm Sam, a nurse. Your post on night shifts helped our ward; may I connect?",
    ],
)

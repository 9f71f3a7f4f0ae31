"""invite.missing-who: say who you are, by role, field, team or company, or by the history you share."""

from assistant.lint.checks import Matcher, scored
from assistant.lint.model import Rule

# A name or a signature alone is not who (the guidance's label policy): only a role, field,
# team, company or shared history settles it.
WHO = (
    r"(?:i am|i'm|im) (?:also |now |too |currently |still )?(?:a|an|the|one of|part of|on the|currently (?:a|an|the|at|with|leading|working|building|running|studying))\b",
    r"(?:i am|i'm) (?:with|from|at|based|studying|training|retired|self-employed|freelance|head of|leading|building|running|working|doing my|in my|in the|finishing|completing|founder|co-?founder|ceo|cto|cfo|vp|director|manager|engineer|designer|developer|recruiter|nurse|student|teacher|lawyer|consultant|researcher|professor|doctor|writer)",
    r"i (?:work|worked|lead|led|run|ran|manage|managed|head|founded|co-?founded|build|teach|taught|study|studied|research|design|recruit|organi[sz]e|coach|advise|own|practi[cs]e|volunteer|mentor|edit|report|cover|write for|write about|graduated|attended|interned|joined|started|launched|moved|specialise|specialize|focus|help run|am responsible|spent)\b",
    r"i'?ve (?:been|spent|worked|led|built|run|managed|taught|studied|written|published|joined|started|founded)",
    r"as an? \w+",
    r"as (?:the|your|a fellow|an? \w+ \w+)\b",
    r"(?:\w+ )?here (?:at|from|with)\b",
    r"(?:i'm|im|i am) [\w'-]+ (?:from|at|with|of)",  # "I'M MIKE FROM THE ROTARY CLUB"
    # A closing "Sara, broker at Allsopp & Allsopp".
    r"(?!(?:hi|hello|hey|dear|thanks|cheers)\b)(?-i:[A-Z\u00c0-\u024f])[\w'-]+, (?:an? |the )?[\w -]{2,40} (?:at|with|from|of|for) [^\n.!?]{1,60}$",
    r"(?:we|you and i) (?:met|worked|studied|spoke|chatted|talked|sat|were (?:both|at|in|on|colleagues|classmates|teammates)|both|shared|collaborated|overlapped|served|went)",
    r"(?:meeting|met|chatting with|talking with|speaking with|seeing) you",
    r"our (?:chat|conversation|talk|time|paths|days|team|class|cohort|project) (?:at|in|on|together|during|crossed)",
    r"(?:former|ex-?|old) (?:colleague|classmate|teammate|coworker|co-worker|student|intern|manager)",
    r"(?:your|a) (?:former|fellow|old) \w+",
    r"fellow \w+",
    r"(?:my|our) (?:team|company|startup|firm|lab|group|agency|school|university|practice|clinic|studio|role|work|job|research|thesis|company's|team's)\b",
    r"(?:i|we) (?:recently )?(?:just )?(?:finished|completed|graduated)",
    r"(?:recruiter|founder|engineer|student|researcher|designer|nurse|manager|director|developer|consultant|analyst|scientist|teacher|lawyer|journalist|editor|writer|organi[sz]er|hiring manager) (?:at|for|with|from|in)\b",
)

# An English phrase that says it settles the question; otherwise the scorer judges.
_WHO = Matcher(WHO)

RULE = Rule(
    id="invite.missing-who",
    severity="warning",
    kinds=frozenset({"invite", "incoming"}),
    description="Never says who the sender is: a role, field, team, company or shared history.",
    judged_by="rules, then scorer",
    explain='the note never says who the sender is: no role, field, team or company ("I\'m a data engineer at…", "As a recruiter…", "we\'re building this at Acme"), and no shared history that identifies them ("we met at…", "we worked together at…"). A name or a signature alone is not who (the guidance\'s label policy). Judged by the learned scorer in any language; an English phrase that plainly says who settles it first.',
    message="say who you are: your role or field and what makes you credible",
    suggestion='add a short clause such as "I\'m a data engineer at …"',
    check=scored("invite.missing-who", unless=_WHO.search),
    fails=[
        "Hi Ana, I loved your DataConf talk on streaming. Would you be open to a short call?",
        "Hello! Your post on hiring juniors was great. Can we connect?",
        "Would love to connect and hear more about your work on search ranking.",
        # A signature alone is not who (the guidance's label policy).
        "Hi Ana, loved your DataConf talk on streaming! Could I ask how you batch writes? - Sam "
        "Ortiz",
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. I loved your DataConf talk; could we connect?",
        "Hi Ana, we met at the PyData Berlin meetup last week. Let's stay in touch!",
        "Hello, my name is Łukasz and I run the Kraków Rust meetup. Would you speak at it?",
        "Hi Ana, as a fellow nurse I enjoyed your post on night shifts. Happy to connect.",
    ],
)

"""invite.sales-pitch: never a pitch or a product link in an invitation."""

from assistant.lint.checks import either, existence, scored
from assistant.lint.model import Rule

# Each top-level domain written with its dot, so the matcher can look for ".io" cheaply.
TLDS = "|".join(
    rf"\.{tld}"
    for tld in "com io ai co net org app ly me so xyz biz info tv dev design studio page".split()
)
LINK = (
    r"https?://\S+",
    r"www\.\S+",
    rf"[\w-]+(?:{TLDS})/\S*",
    # A bare domain typed in lower case; "Booking.com" written as a brand name is not a link.
    rf"(?-i:[a-z0-9][a-z0-9-]*(?:{TLDS}))\b",
)

# Crisp phrases keep their exact spans; the scorer catches the wordings they miss.
PHRASES = existence(
    *LINK,
    r"calendly|bit\.ly|tinyurl",
    r"(?:our|my) (?:new |latest |flagship |innovative |cutting-edge |ai-?powered |all-in-one )?"
    r"(?:product|products|platform|solution|solutions|services|service|tool|software|app|"
    r"offering|offerings|agency|saas|plugin|packages?|tool suite)"
    r"(?! (?:team|teams|manager|managers|lead|leads|designer|designers|engineer|engineers|"
    r"engineering|management|org|group|roadmap|onboarding|design|strategy|area|line|"
    r"analytics|research|people|owners?|marketing|launch|docs|ops|org))",
    r"(?:our|my|a|an|free|quick|short|live|personali[sz]ed|\d+[- ]minutes?|book a|schedule a) "
    r"(?:quick |short |free |live |personali[sz]ed |product )?demo(?:s)?(?! day)",
    r"demo (?:of )?(?:our|my)",
    r"(?:we're|we are|i'm|i am) (?:currently )?offering",
    r"free (?:[\w-]+ ){0,2}(?:surveys?|quotes?|estimates?|audits?|consultations?|trials?|samples?|sessions?)",
    r"free (?:trial|consultation|audit|assessment|strategy (?:call|session)|pilot)",
    r"(?:special|exclusive|limited[- ]time|introductory) (?:offer|discount|deal|pricing|rate)",
    r"\d+ ?% (?:off|discount|cheaper|savings)",
    # Whatever it is called, a "solution" or "services" of ours is on sale.
    r"our [\w-]+ (?:solution|solutions|services|offering|offerings|saas|software)"
    r"(?! (?:team|teams|org|group|department))",
    r"discount(?:s|ed)?",
    r"we (?:help|enable|empower|partner with|work with) (?:companies|businesses|brands|"
    r"teams|startups|founders|organi[sz]ations|firms|agencies|clients|b2b|saas|leaders|"
    r"enterprises|ctos|hr|recruiters|coaches|executives|you)",
    r"i help (?:companies|businesses|brands|startups|founders|organi[sz]ations|firms|"
    r"agencies|coaches|b2b|saas|leaders|enterprises|ctos|executives|professionals|"
    r"busy professionals|entrepreneurs)",
    r"(?:increase|boost|grow|double|triple|scale|10x|skyrocket|maximi[sz]e) your "
    r"(?:revenue|sales|pipeline|leads|business|roi|conversions|traffic|followers|income|"
    r"profits?|growth|bookings)",
    r"lead generation|lead gen|qualified leads|appointment setting",
    r"(?:quick|short|brief) (?:call|chat|meeting) to (?:show|walk you through|present|"
    r"demonstrate|introduce (?:you to )?our|see how (?:we|our)|explore how (?:we|our))",
    r"(?:schedule|book|set up|hop on) a (?:quick |short |brief )?(?:call|meeting) (?:with "
    r"(?:me|us|our team)|to (?:discuss|show|explore|see how|walk|present))",
    r"(?:check out|take a look at|try|visit) (?:our|my) (?:product|platform|app|tool|website|"
    r"site|service|services|offer|page|solution)",
    r"no (?:obligation|commitment|strings attached)",
    r"(?:our|special|founder|launch) pricing|price list|rate card",
    r"(?:guaranteed|proven) (?:results|roi|growth|leads)",
)

RULE = Rule(
    id="invite.sales-pitch",
    severity="error",
    kinds=frozenset({"invite", "incoming"}),
    description="A sales pitch or a link: 'our product', 'demo', 'book a call', discounts.",
    judged_by="rules, then scorer",
    explain='a pitch: a link, "our product / platform / solution / services", "demo", "free trial", "book a call", "we help companies…", discounts. Links, prices, "book a demo" and the listed phrases have exact spans; the learned scorer finds pitches in softer words ("I help teams automate their reports").',
    message="this reads as a sales pitch: an invitation is no place for a product, a link or "
    "a meeting request for a sale",
    check=either(PHRASES, scored("invite.sales-pitch")),
    fails=[
        "Hi Ana, our platform cuts cloud costs by 40%. Book a demo: https://acme.io/demo",
        "Hello! We help companies like yours boost your revenue. Quick call to discuss?",
        "Hi, I'm Sam from Growthly. Can I show you our new AI tool? Free trial this week.",
        {"text": "Special offer for founders: 30% off our coaching program!", "kind": "incoming"},
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. Could we have a quick call for advice on "
        "streaming? I enjoyed your DataConf talk.",
        "Hi Ana, I'm on the product team at Acme and loved your post on roadmaps. Let's connect.",
        "Hi Ana, we met at PyCon; I'd love to stay in touch and hear how your launch goes.",
    ],
)

"""Word lists the rules share. Lower case; kept in code so linting reads no files."""

# Common English words. A capitalised one at the start of a sentence is not a name, and one
# written in capitals is shouting (acronyms and company names are not in this list).
COMMON_WORDS = frozenset(
    """
a about above absolutely accept accepted across actually add added after again against ago
agree ahead all allow almost alone along already also although always am amazing among an and
another answer any anyone anything anyway apologies appreciate appreciated are aren't around
as ask asked asking at attached available avoid away awesome back bad be because been before
being believe below best better between big both brief briefly but by call came can can't
cannot care career catch certainly chance chat check cheers clear close come coming completely
congrats congratulations connect connected connecting connection connections consider could
couldn't curious currently day days dear definitely did didn't different do does doesn't doing
don't done down during each early easy either else email end enjoy enjoyed enough especially
even ever every everyone everything exactly excited excuse experience fair feel few finally
find fine first focus follow following for forward found free friendly from full fun funny
further get getting give glad go going gone good got grateful great greetings had happy hard
has have haven't having he hello help hey hi him his hope hoping how however huge i i'd i'll
i'm i've if important in indeed instead interested interesting into is isn't it it's its just
keen keep kind know known last late lately later learn least less let let's like liked
likewise little long look looking lot lots love loved lovely made main make many maybe me mean
meet meeting met might mind more morning most much must my myself need needed never new next
nice no none nor not note nothing now of off often oh ok okay on once one only open or other
otherwise our ours out over own part particular particularly perhaps please pleased pleasure
plenty possible post pretty probably quick quickly quite rather read ready real really reason
recent recently regards remember reply request right said same saw say saying see seeing seems
seen send sent several shall she short should shouldn't since sincerely so some someone
something sometimes soon sorry speak speaking specific still stay such super sure take talk
talking tell than thank thanks that that's the their them then there therefore these they
thing things think this those though thought through thus time to today together too took
totally truly trust try trying unfortunately until up upon urgent us use used very via want
wanted warm warmly was wasn't way we we'd we'll we're we've welcome well went were what what's
when where whether which while who whom whose why will wish with within without wonder
wondering won't work may working would wouldn't wow yes yet you you'd you'll you're you've your
yours yourself hiring job jobs opportunity opportunities role position free now limited offer
deal act fast important attention everyone amazing incredible guaranteed money cash win winner
click here buy sale sales discount today only last chance call me asap connect accept add
network professional please urgent hello greetings dear sir madam friend friends congrats
""".split()
)

# Greeting, sign-off and platform words that are capitalised but name nobody.
NON_ENTITIES = frozenset(
    """
i i'm i'd i've i'll linkedin ok okay hi hello hey dear thanks thank best cheers regards mr mrs
ms mx dr prof sir madam re ps p.s fyi
bonjour buongiorno salve salut hola hallo ciao hej olá ola kia ora namaste merhaba salaam
shalom konnichiwa
monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
thursdays fridays saturdays sundays
""".split()
)

"""The due-diligence checklist a school starts with (sector protocols: Educate Against Hate, ASCL)."""

# (name, guidance, only needed where another check found concerns)
DEFAULT_CHECKS = [
    (
        "Online and social media search",
        "Search the speaker's and the organisation's names with terms such as 'extremist' and 'controversy'; "
        "look at their websites and social media. Note what you searched and the links.",
        False,
    ),
    (
        "Charity Commission or Companies House",
        "Look the organisation up on the Charity Commission register or Companies House: is it what it says, "
        "who runs it, any regulatory action?",
        False,
    ),
    (
        "The list of proscribed organisations",
        "Check the Home Office list of proscribed terrorist groups or organisations for the organisation and "
        "any group the speaker is linked with.",
        False,
    ),
    (
        "References from other schools",
        "Ask schools or settings where they have spoken before how it went.",
        False,
    ),
    (
        "The speaker's previous visits here",
        "Look at the register for earlier visits and their evaluations.",
        False,
    ),
    (
        "Views of the local Prevent officer",
        "Where any check found concerns, ask the local authority Prevent officer or the police for their view.",
        True,
    ),
]

"""Word lists the sentence splitter uses to tell an abbreviation's full stop from a sentence end."""
from __future__ import annotations

__all__ = ["TITLE_ABBREVIATIONS", "MONTH_ABBREVIATIONS", "OTHER_ABBREVIATIONS", "SENTENCE_OPENERS"]

#: titles and ranks: always followed by a name, never end a sentence
TITLE_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj sgt cpl capt cmdr adm gov sen rep rev fr sr st mt ft hon pres
brig supt insp det
""".split())
#: months: no break before a day number ("Sept. 19")
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: abbreviations that end a sentence only before a typical sentence opener
OTHER_ABBREVIATIONS = frozenset("""
inc corp co ltd bros no nos vs v etc al approx est dept univ assn ave blvd rd
""".split())
#: words that start sentences (lowercased): a break after "U.S." or "Corp." needs one of these
SENTENCE_OPENERS = frozenset("""
a an the he she it they we i you this that these those there his her its their our but and
so yet in on at for if when while after before as however meanwhile still also then now
some many most one two three officials critics it's i'm
""".split())

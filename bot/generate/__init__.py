"""Generative answers: a LangChain chat model writes from numbered passages, checked after.

`backends` turns settings into a chat model; `prompt` numbers the passages (as data,
never instructions); `markers` reads and renumbers `[n]`; `grounding` checks every
figure, date and name against the passages cited; `generative` runs it all and falls
back to the extractive answer when the check fails; `rewrite` makes follow-ups stand alone.
"""

"""The cascade's switch: the learned path answers where its chooser's probability beats the
switch's threshold; below it the rule reader answers, and, where the switch says so, its
answer stands only when the learned path found the same answer in one of the passages it
read (two readers agreeing). Where the two disagree and the switch has a fallback
threshold, the learned path's best candidate answers when it beats that lower threshold;
else the rules' answer stands or, with agreement needed, the question is refused. Fitted
by `training/fit_cascade.py` on held-out training questions (never the eval sets)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.answer.matching import same_answer
from bot.answer.reader import READER_DIR

CASCADE_FILE = READER_DIR / "cascade.json"


@dataclass(frozen=True)
class CascadeSwitch:
    learned_threshold: float  # the learned path answers above it
    rules_need_agreement: bool  # below it, the rules' answer must be a learned candidate
    fallback_threshold: float | None = None  # where they disagree, learned above this

    def agree(self, rules_answer: str | None, learned_answers: Iterable[str]) -> bool:
        """Whether the learned path found the rule reader's answer among its candidates."""
        return rules_answer is not None and any(same_answer(rules_answer, a)
                                                for a in learned_answers)

    def below_threshold(self, rules_answer: str | None, learned_answers: list[str],
                        learned_best: float) -> Literal["rules", "learned", "refuse"]:
        """Who answers a question the learned path did not answer at its threshold:
        `rules_answer` is the rule reader's (None: it refused), `learned_best` the learned
        path's best probability."""
        if self.agree(rules_answer, learned_answers):
            return "rules"
        if self.fallback_threshold is not None and learned_best > self.fallback_threshold:
            return "learned"
        if rules_answer is not None and not self.rules_need_agreement:
            return "rules"
        return "refuse"

    @classmethod
    def load(cls, path: Path) -> CascadeSwitch:
        data = json.loads(path.read_text())
        try:
            fallback = data.get("fallback_threshold")
            return cls(float(data["learned_threshold"]), bool(data["rules_need_agreement"]),
                       None if fallback is None else float(fallback))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ValueError(f"{path}: needs a numeric 'learned_threshold', a "
                             f"'rules_need_agreement' and, if any, a numeric "
                             f"'fallback_threshold'") from e


def load_cascade(path: Path = CASCADE_FILE) -> CascadeSwitch | None:
    """The fitted switch, or None where none is fitted (the chooser's threshold decides and
    the rules' answers all stand)."""
    return CascadeSwitch.load(path) if path.exists() else None

"""The cascade's switch: the learned path answers where its chooser's probability beats the
switch's threshold; below it the rule reader answers, and, where the switch says so, its
answer stands only when the learned path found the same answer in one of the passages it
read (two readers agreeing), else the question is refused. Fitted by
`training/fit_cascade.py` on held-out training questions (never the eval sets)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.answer.matching import same_answer
from bot.answer.reader import READER_DIR

CASCADE_FILE = READER_DIR / "cascade.json"


@dataclass(frozen=True)
class CascadeSwitch:
    learned_threshold: float  # the learned path answers above it
    rules_need_agreement: bool  # below it, the rules' answer must be a learned candidate

    def rules_stand(self, rules_answer: str | None, learned_answers: Iterable[str]) -> bool:
        """Whether the rule reader's answer is given (else a refusal)."""
        if not self.rules_need_agreement:
            return True
        return any(same_answer(rules_answer, a) for a in learned_answers)

    @classmethod
    def load(cls, path: Path) -> CascadeSwitch:
        data = json.loads(path.read_text())
        try:
            return cls(float(data["learned_threshold"]), bool(data["rules_need_agreement"]))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path}: needs a numeric 'learned_threshold' and a "
                             f"'rules_need_agreement'") from e


def load_cascade(path: Path = CASCADE_FILE) -> CascadeSwitch | None:
    """The fitted switch, or None where none is fitted (the chooser's threshold decides and
    the rules' answers all stand)."""
    return CascadeSwitch.load(path) if path.exists() else None

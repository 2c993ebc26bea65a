"""What counts as answered, not applicable, applicable: one definition for every page.

The overview and its cards, the section tabs, the results page, the submit page, the exports
and the reports all count with these functions (or, in SQL, with `selectors.ANSWERED`, which
says the same), so their figures agree. The rules are in docs/scoring.md, "Counting answers".
Pure: works on anything with an answer's and a question's attributes; no ORM.
"""

from dataclasses import dataclass

ANSWERED = "answered"  # a usable value: a level, yes or no, a number, some text
NOT_APPLICABLE = "not_applicable"  # N/A with its reason, where the content allows it
NOT_ANSWERED = "not_answered"  # everything else, including an answer with only a comment


def na_reason_missing(answer):
    """Ticked "not applicable" without saying why yet: a draft, not answered."""
    return bool(answer.not_applicable) and not answer.na_justification.strip()


def has_value(answer):
    """A usable value; a value left on an answer ticked N/A does not count."""
    if answer.not_applicable:
        return False
    return (
        answer.maturity is not None
        or answer.yes_no is not None
        or answer.number is not None
        or bool(answer.text.strip())
    )


def na_accepted(answer, question):
    """N/A with a reason on a question the content lets be N/A: left out of the scores."""
    return bool(answer.not_applicable) and question.na_allowed and not na_reason_missing(answer)


def status(answer, question):
    """ANSWERED, NOT_APPLICABLE or NOT_ANSWERED; `answer` may be None."""
    if answer is None:
        return NOT_ANSWERED
    if has_value(answer):
        return ANSWERED
    if na_accepted(answer, question):
        return NOT_APPLICABLE
    return NOT_ANSWERED


def is_done(answer, question):
    """Nothing left to do on the question: answered, or N/A accepted. This is what
    completion ("n of N questions answered") counts."""
    return status(answer, question) != NOT_ANSWERED


@dataclass
class Counts:
    """The counts of a questionnaire (or of one focus area) and its answers.

    `answered` is what completion shows: answered with a value, or N/A with its reason
    (`with_value` + `not_applicable`). `applicable` leaves the accepted N/As out."""

    total: int = 0  # questions of the questionnaire (retired ones are not)
    with_value: int = 0
    not_applicable: int = 0
    mandatory_left: int = 0  # mandatory questions not answered (nor N/A with a reason)
    na_reason_missing: int = 0  # N/A ticked without a reason: not answered
    na_refused: int = 0  # N/A where the content does not allow it: not answered
    na_rejected: int = 0  # N/A a reviewer rejected, not answered since
    carried_over: int = 0  # copied from an earlier assessment, not confirmed or changed yet

    @property
    def answered(self):
        return self.with_value + self.not_applicable

    @property
    def applicable(self):
        return self.total - self.not_applicable

    @property
    def unanswered(self):
        return self.total - self.answered

    @property
    def percent(self):
        return round(100 * self.answered / self.total) if self.total else 0

    def add(self, question, answer):
        self.total += 1
        state = status(answer, question)
        if state == ANSWERED:
            self.with_value += 1
        elif state == NOT_APPLICABLE:
            self.not_applicable += 1
        elif question.mandatory:
            self.mandatory_left += 1
        if answer is None:
            return
        if state == NOT_ANSWERED and answer.not_applicable:
            if na_reason_missing(answer):
                self.na_reason_missing += 1
            else:
                self.na_refused += 1
        if state == NOT_ANSWERED and not answer.not_applicable and answer.na_rejection.strip():
            self.na_rejected += 1
        if answer.carried_over_from_id:
            self.carried_over += 1


def count(questions, answers):
    """Counts of `questions` (the questionnaire, or part of it) given {question id: answer}."""
    counts = Counts()
    for question in questions:
        counts.add(question, answers.get(question.pk))
    return counts

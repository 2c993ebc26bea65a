"""What a content maintainer checks before publishing an edition: per standard, its questions
and answer types; standards resting on fewer than two scored questions; points marked
unverified; texts missing in French. Pure: content data in (from `read_content`), report out."""

from dataclasses import dataclass, field

MIN_SCORED_QUESTIONS = 2


@dataclass
class ContentReport:
    code: str
    standards: list = field(default_factory=list)  # (code, title, [(question, answer type)])
    thin: list = field(default_factory=list)  # (standard code, scored questions)
    unverified: list = field(default_factory=list)  # (place, note)
    missing_french: list = field(default_factory=list)  # (place, field)

    @property
    def errors(self):
        """Gaps that must not be published: thin standards and missing French texts."""
        return [f"{code}: {n} scored question(s)" for code, n in self.thin] + [
            f"{place}: no French {name}" for place, name in self.missing_french
        ]


def build(content):
    report = ContentReport(content["framework"]["code"])
    phase_1 = [q for q in content["questions"] if q["phase"] == 1]
    if content["framework"].get("unverified"):
        report.unverified.append(("framework", content["framework"]["unverified"]))
    for pillar in content["pillars"]:
        _check_french(report, pillar["code"], {"title": pillar["title"]})
        for standard in pillar["standards"]:
            code = standard["code"]
            cited = [q for q in phase_1 if code in q["standards"]]
            report.standards.append(
                (code, standard["title"]["en"], [(q["code"], q["answer_type"]) for q in cited])
            )
            scored = sum(1 for q in cited if q["answer_type"] != "text")
            if scored < MIN_SCORED_QUESTIONS:
                report.thin.append((code, scored))
            if standard.get("unverified"):
                report.unverified.append((code, standard["unverified"]))
            _check_french(report, code, {"title": standard["title"]})
    for q in content["questions"]:
        if q.get("unverified"):
            report.unverified.append((q["code"], q["unverified"]))
        texts = {"text": q["text"], "guidance": q["guidance"], "evidence": q["evidence"]}
        if q["answer_type"] == "number":
            texts["unit"] = q["unit"]
        _check_french(report, q["code"], texts)
        if any(not level.get("fr") for level in q["levels"]):
            report.missing_french.append((q["code"], "levels"))
    return report


def _check_french(report, place, texts):
    for name, text in texts.items():
        if text.get("en") and not text.get("fr"):
            report.missing_french.append((place, name))


def as_text(report):
    lines = [f"Content report: {report.code}", "", "Standards and their Phase 1 questions:"]
    for code, title, questions in report.standards:
        listed = ", ".join(f"{q} ({kind})" for q, kind in questions) or "none"
        lines.append(f"  {code} {title}: {listed}")
    sections = (
        (f"Standards below {MIN_SCORED_QUESTIONS} scored questions", report.thin),
        ("Marked unverified (to confirm against the official text)", report.unverified),
        ("Missing French texts", report.missing_french),
    )
    for heading, rows in sections:
        lines += ["", f"{heading}: {len(rows)}"]
        lines += [f"  {a}: {b}" for a, b in rows]
    lines += ["", f"errors={len(report.errors)}"]
    return "\n".join(lines)
